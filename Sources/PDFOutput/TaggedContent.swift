import PageIR

/// What each marked-content sequence of a page belongs to, recorded while the page is drawn:
/// the structure elements are made from it (`StructureBuilder`) once the page is done. Cairo numbers a page's sequences (MCIDs)
/// in the order they begin, from 0.
struct PageTags {
    enum Event {
        /// A structure begins (its path in `StructurePaths`), so it has an element even with
        /// no content.
        case begin(Int32)
        /// Marked content `mcid` belongs to the innermost open structure.
        case content(Int32)
    }
    /// By MCID: the path in `StructurePaths` of the structure the content belongs to, or -1
    /// for an artifact.
    var contents: [Int32] = []
    /// What happened on the page, in order.
    var events: [Event] = []
    var links: [LinkMark] = []
    /// Bounding boxes of figures, by structure id: [left, bottom, right, top] in PDF user space.
    var figureBoxes: [Int: [Double]] = [:]
    /// The text of each contents entry, by structure id (a link's alternate description).
    var entryTexts: [Int: String] = [:]
}

/// What the post-writer needs of a page's marks once its structure elements are made: its
/// links, and the text of each contents entry (a link's alternate description).
struct PageLinks {
    var links: [LinkMark] = []
    var entryTexts: [Int: String] = [:]
}

/// Every structure begun while a page is drawn, each with the one it was begun in: a path of
/// structures (outermost first) is the index of its innermost one. The marks of a table's every
/// cell are numbers, not a copy each of the path to the cell.
final class StructurePaths {
    /// Each structure in 24 bytes (a `Structure` takes 40): a table begins one for every cell.
    private var structures: [Packed] = []
    private var parents: [Int32] = []
    /// The alternate text of each figure, by its index.
    private var alts: [Int32: String] = [:]

    /// A structure's role as a kind and its numbers, and its id. A role's numbers past 32 bits
    /// (a row, column or span; no document the loader accepts comes near) are clamped; the id,
    /// which tells structures apart, is kept whole.
    private struct Packed {
        var kind: UInt8
        var flag: Bool
        var first: Int32
        var second: Int32
        var third: Int32
        var id: Int
    }

    /// `structure` begun inside `parent` (-1: at the top).
    func add(_ structure: Structure, parent: Int32) -> Int32 {
        let index = Int32(structures.count)
        var packed = Packed(kind: 0, flag: false, first: 0, second: 0, third: 0, id: structure.id)
        switch structure.role {
        case .heading(let level): (packed.kind, packed.first) = (1, Int32(clamping: level))
        case .paragraph: packed.kind = 2
        case .table: packed.kind = 3
        case .headerRow(let repeated): (packed.kind, packed.flag) = (4, repeated)
        case .row(let row, let isGroup): (packed.kind, packed.first, packed.flag) = (5, Int32(clamping: row), isGroup)
        case .cell(let column, let span, let rows):
            packed.kind = 6
            (packed.first, packed.second, packed.third) =
                (Int32(clamping: column), Int32(clamping: span), Int32(clamping: rows))
        case .figure(let alt):
            packed.kind = 7
            alts[index] = alt
        case .list: packed.kind = 8
        case .listItem: packed.kind = 9
        case .listLabel: packed.kind = 10
        case .listBody: packed.kind = 11
        case .contentsEntry: packed.kind = 12
        case .artifact: packed.kind = 13
        }
        structures.append(packed)
        parents.append(parent)
        return index
    }

    var count: Int { structures.count }

    func structure(_ index: Int32) -> Structure {
        let packed = structures[Int(index)]
        let role: Structure.Role
        switch packed.kind {
        case 1: role = .heading(level: Int(packed.first))
        case 2: role = .paragraph
        case 3: role = .table
        case 4: role = .headerRow(repeated: packed.flag)
        case 5: role = .row(index: Int(packed.first), isGroup: packed.flag)
        case 6: role = .cell(column: Int(packed.first), span: Int(packed.second), rows: Int(packed.third))
        case 7: role = .figure(alt: alts[index] ?? "")
        case 8: role = .list
        case 9: role = .listItem
        case 10: role = .listLabel
        case 11: role = .listBody
        case 12: role = .contentsEntry
        case 13: role = .artifact
        default: preconditionFailure("a structure's kind \(packed.kind) that `add` does not write")
        }
        return Structure(role: role, id: packed.id)
    }

    /// The structure `index` was begun in; -1 at the top.
    func parent(_ index: Int32) -> Int32 { parents[Int(index)] }

    /// Lets every path go (the page's structure elements are made).
    func removeAll() {
        structures.removeAll(keepingCapacity: true)
        parents.removeAll(keepingCapacity: true)
        alts = [:]
    }

    /// The path to `index`, outermost first.
    func path(_ index: Int32) -> [Structure] {
        var path: [Structure] = []
        var at = index
        while at >= 0 {
            path.append(structure(at))
            at = parents[Int(at)]
        }
        return path.reversed()
    }
}

/// A link drawn on a page: where it is, where it goes, and the structure it belongs to.
struct LinkMark {
    var link: Link
    var path: [Structure]
}

/// Turns the page IR's structure marks into marked-content sequences while a page is drawn.
/// Content is marked flat (one sequence at a time, never nested), each sequence owned by the
/// innermost structure open around it; rules and boxes, and everything inside an artifact or
/// a repeated table header, are artifacts.
struct ContentMarker {
    private(set) var path: [Structure] = []
    /// `path` as indices in `paths`, innermost last.
    private var pathIndices: [Int32] = []
    private var open: (owner: [Structure]?, tag: String)?
    /// The owner of the text sequence open now (`PageText`'s sequences, numbered after Cairo's
    /// when the page is done), and the structure each text sequence belongs to.
    private var textOpen = false
    private var textOwner: [Structure]?
    private var textContents: [Int32] = []
    private(set) var tags = PageTags()
    let paths = StructurePaths()

    /// Cairo 1.16 takes only standard structure types as tag names; `Private` marks artifacts,
    /// which the post-writer rewrites to `/Artifact BMC`.
    static let artifactTag = "Private"

    mutating func begin(_ structure: Structure) {
        pathIndices.append(paths.add(structure, parent: pathIndices.last ?? -1))
        path.append(structure)
        if !inArtifact { tags.events.append(.begin(pathIndices.last!)) }
    }
    mutating func end() {
        if !path.isEmpty {
            path.removeLast()
            pathIndices.removeLast()
        }
    }

    /// Whether content placed now is an artifact.
    var inArtifact: Bool {
        path.contains {
            switch $0.role {
            case .artifact, .headerRow(repeated: true): return true
            default: return false
            }
        }
    }

    /// The owner of the next item drawn; `decoration` for rules and boxes.
    func owner(decoration: Bool) -> [Structure]? { decoration || inArtifact || path.isEmpty ? nil : path }

    /// Marks the content that follows as owned by `owner`: returns the tag to end (if the owner
    /// changes) and the tag to begin.
    /// Content here ends the open text sequence, so that text after it is a sequence of its own
    /// (the structure reads its sequences in the order they begin).
    mutating func switchTo(_ owner: [Structure]?) -> (end: String?, begin: String?) {
        if owner != nil { textOpen = false }
        if let open, open.owner == owner { return (nil, nil) }
        let ended = open?.tag
        let tag = owner.map { Self.tagName($0) } ?? Self.artifactTag
        open = (owner, tag)
        if owner != nil { tags.events.append(.content(Int32(tags.contents.count))) }
        // An owner is the path open now (`owner(decoration:)`).
        tags.contents.append(owner == nil ? -1 : pathIndices.last ?? -1)
        return (ended, tag)
    }

    /// Ends Cairo's open sequence if it marks content (text after it begins a sequence of its
    /// own, numbered after it, and content Cairo draws next begins another): returns its tag.
    mutating func endCairoContent() -> String? {
        guard let open, open.owner != nil else { return nil }
        self.open = nil
        return open.tag
    }

    /// Marks the text that follows (`PageText`) as owned by `owner`: the mark of a new
    /// sequence, or nil while the open one goes on. A content sequence is noted in the page's
    /// events by -1 - its index among the text sequences until `finishPage` numbers it.
    mutating func switchText(to owner: [Structure]?) -> PageText.Mark? {
        if textOpen, textOwner == owner { return nil }
        textOpen = true
        textOwner = owner
        guard let owner else { return .artifact }
        let index = Int32(textContents.count)
        tags.events.append(.content(-1 - index))
        textContents.append(pathIndices.last ?? -1)
        return .content(tag: Self.tagName(owner), index: index)
    }

    /// Ends the open sequences at the end of a page; returns the tag of Cairo's open one, and
    /// the number of Cairo's sequences on the page, after which the text's are numbered.
    mutating func finishPage() -> (tag: String?, tags: PageTags, firstTextMCID: Int32) {
        let tag = open?.tag
        open = nil
        textOpen = false
        textOwner = nil
        defer {
            tags = PageTags()
            textContents.removeAll(keepingCapacity: true)
        }
        let first = Int32(tags.contents.count)
        // The text's sequences numbered after Cairo's (the page's structure elements are made
        // from these marks at once, then they are let go).
        var finished = tags
        finished.events = finished.events.map { event in
            if case .content(let mcid) = event, mcid < 0 { return .content(first - 1 - mcid) }
            return event
        }
        finished.contents += textContents
        return (tag, finished, first)
    }

    /// Lets the paths of the page just finished go, once its structure elements are made: the
    /// next page's are numbered from 0. (Kept while a structure is open across the page break,
    /// which the page IR never leaves: its marks are balanced on every page.)
    mutating func forgetPaths() {
        if pathIndices.isEmpty { paths.removeAll() }
    }

    mutating func link(_ link: Link) { tags.links.append(LinkMark(link: link, path: path)) }
    mutating func figure(_ image: Image, pageHeight: Double) {
        if let figure = path.last(where: { if case .figure = $0.role { return true } else { return false } }) {
            tags.figureBoxes[figure.id] = [
                image.x, pageHeight - image.y - image.height, image.x + image.width,
                pageHeight - image.y,
            ]
        }
    }

    /// Notes text drawn in a contents entry: lines joined as written (Thai wraps without a space),
    /// a gap on one line (before the page number) as a space.
    mutating func text(_ run: TextRun) {
        guard !inArtifact, let entry = path.last(where: { $0.role == .contentsEntry }) else { return }
        if let last = lastEntryRun, last.id == entry.id, abs(last.y - run.y) < 0.5, run.x > last.right + 2 {
            tags.entryTexts[entry.id, default: ""] += " "
        }
        tags.entryTexts[entry.id, default: ""] += run.text
        lastEntryRun = (entry.id, run.y, run.x + run.width)
    }
    private var lastEntryRun: (id: Int, y: Double, right: Double)?

    /// The tag name for content of the innermost structure of `path`.
    static func tagName(_ path: [Structure]) -> String {
        guard let last = path.last else { return artifactTag }
        switch last.role {
        case .heading(let level): return "H\(min(max(level, 1), 6))"
        case .paragraph: return "P"
        case .cell:
            return path.contains { if case .headerRow = $0.role { return true } else { return false } } ? "TH" : "TD"
        case .figure: return "Figure"
        case .contentsEntry: return "Reference"
        case .listLabel: return "Lbl"
        case .listBody: return "LBody"
        case .list, .listItem: return "Span"
        case .table, .headerRow, .row: return "Span"
        case .artifact: return artifactTag
        }
    }
}
