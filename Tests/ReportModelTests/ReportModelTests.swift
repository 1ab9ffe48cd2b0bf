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
