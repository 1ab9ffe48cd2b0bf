import PageIR
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
        // The first words: what fits on a short line, broken at a Thai word boundary.
        let words =
            shaper.shape(next, style: styles.body, width: g.contentWidth * styles.layout.cueWidth).first?.text ?? next
        var trimmed = Substring(words)
        while trimmed.last == " " { trimmed.removeLast() }
        guard let line = shaper.shape("/" + trimmed + "...", style: styles.body, width: nil).first else { return }
        add(line, x: g.left + g.contentWidth - line.width, top: g.contentBottom + styles.layout.cueGap, to: &page)
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
