import Testing
import ThaiBreaking

@testable import ThaiReport

/// The breaks the web pages offer: the PDF breaker's spaces and word breaks, short words kept
/// with their neighbours, never a compound or a syllable.
@Suite struct WebLineBreaksTests {
    @Test func spacesAlwaysWordsWhenTheyLeaveLongEnoughRuns() {
        let breaks = WebLineBreaks.make(lexicon: ["ผู้รับผิดชอบ"])
        let text = "ผู้รับผิดชอบการจัดทำรายงาน ทุกส่วนราชการ"
        let offsets = breaks(text)
        let scalars = Array(text.unicodeScalars)
        // After the space, always.
        #expect(offsets.contains(scalars.firstIndex(of: " ")! + 1))
        // Never inside the compound (its 12 scalars).
        #expect(!offsets.contains { $0 > 0 && $0 < 12 })
        // Runs between offered breaks are at least minimumRun long, but for the space ones.
        var previous = 0
        for offset in offsets {
            if scalars[offset - 1] != " " { #expect(offset - previous >= WebLineBreaks.minimumRun) }
            previous = offset
        }
    }

    @Test func thinningKeepsSpacesAndLongRuns() {
        let opportunities = [
            BreakOpportunity(offset: 3, kind: .word), BreakOpportunity(offset: 9, kind: .word),
            BreakOpportunity(offset: 12, kind: .space), BreakOpportunity(offset: 14, kind: .word),
            BreakOpportunity(offset: 22, kind: .word), BreakOpportunity(offset: 25, kind: .compound),
        ]
        // 3: too close to the start; 9: leaves two characters before the space; 12: a space;
        // 14: too close to the space; 22: kept; 25: a compound break, never offered.
        #expect(WebLineBreaks.thinned(opportunities, length: 30) == [12, 22])
        // A break that would leave a tail shorter than minimumTail before the end is dropped.
        #expect(WebLineBreaks.thinned([BreakOpportunity(offset: 10, kind: .word)], length: 12) == [])
    }
}
