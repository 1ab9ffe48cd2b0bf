import ArgumentParser
import FontSystem
import Foundation
import ReportInput
import ThaiReport

/// Exit status for input the tool cannot accept.
let inputErrorStatus: Int32 = 2

@main
struct ThaiReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thaireport",
        abstract: "Typesets official Thai reports (ITA measures-results) as PDF and HTML.",
        subcommands: [Build.self, Check.self])
}

/// Data files named by the arguments: files as given, folders searched for `<year>.yaml`.
func dataFiles(_ paths: [String]) throws -> [URL] {
    var files: [URL] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("ไม่พบ '\(path)' / '\(path)' does not exist")
        }
        let url = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else { files.append(url); continue }
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        var found: [URL] = []
        while let next = enumerator?.nextObject() as? URL {
            let stem = next.deletingPathExtension().lastPathComponent
            if next.pathExtension == "yaml", stem.count == 4, stem.allSatisfy(\.isNumber) { found.append(next) }
        }
        files += found.sorted { $0.path < $1.path }
    }
    return files
}

func printDiagnostics(_ error: InputError) {
    for diagnostic in error.diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the PDF and HTML of one or more reports.",
        discussion: """
        Writes <out>/<fiscal-year>/<agency-id>.pdf and <out>/<fiscal-year>/<agency-id>/index.html.
        A folder is searched for data files named <fiscal-year>.yaml.

        Examples:
          thaireport build Samples/singburi-pao/2564.yaml
          thaireport build Samples --out out --format pdf
        """)

    @Argument(help: "Data files (<fiscal-year>.yaml) or folders holding them.")
    var paths: [String]

    @Option(name: .long, help: "Output folder.")
    var out: String = "out"

    @Option(name: .long, help: "Formats to write: pdf, html or pdf,html.")
    var format: String = "pdf,html"

    @Option(name: .long, help: "Templates folder (default: the nearest Templates folder above each data file).")
    var templates: String?

    func run() throws {
        var formats = Set<OutputFormat>()
        for name in format.split(separator: ",") {
            guard let parsed = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("ไม่รู้จักรูปแบบ '\(name)' (pdf, html) / unknown format '\(name)' (pdf, html)")
            }
            formats.insert(parsed)
        }
        let files = try dataFiles(paths)
        guard let fontsDirectory = FontSystem.locateDirectory() else {
            throw ValidationError("ไม่พบโฟลเดอร์ฟอนต์ Fonts/ (ตั้ง THAIREPORT_FONTS ได้) / cannot find the Fonts folder (set THAIREPORT_FONTS)")
        }
        let builder = ReportBuilder(fonts: try FontSystem(directory: fontsDirectory))
        let options = BuildOptions(outputDirectory: URL(fileURLWithPath: out), formats: formats,
                                   templatesRoot: templates.map { URL(fileURLWithPath: $0) })
        var failed = false
        var inputFailed = false
        var years = Set<Int>()
        for file in files {
            do {
                let loaded = try ReportBuilder.load(file, templatesRoot: options.templatesRoot)
                let written = try builder.write(loaded.report, options: options)
                years.insert(loaded.report.fiscalYear)
                for url in written { print("เขียนแล้ว / wrote \(url.path)") }
            } catch let error as InputError {
                printDiagnostics(error); failed = true; inputFailed = true
            } catch {
                FileHandle.standardError.write(Data("\(file.path): error: \(error)\n".utf8)); failed = true
            }
        }
        if formats.contains(.html) {
            for year in years.sorted() {
                let page = try YearPage.write(year: year, in: options.outputDirectory, fontsDirectory: fontsDirectory)
                print("เขียนแล้ว / wrote \(page.path)")
            }
        }
        if failed { throw ExitCode(inputFailed ? inputErrorStatus : 1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check data files without writing anything.",
        discussion: """
        Prints every problem as file:line:column: message (Thai / English) and exits with status 2
        if there is any.

        Example:
          thaireport check Samples/singburi-pao/2564.yaml
        """)

    @Argument(help: "Data files (<fiscal-year>.yaml) or folders holding them.")
    var paths: [String]

    @Option(name: .long, help: "Templates folder.")
    var templates: String?

    func run() throws {
        var failed = false
        for file in try dataFiles(paths) {
            do {
                let loaded = try ReportBuilder.load(file, templatesRoot: templates.map { URL(fileURLWithPath: $0) })
                for warning in loaded.warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
                print("ถูกต้อง / ok: \(file.path)")
            } catch let error as InputError {
                printDiagnostics(error); failed = true
            }
        }
        if failed { throw ExitCode(inputErrorStatus) }
    }
}
