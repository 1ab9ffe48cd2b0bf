import Foundation
import ReportInput
import ReportModel
import TestSupport

/// The `html` target: the fuzzer's text goes into every text field of the sample report (cover,
/// metadata, preface, section numbers and titles, paragraphs, headings, table cells) and the page
/// is rendered; it must have the same elements, in the same order, as the page made with plain
/// text (`EscapingCheck`). A difference means text became markup: the run stops with the finding.
enum HTMLEscaping {
    static let sample: Report? = try? ReportLoader.load(
        dataFile: URL(fileURLWithPath: "Samples/singburi-pao/2564.yaml")
    )
    .report
    static func check(_ text: String) -> [Diagnostic] {
        guard let sample else { fatalError("run from the repository root: the sample report is needed") }
        if let difference = EscapingCheck.firstDifference(sample, text: text) {
            fatalError("text became markup at element \(difference.index): \(text.debugDescription)")
        }
        return []
    }
}
