// swift-tools-version:6.0
import PackageDescription

// The benchmark harness: a package of its own so the product's package carries no benchmark code.
// Run from the repository root: see Benchmarks/README.md.
let package = Package(
    name: "ThaiReportBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ThaiReport", path: "..")],
    targets: [
        .executableTarget(name: "thaireport-bench", dependencies: [.product(name: "ThaiReport", package: "ThaiReport")])
    ]
)
