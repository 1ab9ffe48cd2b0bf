import ReportModel
import Testing

/// The report model's own rules: sizes, headings, cells, columns.
@Suite struct ReportModelTests {
    @Test func wordSizesMapToTheBundledFace() {
        let style = Style()
        #expect(style.fontPoints(16) == 16 * Style.sarabunFactor)
        #expect(abs(style.leading(1.5) * style.fontPoints(16) - 24) < 1e-9)  // 1.5 × the Word size
    }

    @Test func layoutConstantsHaveTheirDefaults() {
        let layout = Style().layout
        #expect(layout.minLinesAtBreak == 2)
        #expect(layout.cellPaddingX == 3 && layout.cellPaddingY == 2)
        #expect(layout.logoSizeMM == 35)
        #expect(layout.coverAgencyTop == 0.62)
    }

    @Test func headingsNumberByLevel() {
        let top = Section(id: "s1", number: "๑", title: "หลักการ", level: 1, blocks: [])
        let sub = Section(id: "s11", number: "๑.๑", title: "ย่อย", contentsTitle: "ย่อย (สั้น)", level: 2, blocks: [])
        #expect(top.headingText == "๑. หลักการ")
        #expect(sub.headingText == "๑.๑ ย่อย")
        #expect(sub.contentsText == "๑.๑ ย่อย (สั้น)")
    }

    @Test func cellsKeepTheirText() {
        #expect(Cell([.bullets(["ก", "ข"])]).content.map(\.plainText) == ["○ ก\n○ ข"])
        #expect(Cell([.check(label: "มี")]).content.map(\.plainText) == ["✓"])
        #expect(Cell([.paragraph("x")], columnSpan: 0).columnSpan == 1)
        #expect(Row.group("กลุ่ม").kind == .group)
    }

    /// A text's lines: split at line feeds, a carriage return before one (or at the end) dropped,
    /// blank lines (spaces, tabs) left out; a one-line text is itself.
    @Test func cellTextSplitsIntoItsNonBlankLines() {
        #expect(Cell.lines(of: "งบประมาณ ๒๕๖๔") == ["งบประมาณ ๒๕๖๔"])
        #expect(Cell.lines(of: "ก\r\n\r\n  \t\nข \r\nค\r") == ["ก", "ข ", "ค"])
        #expect(Cell.lines(of: "\n\nก\n") == ["ก"])
        #expect(Cell.lines(of: " \t ").isEmpty && Cell.lines(of: "").isEmpty && Cell.lines(of: "\r").isEmpty)
        #expect(Cell.lines(of: "a\rb") == ["a\rb"])
        // The same lines as splitting the bytes one by one would give, for texts of every kind.
        let pieces = ["ก", "ข้", " ", "\t", "\r", "\n", "\r\n", "x", "é", "😀"]
        for seed in 0..<2_000 {
            var text = ""
            var state = UInt64(seed) &+ 1
            for _ in 0..<(seed % 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let expected = text.utf8.split(separator: 0x0A).compactMap { line -> String? in
                let body = String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
                return body.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } ? nil : body
            }
            #expect(Cell.lines(of: text) == expected, "\(Array(text.utf8))")
        }
    }

    @Test func columnAlignmentFollowsTheColumn() {
        let table = Table(
            kind: .measures,
            columns: [
                Column(key: "n", header: "ที่", width: 1, alignment: .center),
                Column(key: "m", header: "มาตรการ", width: 3),
            ],
            headerRows: [], rows: [])
        #expect(table.alignment(ofColumn: 0) == .center)
        #expect(table.alignment(ofColumn: 1) == .left)
    }
}
