import ArgumentParser
import Foundation

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
