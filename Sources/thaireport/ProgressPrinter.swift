import Foundation
import ThaiReport

/// Progress of a batch on standard error: on a terminal one line that updates itself (done /
/// total, the report being built, time left); otherwise one plain line per report; then a
/// summary. `THAIREPORT_PROGRESS=terminal` or `=plain` overrides the guess.
final class ProgressPrinter: BatchProgress, @unchecked Sendable {
    // The batch calls `began` and `finished` under its lock, one call at a time; `summary`
    // runs after it; so the state below is never touched by two threads at once.
    private let terminal: Bool
    private var done = 0
    private var total = 0
    private var elapsed = 0.0
    private var building: [String] = []

    init() {
        switch ProcessInfo.processInfo.environment["THAIREPORT_PROGRESS"] {
        case "terminal": terminal = true
        case "plain": terminal = false
        default: terminal = isatty(STDERR_FILENO) == 1
        }
    }

    static func name(_ file: URL) -> String { file.deletingLastPathComponent().lastPathComponent }

    func started(total: Int) {
        self.total = total
        if !terminal { printError("สร้างรายงาน \(total) ฉบับ / building \(total) report(s)") }
    }

    func began(file: URL) {
        building.append(Self.name(file))
        redraw()
    }

    func finished(file: URL, agencyID: String?, outcome: ReportOutcome, done: Int, total: Int, elapsed: Double) {
        self.done = done
        self.elapsed = elapsed
        building.removeAll { $0 == Self.name(file) }
        let name = agencyID ?? Self.name(file)
        let word: String
        switch outcome {
        case .built: word = "สร้างแล้ว / built"
        case .skipped: word = "ไม่เปลี่ยน ข้าม / unchanged, skipped"
        case .failed: word = "ล้มเหลว / failed"
        }
        if case .failed(let message) = outcome {
            if terminal { clearLine() }
            printError(message)
        }
        if terminal { redraw() } else { printError("[\(done)/\(total)] \(name): \(word)") }
    }

    /// The terminal line: done / total, what is being built, time left.
    private func redraw() {
        guard terminal else { return }
        let left = done > 0 && done < total ? elapsed / Double(done) * Double(total - done) : 0
        let now = building.isEmpty ? "" : " · " + building.joined(separator: ", ")
        clearLine()
        FileHandle.standardError.write(
            Data(String(format: "[%d/%d]%@ · เหลือประมาณ / about %.0f s left", done, total, now, left).utf8))
    }

    private func clearLine() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

    func summary(_ result: BatchResult) {
        if terminal { clearLine() }
        let seconds = String(format: "%.2f", result.elapsed)
        printError(
            "สร้าง \(result.built.count) · ข้าม \(result.skipped.count) · ล้มเหลว \(result.failed.count) · \(seconds) วินาที / "
                + "built \(result.built.count), skipped \(result.skipped.count), failed \(result.failed.count) in \(seconds) s"
        )
        for warning in result.warnings {
            printError("  คำเตือน / warning: \(warning.file.path): \(warning.message)")
        }
        for failure in result.failed {
            let first = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
            printError("  ล้มเหลว / failed: \(first)")
        }
    }
}
