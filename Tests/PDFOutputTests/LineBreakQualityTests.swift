import FontSystem
import Foundation
import TestSupport
import Testing
import ThaiReport

/// The sample's PDF read back with tools that are not ours (pdfminer.six, pdfplumber) and its
/// line ends judged with pythainlp, as a Thai proofreader would judge them. Before the ranked
/// opportunities and total-fit breaking the same reading counted 222 line ends inside a
/// `newmm` word, 124 inside a compound of the lexicon, 1 inside a syllable, 14 parted units,
/// 2 row parts without text, 5 cues starting or ending inside a word and a 131 pt OIT header.
@Suite(.serialized) struct LineBreakQualityTests {
    static let scratch = ScratchDirectory()
    static let facts: LineBreakFacts = {
        let builder = ReportBuilder(fonts: try! FontSystem(directory: Repo.fonts))
        let pdf = try! builder.build(Repo.sample, options: BuildOptions(outputDirectory: scratch.url, formats: [.pdf]))[
            0]
        return try! LineBreakFacts.read(pdf, lexicon: Repo.templates.appendingPathComponent("ita-2564/lexicon.txt"))
    }()

    func examples(_ key: String) -> [String] { Array((Self.facts.examples[key] ?? []).prefix(5)) }

    @Test func everyLineEndIsJudged() {
        #expect(Self.facts.line_ends > 900)
    }

    @Test func noLineEndsInsideASyllable() {
        #expect(Self.facts.inside_syllable == 0, "\(examples("inside_syllable"))")
    }

    @Test func noLineEndsInsideACompoundOfTheLexicon() {
        #expect(Self.facts.inside_compound == 0, "\(examples("inside_compound"))")
    }

    /// At most a quarter of the 222 line ends inside a `newmm` word before.
    @Test func fewLineEndsInsideAWord() {
        #expect(Self.facts.inside_word <= 222 / 4, "\(Self.facts.inside_word): \(examples("inside_word"))")
    }

    @Test func noUnitIsParted() {
        #expect(Self.facts.unit_splits == 0, "\(examples("unit_splits"))")
    }

    @Test func noRowPartWithoutText() {
        #expect(Self.facts.textless_row_parts == 0, "\(examples("textless_row_parts"))")
    }

    @Test func cuesQuoteWholeWords() {
        #expect(Self.facts.cues > 20)
        #expect(Self.facts.bad_cues == 0, "\(examples("bad_cues"))")
    }

    @Test func theOITHeaderIsAtMost96Points() throws {
        let oit = try #require(Self.facts.header_heights.first { $0.header.contains("องค์ประกอบด้านข้อมูล") })
        #expect(oit.height <= 96, "\(oit.height) pt")
        #expect(oit.height > 30)  // four lines of header text, not a measuring slip
    }
}
