import ArgumentParser
import FontSystem
import Foundation
import Preview
import ReportInput

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show a report in the browser and rebuild it each time its files are saved.",
        discussion: """
            Serves the report on this computer only (127.0.0.1) and prints the address to open. The \
            page shows the report and its PDF and reloads itself, at the same place, after every \
            save of the data file, the template, a CSV table or the logo. An error in the input is \
            shown in the page with its file, line and column; the last good report stays until it \
            is fixed. Ctrl-C stops the preview and removes its files.

            Example:
              thaireport preview Samples/singburi-pao/2564.yaml
            """)

    @Argument(help: "The data file (<fiscal-year>.yaml).")
    var dataFile: String

    @Option(name: .long, help: "Port on 127.0.0.1 (default: a free one).")
    var port: UInt16 = 0

    @Option(name: .long, help: "Templates folder (default: the nearest Templates folder above the data file).")
    var templates: String?

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataFile, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ValidationError(
                "ไม่พบไฟล์ข้อมูล '\(TerminalText.escape(dataFile))' / no data file '\(TerminalText.escape(dataFile))'")
        }
        if let templates { try validateTemplatesFolder(templates) }
    }

    func run() throws {
        guard let fontsDirectory = FontSystem.locateDirectory() else {
            printError(
                "ไม่พบโฟลเดอร์ฟอนต์ Fonts/ (ตั้ง THAIREPORT_FONTS ได้) / cannot find the Fonts folder (set THAIREPORT_FONTS)")
            throw ExitCode(1)
        }
        let server = try PreviewServer(
            .init(
                dataFile: URL(fileURLWithPath: dataFile).standardizedFileURL, port: port,
                templatesRoot: templates.map { URL(fileURLWithPath: $0) }, fontsDirectory: fontsDirectory))
        let finished = DispatchSemaphore(value: 0)
        let stopping = PreviewStop.Flag()
        PreviewStop.install {
            guard stopping.set() else { return }
            Task {
                await server.stop()
                finished.signal()
            }
        }
        Task {
            do {
                try await server.run { url in
                    FileHandle.standardOutput.write(
                        Data("เปิด / open \(url.absoluteString)  (Ctrl-C หยุด / to stop)\n".utf8))
                }
            } catch {
                // Stopping ends the server's run; only an error of its own is reported.
                guard stopping.set() else { return }
                printError("เริ่มเซิร์ฟเวอร์ไม่ได้ / cannot start the preview server: \(error)")
                await server.stop()
                Foundation.exit(1)
            }
        }
        finished.wait()
    }
}

/// Ctrl-C, `kill` or a closed terminal stops the preview cleanly.
enum PreviewStop {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    /// Set once: the first of a signal and a server error decides how the preview ends.
    final class Flag: @unchecked Sendable {
        // `value` is only read and written under `lock`.
        private let lock = NSLock()
        private var value = false
        /// Sets the flag; false if it was set already.
        func set() -> Bool {
            lock.withLock {
                defer { value = true }
                return !value
            }
        }
    }

    static func install(_ stop: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "thaireport.preview.signals")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { stop() }
            source.resume()
            sources.append(source)
        }
    }
}
