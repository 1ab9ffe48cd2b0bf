import Foundation
import PageIR
import ReportModel
import TestSupport
import Testing
import Typesetting

/// Table pagination, checked on the pieces layout reports and on the glyphs it placed.
@Suite struct TableLayoutTests {
    typealias Laid = (LaidOutDocument, ReportTypesetter.Details)

    /// A row taller than a page, a 2,000-character word with no break, group rows, many rows.
    static let longTable: Table = {
        let huge = Array(repeating: Fixtures.sentence, count: 60).joined(separator: "\n")
        let word = String(repeating: "ก", count: 2000)
        var rows: [Row] = [.group("ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน")]
        rows.append(Row(cells: [.text("๑"), .text("มาตรการยาว"), .text(huge), .text("สำนักปลัดฯ"), .text(word)]))
        for n in 2...40 {
            if n % 7 == 0 { rows.append(.group("กลุ่มที่ \(n)")) }
            rows.append(Row(cells: [.text("\(n)"), .text(Fixtures.sentence), .text("- ขั้นตอน \(n)"), .text("กองคลัง"), .text(Fixtures.sentence)]))
        }
        return Fixtures.table(rows)
    }()

    static let long: Laid = {
        let section = Section(id: "section-1", number: "๑", title: "ตารางยาว", level: 1,
                              blocks: [.paragraph(Fixtures.sentence), .table(longTable)])
        return ReportTypesetter(fonts: Fixtures.fonts()).layoutWithDetails(Fixtures.report([section]))
    }()

    static var cases: [(String, Laid, [Table])] {
        let sampleTables = Fixtures.sample.allSections.flatMap { $0.blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } } }
        return [("sample", Fixtures.laidOut, sampleTables), ("long", long, [longTable])]
    }

    @Test func headersRepeatOnEveryPageATableReaches() {
        for (name, (_, details), _) in Self.cases {
            for (t, pieces) in details.tables.enumerated() {
                for page in Set(pieces.map(\.page)) {
                    let here = pieces.filter { $0.page == page }
                    #expect(here.first?.row == nil, "\(name) table \(t): page \(page + 1) does not start with the header")
                    #expect(here.contains { $0.row != nil }, "\(name) table \(t): header alone on page \(page + 1)")
                }
            }
        }
    }

    @Test func splitRowsLoseNoLineAndDoubleNone() {
        for (name, (_, details), tables) in Self.cases {
            for (pieces, table) in zip(details.tables, tables) {
                for (index, row) in table.rows.enumerated() {
                    let parts = pieces.filter { $0.row == index }
                    #expect(!parts.isEmpty, "\(name): row \(index) never placed")
                    for cell in row.cells.indices where row.kind == .body {
                        var next = 0
                        for part in parts {
                            #expect(part.lines[cell].lowerBound == next, "\(name): row \(index) cell \(cell) resumes at \(part.lines[cell].lowerBound), expected \(next)")
                            next = part.lines[cell].upperBound
                        }
                        let joined = squeeze(parts.flatMap { $0.text[cell] }.joined())
                        let source = squeeze(row.cells[cell].content.map(\.plainText).joined())
                        #expect(joined == source, "\(name): row \(index) cell \(cell) lost or doubled text")
                    }
                }
            }
        }
    }

    @Test func aRowTallerThanAPageRunsOverSeveralPages() {
        let (_, details) = Self.long
        let parts = details.tables[0].filter { $0.row == 1 }
        #expect(parts.count >= 3)
        #expect(Set(parts.map(\.page)).count == parts.count)
        // At least two lines of each cell on each side of a split, where the cell has them.
        for cell in parts[0].lines.indices {
            let total = parts.last!.lines[cell].upperBound
            guard total >= 4 else { continue }
            for part in parts where !part.lines[cell].isEmpty {
                #expect(part.lines[cell].count >= 2, "cell \(cell): \(part.lines[cell]) of \(total) lines on page \(part.page + 1)")
            }
        }
    }

    @Test func groupRowsStayWithTheRowAfterThem() {
        for (name, (_, details), _) in Self.cases {
            for pieces in details.tables {
                for (i, piece) in pieces.enumerated() where piece.isGroup {
                    #expect(i + 1 < pieces.count && pieces[i + 1].page == piece.page && pieces[i + 1].row != nil,
                            "\(name): group row \(piece.row ?? -1) left alone at the bottom of page \(piece.page + 1)")
                }
            }
        }
    }

    /// No glyph crosses a cell border or leaves the table.
    @Test func nothingOverflowsItsCell() {
        for (name, (document, details), _) in Self.cases {
            for pieces in details.tables {
                for piece in pieces {
                    let page = document.pages[piece.page + details.bodyOffset]
                    let inner = piece.isGroup ? [] : Array(piece.edges.dropFirst().dropLast())
                    for case .text(let run) in page.items where run.y > piece.top && run.y < piece.bottom {
                        let lefts = run.glyphs.map { run.x + $0.x }
                        let rights = run.glyphs.map { run.x + $0.x + $0.advance }
                        guard let left = lefts.min(), let right = rights.max() else { continue }
                        #expect(left >= piece.edges.first! - 0.01 && right <= piece.edges.last! + 0.01, "\(name): '\(run.text)' leaves the table")
                        for edge in inner {
                            #expect(!(left < edge - 0.01 && right > edge + 0.01), "\(name): '\(run.text)' crosses a border at \(edge)")
                        }
                    }
                }
            }
        }
    }

    @Test func headerCellsMaySpanColumnsAndRepeat() {
        var table = Fixtures.table((1...60).map { n in Row(cells: [.text("\(n)"), .text(Fixtures.sentence), .text("ขั้นตอน"), .text("กองคลัง"), .text("ผล")]) })
        table.headerRows = [[.text("ที่"), .text("มาตรการ"), Cell([.paragraph("การดำเนินการ")], columnSpan: 3)],
                            [.empty, .empty, .text("ขั้นตอน"), .text("ผู้รับผิดชอบ"), .text("ผล")]]
        table.headerShade = 0.9
        let section = Section(id: "section-1", number: "๑", title: "หัวตารางสองชั้น", level: 1, blocks: [.table(table)])
        let (document, details) = ReportTypesetter(fonts: Fixtures.fonts()).layoutWithDetails(Fixtures.report([section]))
        let pieces = details.tables[0]
        let pages = Set(pieces.map(\.page))
        #expect(pages.count >= 2)
        for page in pages {
            let headers = pieces.filter { $0.page == page && $0.row == nil }
            #expect(headers.count == 2)
            #expect(headers.first?.edges.count == 4)   // three cells: the last spans three columns
            #expect(headers.last?.edges.count == 6)
            let boxes = document.pages[page + details.bodyOffset].items.filter { if case .box = $0 { return true } else { return false } }
            #expect(boxes.count == 2)
        }
        #expect(pieces.first?.text[2] == ["การดำเนินการ"])
    }

    @Test func aWordWiderThanItsCellBreaksBetweenCharacters() {
        let (_, details) = Self.long
        let lines = details.tables[0].filter { $0.row == 1 }.flatMap { $0.text[4] }
        #expect(lines.count > 10)
        #expect(lines.joined() == String(repeating: "ก", count: 2000))
    }
}
