import HTMLOutput
import ReportModel

/// Whether text put in every field of a report becomes markup: the page made with the text must
/// have the same elements, in order, as the page made with the same text with every character
/// but white space replaced by `x` (white space may shape a page: a line break is a `<br>`).
/// Used by the HTML escaping tests and the `html` fuzz target.
public enum EscapingCheck {
    /// Nil when the text stays text; else where the elements first differ and what is there.
    public static func firstDifference(_ report: Report, text: String) -> (index: Int, found: [String])? {
        let neutral = String(text.map { $0.isWhitespace ? $0 : "x" })
        let plain = HTMLMarkup.elements(
            in: HTMLWriter.render(ModelFixtures.filled(report, with: neutral), linkingPDF: true))
        let hostile = HTMLMarkup.elements(
            in: HTMLWriter.render(ModelFixtures.filled(report, with: text), linkingPDF: true))
        guard hostile != plain else { return nil }
        let index =
            zip(hostile, plain).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(hostile.count, plain.count)
        return (index, Array(hostile[min(index, hostile.count)...].prefix(3)))
    }
}
