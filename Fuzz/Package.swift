// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the input readers. Built and run by scripts/fuzz, which passes
// -sanitize=fuzzer,address; see Fuzz/README.md.
let package = Package(
    name: "ThaiReportFuzz",
    dependencies: [.package(name: "ThaiReport", path: "..")],
    targets: ["fuzz-data", "fuzz-template", "fuzz-csv", "fuzz-placeholders"].map { name in
        .executableTarget(name: name, dependencies: [.product(name: "ReportInput", package: "ThaiReport")])
    }
)
