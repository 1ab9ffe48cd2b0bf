// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the input readers. Built and run by scripts/fuzz, which passes
// -sanitize=fuzzer,address; see Fuzz/README.md.
let package = Package(
    name: "ThaiReportFuzz",
    dependencies: [.package(name: "ThaiReport", path: "..")],
    targets: [
        // One binary; scripts/fuzz chooses the reader with THAIREPORT_FUZZ_TARGET.
        .executableTarget(
            name: "fuzz-input",
            dependencies: [
                .product(name: "ReportInput", package: "ThaiReport"),
                .product(name: "ReportModel", package: "ThaiReport"),
                .product(name: "HTMLOutput", package: "ThaiReport"),
                .product(name: "TestSupport", package: "ThaiReport"),
            ])
    ]
)
