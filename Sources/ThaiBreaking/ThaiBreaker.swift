import CPangoCairo

/// Ranks the places a line of Thai text may end. Pango's log attributes (libthai's dictionary
/// for Thai, Unicode's line-breaking rules for the rest) give the candidates; the breaker then
/// drops those the non-breaking rules forbid (`BreakRules`) and ranks the others: after a
/// space best, between words good, after a bound prefix less good, inside a compound of the
/// lexicon poor. Breaks between syllables (`syllableBreaks`) are offered apart, for a word wider than
/// its column.
///
/// Needs no fonts: the PDF's line breaker and the HTML writer see the same opportunities.
///
///     let breaker = ThaiBreaker(lexicon: ThaiLexicon(["ตัวชี้วัด"]))
///     breaker.opportunities(in: "ตัวชี้วัด ของหน่วยงาน")   // offsets in Unicode scalars
public struct ThaiBreaker: Sendable, Equatable {
    public var lexicon: ThaiLexicon

    public init(lexicon: ThaiLexicon = ThaiLexicon()) {
        self.lexicon = lexicon
    }

    /// Prefixes that bind to the word after them: a line does not end right after one.
    static let boundPrefixes: [[Unicode.Scalar]] = ["การ", "ความ", "ผู้"].map { Array($0.unicodeScalars) }

    /// The break opportunities of `text`, in order, from Pango's log attributes of the text.
    public func opportunities(in text: String) -> [BreakOpportunity] {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        let attrs = LongText.logAttrs(of: text)
        return opportunities(in: scalars) { attrs[$0].is_line_break != 0 }
    }

    /// The break opportunities of `scalars`, given where a line may break before the scalar at
    /// an offset (`isCandidate(i)`, for 0 < i < count: Pango's `is_line_break`).
    public func opportunities(in scalars: [Unicode.Scalar], isCandidate: (Int) -> Bool) -> [BreakOpportunity] {
        guard scalars.count > 1 else { return [] }
        var kinds = [BreakKind?](repeating: nil, count: scalars.count + 1)
        for i in 1..<scalars.count where isCandidate(i) {
            kinds[i] = scalars[i - 1].properties.isWhitespace ? .space : .word
        }
        rankCompounds(scalars, &kinds)
        BreakRules.apply(scalars, &kinds)
        return (1..<scalars.count).compactMap { i in kinds[i].map { BreakOpportunity(offset: i, kind: $0) } }
    }

    /// Word breaks inside a lexicon word become compound breaks, right after a bound prefix
    /// prefix breaks.
    /// A lexicon word counts where it starts at a word edge (a candidate, a space, the text's
    /// start or a character that is not Thai). Its end is a word boundary even where libthai
    /// reads on into the next word (`ดำเนิน|การป้องกัน` holds `ดำเนินการ`): a break is offered
    /// there, so a compound need not be broken for want of a boundary after it.
    func rankCompounds(_ scalars: [Unicode.Scalar], _ kinds: inout [BreakKind?]) {
        func isEdge(_ i: Int) -> Bool {
            i == 0 || i == scalars.count || kinds[i] != nil || !Self.isThai(scalars[i - 1]) || !Self.isThai(scalars[i])
        }
        var matches: [(start: Int, end: Int)] = []
        if !lexicon.isEmpty {
            for start in 0..<scalars.count where isEdge(start) && Self.isThai(scalars[start]) {
                for end in lexicon.matches(in: scalars, from: start) { matches.append((start, end)) }
            }
            for match in matches where match.end < scalars.count && kinds[match.end] == nil {
                kinds[match.end] = .word
            }
        }
        // Where lexicon words overlap (รายงานผล, ผลการดำเนินงาน), no break can keep both
        // whole: the longer word is kept, and the other breaks only at its edge.
        var kept: [(start: Int, end: Int)] = []
        var taken = [Bool](repeating: false, count: scalars.count + 1)
        for match in matches.sorted(by: { $0.end - $0.start > $1.end - $1.start }) {
            guard !taken[match.start..<match.end].contains(true) else { continue }
            for i in match.start..<match.end { taken[i] = true }
            kept.append(match)
        }
        // Inside a lexicon word, `การ` is a syllable of it (ดำเนิน|การ), not a prefix.
        var inside = [Bool](repeating: false, count: scalars.count + 1)
        for match in kept {
            for i in (match.start + 1)..<match.end {
                inside[i] = true
                if kinds[i] == .word { kinds[i] = .compound }
            }
        }
        for start in 0..<scalars.count where isEdge(start) && !inside[start] && Self.isThai(scalars[start]) {
            for prefix in Self.boundPrefixes {
                let end = start + prefix.count
                if end < scalars.count, kinds[end] == .word, scalars[start..<end].elementsEqual(prefix) {
                    kinds[end] = .prefix
                }
            }
        }
    }

    /// Offsets in `scalars[range]` between two syllables, where a word wider than its column may
    /// be broken (see `ThaiSyllables`); between any two characters of text that is not Thai.
    public func syllableBreaks(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Int] {
        ThaiSyllables.breaks(in: scalars, range: range)
    }

    static func isThai(_ scalar: Unicode.Scalar) -> Bool { (0x0E01...0x0E5B).contains(scalar.value) }
}
