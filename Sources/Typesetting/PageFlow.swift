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

/// The pages being filled: a cursor that moves down the current page and starts a new one
/// when asked. Records, per page, the first text a continuation cue can quote.
final class PageFlow {
    let geometry: PageGeometry
    private(set) var pages: [Page] = []
    /// First body text of each page (not a repeated table header), for continuation cues.
    private(set) var firstText: [Int: String] = [:]
    var y: Double

    init(geometry: PageGeometry, label: String) {
        self.geometry = geometry
        y = geometry.top
        pages.append(Page(width: geometry.width, height: geometry.height, label: label))
    }

    var pageIndex: Int { pages.count - 1 }
    var remaining: Double { geometry.contentBottom - y }
    /// Nothing has been placed on the current page yet.
    var atPageTop: Bool { y <= geometry.top + 0.01 }

    func newPage(label: String) {
        pages.append(Page(width: geometry.width, height: geometry.height, label: label))
        y = geometry.top
    }

    func add(_ item: PageItem) { pages[pages.count - 1].items.append(item) }

    /// Number of items on the current page, to insert something under them later.
    var itemCount: Int { pages[pages.count - 1].items.count }
    func insert(_ item: PageItem, at index: Int) { pages[pages.count - 1].items.insert(item, at: index) }

    /// Places a shaped line with its top at the cursor, left end at `x`; moves the cursor down.
    func place(_ line: ShapedLine, x: Double, quotable: Bool = true) {
        placeLine(line, x: x, top: y, quotable: quotable)
        y += line.height
    }

    /// Places a line at an explicit top without moving the cursor.
    func placeLine(_ line: ShapedLine, x: Double, top: Double, quotable: Bool = true) {
        for var run in line.runs {
            run.x += x
            run.y = top + line.baseline
            add(.text(run))
        }
        if quotable, firstText[pageIndex] == nil, !line.text.trimmingCharacters(in: .whitespaces).isEmpty {
            firstText[pageIndex] = line.text
        }
    }

    func rule(x0: Double, y0: Double, x1: Double, y1: Double, width: Double = 0.5) {
        add(.rule(Rule(x0: x0, y0: y0, x1: x1, y1: y1, width: width)))
    }

    /// Relabels a page after layout (page numbers are assigned once the body is done).
    func setLabel(_ label: String, page: Int) { pages[page].label = label }

    func append(items: [PageItem], page: Int) { pages[page].items.append(contentsOf: items) }
}
