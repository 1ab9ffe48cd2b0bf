// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ThaiReport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thaireport", targets: ["thaireport"]),
        .library(name: "ThaiReport", targets: ["ThaiReport"]),
        .library(name: "ReportInput", targets: ["ReportInput"]),
        // For the fuzz package (Fuzz/): the HTML writer and the model it renders.
        .library(name: "HTMLOutput", targets: ["HTMLOutput"]),
        .library(name: "ReportModel", targets: ["ReportModel"]),
        .library(name: "TestSupport", targets: ["TestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        // The preview server: a small HTTP server on Swift concurrency (no SwiftNIO to build).
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        // C libraries, from Debian's -dev packages through pkg-config.
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfreetype-dev"])]),
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo-ft",
            providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CFontconfig", pkgConfig: "fontconfig",
            providers: [.apt(["libfontconfig1-dev"])]),
        // Web fonts: HarfBuzz's subsetter, and Brotli for the WOFF2 container.
        .systemLibrary(
            name: "CHarfBuzzSubset", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        // Cairo's number printing, formatted without glibc's printf where the output is the same
        // (Sources/CFastPrintf/FastPrintf.c says how and why).
        .target(name: "CFastPrintf", linkerSettings: [.linkedLibrary("m"), .linkedLibrary("dl")]),

        // Pure Swift: no C types below this line until FontSystem.
        .target(name: "ThaiText"),
        .target(name: "ReportModel", dependencies: ["ThaiText"]),
        .target(name: "SiteLayout"),
        .target(name: "ReportInput", dependencies: ["ReportModel", "ThaiText", "Yams"]),
        .target(name: "PageIR"),

        // Thai break opportunities (libthai through Pango's log attributes; no fonts), shared by
        // the PDF's line breaker and the HTML writer.
        .target(name: "ThaiBreaking", dependencies: ["CPangoCairo"]),

        // Shaping and drawing.
        .target(
            name: "FontSystem", dependencies: ["CPangoCairo", "CFontconfig"],
            linkerSettings: [.linkedLibrary("pangoft2-1.0")]),
        .target(
            name: "Typesetting", dependencies: ["ReportModel", "PageIR", "FontSystem", "CPangoCairo", "ThaiBreaking"]),
        .target(
            name: "DocumentClasses",
            dependencies: ["ReportModel", "ThaiText", "ThaiBreaking", "PageIR", "FontSystem", "Typesetting"]),
        .target(name: "PDFOutput", dependencies: ["PageIR", "CCairo", "CZlib", "CFastPrintf"]),
        .target(name: "HTMLOutput", dependencies: ["ReportModel", "ThaiText", "SiteLayout"]),
        .target(name: "WebFonts", dependencies: ["CHarfBuzzSubset", "CBrotli"]),

        // Facade and command line.
        .target(
            name: "ThaiReport",
            dependencies: [
                "ReportModel", "ReportInput", "DocumentClasses", "PDFOutput", "HTMLOutput", "FontSystem", "PageIR",
                "SiteLayout", "WebFonts", "ThaiBreaking", "Typesetting",
            ]),
        .target(
            name: "Preview",
            dependencies: [
                "ThaiReport", "ReportInput", "SiteLayout", "FontSystem",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]),
        .executableTarget(
            name: "thaireport",
            dependencies: [
                "ThaiReport", "ReportInput", "FontSystem", "Preview", "PDFOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(name: "TestSupport", dependencies: ["ReportModel", "PageIR", "HTMLOutput"], path: "Tests/TestSupport"),
        .testTarget(name: "ThaiTextTests", dependencies: ["ThaiText"]),
        .testTarget(name: "CFastPrintfTests", dependencies: ["CFastPrintf"]),
        .testTarget(name: "ThaiBreakingTests", dependencies: ["ThaiBreaking", "TestSupport"]),
        .testTarget(name: "PreviewTests", dependencies: ["TestSupport"]),
        .testTarget(name: "SiteLayoutTests", dependencies: ["SiteLayout"]),
        .testTarget(name: "WebFontsTests", dependencies: ["WebFonts", "TestSupport"]),
        .testTarget(name: "ReportModelTests", dependencies: ["ReportModel"]),
        .testTarget(name: "PageIRTests", dependencies: ["PageIR"]),
        .testTarget(name: "FontSystemTests", dependencies: ["FontSystem", "CPangoCairo", "TestSupport"]),
        .testTarget(name: "ReportInputTests", dependencies: ["ReportInput", "ReportModel", "TestSupport"]),
        .testTarget(
            name: "TypesettingTests",
            dependencies: ["Typesetting", "PageIR", "FontSystem", "ReportModel", "TestSupport"]),
        .testTarget(
            name: "DocumentClassesTests",
            dependencies: [
                "DocumentClasses", "PageIR", "FontSystem", "ReportInput", "ReportModel", "ThaiText", "ThaiReport",
                "TestSupport",
            ]),
        .testTarget(
            name: "PDFOutputTests",
            dependencies: [
                "PDFOutput", "CCairo", "PageIR", "ThaiReport", "FontSystem", "ReportInput", "ReportModel",
                "Typesetting", "TestSupport", "DocumentClasses",
            ]),
        .testTarget(
            name: "HTMLOutputTests",
            dependencies: ["HTMLOutput", "ReportInput", "ReportModel", "TestSupport"]),
        .testTarget(
            name: "ThaiReportTests",
            dependencies: [
                "ThaiReport", "HTMLOutput", "ReportInput", "ReportModel", "FontSystem", "TestSupport", "ThaiText",
                "PageIR",
            ]),
    ]
)
