import CPangoCairo
import FontSystem
import Foundation
import PageIR
import TestSupport
import Testing
import ThaiBreaking

@testable import Typesetting

/// Lines chosen by the total-fit breaker over ThaiBreaker's ranked opportunities, shaped with
/// the real Pango and the bundled fonts.
struct LineBreakingTests {
    static let lexicon = ThaiLexicon(
        try! String(
            contentsOf: Repo.templates.appendingPathComponent("ita-2564/lexicon.txt"), encoding: .utf8
        ).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })

    func shaper(hyphenate: Bool = false) -> Shaper {
        let shaper = Shaper(fonts: Fixtures.fonts())
        shaper.breaker = ThaiBreaker(lexicon: Self.lexicon)
        shaper.hyphenate = hyphenate
        return shaper
    }

    let cell = Fixtures.tableStyle.cell
    let text =
        "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล เผยแพร่บนเว็บไซต์ของหน่วยงาน ตามองค์ประกอบด้านข้อมูล การจัดซื้อจัดจ้าง"
        + "หรือการจัดหาพัสดุ ปีงบประมาณ พ.ศ. ๒๕๖๔ ระยะที่ ๑ (พ.ศ. ๒๕๖๓ - ๒๕๖๕) ข้อมูลข่าวสารต่าง ๆ "
        + "อย่างต่อเนื่อง ความคิดเห็น ผู้รับผิดชอบ การใช้จ่ายงบประมาณ การประพฤติมิชอบ ข้อบกพร่อง ท่องเที่ยว"

    /// Where lines of `lines` meet, as the text around each joint.
    func joints(_ lines: [ShapedLine]) -> [(String, String)] {
        zip(lines, lines.dropFirst()).map { ($0.text, $1.text) }
    }

    /// In table cells (ragged right) as narrow as the OIT table's, and in wider text.
    @Test(arguments: [60.0, 80, 110, 150, 220, 330])
    func noLineEndsInsideACompoundOrAUnit(width: Double) {
        let lines = shaper().shape(text, style: cell, width: width, alignment: width < 200 ? .left : .justify)
        #expect(lines.map(\.text).joined() == text)
        for (a, b) in joints(lines) {
            let joined = Array((a + b).unicodeScalars)
            let at = a.unicodeScalars.count
            for word in Self.lexicon.words where shaperFits(word, width: width) {
                let w = Array(word.unicodeScalars)
                let first = max(0, at - w.count + 1)
                let last = min(at - 1, joined.count - w.count)
                guard first <= last else { continue }
                for start in first...last where joined[start..<(start + w.count)].elementsEqual(w) {
                    Issue.record("\(width) pt: \(a)|\(b) breaks \(word)")
                }
            }
            #expect(!a.hasSuffix("พ.ศ.") && !a.hasSuffix("พ.ศ. "), "\(width) pt: era parted: \(a)|\(b)")
            #expect(!b.hasPrefix("ๆ") && !b.hasPrefix(")") && !a.hasSuffix("("), "\(width) pt: \(a)|\(b)")
            if shaperFits("(พ.ศ. ๒๕๖๓ - ๒๕๖๕)", width: width) {
                #expect(!(a.hasSuffix("- ") || b.hasPrefix("- ") || b.hasPrefix("๒๕๖๕")), "range parted: \(a)|\(b)")
            }
        }
        for line in lines { #expect(line.width <= width + 0.01, "\(line.text) is \(line.width) pt wide") }
    }

    /// Whether `word` fits on one line at `width` (else it must break somewhere).
    func shaperFits(_ word: String, width: Double) -> Bool { shaper().width(of: word, style: cell) <= width }

    @Test func aWordWiderThanItsColumnBreaksBetweenSyllables() {
        let lines = shaper().shape("ข่าวประชาสัมพันธ์", style: cell, width: 40)
        #expect(lines.count > 1)
        #expect(lines.map(\.text).joined() == "ข่าวประชาสัมพันธ์")
        #expect(!lines.contains { $0.text == "ธ์" || $0.text.hasPrefix("ธ์") || $0.text.hasPrefix("ม") })
        for line in lines { #expect(line.width <= 40.01) }
        // With the style option, a word broken between syllables shows a hyphen.
        let hyphenated = shaper(hyphenate: true).shape("ประชาสัมพันธ์", style: cell, width: 40)
        #expect(hyphenated.count > 1)
        #expect(hyphenated.dropLast().allSatisfy { $0.text.hasSuffix("-") }, "\(hyphenated.map(\.text))")
        #expect(hyphenated.last?.text.hasSuffix("-") == false)
    }

    /// `(IIT)` never stands alone on the last line of a heading, whatever the width.
    @Test func noRuntLastLine() {
        let heading = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (IIT)"
        let shaper = shaper()
        var widths = 0
        for width in stride(from: 120.0, through: 400, by: 6) {
            let lines = shaper.shape(heading, style: Fixtures.bold, width: width)
            guard lines.count > 1 else { continue }
            widths += 1
            #expect(lines.last?.text != "(IIT)", "at \(width) pt")
        }
        #expect(widths > 20)
    }

    /// A long run with no break opportunity is cut between characters, every line full, the
    /// text whole: the breaker does not go quadratic (see the benchmark for a million).
    @Test func aLongRunWithoutOpportunitiesFillsEveryLine() {
        let run = String(repeating: "x", count: 60_000)
        let lines = shaper().shape(run, style: cell, width: 200, alignment: .justify)
        #expect(lines.map(\.text).joined() == run)
        for line in lines.dropLast() { #expect(line.width <= 200.01 && line.width > 190) }
    }

    /// Justified lines fill their measure; the last stays ragged.
    @Test func justifiedLinesFillTheMeasure() {
        let lines = shaper().shape(text, style: cell, width: 180, alignment: .justify)
        #expect(lines.count > 3)
        for line in lines.dropLast() { #expect(abs(line.width - 180) < 0.01, "\(line.text): \(line.width)") }
        #expect(lines.last!.width < 180)
    }
}

/// A text longer than `LongText.pieceBytes` is shaped in pieces; its lines are whole lines of
/// the text, end where Pango breaks the whole text, and keep its paragraphs.
struct LongTextLineTests {
    @Test func aLongCellIsShapedInPiecesAndBrokenAsAWhole() {
        let sentence = ModelFixtures.sentence.replacingOccurrences(of: " ", with: "")
        var text = ""
        var paragraphs = 1
        while text.utf8.count < 3 * LongText.pieceBytes {
            text += sentence
            if text.utf8.count % 7 == 0 {
                text += "\n"
                paragraphs += 1
            }
        }
        let width = 150.0
        let lines = Shaper(fonts: Fixtures.fonts()).shape(text, style: Fixtures.tableStyle.cell, width: width)
        #expect(lines.map(\.text).joined() == text.replacingOccurrences(of: "\n", with: ""))
        for line in lines { #expect(line.width <= width + 0.01, "\(line.text) is \(line.width) pt wide") }

        // Every line ends where Pango, given the whole text at once, allows a break.
        let scalars = text.unicodeScalars.count
        var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: scalars + 1)
        pango_get_log_attrs(
            text, Int32(text.utf8.count), -1, pango_language_from_string("th"), &attrs, Int32(scalars + 1))
        var offset = 0
        let all = Array(text.unicodeScalars)
        for line in lines.dropLast() {
            offset += line.text.unicodeScalars.count
            if offset < all.count, all[offset] == "\n" { offset += 1 }
            #expect(attrs[offset].is_line_break != 0, "a line ends inside a word: \(line.text)")
        }
        #expect(lines.count > paragraphs)
    }
}

/// The break opportunities the layout keeps for the web page (`Shaper.foundBreaks`) are the
/// ones the breaker finds reading the text alone, and are kept only for the breaker in use.
struct FoundBreaksTests {
    @Test func theLayoutsOpportunitiesAreTheBreakersOwn() {
        let shaper = Shaper(fonts: Fixtures.fonts())
        shaper.breaker = ThaiBreaker(lexicon: LineBreakingTests.lexicon)
        shaper.beginReport()
        let texts = [
            LineBreakingTests().text, ModelFixtures.sentence,
            ModelFixtures.sentence.replacingOccurrences(of: " ", with: ""),
            "Latin words, ๑๒๓ digits and ภาษาไทย (mixed) — with punctuation.",
        ]
        for text in texts {
            _ = shaper.shape(text, style: Fixtures.tableStyle.cell, width: 120)
            let found = shaper.foundBreaks.opportunities(in: text)
            #expect(found != nil)
            #expect(found == shaper.breaker.opportunities(in: text), "\(text)")
        }
        // Text in two fonts (✓ is DejaVu Sans's) is not kept: Pango's layout reads each font's
        // run apart, the page reads the text whole.
        let mixed = "ผ่านการตรวจสอบ✓ดำเนินการเรียบร้อยแล้ว"
        _ = shaper.shape(mixed, style: Fixtures.tableStyle.cell, width: 120)
        #expect(shaper.foundBreaks.opportunities(in: mixed) == nil)
        // Text shaped without a measure is not broken into lines, so nothing is kept for it.
        _ = shaper.shape("หัวข้อ", style: Fixtures.tableStyle.cell, width: nil)
        #expect(shaper.foundBreaks.opportunities(in: "หัวข้อ") == nil)
        // Another breaker (another report's lexicon) starts afresh.
        shaper.breaker = ThaiBreaker()
        #expect(shaper.foundBreaks.opportunities(in: texts[0]) == nil)
        #expect(shaper.foundBreaks.breaker == ThaiBreaker())
    }
}

/// A text too long for the shaper's cache is kept for one more request (the second pass over
/// the body), then let go; a new report lets it go too.
struct LongTextKeptForTheSecondPassTests {
    @Test func aTextPastTheBudgetServesTheSecondPassOnce() {
        var text = ""
        while text.unicodeScalars.count < Shaper.cacheGlyphBudget + 10_000 { text += ModelFixtures.sentence + " " }
        let shaper = Shaper(fonts: Fixtures.fonts())
        shaper.beginReport()
        let first = shaper.shape(text, style: Fixtures.tableStyle.cell, width: 300)
        #expect(first.reduce(0) { $0 + $1.runs.reduce(0) { $0 + $1.glyphs.count } } > Shaper.cacheGlyphBudget)
        #expect(shaper.keepsLongText)
        let second = shaper.shape(text, style: Fixtures.tableStyle.cell, width: 300)
        #expect(second == first)
        #expect(!shaper.keepsLongText)
        _ = shaper.shape(text, style: Fixtures.tableStyle.cell, width: 300)
        #expect(shaper.keepsLongText)
        shaper.beginReport()
        #expect(!shaper.keepsLongText)
    }
}
