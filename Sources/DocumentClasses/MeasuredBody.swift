import PageIR

/// The body's pages as the measuring pass made them, kept while they hold at most
/// `glyphBudget` glyphs (a few megabytes), with the first text of each: the numbered pass then
/// hands these on, numbered and with their marginals, instead of laying the body out again. A
/// longer body is laid out twice, as before, so memory stays bounded whatever the page count.
final class MeasuredBody {
    let glyphBudget: Int
    private(set) var pages: [Page] = []
    private var glyphs = 0
    /// Whether the body outgrew the budget (and nothing is kept).
    private(set) var overflowed = false

    init(glyphBudget: Int) {
        self.glyphBudget = glyphBudget
        overflowed = glyphBudget <= 0
    }

    func keep(_ page: Page) {
        guard !overflowed else { return }
        glyphs += page.items.reduce(0) { count, item in
            if case .text(let run) = item { count + run.glyphs.count } else { count }
        }
        if glyphs > glyphBudget {
            overflowed = true
            pages = []
        } else {
            pages.append(page)
        }
    }

    /// A measured page with its structures numbered from `first` instead of 1, as the numbered
    /// pass numbers them (after the front matter's and the contents'). The body's flow numbers
    /// every structure it begins, in order; id 0 (an artifact) is not a number.
    static func renumbered(_ page: Page, from first: Int) -> Page {
        let shift = first - 1
        guard shift != 0 else { return page }
        var page = page
        for index in page.items.indices {
            if case .begin(var structure) = page.items[index], structure.id != 0 {
                structure.id += shift
                page.items[index] = .begin(structure)
            }
        }
        return page
    }
}
