import PageIR

/// What each marked-content sequence of a page belongs to, recorded while the page is drawn:
/// the post-writer makes the structure tree from it. Cairo numbers a page's sequences (MCIDs)
/// in the order they begin, from 0.
struct PageTags {
    enum Event {
        /// A structure begins (outermost first), so it has an element even with no content.
        case begin([Structure])
        /// Marked content `mcid` belongs to the innermost open structure.
        case content(Int)
    }
    /// By MCID: the structure the content belongs to (outermost first), or nil for an artifact.
    var contents: [[Structure]?] = []
    /// What happened on the page, in order.
    var events: [Event] = []
    var links: [LinkMark] = []
    /// Bounding boxes of figures, by structure id: [left, bottom, right, top] in PDF user space.
    var figureBoxes: [Int: [Double]] = [:]
    /// The text of each contents entry, by structure id (a link's alternate description).
    var entryTexts: [Int: String] = [:]
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
    private var open: (owner: [Structure]?, tag: String)?
    private(set) var tags = PageTags()

    /// Cairo 1.16 takes only standard structure types as tag names; `Private` marks artifacts,
    /// which the post-writer rewrites to `/Artifact BMC`.
    static let artifactTag = "Private"

    mutating func begin(_ structure: Structure) {
        path.append(structure)
        if !inArtifact { tags.events.append(.begin(path)) }
    }
    mutating func end() { if !path.isEmpty { path.removeLast() } }

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
    mutating func switchTo(_ owner: [Structure]?) -> (end: String?, begin: String?) {
        if let open, open.owner == owner { return (nil, nil) }
        let ended = open?.tag
        let tag = owner.map { Self.tagName($0) } ?? Self.artifactTag
        open = (owner, tag)
        if owner != nil { tags.events.append(.content(tags.contents.count)) }
        tags.contents.append(owner)
        return (ended, tag)
    }

    /// Ends the open sequence at the end of a page; returns its tag.
    mutating func finishPage() -> (tag: String?, tags: PageTags) {
        let tag = open?.tag
        open = nil
        defer { tags = PageTags() }
        return (tag, tags)
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
