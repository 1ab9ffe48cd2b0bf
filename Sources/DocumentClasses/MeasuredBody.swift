import PageIR

/// The body's pages as the measuring pass made them, with the first text of each, kept while
/// they weigh at most `budget` (glyphs, page items and 50 a page: a few megabytes): the
/// numbered pass then hands these on, numbered and with their marginals, instead of laying the
/// body out again. A heavier body is dropped as soon as it outgrows the budget and laid out
/// twice, as before, so memory stays bounded whatever the page count.
final class MeasuredBody {
    let budget: Int
    private var pages: [Page] = []
    /// The first text of each kept page.
    private var firstTexts: [String?] = []
    private var weight = 0
    /// Whether the body outgrew the budget (and nothing is kept).
    private(set) var overflowed: Bool

    init(budget: Int) {
        self.budget = budget
        overflowed = budget <= 0
    }

    func keep(_ page: Page, firstText: String?) {
        guard !overflowed else { return }
        weight += 50 + page.items.count
        for case .text(let run) in page.items { weight += run.glyphs.count }
        if weight > budget {
            overflowed = true
            pages = []
            firstTexts = []
        } else {
            pages.append(page)
            firstTexts.append(firstText)
        }
    }

    /// The kept pages in order, each with the first text of the page after it (nil for the
    /// last), handed to `body` one at a time and let go as they are: the memo is empty after.
    func handOn(_ body: (_ page: Page, _ index: Int, _ nextFirstText: String?) throws -> Void) rethrows {
        var pages = self.pages
        self.pages = []
        pages.reverse()
        var index = 0
        while let page = pages.popLast() {
            try body(page, index, index + 1 < firstTexts.count ? firstTexts[index + 1] : nil)
            index += 1
        }
        firstTexts = []
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
