import TestSupport
import Testing

@testable import Typesetting

/// A paragraph of a table cell too long to hold shaped is made into lines a window at a time
/// (`LineStream`); its lines are the lines of the whole text broken at once.
struct LineStreamTests {
    /// Thai with spaces and without, and paragraphs, over three and a half windows.
    static func text(spaces: Bool) -> String {
        let sentence = spaces ? Fixtures.sentence + " " : Fixtures.sentence.replacingOccurrences(of: " ", with: "")
        var text = ""
        var count = 0
        while text.utf8.count < 7 * LineStream.windowBytes / 2 {
            text += sentence
            count += 1
            if count % 97 == 0 { text += "\n" }
        }
        return text
    }

    static func allLines(_ stream: LineStream) -> [[ShapedLine]] {
        var batches: [[ShapedLine]] = []
        while !stream.isFinished { batches.append(stream.next()) }
        return batches
    }

    @Test(arguments: [true, false])
    func theStreamsLinesAreTheWholeTextsLines(spaces: Bool) {
        let text = Self.text(spaces: spaces)
        let style = Fixtures.tableStyle.cell
        let whole = Shaper(fonts: Fixtures.fonts()).shape(text, style: style, width: 150)
        let stream = LineStream(
            text, shaper: Shaper(fonts: Fixtures.fonts()), style: style, width: 150)
        let batches = Self.allLines(stream)
        // Given out a window at a time, each batch well short of the window.
        #expect(batches.count >= 4)
        #expect(batches.allSatisfy { !$0.isEmpty })
        let streamed = batches.flatMap { $0 }
        #expect(streamed.count == whole.count)
        // The same lines, the same width; the runs may be cut elsewhere (a long text is shaped
        // in pieces, and a line across the end of one has a run on either side).
        let differ = zip(streamed, whole).enumerated().filter { _, pair in
            pair.0.text != pair.1.text || abs(pair.0.width - pair.1.width) > 0.001
        }
        #expect(
            differ.isEmpty,
            "line \(differ.first?.offset ?? 0): \(differ.first.map { [$0.element.0.text, $0.element.1.text] } ?? [])")
        #expect(stream.next().isEmpty)
    }

    /// Letters with no break opportunity: cut between characters, the same way.
    @Test func aRunWithoutBreaksIsCutAsTheWholeTextIs() {
        let text = String(repeating: "abcdefghij", count: 15_000)
        let style = Fixtures.tableStyle.cell
        let whole = Shaper(fonts: Fixtures.fonts()).shape(text, style: style, width: 120)
        let stream = LineStream(
            text, shaper: Shaper(fonts: Fixtures.fonts()), style: style, width: 120)
        let streamed = Self.allLines(stream).flatMap { $0 }
        #expect(streamed.map(\.text) == whole.map(\.text))
    }

    /// Characters that take no room put more than a window on one line (spaces of no width,
    /// or a letter carrying 90 KB of marks, one cluster): the window grows until a line ends in
    /// it, so no line ends where a window happened to, and no mark is cut from its letter.
    @Test(arguments: ["\u{200B}", "\u{0E34}"])
    func textThatTakesNoRoomStillComesOutAsAWhole(unit: String) {
        let text =
            "ก" + String(repeating: unit, count: 30_000)
            + Array(repeating: Fixtures.sentence, count: 100).joined(separator: " ")
        let style = Fixtures.tableStyle.cell
        let whole = Shaper(fonts: Fixtures.fonts()).shape(text, style: style, width: 120)
        let stream = LineStream(
            text, shaper: Shaper(fonts: Fixtures.fonts()), style: style, width: 120)
        let streamed = Self.allLines(stream).flatMap { $0 }
        #expect(streamed.map(\.text).joined() == text)
        let lengths = streamed.map { $0.text.unicodeScalars.count }
        #expect(lengths == whole.map { $0.text.unicodeScalars.count }, "\(lengths.prefix(3))")
    }
}
