import PageIR

/// The document's logical structure as PDF structure elements (ISO 32000 14.7, 14.8), made
/// from the structure marks met while drawing and what each page's marked content belongs to:
/// parts of one structure on several pages (a paragraph or a table row split by a page break)
/// become one element, in reading order; a structure with no content (an empty table cell)
/// still has its element.
final class StructElement {
    enum Kid {
        case element(StructElement)
        /// Marked content `mcid` of page `page`.
        case content(page: Int, mcid: Int)
        /// Link annotation `index` (in document order) on page `page`.
        case annotation(index: Int, page: Int)
    }

    let type: String
    var attributes: PDFDict?
    var alt: String?
    private(set) var kids: [Kid] = []
    /// Elements made for structures of the page IR, by `key(_:)`.
    fileprivate var byKey: [Key: StructElement] = [:]

    /// How a child is found again: by the id of its structure, by column for a cell, or by type
    /// for a group of rows.
    enum Key: Hashable {
        case id(Int)
        case cell(column: Int)
        case group(String)
    }

    init(_ type: String, attributes: PDFDict? = nil, alt: String? = nil) {
        self.type = type
        self.attributes = attributes
        self.alt = alt
    }

    func append(_ kid: Kid) { kids.append(kid) }

    /// The kids, taken out once the tree is complete (with the index of children, no longer
    /// needed): the post-writer writes each element once, and a long table's elements are let
    /// go as they are written.
    func takeKids() -> [Kid] {
        defer {
            kids = []
            byKey = [:]
        }
        return kids
    }

    /// The child element of type `type` that groups rows (THead, TBody), made on first use.
    fileprivate func group(_ type: String) -> StructElement {
        if let existing = byKey[.group(type)] { return existing }
        let group = StructElement(type)
        byKey[.group(type)] = group
        append(.element(group))
        return group
    }
}

enum StructureTree {
    /// The `Document` element holding everything the pages show that is not an artifact.
    static func build(_ pages: [PageTags], paths: StructurePaths) -> StructElement {
        let document = StructElement("Document")
        var begun = Begun(paths: paths, document: document)
        for (page, tags) in pages.enumerated() {
            for event in tags.events {
                switch event {
                case .begin(let index):
                    _ = begun.element(index, tags: tags)
                case .content(let mcid):
                    let owner = tags.contents[Int(mcid)]
                    guard owner >= 0 else { continue }
                    begun.element(owner, tags: tags).append(.content(page: page, mcid: Int(mcid)))
                }
            }
        }
        var annotation = 0
        for (page, tags) in pages.enumerated() {
            for link in tags.links {
                element(for: link.path, in: document, tags: tags).append(.annotation(index: annotation, page: page))
                annotation += 1
            }
        }
        return document
    }

    /// The element of each structure begun, by its number in `StructurePaths`, made (with those
    /// above it) on first use: the same element `element(for:in:tags:)` finds from the
    /// structure's path, without walking the path from the document for every sequence.
    private struct Begun {
        let paths: StructurePaths
        let document: StructElement
        private var elements: [StructElement?]
        /// Whether the structure is in a header row (its cells are TH).
        private var inHeader: [Bool]

        init(paths: StructurePaths, document: StructElement) {
            self.paths = paths
            self.document = document
            elements = Array(repeating: nil, count: paths.count)
            inHeader = Array(repeating: false, count: paths.count)
        }

        mutating func element(_ index: Int32, tags: PageTags) -> StructElement {
            if let known = elements[Int(index)] { return known }
            let structure = paths.structure(index)
            let parent = paths.parent(index)
            let node = parent >= 0 ? element(parent, tags: tags) : document
            var header = parent >= 0 && inHeader[Int(parent)]
            if case .headerRow = structure.role { header = true }
            let made = child(of: node, for: structure, inHeader: header, tags: tags)
            elements[Int(index)] = made
            inHeader[Int(index)] = header
            return made
        }
    }

    /// The element for the innermost structure of `path`, made (with those above it) on first use.
    static func element(for path: [Structure], in document: StructElement, tags: PageTags) -> StructElement {
        var node = document
        var inHeader = false
        for structure in path {
            if case .headerRow = structure.role { inHeader = true }
            node = child(of: node, for: structure, inHeader: inHeader, tags: tags)
        }
        return node
    }

    static func key(_ structure: Structure) -> StructElement.Key {
        // The cells of a row split over pages are one cell each: they are told apart by column.
        if case .cell(let column, _, _) = structure.role { return .cell(column: column) }
        return .id(structure.id)
    }

    private static func child(of node: StructElement, for structure: Structure, inHeader: Bool, tags: PageTags)
        -> StructElement
    {
        let key = key(structure)
        if let existing = node.byKey[key] {
            // A contents entry's text and link annotation go in its Link element.
            if case .contentsEntry = structure.role, case .element(let link)? = existing.kids.first { return link }
            return existing
        }
        let element: StructElement
        var parent = node
        switch structure.role {
        case .heading(let level): element = StructElement("H\(min(max(level, 1), 6))")
        case .paragraph, .artifact: element = StructElement("P")
        case .table: element = StructElement("Table")
        case .list:
            element = StructElement(
                "L", attributes: PDFDict([("O", .name("List")), ("ListNumbering", .name("Circle"))]))
        case .listItem: element = StructElement("LI")
        case .listLabel: element = StructElement("Lbl")
        case .listBody: element = StructElement("LBody")
        case .headerRow:
            element = StructElement("TR")
            parent = node.group("THead")
        case .row:
            element = StructElement("TR")
            parent = node.group("TBody")
        case .cell(_, let span, let rows):
            var attributes = PDFDict([("O", .name("Table"))])
            if inHeader { attributes["Scope"] = .name("Column") }
            if span > 1 { attributes["ColSpan"] = .int(span) }
            if rows > 1 { attributes["RowSpan"] = .int(rows) }
            element = StructElement(
                inHeader ? "TH" : "TD",
                attributes: inHeader || span > 1 || rows > 1 ? attributes : nil)
        case .figure(let alt):
            element = StructElement("Figure", alt: alt)
            if let box = tags.figureBoxes[structure.id] {
                element.attributes = PDFDict([("O", .name("Layout")), ("BBox", .array(box.map { .number($0) }))])
            }
        case .contentsEntry:
            // Consecutive entries make one table of contents.
            if case .element(let last)? = node.kids.last, last.type == "TOC" {
                parent = last
            } else {
                parent = StructElement("TOC")
                node.append(.element(parent))
            }
            let entry = StructElement("TOCI")
            let link = StructElement("Link")
            entry.append(.element(link))
            parent.append(.element(entry))
            node.byKey[key] = entry
            return link
        }
        node.byKey[key] = element
        parent.append(.element(element))
        return element
    }
}
