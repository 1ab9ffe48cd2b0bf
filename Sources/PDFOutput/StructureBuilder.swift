import PageIR

/// The document's logical structure as PDF structure elements (ISO 32000 14.7, 14.8), made page
/// by page while the pages are drawn, from the structure marks of each page and what its marked
/// content belongs to: parts of one structure on several pages (a paragraph or a table row split
/// by a page break) become one element, in reading order; a structure with no content (an empty
/// table cell) still has its element.
///
/// Only the elements of the page just drawn are held: a structure split by a page break goes on
/// on the next page, so an element that took nothing on a page is complete, and is written then
/// as a record (`StructureElements`) — a long table's 130,000 cells are not all held until the
/// file is finished. (A structure that went on after a page without any of it, which no layout
/// makes, would become two elements.) Elements are numbered as they are made, a parent before
/// its kids.
struct StructureBuilder {
    typealias Element = Int32

    /// How a child is found again while it is open: by the id of its structure, by column for a
    /// cell, or by type for a group of rows.
    enum Key: Hashable {
        case id(Int)
        case cell(column: Int)
        case group(String)
    }

    /// The `Document` element, above everything, complete only with the document.
    static let document: Element = 0

    /// An element that may still take kids.
    private struct Open {
        var type: UInt8
        var parent: Element
        /// Where the index of children finds it; nil: the document and tables of contents.
        var key: ChildKey?
        var attributes: ElementAttributes?
        var alt: String?
        var kids: [StructureElements.Kid] = []
        /// The last page that gave it a kid or a mark.
        var page: Int
    }

    /// A parent and `Key` in 16 bytes (a group as its number in `groupNames`).
    private struct ChildKey: Hashable {
        let parent: Element
        /// 0: `Key.id`, 1: `Key.cell`, 2: `Key.group`.
        let kind: UInt8
        let value: Int
    }

    private var open: [Element: Open] = [:]
    /// Open children by their parent and `Key`.
    private var children: [ChildKey: Element] = [:]
    private var groupNames: [String: Int] = [:]
    private var typeNames: [String] = []
    private var typeCodes: [String: UInt8] = [:]
    private var count: Int32 = 0
    private var page = 0
    private var elements: StructureElements

    /// Records past `memoryLimit` bytes wait on disk (`SpillingBuffer`).
    init(memoryLimit: Int = 2 << 20, spillDirectory: String? = SpillFile.defaultDirectory) {
        elements = StructureElements(records: SpillingBuffer(memoryLimit: memoryLimit, directory: spillDirectory))
        _ = make("Document", parent: -1, key: nil)
    }

    /// The elements held now (open): for tests of what is held.
    var openCount: Int { open.count }

    /// Takes in page `tags` (the next page; `paths` holds the structures its marks name) and
    /// writes what it completed.
    mutating func add(_ tags: PageTags, paths: StructurePaths) {
        var begun = Begun(count: paths.count)
        // The element that holds each marked content of the page, by MCID (the page's entry in
        // the parent tree).
        var owners = [Int32](repeating: -1, count: tags.contents.count)
        for event in tags.events {
            switch event {
            case .begin(let index):
                _ = element(index, paths: paths, begun: &begun, tags: tags)
            case .content(let mcid):
                let owner = tags.contents[Int(mcid)]
                guard owner >= 0 else { continue }
                let element = element(owner, paths: paths, begun: &begun, tags: tags)
                append(.content(page: page, mcid: Int(mcid)), to: element)
                owners[Int(mcid)] = element
            }
        }
        elements.contentOwners.append(owners)
        for link in tags.links {
            let element = element(for: link.path, tags: tags)
            append(.annotation(index: elements.annotationOwners.count, page: page), to: element)
            elements.annotationOwners.append(element)
        }
        closeAll(before: page)
        page += 1
    }

    /// Every element, written; the builder takes nothing more.
    mutating func finish() -> StructureElements {
        closeAll(before: Int.max)
        elements.count = Int(count)
        elements.typeNames = typeNames
        return elements
    }

    /// The element of each structure begun on a page, by its number in `StructurePaths`.
    private struct Begun {
        var elements: [Element]
        /// Whether the structure is in a header row (its cells are TH).
        var inHeader: [Bool]
        init(count: Int) {
            elements = Array(repeating: -1, count: count)
            inHeader = Array(repeating: false, count: count)
        }
    }

    /// The element of structure `index`, found or made (with those above it) on first use on the
    /// page: the same element `element(for:tags:)` finds from the structure's path, without
    /// walking the path from the document for every sequence.
    private mutating func element(_ index: Int32, paths: StructurePaths, begun: inout Begun, tags: PageTags) -> Element
    {
        let known = begun.elements[Int(index)]
        if known >= 0 { return known }
        let structure = paths.structure(index)
        let parent = paths.parent(index)
        let node = parent >= 0 ? element(parent, paths: paths, begun: &begun, tags: tags) : Self.document
        var header = parent >= 0 && begun.inHeader[Int(parent)]
        if case .headerRow = structure.role { header = true }
        let made = child(of: node, for: structure, inHeader: header, tags: tags)
        begun.elements[Int(index)] = made
        begun.inHeader[Int(index)] = header
        return made
    }

    /// The element for the innermost structure of `path`, found or made (with those above it).
    private mutating func element(for path: [Structure], tags: PageTags) -> Element {
        var node = Self.document
        var inHeader = false
        for structure in path {
            if case .headerRow = structure.role { inHeader = true }
            node = child(of: node, for: structure, inHeader: inHeader, tags: tags)
        }
        return node
    }

    static func key(_ structure: Structure) -> Key {
        // The cells of a row split over pages are one cell each: they are told apart by column.
        if case .cell(let column, _, _) = structure.role { return .cell(column: column) }
        return .id(structure.id)
    }

    private mutating func child(of node: Element, for structure: Structure, inHeader: Bool, tags: PageTags)
        -> Element
    {
        let key = Self.key(structure)
        if let existing = child(of: node, key) {
            touch(existing)
            // A contents entry's text and link annotation go in its Link element.
            if case .contentsEntry = structure.role, case .element(let link)? = open[existing]?.kids.first {
                touch(link)
                return link
            }
            return existing
        }
        let childKey = self.childKey(node, key)
        switch structure.role {
        case .heading(let level): return add(make("H\(min(max(level, 1), 6))", parent: node, key: childKey))
        case .paragraph, .artifact: return add(make("P", parent: node, key: childKey))
        case .table: return add(make("Table", parent: node, key: childKey))
        case .list: return add(make("L", parent: node, key: childKey, attributes: .list))
        case .listItem: return add(make("LI", parent: node, key: childKey))
        case .listLabel: return add(make("Lbl", parent: node, key: childKey))
        case .listBody: return add(make("LBody", parent: node, key: childKey))
        case .headerRow: return add(make("TR", parent: group("THead", of: node), key: childKey))
        case .row: return add(make("TR", parent: group("TBody", of: node), key: childKey))
        case .cell(_, let span, let rows):
            let attributes: ElementAttributes? =
                inHeader || span > 1 || rows > 1 ? .cell(header: inHeader, span: span, rows: rows) : nil
            return add(make(inHeader ? "TH" : "TD", parent: node, key: childKey, attributes: attributes))
        case .figure(let alt):
            let box = tags.figureBoxes[structure.id].map { ElementAttributes.layout(box: $0) }
            return add(make("Figure", parent: node, key: childKey, attributes: box, alt: alt))
        case .contentsEntry:
            // Consecutive entries make one table of contents.
            var toc: Element
            if case .element(let last)? = open[node]?.kids.last, let kept = open[last],
                typeNames[Int(kept.type)] == "TOC"
            {
                toc = last
                touch(toc)
            } else {
                toc = add(make("TOC", parent: node, key: nil))
            }
            let entry = add(make("TOCI", parent: toc, key: childKey))
            return add(make("Link", parent: entry, key: nil))
        }
    }

    /// `element` as the last kid of its parent; returns it.
    private mutating func add(_ element: Element) -> Element {
        if let parent = open[element]?.parent, parent >= 0 { append(.element(element), to: parent) }
        return element
    }

    /// The open child element of `node` of type `type` that groups rows (THead, TBody), made on
    /// first use.
    private mutating func group(_ type: String, of node: Element) -> Element {
        if let existing = child(of: node, .group(type)) {
            touch(existing)
            return existing
        }
        if groupNames[type] == nil { groupNames[type] = groupNames.count }
        return add(make(type, parent: node, key: childKey(node, .group(type))))
    }

    private func childKey(_ parent: Element, _ key: Key) -> ChildKey {
        switch key {
        case .id(let id): return ChildKey(parent: parent, kind: 0, value: id)
        case .cell(let column): return ChildKey(parent: parent, kind: 1, value: column)
        case .group(let name): return ChildKey(parent: parent, kind: 2, value: groupNames[name] ?? -1)
        }
    }

    private func child(of parent: Element, _ key: Key) -> Element? {
        if case .group(let name) = key, groupNames[name] == nil { return nil }
        return children[childKey(parent, key)]
    }

    /// A new open element, found again by `key` under the parent the key names.
    private mutating func make(
        _ type: String, parent: Element, key: ChildKey?, attributes: ElementAttributes? = nil, alt: String? = nil
    ) -> Element {
        let code: UInt8
        if let known = typeCodes[type] {
            code = known
        } else {
            code = UInt8(typeNames.count)
            typeNames.append(type)
            typeCodes[type] = code
        }
        let element = count
        count += 1
        open[element] = Open(type: code, parent: parent, key: key, attributes: attributes, alt: alt, page: page)
        if let key { children[key] = element }
        touch(parent)
        return element
    }

    private mutating func append(_ kid: StructureElements.Kid, to element: Element) {
        open[element]?.kids.append(kid)
        touch(element)
    }

    /// Notes that `element` and those above it took something on this page.
    private mutating func touch(_ element: Element) {
        var at = element
        while at >= 0, let index = open.index(forKey: at), open.values[index].page != page {
            open.values[index].page = page
            at = open.values[index].parent
        }
    }

    /// Writes and lets go every element that took nothing on a page from `page` on (the
    /// document only at the end).
    private mutating func closeAll(before page: Int) {
        var done: [(type: UInt8, element: Element)] = []
        for (element, state) in open where state.page < page && (element != Self.document || page == .max) {
            done.append((state.type, element))
        }
        // By type, then in the order they were made: the file is the same every time, and like
        // dictionaries side by side deflate better in their object streams (the sample's file
        // is 1.5 % larger with the elements in the order they were made).
        done.sort { ($0.type, $0.element) < ($1.type, $1.element) }
        for (_, element) in done {
            guard let state = open.removeValue(forKey: element) else { continue }
            if let key = state.key { children[key] = nil }
            elements.write(
                StructureElements.Record(
                    element: element, type: state.type, parent: state.parent, attributes: state.attributes,
                    alt: state.alt, kids: state.kids))
        }
    }
}

/// The few attributes an element has (ISO 32000 14.8.5): a list's numbering, a cell's scope and
/// spans, a figure's bounding box.
enum ElementAttributes: Equatable {
    case list
    case cell(header: Bool, span: Int, rows: Int)
    /// [left, bottom, right, top] in PDF user space.
    case layout(box: [Double])

    var dict: PDFDict {
        switch self {
        case .list: return PDFDict([("O", .name("List")), ("ListNumbering", .name("Circle"))])
        case .cell(let header, let span, let rows):
            var attributes = PDFDict([("O", .name("Table"))])
            if header { attributes["Scope"] = .name("Column") }
            if span > 1 { attributes["ColSpan"] = .int(span) }
            if rows > 1 { attributes["RowSpan"] = .int(rows) }
            return attributes
        case .layout(let box): return PDFDict([("O", .name("Layout")), ("BBox", .array(box.map { .number($0) }))])
        }
    }
}
