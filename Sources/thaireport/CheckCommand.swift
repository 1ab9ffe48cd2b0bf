import ArgumentParser
import Foundation
import ReportInput
import ThaiReport

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check data files or templates without writing anything.",
        discussion: """
            Prints every problem as file:line:column: message (Thai / English) and exits with status 2 \
            if there is an error. Warnings (such as an OIT item with no responsible unit yet) do not fail. \
            A folder holding a template.yaml is checked as a template on its own, without agency data.

            Examples:
              thaireport check Samples/singburi-pao/2564.yaml
              thaireport check Samples --year 2564
              thaireport check Templates/ita-2564
            """)

    @Argument(help: "Data files (<fiscal-year>.yaml), folders holding them, or template folders.")
    var paths: [String]

    @Option(name: .long, help: "Only data files of this fiscal year.")
    var year: Int?

    @Option(name: .long, help: "Templates folder.")
    var templates: String?

    func validate() throws {
        if let templates { try validateTemplatesFolder(templates) }
    }

    func run() throws {
        var failed = false
        let isTemplate = { (path: String) in
            FileManager.default.fileExists(
                atPath: URL(fileURLWithPath: path).appendingPathComponent("template.yaml").path)
        }
        for path in paths where isTemplate(path) {
            let diagnostics = TemplateLoader.check(folder: URL(fileURLWithPath: path).standardizedFileURL)
            for diagnostic in diagnostics { printError(diagnostic.description) }
            if diagnostics.contains(where: { $0.severity == .error }) {
                failed = true
            } else {
                print("ถูกต้อง / ok: \(TerminalText.escape(path))")
            }
        }
        let dataPaths = paths.filter { !isTemplate($0) }
        let files = dataPaths.isEmpty ? [] : try dataFiles(dataPaths, year: year)
        for file in files {
            do {
                let loaded = try ReportBuilder.load(file, templatesRoot: templates.map { URL(fileURLWithPath: $0) })
                for warning in loaded.warnings { printError(warning.description) }
                print("ถูกต้อง / ok: \(TerminalText.escape(file.path))")
            } catch let error as InputError {
                printError(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(inputErrorStatus) }
    }
}
