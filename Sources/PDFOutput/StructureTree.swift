import PageIR

/// The document's logical structure as PDF structure elements (ISO 32000 14.7, 14.8), made
/// from the structure marks met while drawing and what each page's marked content belongs to:
/// parts of one structure on several pages (a paragraph or a table row split by a page break)
/// become one element, in reading order; a structure with no content (an empty table cell)
/// still has its element.
///
/// The elements are rows of one table (numbers in arrays, a list of kids each), not an object
/// each: a long table has an element for every cell, and as objects with their own arrays of
/// kids and dictionaries of children 130,000 cells took about 20 MB.
struct StructureTable {
    /// An element, by its row in the table.
    typealias Element = Int32

    enum Kid: Equatable {
        case element(Element)
        /// Marked content `mcid` of page `page`.
        case content(page: Int, mcid: Int)
        /// Link annotation `index` (in document order) on page `page`.
        case annotation(index: Int, page: Int)
    }

    /// How a child is found again: by the id of its structure, by column for a cell, or by type
    /// for a group of rows.
    enum Key: Hashable {
        case id(Int)
        case cell(column: Int)
        case group(String)
    }

    /// The `Document` element, above everything.
    static let document: Element = 0

    private var typeNames: [String] = []
    private var typeCodes: [String: UInt8] = [:]
    private var types: [UInt8] = []
    private var parents: [Element] = []
    /// Each element's kids as a list through `kidNext`, from `kidHead` to `kidTail` (-1: none).
    private var kidHead: [Int32] = []
    private var kidTail: [Int32] = []
    /// Kind of each kid (0 element, 1 content, 2 annotation) and its two numbers.
    private var kidKinds: [UInt8] = []
    private var kidFirst: [Int32] = []
    private var kidSecond: [Int32] = []
    private var kidNext: [Int32] = []
    /// The few elements with attributes (lists, header and spanning cells, figures) or an
    /// alternate description.
    private var attributes: [Element: PDFDict] = [:]
    private var alts: [Element: String] = [:]
    /// Children made for structures of the page IR, by their parent and `Key`.
    private var children: [ChildKey: Element] = [:]
    /// The names of groups of rows (`Key.group`), numbered as first met.
    private var groupNames: [String: Int] = [:]

    /// A parent and `Key` in 16 bytes: a long table has an entry for every cell, and with the
    /// key as it is (a string in one case) the index took 13.5 MB for 130,000 cells.
    private struct ChildKey: Hashable {
        let parent: Element
        /// 0: `Key.id`, 1: `Key.cell`, 2: `Key.group` (`value` its number in `groupNames`).
        let kind: UInt8
        let value: Int
    }

    /// `key` under `parent` as the index holds it; nil for a group no child was set for.
    private func childKey(_ parent: Element, _ key: Key) -> ChildKey? {
        switch key {
        case .id(let id): return ChildKey(parent: parent, kind: 0, value: id)
        case .cell(let column): return ChildKey(parent: parent, kind: 1, value: column)
        case .group(let name): return groupNames[name].map { ChildKey(parent: parent, kind: 2, value: $0) }
        }
    }

    init() { _ = make("Document") }

    var count: Int { types.count }

    /// A new element, not yet anyone's kid.
    mutating func make(_ type: String, attributes: PDFDict? = nil, alt: String? = nil) -> Element {
        let code: UInt8
        if let known = typeCodes[type] {
            code = known
        } else {
            code = UInt8(typeNames.count)
            typeNames.append(type)
            typeCodes[type] = code
        }
        let element = Element(types.count)
        types.append(code)
        parents.append(-1)
        kidHead.append(-1)
        kidTail.append(-1)
        if let attributes { self.attributes[element] = attributes }
        if let alt { alts[element] = alt }
        return element
    }

    mutating func append(_ kid: Kid, to element: Element) {
        let index = Int32(kidKinds.count)
        switch kid {
        case .element(let child):
            kidKinds.append(0)
            kidFirst.append(child)
            kidSecond.append(0)
            parents[Int(child)] = element
        case .content(let page, let mcid):
            kidKinds.append(1)
            kidFirst.append(Int32(clamping: page))
            kidSecond.append(Int32(clamping: mcid))
        case .annotation(let annotation, let page):
            kidKinds.append(2)
            kidFirst.append(Int32(clamping: annotation))
            kidSecond.append(Int32(clamping: page))
        }
        kidNext.append(-1)
        let e = Int(element)
        if kidTail[e] >= 0 { kidNext[Int(kidTail[e])] = index } else { kidHead[e] = index }
        kidTail[e] = index
    }

    func type(of element: Element) -> String { typeNames[Int(types[Int(element)])] }
    /// nil for the document element.
    func parent(of element: Element) -> Element? {
        let parent = parents[Int(element)]
        return parent >= 0 ? parent : nil
    }
    func attributes(of element: Element) -> PDFDict? { attributes[element] }
    func alt(of element: Element) -> String? { alts[element] }

    private func kid(_ index: Int32) -> Kid {
        let i = Int(index)
        switch kidKinds[i] {
        case 0: return .element(kidFirst[i])
        case 1: return .content(page: Int(kidFirst[i]), mcid: Int(kidSecond[i]))
        default: return .annotation(index: Int(kidFirst[i]), page: Int(kidSecond[i]))
        }
    }

    func kids(of element: Element) -> [Kid] {
        var kids: [Kid] = []
        var index = kidHead[Int(element)]
        while index >= 0 {
            kids.append(kid(index))
            index = kidNext[Int(index)]
        }
        return kids
    }

    func firstKid(of element: Element) -> Kid? {
        let index = kidHead[Int(element)]
        return index >= 0 ? kid(index) : nil
    }

    func lastKid(of element: Element) -> Kid? {
        let index = kidTail[Int(element)]
        return index >= 0 ? kid(index) : nil
    }

    func child(of parent: Element, _ key: Key) -> Element? { childKey(parent, key).flatMap { children[$0] } }

    mutating func setChild(_ child: Element, of parent: Element, _ key: Key) {
        if case .group(let name) = key, groupNames[name] == nil { groupNames[name] = groupNames.count }
        children[childKey(parent, key)!] = child
    }

    /// Lets go of the index of children once the tree is complete (the writer needs only kids).
    mutating func forgetKeys() { children = [:] }

    /// The child element of `node` of type `type` that groups rows (THead, TBody), made on first use.
    mutating func group(_ type: String, of node: Element) -> Element {
        if let existing = child(of: node, .group(type)) { return existing }
        let group = make(type)
        setChild(group, of: node, .group(type))
        append(.element(group), to: node)
        return group
    }

    /// Every element, parents before their kids and kids in order (the order of a depth-first
    /// walk from the document), and each element's place in that order.
    func preorder() -> (order: [Element], place: [Int32]) {
        var order: [Element] = []
        order.reserveCapacity(count)
        var place = [Int32](repeating: -1, count: count)
        var stack: [Element] = [Self.document]
        while let element = stack.popLast() {
            place[Int(element)] = Int32(order.count)
            order.append(element)
            for case .element(let kid) in kids(of: element).reversed() { stack.append(kid) }
        }
        return (order, place)
    }
}

enum StructureTree {
    /// The table of elements under the `Document` element, holding everything the pages show
    /// that is not an artifact.
    static func build(_ pages: [PageTags], paths: StructurePaths) -> StructureTable {
        var table = StructureTable()
        var begun = Begun(paths: paths)
        for (page, tags) in pages.enumerated() {
            for event in tags.events {
                switch event {
                case .begin(let index):
                    _ = begun.element(index, tags: tags, in: &table)
                case .content(let mcid):
                    let owner = tags.contents[Int(mcid)]
                    guard owner >= 0 else { continue }
                    let element = begun.element(owner, tags: tags, in: &table)
                    table.append(.content(page: page, mcid: Int(mcid)), to: element)
                }
            }
        }
        var annotation = 0
        for (page, tags) in pages.enumerated() {
            for link in tags.links {
                let element = element(for: link.path, in: &table, tags: tags)
                table.append(.annotation(index: annotation, page: page), to: element)
                annotation += 1
            }
        }
        table.forgetKeys()
        return table
    }

    /// The element of each structure begun, by its number in `StructurePaths`, made (with those
    /// above it) on first use: the same element `element(for:in:tags:)` finds from the
    /// structure's path, without walking the path from the document for every sequence.
    private struct Begun {
        let paths: StructurePaths
        private var elements: [StructureTable.Element]
        /// Whether the structure is in a header row (its cells are TH).
        private var inHeader: [Bool]

        init(paths: StructurePaths) {
            self.paths = paths
            elements = Array(repeating: -1, count: paths.count)
            inHeader = Array(repeating: false, count: paths.count)
        }

        mutating func element(_ index: Int32, tags: PageTags, in table: inout StructureTable) -> StructureTable.Element
        {
            let known = elements[Int(index)]
            if known >= 0 { return known }
            let structure = paths.structure(index)
            let parent = paths.parent(index)
            let node = parent >= 0 ? element(parent, tags: tags, in: &table) : StructureTable.document
            var header = parent >= 0 && inHeader[Int(parent)]
            if case .headerRow = structure.role { header = true }
            let made = child(of: node, for: structure, inHeader: header, tags: tags, in: &table)
            elements[Int(index)] = made
            inHeader[Int(index)] = header
            return made
        }
    }

    /// The element for the innermost structure of `path`, made (with those above it) on first use.
    static func element(for path: [Structure], in table: inout StructureTable, tags: PageTags)
        -> StructureTable.Element
    {
        var node = StructureTable.document
        var inHeader = false
        for structure in path {
            if case .headerRow = structure.role { inHeader = true }
            node = child(of: node, for: structure, inHeader: inHeader, tags: tags, in: &table)
        }
        return node
    }

    static func key(_ structure: Structure) -> StructureTable.Key {
        // The cells of a row split over pages are one cell each: they are told apart by column.
        if case .cell(let column, _, _) = structure.role { return .cell(column: column) }
        return .id(structure.id)
    }

    private static func child(
        of node: StructureTable.Element, for structure: Structure, inHeader: Bool, tags: PageTags,
        in table: inout StructureTable
    ) -> StructureTable.Element {
        let key = key(structure)
        if let existing = table.child(of: node, key) {
            // A contents entry's text and link annotation go in its Link element.
            if case .contentsEntry = structure.role, case .element(let link)? = table.firstKid(of: existing) {
                return link
            }
            return existing
        }
        let element: StructureTable.Element
        var parent = node
        switch structure.role {
        case .heading(let level): element = table.make("H\(min(max(level, 1), 6))")
        case .paragraph, .artifact: element = table.make("P")
        case .table: element = table.make("Table")
        case .list:
            element = table.make("L", attributes: PDFDict([("O", .name("List")), ("ListNumbering", .name("Circle"))]))
        case .listItem: element = table.make("LI")
        case .listLabel: element = table.make("Lbl")
        case .listBody: element = table.make("LBody")
        case .headerRow:
            element = table.make("TR")
            parent = table.group("THead", of: node)
        case .row:
            element = table.make("TR")
            parent = table.group("TBody", of: node)
        case .cell(_, let span, let rows):
            var attributes = PDFDict([("O", .name("Table"))])
            if inHeader { attributes["Scope"] = .name("Column") }
            if span > 1 { attributes["ColSpan"] = .int(span) }
            if rows > 1 { attributes["RowSpan"] = .int(rows) }
            element = table.make(
                inHeader ? "TH" : "TD", attributes: inHeader || span > 1 || rows > 1 ? attributes : nil)
        case .figure(let alt):
            let box = tags.figureBoxes[structure.id].map {
                PDFDict([("O", .name("Layout")), ("BBox", .array($0.map { .number($0) }))])
            }
            element = table.make("Figure", attributes: box, alt: alt)
        case .contentsEntry:
            // Consecutive entries make one table of contents.
            if case .element(let last)? = table.lastKid(of: node), table.type(of: last) == "TOC" {
                parent = last
            } else {
                parent = table.make("TOC")
                table.append(.element(parent), to: node)
            }
            let entry = table.make("TOCI")
            let link = table.make("Link")
            table.append(.element(link), to: entry)
            table.append(.element(entry), to: parent)
            table.setChild(entry, of: node, key)
            return link
        }
        table.setChild(element, of: node, key)
        table.append(.element(element), to: parent)
        return element
    }
}
