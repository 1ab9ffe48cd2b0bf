import PageIR
import ThaiBreaking
import ThaiText
import Typesetting

/// What every body page of the ITA report carries besides its text: its label, the page number
/// `- ๒ -` centred in the top margin (from page ๒, or ๑ where the style says so), and at the
/// bottom right of every page but the last the continuation cue `/` + the first words of the
/// next page + `...`. Both are artifacts, not content.
struct ITAMarginals: PageMarginals {
    let shaper: Shaper
    let styles: ITAStyles
    let numberFirstPage: Bool
    let digits: DigitStyle
    let cues: CueMemo

    func finish(_ page: inout Page, index: Int, nextFirstText: String?) {
        page.label = digits.format(index + 1)
        if index > 0 || numberFirstPage { addPageNumber(&page, index: index) }
        if let nextFirstText { addContinuationCue(&page, quoting: nextFirstText) }
    }

    func addPageNumber(_ page: inout Page, index: Int) {
        let g = styles.geometry
        guard let line = shaper.shape("- \(digits.format(index + 1)) -", style: styles.body, width: nil).first
        else {
            return
        }
        add(line, x: g.left + (g.contentWidth - line.width) / 2, top: g.top / 2 - line.height / 2, to: &page)
    }

    func addContinuationCue(_ page: inout Page, quoting next: String) {
        let g = styles.geometry
        let width = g.contentWidth * styles.layout.cueWidth
        let key = CueMemo.Key(quoted: TextKey(next), width: width, style: styles.body)
        guard let line = cues.line(key, make: { cueLine(quoting: next, width: width) }) else { return }
        add(line, x: g.left + g.contentWidth - line.width, top: g.contentBottom + styles.layout.cueGap, to: &page)
    }

    /// `/` + the first words of `next` that fit in `width` + `...`, shaped; nil where there
    /// are none.
    func cueLine(quoting next: String, width: Double) -> ShapedLine? {
        let words = cueWords(next, width: width)
        guard !words.isEmpty else { return nil }
        return shaper.shape("/" + words + "...", style: styles.body, width: nil).first
    }

    /// List marks a cue leaves out: it quotes the words, not the bullet before them.
    static let listMarks = Set("○•●◦▪■-–*".unicodeScalars)

    /// The first words of `text` that fit in `width`: whole words, ending where a line could end
    /// (after a space if any fits, else at a word boundary, never inside a compound of the
    /// lexicon), without a list mark in front. At least the first word, whatever its width.
    func cueWords(_ text: String, width: Double) -> String {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace || Self.listMarks.contains(first) {
            scalars.removeFirst()
        }
        let body = String(String.UnicodeScalarView(scalars))
        let all = Array(body.unicodeScalars)
        func prefix(_ end: Int) -> String {
            var end = end
            while end > 0, all[end - 1].properties.isWhitespace { end -= 1 }
            return String(String.UnicodeScalarView(all[..<end]))
        }
        let ends =
            shaper.breaker.opportunities(in: body).filter { $0.kind <= .word } + [
                BreakOpportunity(offset: all.count, kind: .space)
            ]
        // Widths grow with the end: the last end that fits, found by bisection.
        var fitting = 0
        var high = ends.count
        while fitting < high {
            let mid = (fitting + high) / 2
            if shaper.width(of: prefix(ends[mid].offset), style: styles.body) <= width {
                fitting = mid + 1
            } else {
                high = mid
            }
        }
        guard fitting > 0 else { return prefix(ends[0].offset) }
        let spaces = ends[..<fitting].filter { $0.kind == .space }
        return prefix((spaces.last ?? ends[fitting - 1]).offset)
    }
    private func add(_ line: ShapedLine, x: Double, top: Double, to page: inout Page) {
        page.items.append(.begin(Structure(role: .artifact, id: 0)))
        for var run in line.runs {
            run.x += x
            run.y = top + line.baseline
            page.items.append(.text(run))
        }
        page.items.append(.end)
    }
}
