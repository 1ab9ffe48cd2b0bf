import Foundation
import HTMLOutput
import ReportModel
import Testing

/// The report page handed on in pieces as it is written (`HTMLWriter.write`), never whole: the
/// pieces make the page `render` gives, each is whole markup, the characters for the fonts are
/// those of the whole page, and a failure to hand a piece on is thrown.
@Suite struct PageOutputTests {
    /// A report of two long tables with different columns (two sets of label rules in the
    /// page's style, which is written before the tables), rows of Thai, bold headers and a
    /// continuation cell.
    static let longReport: Report = {
        let narrow = Array(TableAndTextTests.columns.prefix(3))
        func table(_ columns: [Column], rows: Int) -> Table {
            Table(
                kind: .measures, columns: columns, headerRows: [columns.map { .text($0.header) }],
                rows: (0..<rows).map { row in
                    Row(
                        cells: columns.indices.map { column in
                            column == 1 && row % 3 != 0
                                ? .empty : .text("แถว \(row) ช่อง \(column) ผู้รับผิดชอบ & <ก>")
                        })
                })
        }
        return TableAndTextTests.report([
            .paragraph("ก่อนตาราง"), .table(table(TableAndTextTests.columns, rows: 1500)),
            .heading("ตัวชี้วัด ๒"), .table(table(narrow, rows: 1500)), .note(label: "หมายเหตุ", text: "ท้าย"),
        ])
    }()

    static func pieces(of report: Report) throws -> (pieces: [String], faces: [String: Set<Unicode.Scalar>]) {
        var pieces: [String] = []
        let faces = try HTMLWriter.write(report, context: PageContext(lineBreaks: { _ in [2] })) { bytes in
            pieces.append(try #require(String(validating: bytes, as: UTF8.self)))
        }
        return (pieces, Dictionary(uniqueKeysWithValues: faces.map { ("\($0.key)", $0.value) }))
    }

    @Test func thePiecesMakeThePageRenderGives() throws {
        let (pieces, _) = try Self.pieces(of: Self.longReport)
        let page = HTMLWriter.render(Self.longReport, context: PageContext(lineBreaks: { _ in [2] }))
        #expect(pieces.count > 4, "\(pieces.count) pieces for \(page.utf8.count) bytes")
        #expect(pieces.joined() == page)
        // The page's style, written first, already holds both tables' label rules.
        let head = try #require(pieces.first?.components(separatedBy: "</head>").first)
        #expect(head.contains(".l1 ") && head.contains(".l2 "), "\(head.suffix(600))")
        #expect(page.contains("<table class=\"measures stack-m l1\"") && page.contains("stack-m l2\""))
    }

    @Test func eachPieceIsWholeMarkupAndBounded() throws {
        let (pieces, _) = try Self.pieces(of: Self.longReport)
        for (index, piece) in pieces.enumerated() {
            // Every piece begins with a tag and ends at the end of one.
            #expect(piece.hasPrefix("<"), "piece \(index): \(piece.prefix(80))")
            #expect(piece.hasSuffix(">\n"), "piece \(index): \(piece.suffix(80))")
            #expect(piece.utf8.count < 2 * 65_536, "piece \(index): \(piece.utf8.count) bytes")
            // (Counted in bytes: a break mark before a Thai mark makes one character of `>` and
            // the mark.)
            #expect(
                piece.utf8.filter { $0 == UInt8(ascii: "<") }.count
                    == piece.utf8.filter { $0 == UInt8(ascii: ">") }.count, "piece \(index)")
        }
    }

    @Test func theFontsHoldTheWholePagesCharacters() throws {
        let (_, faces) = try Self.pieces(of: Self.longReport)
        let page = HTMLWriter.render(Self.longReport, context: PageContext(lineBreaks: { _ in [2] }))
        let whole = HTMLWriter.characters(ofPage: page)
        #expect(faces == Dictionary(uniqueKeysWithValues: whole.map { ("\($0.key)", $0.value) }))
        #expect(faces["regular"]?.contains("ผ") == true && faces["bold"]?.contains("ม") == true)
    }

    struct Refused: Error {}

    /// A piece that cannot be handed on (a full disk) is thrown once the page is done; nothing
    /// is handed on after it.
    @Test func aFailureToHandOnIsThrown() throws {
        var calls = 0
        #expect(throws: Refused.self) {
            _ = try HTMLWriter.write(Self.longReport, context: PageContext()) { _ in
                calls += 1
                if calls == 2 { throw Refused() }
            }
        }
        #expect(calls == 2)
    }
}
