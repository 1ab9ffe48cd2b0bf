import Foundation
import HTMLOutput
import PageIR
import ThaiBreaking
import Typesetting

/// Where the web pages may break a line: where the PDF's Thai breaker (`ThaiBreaker`, with the
/// report's lexicon) allows a break at a space or between words.
///
/// The PDF may also break after a bound prefix (`การ|ประเมิน`) or inside a compound, at a cost
/// its line breaker weighs against the raggedness of the whole paragraph; a browser fills each
/// line greedily and cannot weigh, so the page offers only the breaks the PDF takes freely.
/// Syllable breaks, the PDF's last resort for a word wider than its column, are never offered.
///
/// Each offer is a `<wbr>` in the page (five bytes), so short words are not offered apart: a
/// break between words comes at least `minimumRun` characters after the previous one and
/// leaves at least `minimumTail` before the next space or the end, which keeps the sample's
/// page within its weight while a line still ends every few syllables.
enum WebLineBreaks {
    static let minimumRun = 8
    static let minimumTail = 4

    static func make(lexicon: [String]) -> LineBreaks {
        let breaker = ThaiBreaker(lexicon: ThaiLexicon(lexicon))
        return { text in breaks(text, with: breaker) }
    }

    /// The breaks the page offers in `text`.
    static func breaks(_ text: String, with breaker: ThaiBreaker) -> [Int] {
        thinned(breaker.opportunities(in: text), length: text.unicodeScalars.count)
    }

    /// Every space break, and the word breaks that leave runs of at least `minimumRun` and
    /// tails of at least `minimumTail` characters.
    static func thinned(_ opportunities: [BreakOpportunity], length: Int) -> [Int] {
        let offered = opportunities.filter { $0.kind <= .word }
        var kept: [Int] = []
        var previous = 0
        for (index, opportunity) in offered.enumerated() {
            if opportunity.kind == .space {
                kept.append(opportunity.offset)
                previous = opportunity.offset
                continue
            }
            // Where the run this break falls in ends: the next space break, or the text's end
            // (a space break's offset is after the space; its run ends one before).
            let runEnd = offered[(index + 1)...].first { $0.kind == .space }.map { $0.offset - 1 } ?? length
            if opportunity.offset - previous >= minimumRun, runEnd - opportunity.offset >= minimumTail {
                kept.append(opportunity.offset)
                previous = opportunity.offset
            }
        }
        return kept
    }
}

/// The web page's line breaks of one report's texts, kept for the next report: a batch's
/// reports and the preview's rebuilds share most of their texts (the template's, and all but
/// the edited one). Breaks depend only on the text and the lexicon, so a kept answer is the
/// answer. What a report did not ask for is dropped at the next report, as the shaper drops
/// its shaped text: two reports' texts at most. One builder, one report at a time.
final class WebLineBreakMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var lexicon: [String]?
    private var breaker = ThaiBreaker()
    /// Texts by their UTF-8 bytes: two spellings of one text that Unicode calls equal have
    /// breaks at different offsets.
    private var current: [TextKey: [Int]] = [:]
    private var previous: [TextKey: [Int]] = [:]
    /// What the PDF's line breaker found in the report's texts, when its breaker is this one.
    private var found: BreakOpportunityMemo?

    /// The line breaks of the next report's texts; `found`: the opportunities its layout found
    /// (a text found there is not read again).
    func lineBreaks(lexicon: [String], found: BreakOpportunityMemo? = nil) -> LineBreaks {
        lock.lock()
        defer { lock.unlock() }
        let same =
            self.lexicon.map { old in
                old.count == lexicon.count && zip(old, lexicon).allSatisfy { $0.hasSameBytes(as: $1) }
            } ?? false
        if !same {
            self.lexicon = lexicon
            breaker = ThaiBreaker(lexicon: ThaiLexicon(lexicon))
            current = [:]
        }
        previous = current
        current = [:]
        self.found = found.flatMap { $0.breaker == breaker ? $0 : nil }
        return { [self] text in breaks(text) }
    }

    private func breaks(_ text: String) -> [Int] {
        let key = TextKey(text)
        lock.lock()
        if let kept = current[key] ?? previous.removeValue(forKey: key) {
            current[key] = kept
            lock.unlock()
            return kept
        }
        let (breaker, layout) = (breaker, self.found)
        lock.unlock()
        let offered =
            layout?.opportunities(in: text).map { WebLineBreaks.thinned($0, length: text.unicodeScalars.count) }
            ?? WebLineBreaks.breaks(text, with: breaker)
        lock.lock()
        current[key] = offered
        lock.unlock()
        return offered
    }
}
