import ArgumentParser
import Foundation
import PDFOutput
import ReportInput
import ThaiReport

/// Exit status for input the tool cannot accept.
let inputErrorStatus: Int32 = 2

@main
struct ThaiReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thaireport",
        abstract: "Typesets official Thai reports (ITA measures-results) as PDF and HTML.",
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self, TemplateCommand.self, PreviewCommand.self])

    /// Refuses arguments that are not UTF-8 before parsing them: Swift would turn their bytes
    /// into U+FFFD, so a path would name a file that does not exist, or a folder that should not.
    static func main() {
        // Before any thread starts: it sets an environment variable.
        CairoPlainStreams.request()
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            if String(validatingCString: argument) == nil {
                let shown = String(
                    decoding: UnsafeRawBufferPointer(start: argument, count: strlen(argument)), as: UTF8.self)
                printError(
                    "อาร์กิวเมนต์ที่ \(index) ไม่ใช่ UTF-8 ('\(TerminalText.escape(shown))'): เปลี่ยนชื่อไฟล์หรือโฟลเดอร์ให้เป็น UTF-8 / "
                        + "argument \(index) is not UTF-8 ('\(TerminalText.escape(shown))'): rename the file or folder in UTF-8"
                )
                Foundation.exit(inputErrorStatus)
            }
        }
        self.main(nil)
    }
}

/// `--out`: a folder, or a path where one can be made; never empty, never a file.
func validateOutputFolder(_ path: String) throws {
    guard !path.isEmpty else {
        throw ValidationError("--out ต้องระบุโฟลเดอร์ เช่น --out out / --out needs a folder, such as --out out")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        throw ValidationError(
            "--out '\(TerminalText.escape(path))' เป็นไฟล์ ไม่ใช่โฟลเดอร์: ระบุโฟลเดอร์อื่น / "
                + "--out '\(TerminalText.escape(path))' is a file, not a folder: name a folder")
    }
}

/// `--templates`: an existing folder.
func validateTemplatesFolder(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
        throw ValidationError(
            "--templates '\(TerminalText.escape(path))' ไม่ใช่โฟลเดอร์ที่มีอยู่: ระบุโฟลเดอร์แม่แบบ เช่น Templates / "
                + "--templates '\(TerminalText.escape(path))' is not an existing folder: name the templates folder, such as Templates"
        )
    }
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
    do {
        files = try DataFiles.discover(paths, year: year)
    } catch let error as DataFiles.NotUTF8 {
        printError(TerminalText.escape(error.description))
        throw ExitCode(inputErrorStatus)
    } catch {
        throw ValidationError(TerminalText.escape("\(error)"))
    }
    if files.isEmpty {
        printError("ไม่พบไฟล์ข้อมูล / no data files found" + (year.map { " (\($0).yaml)" } ?? ""))
        throw ExitCode(inputErrorStatus)
    }
    return files
}
