import CPangoCairo
import Foundation
import TestSupport
import Testing
import ThaiBreaking

/// Long texts read in pieces (`LongText`) break where the whole text breaks, with real Pango
/// and libthai.
struct LongTextTests {
    /// The Thai of the sample report's data with every space and other character taken out:
    /// one run of Thai with no break but libthai's dictionary, twice over: about 60 KB.
    static let thaiRun: String = {
        let data = try! String(
            contentsOf: Repo.root.appendingPathComponent("Samples/singburi-pao/2564.yaml"), encoding: .utf8)
        let thai = data.unicodeScalars.filter {
            (0x0E01...0x0E5B).contains($0.value) && !(0x0E50...0x0E59).contains($0.value)
        }
        return String(String.UnicodeScalarView(thai + thai))
    }()

    /// Pango's attributes of the whole text, in one call.
    func whole(_ text: String) -> [PangoLogAttr] {
        let count = text.unicodeScalars.count + 1
        var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: count)
        pango_get_log_attrs(text, Int32(text.utf8.count), -1, pango_language_from_string("th"), &attrs, Int32(count))
        return attrs
    }

    func breaks(_ attrs: [PangoLogAttr]) -> [Int] { attrs.indices.filter { attrs[$0].is_line_break != 0 } }

    @Test func aLongRunOfThaiBreaksWhereTheWholeTextBreaks() {
        let text = Self.thaiRun
        #expect(text.utf8.count > 3 * LongText.pieceBytes)
        let pieces = LongText.logAttrs(of: text)
        #expect(pieces.count == text.unicodeScalars.count + 1)
        #expect(breaks(pieces) == breaks(whole(text)))
    }

    @Test func paragraphsAndSpacesBreakAsWhole() {
        let words = Self.thaiRun.unicodeScalars.prefix(9_000)
        var text = ""
        for (i, scalar) in words.enumerated() {
            text.unicodeScalars.append(scalar)
            if i % 97 == 96 { text += " " }
            if i % 1_301 == 1_300 { text += "\n" }
            if i % 2_000 == 1_999 { text += "\n\n" }
        }
        #expect(text.utf8.count > LongText.pieceBytes)
        let pieces = LongText.logAttrs(of: text)
        let all = whole(text)
        #expect(breaks(pieces) == breaks(all))
        #expect(pieces.map { $0.is_mandatory_break } == all.map { $0.is_mandatory_break })
        #expect(pieces.map { $0.is_cursor_position } == all.map { $0.is_cursor_position })
    }

    /// Letters with no break opportunity at all are cut between two characters, never inside
    /// a character's bytes.
    @Test func aRunWithNoOpportunityIsCutBetweenCharacters() {
        let text = String(repeating: "aéกิ่", count: 8_000)
        let utf8 = Array(text.utf8)
        var start = 0
        while utf8.count - start > LongText.pieceBytes {
            let cut = LongText.cut(utf8, from: start)
            #expect(cut.end > start + LongText.pieceBytes / 3 && cut.end <= start + LongText.pieceBytes)
            #expect(utf8[cut.end] & 0xC0 != 0x80)
            #expect(cut.attr.is_cursor_position != 0)
            start = cut.end
        }
        #expect(LongText.logAttrs(of: text).count == text.unicodeScalars.count + 1)
    }

    @Test func shortAndEmptyTextsAreReadWhole() {
        for text in ["", "ก", "ตัวชี้วัด ของหน่วยงาน\nบรรทัดใหม่"] {
            #expect(breaks(LongText.logAttrs(of: text)) == breaks(whole(text)))
            #expect(LongText.logAttrs(of: text).count == text.unicodeScalars.count + 1)
        }
    }
}
