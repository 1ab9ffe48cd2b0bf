import Foundation
import PageIR

/// Page geometry in points.
struct PageGeometry {
    let width: Double, height: Double
    let left: Double, right: Double, top: Double, bottom: Double
    var contentWidth: Double { width - left - right }
    var contentBottom: Double { height - bottom }
    var contentHeight: Double { contentBottom - top }

    static func points(mm: Double) -> Double { mm * 72 / 25.4 }
}

/// The page being filled: a cursor that moves down it and starts a new page when asked.
/// Finished pages leave the flow at once (so memory does not grow with the page count), one
/// page late: a page is finished when the page after it has begun, because its continuation
/// cue quotes the next page's first text.
final class PageFlow {
    /// Called once per page, in order, with the page's index and the first text of the page
    /// after it (nil for the last page); adds what goes on a page after its body (numbers, cues).
    typealias Finisher = (inout Page, _ index: Int, _ nextFirstText: String?) -> Void

    let geometry: PageGeometry
    private var current: Page
    private var currentFirstText: String?
    private var held: (page: Page, firstText: String?)?
    private let finisher: Finisher
    private let output: (Page) -> Void
    private(set) var pageIndex = 0
    /// The page the next line lands on, once `watchNextLine` has been called.
    private(set) var nextLinePage: Int?
    private var watching = false
    private var closed = false
    var y: Double

    init(geometry: PageGeometry, label: String, finisher: @escaping Finisher = { _, _, _ in }, output: @escaping (Page) -> Void) {
        self.geometry = geometry
        self.finisher = finisher
        self.output = output
        y = geometry.top
        current = Page(width: geometry.width, height: geometry.height, label: label)
    }

    var remaining: Double { geometry.contentBottom - y }
    /// Nothing has been placed on the current page yet.
    var atPageTop: Bool { y <= geometry.top + 0.01 }
    /// Pages begun so far.
    var pageCount: Int { pageIndex + 1 }

    func newPage(label: String) {
        release(nextFirstText: currentFirstText)
        held = (current, currentFirstText)
        current = Page(width: geometry.width, height: geometry.height, label: label)
        currentFirstText = nil
        pageIndex += 1
        y = geometry.top
    }

    /// Finishes the last pages. The flow takes nothing after this.
    func close() {
        guard !closed else { return }
        closed = true
        release(nextFirstText: currentFirstText)
        var last = current
        finisher(&last, pageIndex, nil)
        output(last)
    }

    private func release(nextFirstText: String?) {
        guard var page = held?.page else { return }
        finisher(&page, pageIndex - 1, nextFirstText)
        output(page)
        held = nil
    }

    func add(_ item: PageItem) { current.items.append(item) }

    /// Number of items on the current page, to insert something under them later.
    var itemCount: Int { current.items.count }
    func insert(_ item: PageItem, at index: Int) { current.items.insert(item, at: index) }

    /// Places a shaped line with its top at the cursor, left end at `x`; moves the cursor down.
    func place(_ line: ShapedLine, x: Double, quotable: Bool = true) {
        placeLine(line, x: x, top: y, quotable: quotable)
        y += line.height
    }

    /// Places a line at an explicit top without moving the cursor. `quotable` lines may be
    /// quoted by the previous page's continuation cue.
    /// Notes the page of the next line placed (to check that a heading stays with what follows).
    func watchNextLine() { watching = true; nextLinePage = nil }

    func placeLine(_ line: ShapedLine, x: Double, top: Double, quotable: Bool = true) {
        if watching { nextLinePage = pageIndex; watching = false }
        for var run in line.runs {
            run.x += x
            run.y = top + line.baseline
            current.items.append(.text(run))
        }
        if quotable, currentFirstText == nil {
            let text = line.text
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { currentFirstText = text }
        }
    }

    func rule(x0: Double, y0: Double, x1: Double, y1: Double, width: Double = 0.5) {
        add(.rule(Rule(x0: x0, y0: y0, x1: x1, y1: y1, width: width)))
    }
}
