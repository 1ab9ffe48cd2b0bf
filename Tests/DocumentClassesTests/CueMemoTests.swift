import PageIR
import Testing

@testable import DocumentClasses

/// Continuation cues kept from one report to the next give the pages a fresh document gives.
@Suite struct CueMemoTests {
    /// Every cue line of a document: the bottom-right artifact lines of its pages.
    func cueTexts(_ document: LaidOutDocument) -> [String] {
        document.pages.compactMap { page in
            let runs = page.items.compactMap { item -> TextRun? in
                if case .text(let run) = item, run.text.hasSuffix("...") { return run } else { return nil }
            }
            return runs.isEmpty ? nil : runs.map(\.text).joined()
        }
    }

    @Test func aSecondReportReusesTheCuesAndGivesTheSamePages() throws {
        let document = ITADocument(fonts: Fixtures.fonts())
        let first = try document.layout(Fixtures.sample)
        let made = document.cues.made
        #expect(made > 5)
        #expect(cueTexts(first).count > 5)
        let second = try document.layout(Fixtures.sample)
        #expect(document.cues.made == made, "every cue of the same report is kept")
        #expect(document.cues.reused >= made)
        #expect(second == first)
        #expect(second == Fixtures.document)
    }

    /// A cue of another width is another cue: the same lines quoted (the cue's width moves
    /// nothing else), the first report's cues are not given to the second.
    @Test func anotherWidthMakesItsOwnCues() throws {
        let document = ITADocument(fonts: Fixtures.fonts())
        let first = try document.layout(Fixtures.sample)
        let made = document.cues.made
        var narrow = Fixtures.sample
        narrow.style.layout.cueWidth /= 2
        let second = try document.layout(narrow)
        #expect(document.cues.made == 2 * made)
        #expect(second == (try Fixtures.layout(narrow)))
        #expect(cueTexts(second) != cueTexts(first))
    }

    /// Another lexicon breaks lines elsewhere, so the cues are made again.
    @Test func anotherLexiconMakesTheCuesAgain() throws {
        let document = ITADocument(fonts: Fixtures.fonts())
        _ = try document.layout(Fixtures.sample)
        let made = document.cues.made
        var report = Fixtures.sample
        report.lexicon.append("ตัวชี้วัดพิเศษ")
        let other = try document.layout(report)
        #expect(document.cues.made == 2 * made)
        #expect(other == (try Fixtures.layout(report)))
    }

    @Test func theMemoStartsAgainPastItsLimit() {
        let memo = CueMemo()
        let style = ITAStyles(Fixtures.sample.style).body
        for i in 0..<(CueMemo.limit + 10) {
            _ = memo.line(CueMemo.Key(quoted: TextKey("line \(i)"), width: 100, style: style)) { nil }
        }
        #expect(memo.made == CueMemo.limit + 10)
        // The first keys are gone: asked again, they are made again.
        _ = memo.line(CueMemo.Key(quoted: TextKey("line 0"), width: 100, style: style)) { nil }
        #expect(memo.made == CueMemo.limit + 11)
        _ = memo.line(CueMemo.Key(quoted: TextKey("line \(CueMemo.limit + 9)"), width: 100, style: style)) { nil }
        #expect(memo.reused == 1)
    }
}
