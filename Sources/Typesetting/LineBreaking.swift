import CPangoCairo
import ThaiBreaking

/// The characters `start..<end` of a text set as one line. `hyphen`: the line ends inside a
/// word, between syllables, and shows a hyphen. `forced`: the line ends its paragraph.
struct LineRange {
    var start: Int
    var end: Int
    var hyphen: Bool
    var forced = false
}

/// Where the lines of a paragraph end: the break opportunities of `ThaiBreaker` (ranked, with
/// the non-breaking rules), weighed together by `TotalFit` over each paragraph of the text.
///
/// A piece between two opportunities that is wider than the measure (a long word in a narrow
/// column, a run of text with no opportunity at all) is first cut greedily at syllable
/// boundaries, and only a syllable wider than the measure is cut between characters: so
/// no measure is ever overfull, and the cost stays linear in the text.
extension Shaper {
    func lineRanges(
        _ text: String, shaped: ShapedText, charStarts: [Int], attrs: UnsafePointer<PangoLogAttr>,
        style: TextStyle, width: Double, indent: Double, justified: Bool, recordBreaks: Bool = true
    ) -> [LineRange] {
        // What the closures below read is a constant: a variable they capture (`TotalFit` keeps
        // its closures) is checked for exclusive access on every read, and so is a property of
        // the shaper (the national mix took 1.1 % more instructions so).
        let (breaker, hyphenate) = (self.breaker, self.hyphenate)
        let count = charStarts.count - 1
        let scalars = Array(text.unicodeScalars)
        // x[i]: where character i starts on the one shaped line; a cluster's width counts at
        // its first character.
        var starts = [Double](repeating: 0, count: count + 1)
        for piece in shaped.pieces {
            for cluster in piece.clusters {
                let index = charStarts.partitionPoint { $0 < cluster.byteStart }
                starts[index + 1] += piece.penX[cluster.glyphEnd] - piece.penX[cluster.glyphStart]
            }
        }
        for i in 0..<count { starts[i + 1] += starts[i] }
        let x = starts
        // Clusters before each character (characters that are not marks), for stretch.
        var clustersBefore = [Int](repeating: 0, count: count + 1)
        for i in 0..<count {
            clustersBefore[i + 1] = clustersBefore[i] + (Self.isMark(scalars[i]) ? 0 : 1)
        }
        let clusters = clustersBefore
        func trimmed(_ a: Int, _ b: Int) -> Int {
            var end = b
            while end > a, scalars[end - 1] == " " { end -= 1 }
            return end
        }
        func natural(_ a: Int, _ b: Int) -> Double { x[trimmed(a, b)] - x[a] }

        let opportunities = breaker.opportunities(in: scalars) { attrs[$0].is_line_break != 0 }
        // Pango's layout reads the breaks of each run of one font apart, and the page reads
        // the text whole (`LongText.logAttrs`): the two agree only for a text in one font.
        if recordBreaks, let font = shaped.pieces.first?.font, shaped.pieces.allSatisfy({ $0.font == font }) {
            foundBreaks.record(text, opportunities)
        }
        let hyphenWidth = hyphenate ? (hyphenRun(style: style)?.width ?? 0) : 0
        var ranges: [LineRange] = []
        var next = 0
        for paragraph in shaped.paragraphs {
            guard paragraph.upperBound > paragraph.lowerBound else {
                ranges.append(
                    LineRange(start: paragraph.lowerBound, end: paragraph.upperBound, hyphen: false, forced: true))
                continue
            }
            let first = ranges.isEmpty ? width - indent : width
            func measure(_ position: Int) -> Double { position == paragraph.lowerBound ? first : width }
            while next < opportunities.count, opportunities[next].offset <= paragraph.lowerBound { next += 1 }
            var candidates = [TotalFit.Candidate(position: paragraph.lowerBound, penalty: 0)]
            var hyphens: Set<Int> = []
            func add(_ position: Int, _ kind: BreakKind) {
                var from = candidates[candidates.count - 1].position
                // A piece wider than the measure: cut at syllables, or characters, first.
                if natural(from, position) > measure(from) + 0.01 {
                    let syllables = breaker.syllableBreaks(in: scalars, range: from..<position)
                    var k = 0
                    while natural(from, position) > measure(from) + 0.01 {
                        var cut = -1
                        while k < syllables.count, natural(from, syllables[k]) + hyphenWidth <= measure(from) + 0.01 {
                            cut = syllables[k]
                            k += 1
                        }
                        var hyphen = hyphenate
                        if cut <= from {
                            cut = characterCut(from: from, to: position, measure: measure(from), attrs: attrs, natural)
                            hyphen = false
                        }
                        if cut >= position { break }
                        if hyphen { hyphens.insert(cut) }
                        candidates.append(
                            TotalFit.Candidate(
                                position: cut, penalty: BreakKind.syllable.penalty, extraWidth: hyphen ? hyphenWidth : 0
                            ))
                        from = cut
                        while k < syllables.count, syllables[k] <= from { k += 1 }
                    }
                }
                candidates.append(TotalFit.Candidate(position: position, penalty: kind.penalty))
            }
            while next < opportunities.count, opportunities[next].offset < paragraph.upperBound {
                add(opportunities[next].offset, opportunities[next].kind)
                next += 1
            }
            add(paragraph.upperBound, .space)
            let weighed = candidates
            let fit = TotalFit(
                naturalWidth: natural,
                stretch: { i, j in
                    let a = weighed[i].position
                    let b = trimmed(a, weighed[j].position)
                    return style.size * (0.06 * Double(clusters[b] - clusters[a]))
                },
                firstWidth: first, width: width, justified: justified)
            var start = paragraph.lowerBound
            for index in fit.breaks(weighed) {
                let end = weighed[index].position
                ranges.append(
                    LineRange(
                        start: start, end: end, hyphen: hyphens.contains(end), forced: end == paragraph.upperBound))
                start = end
            }
        }
        return ranges
    }

    /// Whether `scalar` is a non-spacing mark (Thai's vowels above and below and tone marks
    /// without a lookup in Unicode's tables).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return false }
        if (0x0E00...0x0E7F).contains(value) {
            return value == 0x0E31 || (0x0E34...0x0E3A).contains(value) || (0x0E47...0x0E4E).contains(value)
        }
        return scalar.properties.generalCategory == .nonspacingMark
    }

    /// The last character boundary after `from` where the line still fits, or the first one
    /// when not even one character fits.
    private func characterCut(
        from: Int, to end: Int, measure: Double, attrs: UnsafePointer<PangoLogAttr>,
        _ natural: (Int, Int) -> Double
    ) -> Int {
        var cut = -1
        var position = from + 1
        while position < end {
            if attrs[position].is_cursor_position != 0 {
                if natural(from, position) > measure + 0.01 { break }
                cut = position
            }
            position += 1
        }
        if cut > from { return cut }
        position = from + 1
        while position < end, attrs[position].is_cursor_position == 0 { position += 1 }
        return position
    }
}
