import Foundation
import PageIR

/// What a document puts on every page besides its flow: page numbers, running heads,
/// continuation cues. Called once per page, in order, when the page is finished.
public protocol PageMarginals {
    /// `nextFirstText` is the first quotable text of the page after this one (nil on the last).
    func finish(_ page: inout Page, index: Int, nextFirstText: String?)
}

/// The page being filled: a cursor that moves down it and starts a new page when asked.
/// Finished pages leave the flow at once (so memory does not grow with the page count), one
/// page late: a page is finished when the page after it has begun, because a continuation
/// cue quotes the next page's first text. Structure begun and not ended when a page breaks
/// is ended on that page and begun again, with the same id, on the next.
public final class PageFlow {
    public let geometry: PageGeometry
    private var current: Page
    private var currentFirstText: String?
    private var held: (page: Page, firstText: String?)?
    private let marginals: PageMarginals?
    /// Takes each finished page with its first quotable text (what a continuation cue on the
    /// page before quotes).
    private let output: (Page, String?) throws -> Void
    /// The label new pages get when the flow breaks a page by itself.
    private var label: String
    private var open: [Structure] = []
    private var nextStructureID: Int
    public private(set) var pageIndex = 0
    private var closed = false
    /// Top of the space not yet used on the current page.
    public var y: Double

    /// `firstStructureID` lets the flows of one document number their structure apart.
    public convenience init(
        geometry: PageGeometry, label: String, marginals: PageMarginals? = nil, firstStructureID: Int = 1,
        output: @escaping (Page) throws -> Void
    ) {
        self.init(
            geometry: geometry, label: label, marginals: marginals, firstStructureID: firstStructureID,
            outputWithFirstText: { page, _ in try output(page) })
    }

    /// A flow that hands on each page with its first quotable text.
    public init(
        geometry: PageGeometry, label: String, marginals: PageMarginals? = nil, firstStructureID: Int = 1,
        outputWithFirstText output: @escaping (Page, String?) throws -> Void
    ) {
        self.geometry = geometry
        self.marginals = marginals
        self.output = output
        self.label = label
        nextStructureID = firstStructureID
        y = geometry.top
        current = Page(width: geometry.width, height: geometry.height, label: label)
    }

    public var remaining: Double { geometry.contentBottom - y }
    /// Nothing has been placed on the current page yet.
    public var atPageTop: Bool { y <= geometry.top + 0.01 }
    /// Pages begun so far.
    public var pageCount: Int { pageIndex + 1 }
    /// The id the next structure will get.
    public var structureIDs: Int { nextStructureID }

    /// Starts a new page, labelled `label` (and so are the pages the flow starts after it).
    public func newPage(label: String? = nil) throws {
        if let label { self.label = label }
        for _ in open { current.items.append(.end) }
        try release(nextFirstText: currentFirstText)
        held = (current, currentFirstText)
        current = Page(width: geometry.width, height: geometry.height, label: self.label)
        current.items = open.map { .begin($0) }
        currentFirstText = nil
        pageIndex += 1
        y = geometry.top
    }

    /// Finishes the last pages. The flow takes nothing after this.
    public func close() throws {
        guard !closed else { return }
        closed = true
        for _ in open { current.items.append(.end) }
        try release(nextFirstText: currentFirstText)
        var last = current
        marginals?.finish(&last, index: pageIndex, nextFirstText: nil)
        try output(last, currentFirstText)
    }

    private func release(nextFirstText: String?) throws {
        guard let (held, firstText) = held else { return }
        var page = held
        marginals?.finish(&page, index: pageIndex - 1, nextFirstText: nextFirstText)
        try output(page, firstText)
        self.held = nil
    }

    /// Begins a structure; `continuing` gives the id of one begun on an earlier page (a row
    /// resumed after a page break). Returns the structure's id.
    @discardableResult
    public func begin(_ role: Structure.Role, continuing id: Int? = nil) -> Int {
        let structure = Structure(role: role, id: id ?? nextStructureID)
        if id == nil { nextStructureID += 1 }
        open.append(structure)
        current.items.append(.begin(structure))
        return structure.id
    }

    /// Ends the innermost open structure.
    public func end() {
        guard !open.isEmpty else { return }
        open.removeLast()
        current.items.append(.end)
    }

    public func add(_ item: PageItem) { current.items.append(item) }

    /// Number of items on the current page, to insert something under them later.
    public var itemCount: Int { current.items.count }
    public func insert(_ item: PageItem, at index: Int) { current.items.insert(item, at: index) }

    /// Places a shaped line with its top at the cursor, left end at `x`; moves the cursor down.
    public func place(_ line: ShapedLine, x: Double, quotable: Bool = true) {
        placeLine(line, x: x, top: y, quotable: quotable)
        y += line.height
    }

    /// Places a line at an explicit top without moving the cursor. `quotable` lines may be
    /// quoted by the previous page's continuation cue.
    public func placeLine(_ line: ShapedLine, x: Double, top: Double, quotable: Bool = true) {
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

    public func rule(x0: Double, y0: Double, x1: Double, y1: Double, width: Double) {
        add(.rule(Rule(x0: x0, y0: y0, x1: x1, y1: y1, width: width)))
    }
}
