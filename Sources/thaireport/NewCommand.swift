import ArgumentParser
import Foundation
import ReportInput
import ThaiReport

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new agency data file, prefilled with the year's catalog and Thai comments.",
        discussion: """
            Writes <folder>/<agency-id>/<year>.yaml and never overwrites an existing file.

            Example:
              thaireport new --agency ban-suan-sao --name "องค์การบริหารส่วนตำบลบ้านสวน" --year 2565
            """)

    @Option(name: .long, help: "Agency id: a-z, 0-9 and '-' (it names the output files).")
    var agency: String

    @Option(name: .long, help: "The agency's name in Thai.")
    var name: String

    @Option(name: .long, help: "Fiscal year (Buddhist era, e.g. 2565).")
    var year: Int

    @Option(name: .long, help: "Template id (default: ita-<year>).")
    var template: String?

    @Option(name: .long, help: "Folder for agency folders.")
    var folder: String = "Samples"

    @Option(name: .long, help: "Templates folder.")
    var templates: String = "Templates"

    func run() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--name ต้องไม่ว่าง / --name must not be empty")
        }
        if name.unicodeScalars.contains(where: TerminalText.isControl) {
            printError(DataFileWriter.InvalidName(name: name).description)
            throw ExitCode(inputErrorStatus)
        }
        let loaded: Template
        do {
            loaded = try DataFileWriter.template(
                id: template, year: year, templatesRoot: URL(fileURLWithPath: templates))
        } catch let error as InputError {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.InvalidTemplateID {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.WrongYear {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        }
        Interruption.install()
        do {
            let file = try DataFileWriter.write(
                template: loaded, agencyID: agency, name: name, year: year,
                folder: URL(fileURLWithPath: folder), create: AtomicFile.createIfAbsent)
            print("เขียนแล้ว / wrote \(TerminalText.escape(file.path))")
        } catch let error as DataFileWriter.InvalidName {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.InvalidID {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.Exists {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
