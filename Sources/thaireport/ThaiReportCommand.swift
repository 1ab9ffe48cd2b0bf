import ArgumentParser
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
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self])
}

/// Prints a message on standard error. Messages quote input (paths, names, values): every
/// control character but the line breaks between messages is escaped, so input cannot drive
/// the terminal.
func printError(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0)) }
    let safe = lines.joined(separator: "\n")
    FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

/// The data files the arguments name; none found is bad input (exit status 2).
func dataFiles(_ paths: [String], year: Int?) throws -> [URL] {
    let files: [URL]
    do { files = try DataFiles.discover(paths, year: year) } catch {
        throw ValidationError(TerminalText.escape("\(error)"))
    }
    if files.isEmpty {
        printError("ไม่พบไฟล์ข้อมูล / no data files found" + (year.map { " (\($0).yaml)" } ?? ""))
        throw ExitCode(inputErrorStatus)
    }
    return files
}
