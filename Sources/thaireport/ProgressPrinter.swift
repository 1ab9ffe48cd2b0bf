import Foundation
import ThaiReport

/// Progress of a batch on standard error: one line that updates itself on a terminal
/// (done / total, the report, time left), one plain line per report otherwise; then a summary.
final class ProgressPrinter: BatchProgress, @unchecked Sendable {
    // The batch calls `finished` under its lock, one call at a time; `summary` runs after it.
    private let terminal: Bool
    private var total = 0

    init(terminal: Bool) { self.terminal = terminal }

    func started(total: Int) {
        self.total = total
        if !terminal { printError("สร้างรายงาน \(total) ฉบับ / building \(total) report(s)") }
    }

    func finished(file: URL, agencyID: String?, outcome: ReportOutcome, done: Int, total: Int, elapsed: Double) {
        let name = agencyID ?? file.deletingLastPathComponent().lastPathComponent
        let word: String
        switch outcome {
        case .built: word = "สร้างแล้ว / built"
        case .skipped: word = "ไม่เปลี่ยน ข้าม / unchanged, skipped"
        case .failed: word = "ล้มเหลว / failed"
        }
        if case .failed(let message) = outcome {
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            printError(message)
        }
        if terminal {
            let left = done < total ? elapsed / Double(done) * Double(total - done) : 0
            let line = String(format: "[%d/%d] %@ %@ · เหลือประมาณ / about %.0f s left", done, total, name, word, left)
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        } else {
            printError("[\(done)/\(total)] \(name): \(word)")
        }
    }

    func summary(_ result: BatchResult) {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let seconds = String(format: "%.2f", result.elapsed)
        printError("สร้าง \(result.built.count) · ข้าม \(result.skipped.count) · ล้มเหลว \(result.failed.count) · \(seconds) วินาที / "
            + "built \(result.built.count), skipped \(result.skipped.count), failed \(result.failed.count) in \(seconds) s")
        for warning in result.warnings {
            printError("  คำเตือน / warning: \(warning.file.path): \(warning.message)")
        }
        for failure in result.failed {
            let first = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
            printError("  ล้มเหลว / failed: \(first)")
        }
    }
}
