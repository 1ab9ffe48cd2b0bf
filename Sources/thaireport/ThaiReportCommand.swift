import ArgumentParser
import Foundation
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

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// The data files the arguments name; none found is bad input (exit status 2).
func dataFiles(_ paths: [String], year: Int?) throws -> [URL] {
    let files: [URL]
    do { files = try DataFiles.discover(paths, year: year) } catch { throw ValidationError("\(error)") }
    if files.isEmpty {
        printError("ไม่พบไฟล์ข้อมูล / no data files found" + (year.map { " (\($0).yaml)" } ?? ""))
        throw ExitCode(inputErrorStatus)
    }
    return files
}
