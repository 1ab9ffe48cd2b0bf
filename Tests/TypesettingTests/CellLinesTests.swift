import PageIR
import ReportModel
import TestSupport
import Testing

@testable import Typesetting

/// A table cell whose paragraph is too long to hold shaped makes its lines as pagination asks
/// for them and lets go of those on a page already.
struct CellLinesTests {
    static let longText: String = {
        var text = ""
        while text.utf8.count < 5 * LineStream.windowBytes { text += Fixtures.sentence + " " }
        return text
    }()

    static func table(_ long: String) -> Table {
        Fixtures.table([
            Row(cells: [.text("๑"), .text("มาตรการยาว"), .text(long), .text("สำนักปลัดฯ"), .text("ก")]),
            Row(cells: [.text("๒"), .text(Fixtures.sentence), .text("- ขั้นตอน"), .text("กองคลัง"), .text("ข")]),
        ])
    }

    @Test func aLongCellHoldsAWindowOfLinesNotAllOfThem() {
        let shaper = Shaper(fonts: Fixtures.fonts())
        let resolver = TableResolver(
            shaper: shaper, style: Fixtures.tableStyle, table: Self.table(Self.longText), total: 450)
        let cell = resolver.resolve(Self.table(Self.longText).rows[0]).cells[2]
        // A page's worth at a time, as the paginator walks it.
        var index = 0
        var most = 0
        while cell.has(index) {
            index += 1
            if index % 40 == 0 { cell.release(before: index) }
            most = max(most, cell.heldLines)
        }
        #expect(index > 1_000)
        #expect(most < index / 3, "held \(most) of \(index) lines at once")
        // A short cell is shaped whole when its row is resolved, as before: its lines come at once.
        let short = resolver.resolve(Self.table(Self.longText).rows[1]).cells[1]
        #expect(short.line(0) != nil)
        #expect(short.heldLines > 1)
        #expect(short.heldLines == short.allLines.count)
    }

    @Test func aLongCellIsPaginatedWhole() throws {
        let table = Self.table(Self.longText)
        let pages = try Fixtures.layOut([.table(table, Fixtures.tableStyle)]).pages
        let pieces = LaidOutStructure.tablePieces(pages)[0]
        #expect(pages.count > 20)
        #expect(TableChecks.all(pieces, table) == [])
        // The long row is one row over every page it takes, two lines at least on each.
        let parts = pieces.filter { $0.row == 0 }
        #expect(Set(parts.map(\.part.structure.id)).count == 1)
        #expect(parts.allSatisfy { $0.cells[2].count >= 2 })
    }

    /// Two long cells in one row: deciding where the row splits measures each a page or two
    /// ahead, not to its end.
    @Test func twoLongCellsInARowAreMeasuredAPageAhead() throws {
        let table = Fixtures.table([
            Row(cells: [.text("๑"), .text(Self.longText), .text(Self.longText), .text("สำนักปลัดฯ"), .text("ก")])
        ])
        var pages: [Page] = []
        let flow = PageFlow(geometry: Fixtures.geometry, label: "") { pages.append($0) }
        let paginator = TablePaginator(
            shaper: Shaper(fonts: Fixtures.fonts()), style: Fixtures.tableStyle, table: table, flow: flow)
        let row = paginator.resolver.resolve(table.rows[0])
        flow.y += 200
        let counts = paginator.splitCounts(row, from: Array(repeating: 0, count: 5), rowsOnPage: 1)
        #expect(counts[1] >= 2 && counts[2] >= 2)
        for c in [1, 2] { #expect(row.cells[c].heldLines < 1_500, "cell \(c) holds \(row.cells[c].heldLines) lines") }
        // Laid out, the row comes out whole.
        let laidOut = try Fixtures.layOut([.table(table, Fixtures.tableStyle)]).pages
        #expect(TableChecks.all(LaidOutStructure.tablePieces(laidOut)[0], table) == [])
    }

    /// A list item of megabytes is made a window at a time too: its bullet hangs before its
    /// first line, its other lines are indented, and they are the item's lines broken whole.
    @Test func aLongListItemIsStreamedWithItsBullet() throws {
        let cell = Cell([.bullets(["ขั้นตอนแรก", Self.longText, "ขั้นตอนสุดท้าย"])])
        let table = Fixtures.table([
            Row(cells: [.text("๑"), .text("มาตรการ"), cell, .text("สำนักปลัดฯ"), .text("ก")])
        ])
        let shaper = Shaper(fonts: Fixtures.fonts())
        let resolver = TableResolver(shaper: shaper, style: Fixtures.tableStyle, table: table, total: 450)
        let lines = resolver.resolve(table.rows[0]).cells[2]
        var items: [Int: [CellLines.Line]] = [:]
        var index = 0
        var most = 0
        while let line = lines.line(index) {
            items[line.listLine!.item, default: []].append(line)
            index += 1
            if index % 40 == 0 { lines.release(before: index) }
            most = max(most, lines.heldLines)
        }
        #expect(most < index / 3, "held \(most) of \(index) lines at once")
        let long = try #require(items[1])
        let mark = shaper.shape("○", style: Fixtures.tableStyle.cell, width: nil)[0]
        #expect(long[0].listLine?.labelRuns == mark.runs.count)
        #expect(long.dropFirst().allSatisfy { $0.listLine?.labelRuns == 0 && $0.xOffset > 0 })
        #expect(long[0].xOffset == 0)
        // Without the bullet, the item's lines as the whole text breaks them.
        let width = resolver.widths[2] - 2 * Fixtures.tableStyle.paddingX - (long[1].xOffset)
        let whole = Shaper(fonts: Fixtures.fonts()).shape(Self.longText, style: Fixtures.tableStyle.cell, width: width)
        var texts = long.map(\.line.text)
        texts[0] = String(texts[0].dropFirst(mark.text.count))
        #expect(texts == whole.map(\.text))
        #expect(items[0]?.count == 1 && items[2]?.count == 1)
        // Laid out, the row comes out whole.
        let laidOut = try Fixtures.layOut([.table(table, Fixtures.tableStyle)]).pages
        #expect(TableChecks.all(LaidOutStructure.tablePieces(laidOut)[0], table) == [])
    }
}
