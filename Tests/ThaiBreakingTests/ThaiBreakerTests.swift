import Testing
import ThaiBreaking

/// Break opportunities of real Thai text, from libthai through Pango (no fonts), ranked.
struct ThaiBreakerTests {
    let breaker = ThaiBreaker(
        lexicon: ThaiLexicon(["ตัวชี้วัด", "เว็บไซต์", "จัดซื้อจัดจ้าง", "ประชาสัมพันธ์", "หน่วยงาน"]))

    /// The text cut at every opportunity of `kind` (or better), as `a|b|c`.
    func cut(_ text: String, upTo kind: BreakKind = .compound) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var last = 0
        for opportunity in breaker.opportunities(in: text) where opportunity.kind <= kind {
            out += String(String.UnicodeScalarView(scalars[last..<opportunity.offset])) + "|"
            last = opportunity.offset
        }
        return out + String(String.UnicodeScalarView(scalars[last...]))
    }

    @Test func spacesRankAboveWordsAboveCompounds() {
        let opportunities = breaker.opportunities(in: "ตัวชี้วัด ของหน่วยงาน")
        let kinds = Dictionary(opportunities.map { ($0.offset, $0.kind) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds[10] == .space)  // after the space
        #expect(kinds[13] == .word)  // ของ|หน่วยงาน
        #expect(opportunities.contains { $0.kind == .compound })
        #expect(BreakKind.space.penalty < BreakKind.word.penalty)
        #expect(BreakKind.word.penalty < BreakKind.prefix.penalty)
        #expect(BreakKind.prefix.penalty < BreakKind.compound.penalty)
    }

    @Test func compoundsOfTheLexiconBreakOnlyPoorly() {
        for word in ["ตัวชี้วัด", "เว็บไซต์", "จัดซื้อจัดจ้าง", "หน่วยงาน"] {
            #expect(cut("ของ" + word + "ของ", upTo: .word) == "ของ|" + word + "|ของ", "\(word)")
        }
        // Without the lexicon libthai parts them.
        let plain = ThaiBreaker()
        #expect(plain.opportunities(in: "ตัวชี้วัด").contains { $0.kind == .word })
    }

    @Test func boundPrefixesStayWithTheirWord() {
        let kinds = breaker.opportunities(in: "การประเมินความเสี่ยง")
        #expect(kinds.first { $0.offset == 3 }?.kind == .prefix)  // การ|ประเมิน
        // Inside a compound of the lexicon, การ is a syllable of it, not a prefix: the
        // compound's end (ดำเนินการ|ป้องกัน) stays a word boundary.
        let withCompound = ThaiBreaker(lexicon: ThaiLexicon(["ดำเนินการ"]))
        #expect(withCompound.opportunities(in: "การดำเนินการป้องกัน").first { $0.offset == 12 }?.kind == .word)
    }

    @Test func eraStaysWithItsYear() {
        for text in ["ปีงบประมาณ พ.ศ. ๒๕๖๔ ได้", "ปีงบประมาณ พ.ศ.๒๕๖๔", "ค.ศ. 2021 แล้ว"] {
            let scalars = Array(text.unicodeScalars)
            let era = scalars.firstIndex(of: "ศ")! - 2
            let year = scalars.firstIndex(where: { ("0"..."9").contains($0) || ("๐"..."๙").contains($0) })!
            let inside = breaker.opportunities(in: text).filter { $0.offset > era && $0.offset <= year }
            #expect(inside.isEmpty, "\(text): \(inside)")
        }
    }

    @Test func numbersStayWithUnitsAndRangesStayWhole() {
        #expect(!cut("อบรมจำนวน ๓๐ คน").contains("๓๐ |คน"))
        #expect(!cut("อย่างน้อย ๖ เดือนแรก").contains("๖ |เดือน"))
        let range = cut("ระยะที่ ๑ (พ.ศ. ๒๕๖๓ - ๒๕๖๕) ได้กำหนด")
        #expect(range.contains("(พ.ศ. ๒๕๖๓ - ๒๕๖๕)"), "\(range)")
        #expect(cut("๑,๒๐๐.๕๐ บาท").hasPrefix("๑,๒๐๐.๕๐ บาท"))
    }

    @Test func repetitionMarksAndClosingMarksNeverStartALine() {
        #expect(!cut("ประกาศต่าง ๆ เกี่ยวกับ").contains("|ๆ"))
        #expect(!cut("หลังฝนแล้ง ฯลฯ").contains("|ฯ"))
        #expect(!cut("ภายใน (IIT) และ").contains("(|"))
        #expect(!cut("ภายใน (IIT) และ").contains("|)"))
    }

    @Test func syllableBreaksNeverSplitACluster() {
        let word = Array("ประชาสัมพันธ์".unicodeScalars)
        let breaks = breaker.syllableBreaks(in: word, range: 0..<word.count)
        let pieces = zip([0] + breaks, breaks + [word.count]).map { String(String.UnicodeScalarView(word[$0..<$1])) }
        #expect(pieces == ["ประ", "ชา", "สัมพันธ์"])
        let web = Array("เว็บไซต์".unicodeScalars)
        #expect(breaker.syllableBreaks(in: web, range: 0..<web.count) == [4])
        let latin = Array("abc".unicodeScalars)
        #expect(breaker.syllableBreaks(in: latin, range: 0..<3) == [1, 2])
    }

    @Test func emptyAndOneCharacterTextsHaveNone() {
        #expect(breaker.opportunities(in: "").isEmpty)
        #expect(breaker.opportunities(in: "ก").isEmpty)
    }
}
