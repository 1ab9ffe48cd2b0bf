import Foundation
import HTMLOutput
import ReportModel
import Testing

/// The pieces of the web page that are not the sample's: continuation cells, labels and widths
/// in the page's style, statuses in words, break marks, CSS strings, the characters each font
/// needs, the checklist CSV.
@Suite struct TableAndTextTests {
    static let columns = [
        Column(key: "number", header: "ที่", width: 0.1, alignment: .center),
        Column(key: "measure", header: "มาตรการ", width: 0.3),
        Column(key: "step", header: "ขั้นตอน", width: 0.3),
        Column(key: "result", header: "ผล \"<x>\"", width: 0.3),
    ]

    /// A report whose only section holds `blocks`.
    static func report(_ blocks: [Block]) -> Report {
        Report(
            agencyID: "a", fiscalYear: 2564,
            metadata: Metadata(title: "รายงาน", author: "ก", subject: "ส", date: "2021-03"),
            cover: Cover(titleLines: ["รายงาน"], agencyName: "องค์การ", address: nil, logoPath: nil),
            preface: Preface(
                heading: "คำนำ", paragraphs: ["ย่อหน้า"], signature: Signature(lines: ["ก"], dateText: "มีนาคม ๒๕๖๔")),
            contents: ContentsPage(heading: "สารบัญ", pageLabel: "หน้า", closingLine: nil),
            bodyTitleLines: ["ชื่อ"],
            sections: [Section(id: "section-1", number: "๑", title: "ผล", level: 1, blocks: blocks)], style: Style())
    }

    @Test func continuationCellsSpanTheirRowsAndLabelsGoToTheStyle() {
        let table = Table(
            kind: .measures, columns: Self.columns, headerRows: [Self.columns.map { .text($0.header) }],
            rows: [
                Row(cells: [.text("๑"), .text("ก"), .text("ข้อ ๑"), .text("ผล ๑")]),
                Row(cells: [.empty, .empty, .text("ข้อ ๒"), .text("ผล ๒")]),
                Row(cells: [.empty, .text("ต่อ"), .text("ข้อ ๓"), .empty]),
                .group("กลุ่ม"),
                Row(cells: [.empty, .empty, .text("ข้อ ๔"), .text("ผล ๔")]),
            ])
        let html = HTMLWriter.render(Self.report([.table(table)]), linkingPDF: false)
        // ๑ spans three rows (the third continues it), ก two; after a group row nothing is joined.
        #expect(html.contains("<tr class=\"first\"><td rowspan=\"3\">๑</td><td rowspan=\"2\">ก</td>"))
        #expect(html.contains("<tr class=\"first\"><td>ต่อ</td><td>ข้อ ๓</td><td></td></tr>"))
        #expect(html.contains("<tr class=\"first\"><td></td><td></td><td>ข้อ ๔</td>"))
        // The number column is centred from the page's style: it is always fourth from the end.
        #expect(html.contains(".l1 td:nth-last-child(4){text-align:center}"))
        // Widths and labels in the page's style; the header's quote and brackets as hex escapes.
        #expect(html.contains(".l1 col:nth-child(1){width:10%}.l1 col:nth-child(2){width:30%}"))
        #expect(html.contains(".l1 td:nth-last-child(2)::before{content:\"ขั้นตอน\"}"))
        #expect(html.contains("content:\"ผล \\000022\\00003Cx\\00003E\\000022\"}"))
        #expect(!html.contains("<x>"))
    }

    @Test func statusesAreWords() {
        let columns = [
            Column(key: "code", header: "ข้อ", width: 0.2), Column(key: "title", header: "ข้อมูล", width: 0.2),
            Column(key: "has_data", header: "มีข้อมูล", width: 0.2, alignment: .center),
            Column(key: "no_data_reason", header: "เหตุผล", width: 0.2),
            Column(key: "published", header: "เผยแพร่", width: 0.2, alignment: .center),
        ]
        let table = Table(
            kind: .checklist, columns: columns, headerRows: [columns.map { .text($0.header) }],
            rows: [
                Row(cells: [.text("O1"), .text("โครงสร้าง"), Cell([.check(label: "มีข้อมูล")]), .empty, .empty]),
                Row(cells: [.text("O2"), .text("ผู้บริหาร"), .empty, .text("ยังไม่จัดทำ"), Cell([.check(label: "เผยแพร่แล้ว")])]
                ),
            ])
        let report = Self.report([.table(table)])
        let html = HTMLWriter.render(report, linkingPDF: false)
        #expect(
            html.contains(
                "<th scope=\"row\">O1</th><td>โครงสร้าง</td><td class=\"yes\">มีข้อมูล</td><td></td><td class=\"no\">ยังไม่เผยแพร่</td>"
            ))
        #expect(html.contains("<td class=\"no\">ไม่มีข้อมูล</td><td>ยังไม่จัดทำ</td><td class=\"yes\">เผยแพร่แล้ว</td>"))
        let csv = HTMLWriter.checklistCSV(report) ?? ""
        #expect(csv.contains("\"O2\",\"ผู้บริหาร\",\"ไม่มีข้อมูล\",\"ยังไม่จัดทำ\",\"เผยแพร่แล้ว\"\r\n"))
    }

    /// A CSV value a spreadsheet would run as a formula is kept as text.
    @Test func csvValuesNeverRunAsFormulas() {
        let columns = [Column(key: "code", header: "ข้อ", width: 0.5), Column(key: "title", header: "ข้อมูล", width: 0.5)]
        let table = Table(
            kind: .checklist, columns: columns, headerRows: [],
            rows: [Row(cells: [.text("O1"), .text("=HYPERLINK(\"x\")")]), Row(cells: [.text("O2"), .text("-ลด")])])
        let csv = HTMLWriter.checklistCSV(Self.report([.table(table)])) ?? ""
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(csv.contains("\"'-ลด\""))
    }

    /// Break marks: a `<wbr>` before each offset the breaker gives, text escaped piece by piece;
    /// pages that mark breaks are set to wrap only there.
    @Test func breakMarksAreWbrElements() {
        let report = Self.report([.paragraph("งบประมาณ<เผยแพร่>")])
        let marked = HTMLWriter.render(report, context: PageContext(lineBreaks: { _ in [4, 9] }))
        #expect(marked.contains("<p class=\"text\">งบปร<wbr>ะมาณ&lt;<wbr>เผยแพร่&gt;</p>"))
        #expect(marked.contains("<body class=\"breaks\">"))
        let plain = HTMLWriter.render(report, linkingPDF: false)
        #expect(plain.contains("<p class=\"text\">งบประมาณ&lt;เผยแพร่&gt;</p>"))
        #expect(plain.contains("<body>"))
    }

    @Test func cssStringsHoldNoMarkup() {
        #expect(HTMLWriter.cssString("ผู้รับผิดชอบ") == "\"ผู้รับผิดชอบ\"")
        #expect(HTMLWriter.cssString("a</style>\"\\\n") == "\"a\\00003C\\00002Fstyle\\00003E\\000022\\00005C\\00000A\"")
    }

    /// Each face holds what the page shows in it: bold only the text of headings and header
    /// cells, the symbols face only ✓ and ○, the regular face the text, the labels and the
    /// stylesheet's marks, SARA AM's parts through the subsetter.
    @Test func fontsHoldThePagesCharacters() {
        let html = """
            <!DOCTYPE html><html><head><title>ไม่</title><style>.l1 td::before{content:"ป\\00003F"}</style></head>
            <body><h1>กข</h1><p>ค &amp; ง</p><table><tr><th scope="row">O1</th><th>จ</th></tr></table></body></html>
            """
        let faces = HTMLWriter.characters(ofPage: html)
        let regular = faces[.regular] ?? []
        let bold = faces[.bold] ?? []
        #expect(bold == Set("กขจ".unicodeScalars))
        for c in "กขคง&O1จป? –›".unicodeScalars { #expect(regular.contains(c), "\(c)") }
        #expect(!regular.contains("ไ") && !regular.contains("\\"))
        #expect(faces[.symbols] == Set("✓○".unicodeScalars))
    }

    /// Characters of one to four UTF-8 bytes, in text, in bold, and in the style's strings; a
    /// reference the page does not write is its own characters; markup and the head are not.
    @Test func fontsHoldCharactersOfEveryLength() {
        let html = """
            <html><head><title>Ω</title><style>td::before{content:"é\\zz😀"}</style></head>
            <BODY><P>a&nbsp;b\tค</P><STRONG>€<b>𝔸</b></STRONG><p>ß &#39;</p></BODY></html>
            """
        let faces = HTMLWriter.characters(ofPage: html)
        let regular = faces[.regular] ?? []
        for c in "é\\z😀a&nbspb;ค€𝔸ß '".unicodeScalars { #expect(regular.contains(c), "\(c)") }
        for c in "Ω\tPBODYSTRONG<>#9".unicodeScalars { #expect(!regular.contains(c), "\(c)") }
        #expect(faces[.bold] == Set("€𝔸".unicodeScalars))
    }
}
