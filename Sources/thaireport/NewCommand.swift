import ArgumentParser
import Foundation
import ReportInput
import ThaiReport

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new agency data file, prefilled with the year's catalog and Thai comments.",
        discussion: """
            Writes <folder>/<agency-id>/<year>.yaml and never overwrites an existing file. With --from, \
            writes next year's file beside last year's: agency, signature, measures (for review, results \
            left to fill in) and OIT statuses mapped item by item through the catalogs' stable keys, then \
            prints what was carried, mapped, changed, new and dropped.

            Examples:
              thaireport new --agency ban-suan-sao --name "องค์การบริหารส่วนตำบลบ้านสวน" --year 2565
              thaireport new --from Samples/singburi-pao/2564.yaml --year 2565
            """)

    @Option(name: .long, help: "Agency id: a-z, 0-9 and '-' (it names the output files).")
    var agency: String?

    @Option(name: .long, help: "The agency's name in Thai.")
    var name: String?

    @Option(name: .long, help: "Last year's data file to carry over.")
    var from: String?

    @Option(name: .long, help: "Fiscal year (Buddhist era, e.g. 2565).")
    var year: Int

    @Option(name: .long, help: "Template id (default: ita-<year>).")
    var template: String?

    @Option(name: .long, help: "Folder for agency folders.")
    var folder: String = "Samples"

    @Option(name: .long, help: "Templates folder.")
    var templates: String = "Templates"

    func validate() throws {
        if from != nil {
            if agency != nil || name != nil {
                throw ValidationError(
                    "--from ใช้ข้อมูลหน่วยงานจากไฟล์เดิม ไม่ต้องระบุ --agency หรือ --name / --from takes the agency from the file: leave out --agency and --name"
                )
            }
        } else if agency == nil || name == nil {
            throw ValidationError("ต้องระบุ --agency และ --name (หรือ --from) / give --agency and --name (or --from)")
        }
    }

    func run() throws {
        if let from {
            try carryOver(from)
            return
        }
        guard let name, let agency else { return }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--name ต้องไม่ว่าง / --name must not be empty")
        }
        if name.unicodeScalars.contains(where: TerminalText.isControl) {
            printError(DataFileWriter.InvalidName(name: name).description)
            throw ExitCode(inputErrorStatus)
        }
        try exitingOnBadInput {
            let loaded = try DataFileWriter.template(
                id: template, year: year, templatesRoot: URL(fileURLWithPath: templates))
            Interruption.install()
            let file = try DataFileWriter.write(
                template: loaded, agencyID: agency, name: name, year: year,
                folder: URL(fileURLWithPath: folder), create: AtomicFile.createIfAbsent)
            print("เขียนแล้ว / wrote \(TerminalText.escape(file.path))")
        }
    }

    /// Runs `body`, printing what goes wrong: bad input exits with status 2, a file that is
    /// already there with 1.
    func exitingOnBadInput(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DataFileWriter.Exists {
            printError(error.description)
            throw ExitCode(1)
        } catch let error as InputError {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.InvalidTemplateID {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.WrongYear {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.InvalidName {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        } catch let error as DataFileWriter.InvalidID {
            printError(error.description)
            throw ExitCode(inputErrorStatus)
        }
    }

    /// Next year's file from last year's, and the summary of what happened to each part.
    func carryOver(_ from: String) throws {
        Interruption.install()
        try exitingOnBadInput {
            let (file, summary) = try CarryOver.write(
                from: URL(fileURLWithPath: from), year: year, templateID: template,
                templatesRoot: templates == "Templates" && !FileManager.default.fileExists(atPath: templates)
                    ? nil : URL(fileURLWithPath: templates),
                create: AtomicFile.createIfAbsent)
            print("เขียนแล้ว / wrote \(TerminalText.escape(file.path))")
            print("ยกมา / carried: \(TerminalText.escape(summary.carried.joined(separator: ", ")))")
            print("OIT จับคู่ตรงกัน / mapped unchanged: \(summary.mapped.count)")
            for change in summary.changed {
                print("  ทบทวน / review: \(change.code) ← \(change.from.joined(separator: " + "))")
            }
            for item in summary.added { print("  ข้อใหม่ กรอก / new, to fill in: \(TerminalText.escape(item))") }
            for item in summary.dropped { print("  ตัดออก / dropped: \(TerminalText.escape(item))") }
            if !summary.left.isEmpty {
                let left = TerminalText.escape(summary.left.joined(separator: ", "))
                print("ไม่มีที่ในแม่แบบใหม่ / not carried (no place in the new template): \(left)")
            }
        }
    }
}
