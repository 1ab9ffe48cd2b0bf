import PageIR
import Testing

@testable import PDFOutput

/// The table of structure elements made by hand, and the objects the post-writer makes only
/// when asked for.
@Suite struct StructureTreeTests {
    /// A table made by hand: a row group, a row whose first cell has content on two pages and
    /// whose second holds a link, and a heading with alternate text.
    func table() -> (StructureTable, table: Int32, row: Int32, cells: [Int32]) {
        var tree = StructureTable()
        let table = tree.make("Table")
        tree.append(.element(table), to: StructureTable.document)
        let body = tree.group("TBody", of: table)
        let row = tree.make("TR")
        tree.append(.element(row), to: body)
        let cells = (0..<2).map { column -> Int32 in
            let cell = tree.make("TD", attributes: column == 1 ? PDFDict([("ColSpan", .int(2))]) : nil)
            tree.setChild(cell, of: row, .cell(column: column))
            tree.append(.element(cell), to: row)
            return cell
        }
        tree.append(.content(page: 0, mcid: 4), to: cells[0])
        tree.append(.content(page: 1, mcid: 0), to: cells[0])
        tree.append(.annotation(index: 3, page: 1), to: cells[1])
        let heading = tree.make("H1", alt: "หัวข้อ")
        tree.append(.element(heading), to: StructureTable.document)
        return (tree, table, row, cells)
    }

    @Test func kidsParentsAndTypesAreKeptInOrder() throws {
        let made = table()
        var tree = made.0
        let (table, row, cells) = (made.table, made.row, made.cells)
        #expect(tree.count == 7)
        #expect(tree.type(of: StructureTable.document) == "Document")
        #expect(tree.parent(of: StructureTable.document) == nil)
        #expect(tree.kids(of: StructureTable.document) == [.element(table), .element(6)])
        let body = try #require(tree.child(of: table, .group("TBody")))
        #expect(tree.group("TBody", of: table) == body, "a group is made once")
        #expect(tree.type(of: body) == "TBody" && tree.parent(of: body) == table && tree.parent(of: row) == body)
        #expect(tree.kids(of: row) == cells.map { .element($0) })
        #expect(tree.child(of: row, .cell(column: 1)) == cells[1])
        #expect(tree.kids(of: cells[0]) == [.content(page: 0, mcid: 4), .content(page: 1, mcid: 0)])
        #expect(tree.firstKid(of: cells[0]) == .content(page: 0, mcid: 4))
        #expect(tree.lastKid(of: cells[0]) == .content(page: 1, mcid: 0))
        #expect(tree.kids(of: cells[1]) == [.annotation(index: 3, page: 1)])
        #expect(tree.attributes(of: cells[1])?["ColSpan"] == .int(2) && tree.attributes(of: cells[0]) == nil)
        #expect(tree.alt(of: 6) == "หัวข้อ" && tree.type(of: 6) == "H1")
        #expect(tree.kids(of: 6).isEmpty && tree.firstKid(of: 6) == nil)
    }

    /// The tree made from the marks of two pages: a row split by the page break is one TR whose
    /// first cell holds content on both pages; consecutive contents entries make one TOC, each
    /// entry a TOCI whose Link holds the entry's content.
    @Test func buildJoinsWhatAPageBreakSplit() {
        var marker = ContentMarker()
        let table = Structure(role: .table, id: 1)
        let row = Structure(role: .row(index: 0, isGroup: false), id: 2)
        let cells = [
            Structure(role: .cell(column: 0, span: 1), id: 3), Structure(role: .cell(column: 1, span: 1), id: 4),
        ]
        let entries = [Structure(role: .contentsEntry, id: 5), Structure(role: .contentsEntry, id: 6)]
        func content(_ path: [Structure]) {
            for structure in path { marker.begin(structure) }
            _ = marker.switchTo(marker.owner(decoration: false))
            for _ in path { marker.end() }
        }
        for entry in entries { content([entry]) }
        content([table, row, cells[0]])
        content([table, row, cells[1]])
        let first = marker.finishPage().tags
        content([table, row, cells[0]])
        let second = marker.finishPage().tags
        let tree = StructureTree.build([first, second], paths: marker.paths)

        let top = tree.kids(of: StructureTable.document)
        #expect(top.count == 2)
        guard case .element(let toc)? = top.first, case .element(let tableElement)? = top.last else { return }
        #expect(tree.type(of: toc) == "TOC" && tree.type(of: tableElement) == "Table")
        let items = tree.kids(of: toc).compactMap { if case .element(let e) = $0 { e } else { nil } }
        #expect(items.map { tree.type(of: $0) } == ["TOCI", "TOCI"])
        for (index, item) in items.enumerated() {
            guard case .element(let link)? = tree.firstKid(of: item) else { continue }
            #expect(tree.type(of: link) == "Link" && tree.kids(of: link) == [.content(page: 0, mcid: index)])
        }
        guard case .element(let body)? = tree.firstKid(of: tableElement) else { return }
        #expect(tree.type(of: body) == "TBody" && tree.kids(of: tableElement).count == 1)
        let rows = tree.kids(of: body)
        #expect(rows.count == 1, "one row, though begun on two pages")
        guard case .element(let rowElement)? = rows.first else { return }
        let cellElements = tree.kids(of: rowElement).compactMap { if case .element(let e) = $0 { e } else { nil } }
        #expect(cellElements.map { tree.type(of: $0) } == ["TD", "TD"])
        #expect(tree.kids(of: cellElements[0]) == [.content(page: 0, mcid: 2), .content(page: 1, mcid: 0)])
        #expect(tree.kids(of: cellElements[1]) == [.content(page: 0, mcid: 3)])
        #expect(tree.parent(of: cellElements[0]) == rowElement && tree.parent(of: rowElement) == body)
    }

    /// Depth first from the document, kids in order: the order the elements are numbered in.
    @Test func preorderVisitsParentsBeforeKids() {
        let made = table()
        var tree = made.0
        let (table, row, cells) = (made.table, made.row, made.cells)
        let (order, place) = tree.preorder()
        #expect(order == [StructureTable.document, table, 2, row, cells[0], cells[1], 6])
        for (index, element) in order.enumerated() { #expect(place[Int(element)] == Int32(index)) }
        tree.forgetKeys()
        #expect(tree.child(of: row, .cell(column: 0)) == nil)
        #expect(tree.kids(of: row).count == 2, "forgetting the index keeps the kids")
    }

    /// An element's dictionary: one page named once, content on another page by reference,
    /// annotations as object references, its alternate text and attributes.
    @Test func elementDictionariesNameTheirPagesAndKids() {
        let (tree, _, row, cells) = table()
        let pageRefs = [10, 11]
        let annotations: [PDFValue] = [.ref(20), .ref(21), .ref(22), .ref(23)]
        func ref(_ element: Int32) -> PDFValue { .ref(100 + Int(element)) }
        let split = ArchivalWriter.structElement(
            cells[0], in: tree, parent: ref(row), ref: ref, pageRefs: pageRefs, annotations: annotations)
        #expect(split["S"] == .name("TD") && split["P"] == .ref(100 + Int(row)))
        #expect(split["Pg"] == nil, "content on two pages names each page")
        #expect(
            split["K"]
                == .array([
                    .dict(PDFDict([("Type", .name("MCR")), ("Pg", .ref(10)), ("MCID", .int(4))])),
                    .dict(PDFDict([("Type", .name("MCR")), ("Pg", .ref(11)), ("MCID", .int(0))])),
                ]))
        let linked = ArchivalWriter.structElement(
            cells[1], in: tree, parent: ref(row), ref: ref, pageRefs: pageRefs, annotations: annotations)
        #expect(linked["K"] == .dict(PDFDict([("Type", .name("OBJR")), ("Obj", .ref(23)), ("Pg", .ref(11))])))
        #expect(linked["A"] == .dict(PDFDict([("ColSpan", .int(2))])))
        let rowDict = ArchivalWriter.structElement(
            row, in: tree, parent: .ref(1), ref: ref, pageRefs: pageRefs, annotations: annotations)
        #expect(rowDict["K"] == .array(cells.map { ref($0) }))
        let heading = ArchivalWriter.structElement(
            6, in: tree, parent: .ref(1), ref: ref, pageRefs: pageRefs, annotations: annotations)
        #expect(heading["Alt"] == .text("หัวข้อ") && heading["K"] == .array([]))
        var onePage = tree
        onePage.append(.content(page: 1, mcid: 7), to: 6)
        onePage.append(.content(page: 1, mcid: 8), to: 6)
        let paragraph = ArchivalWriter.structElement(
            6, in: onePage, parent: .ref(1), ref: ref, pageRefs: pageRefs, annotations: annotations)
        #expect(paragraph["Pg"] == .ref(11) && paragraph["K"] == .array([.int(7), .int(8)]))
    }
}
