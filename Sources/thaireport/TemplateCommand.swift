import ArgumentParser
import Foundation
import ReportInput
import ThaiReport

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Work with templates: make next year's from this year's.",
        subcommands: [NewTemplate.self])

    struct NewTemplate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Copy a template under a new id and fiscal year, ready to edit.",
            discussion: """
                Never overwrites. The year is the new id's last four digits unless --year gives it. \
                See docs/templates.md for making next year's template from the NACC manual.

                Example:
                  thaireport template new ita-2567 --from ita-2566
                """)

        @Argument(help: "The new template's id, e.g. ita-2567.")
        var id: String

        @Option(name: .long, help: "The template to copy, e.g. ita-2566.")
        var from: String

        @Option(name: .long, help: "Fiscal year (Buddhist era); default: the id's last four digits.")
        var year: Int?

        @Option(name: .long, help: "Templates folder.")
        var templates: String = "Templates"

        func run() throws {
            guard let year = year ?? Int(id.suffix(4)) else {
                throw ValidationError(
                    "ระบุ --year เพราะชื่อแม่แบบไม่ได้ลงท้ายด้วยปี / give --year: the id does not end in a year")
            }
            let root = URL(fileURLWithPath: templates)
            do {
                let folder = try TemplateCopy.copy(source: from, to: id, year: year, templatesRoot: root)
                let problems = TemplateLoader.check(folder: folder)
                for problem in problems { printError(problem.description) }
                print("เขียนแล้ว / wrote \(TerminalText.escape(folder.path))")
                if problems.contains(where: { $0.severity == .error }) { throw ExitCode(inputErrorStatus) }
            } catch let error as TemplateCopy.Failure {
                printError(error.description)
                throw ExitCode(inputErrorStatus)
            }
        }
    }
}
