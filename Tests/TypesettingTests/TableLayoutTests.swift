import Foundation
import PageIR
import ReportModel
import TestSupport
import Testing

@testable import Typesetting

/// Table pagination by the flow engine, read from the pages' structure marks and glyphs.
@Suite struct TableLayoutTests {
    /// A row taller than a page, a 2,000-character word with no break, group rows, many rows.
    static let longTable: Table = {
        let huge = Array(repeating: Fixtures.sentence, count: 60).joined(separator: "\n")
        let word = String(repeating: "ก", count: 2000)
        var rows: [Row] = [.group("ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน")]
        rows.append(Row(cells: [.text("๑"), .text("มาตรการยาว"), .text(huge), .text("สำนักปลัดฯ"), .text(word)]))
        for n in 2...40 {
            if n % 7 == 0 { rows.append(.group("กลุ่มที่ \(n)")) }
            rows.append(
                Row(cells: [
                    .text("\(n)"), .text(Fixtures.sentence), .text("- ขั้นตอน \(n)"), .text("กองคลัง"),
                    .text(Fixtures.sentence),
                ]))
        }
        return Fixtures.table(rows)
    }()

    static let pages = try! Fixtures.layOut([
        Fixtures.paragraph(Fixtures.sentence), .table(longTable, Fixtures.tableStyle),
    ]).pages
    static var pieces: [TablePiece] { LaidOutStructure.tablePieces(pages)[0] }

    @Test func paginationKeepsEveryRule() {
        #expect(LaidOutStructure.tablePieces(Self.pages).count == 1)
        #expect(TableChecks.all(Self.pieces, Self.longTable) == [])
    }

    @Test func headersAreMarkedRepeatedAfterTheFirstPage() {
        let headers = Self.pieces.filter { $0.row == nil }
        #expect(headers.count == Set(Self.pieces.map(\.page)).count)
        #expect(headers.map(\.repeatedHeader) == [false] + Array(repeating: true, count: headers.count - 1))
    }

    @Test func aRowTallerThanAPageRunsOverSeveralPagesAsOneRow() {
        let parts = Self.pieces.filter { $0.row == 1 }
        #expect(parts.count >= 3)
        #expect(Set(parts.map(\.page)).count == parts.count)
        // The parts are one row: the same structure id on every page.
        #expect(Set(parts.map(\.part.structure.id)).count == 1)
        // At least two lines of each cell on each side of a split, where the cell has them.
        for cell in parts[0].cells.indices {
            let total = parts.reduce(0) { $0 + $1.cells[cell].count }
            guard total >= 4 else { continue }
            for part in parts where !part.cells[cell].isEmpty {
                #expect(
                    part.cells[cell].count >= 2,
                    "cell \(cell): \(part.cells[cell].count) of \(total) lines on page \(part.page + 1)")
            }
        }
    }

    /// Numbers from ๑. to ๓๐๐. (and a date) in the measures table's ที่ column, which holds
    /// two digits but not three: the column widens, no number is broken, and the other columns
    /// give up the width in proportion.
    @Test func numbersInANarrowColumnAreNeverBroken() throws {
        func thai(_ n: Int) -> String {
            String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0x0E50)!) })
        }
        let columns = Fixtures.measureColumns
        let rows = (1...300).map { n in
            Row(cells: [
                .text(thai(n) + "."), .text("มาตรการที่ \(n)"), .text("ขั้นตอน"), .text("กองคลัง"),
                .text(n == 300 ? "๑๒/๐๓/๒๕๖๔" : "ผล"),
            ])
        }
        let table = Table(
            kind: .measures, columns: columns, headerRows: [columns.map { .text($0.header) }], rows: rows)
        let pages = try Fixtures.layOut([.table(table, Fixtures.tableStyle)]).pages
        let pieces = LaidOutStructure.tablePieces(pages)[0].filter { $0.row != nil }
        #expect(Set(pieces.compactMap(\.row)).count == 300)
        for piece in pieces {
            let number = piece.cells[0]
            #expect(number.count == 1, "row \(piece.row!): \(number)")
        }
        #expect(pieces.last?.cells[4] == ["๑๒/๐๓/๒๕๖๔"])
        // The number column grew; the others shrank alike.
        let edges = try #require(pieces.first?.edges)
        let widths = zip(edges.dropFirst(), edges).map { $0 - $1 }
        let total = edges.last! - edges.first!
        #expect(widths[0] > 0.06 * total)
        let ratios = (1..<5).map { widths[$0] / (columns[$0].width / columns.reduce(0) { $0 + $1.width } * total) }
        #expect(ratios.allSatisfy { $0 < 1 && abs($0 - ratios[0]) < 0.02 }, "\(ratios)")
    }

    /// What counts as part of a number: Latin and Thai digits and `.,/:-%`, nothing else.
    @Test func numberCharactersAreDigitsAndTheirPunctuation() {
        let punctuation = Set(".,/:-%".unicodeScalars)
        for value in UInt32(0)..<0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let digit = ("0"..."9").contains(scalar) || ("\u{0E50}"..."\u{0E59}").contains(scalar)
            #expect(TableResolver.isDigit(scalar) == digit, "U+\(String(value, radix: 16))")
            #expect(
                TableResolver.isNumberCharacter(scalar) == (digit || punctuation.contains(scalar)),
                "U+\(String(value, radix: 16))")
        }
        // The widest number of a column is found in any cell text, with what is around it.
        let shaper = Shaper(fonts: Fixtures.fonts())
        let table = Fixtures.table([
            Row(cells: [.text("ข้อ ๑๒/๒๕๖๔, - ๙%"), .text("-"), .text("a1.5b"), .text(""), .text("ค")])
        ])
        let numbers = TableResolver.numberWidths(table, shaper: shaper, style: Fixtures.tableStyle)
        let padding = 2 * Fixtures.tableStyle.paddingX + 0.5
        #expect(abs(numbers[0] - padding - shaper.measure("๑๒/๒๕๖๔,", style: Fixtures.tableStyle.cell)) < 0.01)
        #expect(numbers[1] == 0)
        #expect(abs(numbers[2] - padding - shaper.measure("1.5", style: Fixtures.tableStyle.cell)) < 0.01)
    }

    /// Without numbers a column keeps its share, and a wide enough one is left alone.
    @Test func columnsWithoutLongNumbersKeepTheirWidths() throws {
        let shaper = Shaper(fonts: Fixtures.fonts())
        let table = Fixtures.table([Row(cells: [.text("๙."), .text("๑๒๓"), .text("ก"), .text("ข"), .text("ค")])])
        let numbers = TableResolver.numberWidths(table, shaper: shaper, style: Fixtures.tableStyle)
        #expect(numbers[0] > 0 && numbers[2] == 0)
        #expect(
            TableResolver.columnWidths(table, total: 450, numbers: numbers)
                == TableResolver.columnWidths(table, total: 450))
    }

    @Test func headerCellsMaySpanColumnsAndRepeat() throws {
        var table = Fixtures.table(
            (1...60).map { n in
                Row(cells: [.text("\(n)"), .text(Fixtures.sentence), .text("ขั้นตอน"), .text("กองคลัง"), .text("ผล")])
            })
        table.headerRows = [
            [.text("ที่"), .text("มาตรการ"), Cell([.paragraph("การดำเนินการ")], columnSpan: 3)],
            [.empty, .empty, .text("ขั้นตอน"), .text("ผู้รับผิดชอบ"), .text("ผล")],
        ]
        table.headerShade = 0.9
        let pages = try Fixtures.layOut([.table(table, Fixtures.tableStyle)]).pages
        let pieces = LaidOutStructure.tablePieces(pages)[0]
        let onPages = Set(pieces.map(\.page))
        #expect(onPages.count >= 2)
        for page in onPages {
            let headers = pieces.filter { $0.page == page && $0.row == nil }
            #expect(headers.count == 2)
            #expect(headers.first?.edges.count == 4)  // three cells: the last spans three columns
            #expect(headers.last?.edges.count == 6)
            let boxes = pages[page].items.filter { if case .box = $0 { return true } else { return false } }
            #expect(boxes.count == 2)
        }
        #expect(pieces.first?.cells[2] == ["การดำเนินการ"])
        #expect(TableChecks.all(pieces, table) == [])
    }

    @Test func aWordWiderThanItsCellBreaksBetweenCharacters() {
        let lines = Self.pieces.filter { $0.row == 1 }.flatMap { $0.cells[4] }
        #expect(lines.count > 10)
        #expect(lines.joined() == String(repeating: "ก", count: 2000))
    }

    @Test func anEmptyTableShowsItsHeader() throws {
        let pages = try Fixtures.layOut([.table(Fixtures.table([]), Fixtures.tableStyle)]).pages
        let pieces = LaidOutStructure.tablePieces(pages)[0]
        #expect(pieces.count == 1)
        #expect(pieces[0].cells.map { $0.joined() } == Fixtures.measureColumns.map(\.header))
    }
}
