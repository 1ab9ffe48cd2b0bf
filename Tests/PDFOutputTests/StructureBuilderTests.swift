import PageIR
import Testing

@testable import PDFOutput

/// The structure elements made page by page from the marks of drawn pages, written as records
/// once complete, and the dictionaries the post-writer writes from the records.
@Suite struct StructureBuilderTests {
    /// Every record the builder wrote, by element.
    static func records(_ elements: StructureElements) throws -> [Int32: StructureElements.Record] {
        var records: [Int32: StructureElements.Record] = [:]
        try elements.forEach { record in
            #expect(records[record.element] == nil, "element \(record.element) written twice")
            records[record.element] = record
        }
        #expect(records.count == elements.count, "every element written once")
        return records
    }

    static func elementKids(_ record: StructureElements.Record?) -> [Int32] {
        (record?.kids ?? []).compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    /// Draws content owned by the innermost structure of `path`, in a page's marks.
    static func content(_ path: [Structure], _ marker: inout ContentMarker) {
        for structure in path { marker.begin(structure) }
        _ = marker.switchTo(marker.owner(decoration: false))
        for _ in path { marker.end() }
    }

    /// The elements made from the marks of two pages: a row split by the page break is one TR
    /// whose first cell holds content on both pages; consecutive contents entries make one TOC,
    /// each entry a TOCI whose Link holds the entry's content; the parent tree names, for each
    /// marked content, the element that holds it.
    @Test func buildJoinsWhatAPageBreakSplit() throws {
        var marker = ContentMarker()
        var builder = StructureBuilder()
        let table = Structure(role: .table, id: 1)
        let row = Structure(role: .row(index: 0, isGroup: false), id: 2)
        let cells = [
            Structure(role: .cell(column: 0, span: 1), id: 3), Structure(role: .cell(column: 1, span: 1), id: 4),
        ]
        let entries = [Structure(role: .contentsEntry, id: 5), Structure(role: .contentsEntry, id: 6)]
        for entry in entries { Self.content([entry], &marker) }
        Self.content([table, row, cells[0]], &marker)
        Self.content([table, row, cells[1]], &marker)
        builder.add(marker.finishPage().tags, paths: marker.paths)
        marker.forgetPaths()
        #expect(marker.paths.count == 0, "the page's paths are let go")
        Self.content([table, row, cells[0]], &marker)
        builder.add(marker.finishPage().tags, paths: marker.paths)
        let elements = builder.finish()
        let records = try Self.records(elements)
        func type(_ element: Int32) -> String { elements.typeNames[Int(records[element]!.type)] }

        let top = Self.elementKids(records[StructureBuilder.document])
        #expect(type(StructureBuilder.document) == "Document" && records[0]?.parent == -1)
        #expect(top.count == 2 && top.map(type) == ["TOC", "Table"])
        let items = Self.elementKids(records[top[0]])
        #expect(items.map(type) == ["TOCI", "TOCI"])
        var links: [Int32] = []
        for (index, item) in items.enumerated() {
            let link = Self.elementKids(records[item]).first ?? -1
            links.append(link)
            #expect(type(link) == "Link" && records[link]?.kids == [.content(page: 0, mcid: index)])
        }
        let groups = Self.elementKids(records[top[1]])
        #expect(groups.map(type) == ["TBody"])
        let rows = Self.elementKids(records[groups[0]])
        #expect(rows.count == 1, "one row, though begun on two pages")
        let cellElements = Self.elementKids(records[rows[0]])
        #expect(cellElements.map(type) == ["TD", "TD"])
        #expect(records[cellElements[0]]?.kids == [.content(page: 0, mcid: 2), .content(page: 1, mcid: 0)])
        #expect(records[cellElements[1]]?.kids == [.content(page: 0, mcid: 3)])
        #expect(records[cellElements[0]]?.parent == rows[0] && records[rows[0]]?.parent == groups[0])
        #expect(elements.contentOwners == [links + cellElements, [cellElements[0]]])
        for (element, record) in records where element != StructureBuilder.document {
            #expect(Self.elementKids(records[record.parent]).contains(element), "\(element) is its parent's kid")
            #expect(record.parent < element, "a parent is made before its kids")
        }
    }

    /// A long table, two rows a page, each row split over the page break: only the elements
    /// of the page just drawn (and those above them) are held, however many pages go by; the
    /// rest are written, each row one element with its cells' content from both pages.
    @Test func onlyThePageJustDrawnIsHeld() throws {
        var marker = ContentMarker()
        var builder = StructureBuilder(memoryLimit: 4096)
        let table = Structure(role: .table, id: 1)
        let pages = 300
        var mostHeld = 0
        for page in 0..<pages {
            // The row split from the page before, then two rows, the second split to the next page.
            for row in [2 * page - 1, 2 * page, 2 * page + 1] where row >= 0 && row < 2 * pages - 1 {
                let rowStructure = Structure(role: .row(index: row, isGroup: false), id: 10 + 10 * row)
                for column in 0..<3 {
                    Self.content(
                        [
                            table, rowStructure,
                            Structure(role: .cell(column: column, span: 1), id: 11 + 10 * row + column),
                        ],
                        &marker)
                }
            }
            builder.add(marker.finishPage().tags, paths: marker.paths)
            marker.forgetPaths()
            mostHeld = max(mostHeld, builder.openCount)
        }
        #expect(mostHeld == 15, "held: the document, table, body, the page's three rows and their cells")
        let elements = builder.finish()
        #expect(elements.records.isOnDisk, "the records past the limit wait on disk")
        let records = try Self.records(elements)
        let body = Self.elementKids(records[Self.elementKids(records[0]).first ?? -1]).first ?? -1
        let rows = Self.elementKids(records[body])
        #expect(rows.count == 2 * pages - 1)
        for (index, row) in rows.enumerated() {
            let cells = Self.elementKids(records[row])
            #expect(cells.count == 3)
            let contentPages = cells.flatMap { records[$0]?.kids ?? [] }.map { kid -> Int in
                if case .content(let page, _) = kid { return page } else { return -1 }
            }
            #expect(Set(contentPages) == [index / 2, (index + 1) / 2], "row \(index)")
        }
    }

    /// Records come back as written, through a buffer on disk and pieces of reading: every kind
    /// of kid and attribute, alternate text in Thai.
    @Test func recordsComeBackAsWritten() throws {
        var elements = StructureElements(records: SpillingBuffer(memoryLimit: 1024))
        var written: [StructureElements.Record] = []
        let attributes: [ElementAttributes?] = [
            nil, .list, .cell(header: true, span: 1, rows: 2), .cell(header: false, span: 3, rows: 1),
            .layout(box: [56.7, -0.25, 538.58, 785.2]),
        ]
        // Past a piece of reading (`StructureElements.pieceSize`): records are cut between pieces.
        for element in 0..<3000 {
            let kids: [StructureElements.Kid] = (0..<(element % 40)).map { k in
                switch k % 3 {
                case 0: return .element(Int32(element * 100 + k))
                case 1: return .content(page: element, mcid: 1 << 20 + k)
                default: return .annotation(index: k, page: element / 7)
                }
            }
            let record = StructureElements.Record(
                element: Int32(element), type: UInt8(element % 7), parent: Int32(element) - 1,
                attributes: attributes[element % attributes.count],
                alt: element % 5 == 0 ? "ตราสัญลักษณ์ \(element)" : nil,
                kids: kids)
            elements.write(record)
            written.append(record)
        }
        #expect(elements.records.count > StructureElements.pieceSize)
        var read: [StructureElements.Record] = []
        try elements.forEach { read.append($0) }
        #expect(read == written)
    }

    /// An element's dictionary: one page named once, content on another page by reference,
    /// annotations as object references, its alternate text and attributes.
    @Test func elementDictionariesNameTheirPagesAndKids() {
        var elements = StructureElements(records: SpillingBuffer())
        elements.typeNames = ["Document", "TD", "TR", "H1"]
        let pageRefs = [10, 11]
        let annotations: [PDFValue] = [.ref(20), .ref(21), .ref(22), .ref(23)]
        func ref(_ element: Int32) -> PDFValue { .ref(100 + Int(element)) }
        func dictionary(
            _ type: UInt8, _ kids: [StructureElements.Kid], _ attributes: ElementAttributes? = nil, alt: String? = nil
        )
            -> PDFDict
        {
            elements.dictionary(
                of: .init(element: 5, type: type, parent: 4, attributes: attributes, alt: alt, kids: kids),
                parent: ref(4), ref: ref, pageRefs: pageRefs, annotations: annotations)
        }
        let split = dictionary(1, [.content(page: 0, mcid: 4), .content(page: 1, mcid: 0)])
        #expect(split["S"] == .name("TD") && split["P"] == .ref(104) && split["Type"] == .name("StructElem"))
        #expect(split["Pg"] == nil, "content on two pages names each page")
        #expect(
            split["K"]
                == .array([
                    .dict(PDFDict([("Type", .name("MCR")), ("Pg", .ref(10)), ("MCID", .int(4))])),
                    .dict(PDFDict([("Type", .name("MCR")), ("Pg", .ref(11)), ("MCID", .int(0))])),
                ]))
        let linked = dictionary(1, [.annotation(index: 3, page: 1)], .cell(header: false, span: 2, rows: 1))
        #expect(linked["K"] == .dict(PDFDict([("Type", .name("OBJR")), ("Obj", .ref(23)), ("Pg", .ref(11))])))
        #expect(linked["A"] == .dict(PDFDict([("O", .name("Table")), ("ColSpan", .int(2))])))
        let header = dictionary(1, [], .cell(header: true, span: 1, rows: 2))
        #expect(
            header["A"] == .dict(PDFDict([("O", .name("Table")), ("Scope", .name("Column")), ("RowSpan", .int(2))])))
        let row = dictionary(2, [.element(6), .element(7)])
        #expect(row["K"] == .array([ref(6), ref(7)]))
        let heading = dictionary(3, [], alt: "หัวข้อ")
        #expect(heading["Alt"] == .text("หัวข้อ") && heading["K"] == .array([]) && heading["S"] == .name("H1"))
        let paragraph = dictionary(3, [.content(page: 1, mcid: 7), .content(page: 1, mcid: 8)])
        #expect(paragraph["Pg"] == .ref(11) && paragraph["K"] == .array([.int(7), .int(8)]))
    }
}
