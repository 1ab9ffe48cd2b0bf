import ReportModel

/// Small report models for tests that lay out or build something other than the sample.
public enum ModelFixtures {
    public static let sentence =
        "มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการ และระหว่างหัวหน้าส่วนราชการกับข้าราชการ ลูกจ้างและพนักงานจ้างในสังกัด เป็นประจำทุกเดือน"

    /// The texts of a report's body in order: section headings, paragraphs, indicator headings
    /// and, with `tables`, every header and cell text.
    public static func bodyTexts(_ report: Report, tables: Bool) -> [String] {
        var texts: [String] = []
        for section in report.allSections {
            texts.append(section.headingText)
            for block in section.blocks {
                switch block {
                case .paragraph(let text), .heading(let text): texts.append(text)
                case .list(let items): texts += items.map { "\($0.mark) \($0.text)" }
                case .note(let label, let text): texts.append("\(label) \(text)")
                case .image(let image): texts += [image.alt] + (image.caption.map { [$0] } ?? [])
                case .table(let table) where tables:
                    for row in table.headerRows + table.rows.map(\.cells) {
                        for cell in row { texts += cell.content.map(\.plainText) }
                    }
                case .table: break
                }
            }
        }
        return texts
    }

    /// The five columns of the ITA measures table, as the 2564 template gives them.
    public static let measureColumns = [
        Column(key: "number", header: "ที่", width: 0.06, alignment: .center),
        Column(key: "measure", header: "มาตรการ", width: 0.24),
        Column(key: "step", header: "ขั้นตอนหรือวิธีการ", width: 0.24),
        Column(key: "responsible", header: "ผู้รับผิดชอบ", width: 0.14),
        Column(key: "result", header: "ผลการดำเนินการ", width: 0.32),
    ]

    /// `report` with `text` in every field the data or the template can set (cover, metadata,
    /// preface, section ids, numbers and titles, paragraphs, headings, table cells): what the HTML
    /// escaping tests and the `html` fuzz target render.
    public static func filled(_ report: Report, with text: String) -> Report {
        var report = report
        report.metadata.title = text
        report.metadata.author = text
        report.cover?.titleLines = [text]
        report.cover?.agencyName = text
        report.cover?.address = text
        report.preface?.paragraphs = [text]
        report.preface?.signature?.lines = [text]
        report.preface?.signature?.dateText = text
        report.contents?.closingLine = text
        report.bodyTitleLines = [text]
        func fill(_ section: Section) -> Section {
            var section = section
            section.id = text
            section.number = text
            section.title = text
            section.contentsTitle = text
            section.headingText = text
            section.contentsText = text
            section.blocks = section.blocks.map { block in
                switch block {
                case .paragraph: return .paragraph(text)
                case .heading: return .heading(text)
                case .list(let items): return .list(items.map { _ in ListItem(mark: text, text: text) })
                case .note: return .note(label: text, text: text)
                case .image(var image):
                    image.alt = text
                    image.caption = text
                    return .image(image)
                case .table(var table):
                    table.headerRows = table.headerRows.map {
                        $0.map { Cell([.paragraph(text)], columnSpan: $0.columnSpan) }
                    }
                    table.rows = table.rows.map { row in
                        var row = row
                        row.cells = row.cells.map { _ in .text(text) }
                        return row
                    }
                    return .table(table)
                }
            }
            section.subsections = section.subsections.map(fill)
            return section
        }
        report.sections = report.sections.map(fill)
        return report
    }

    /// A report with the given sections and nothing else of note.
    public static func report(
        _ sections: [Section], id: String = "test", preface: [String] = ["คำนำสั้น ๆ"],
        style: Style = Style()
    ) -> Report {
        Report(
            agencyID: id, fiscalYear: 2564,
            metadata: Metadata(title: "รายงานทดสอบ", author: "หน่วยงานทดสอบ", subject: "ทดสอบ", date: "2021-03"),
            cover: Cover(titleLines: ["รายงานทดสอบ"], agencyName: "หน่วยงานทดสอบ", address: nil, logoPath: nil),
            preface: Preface(
                heading: "คำนำ", paragraphs: preface,
                signature: Signature(lines: ["หน่วยงานทดสอบ"], dateText: "มีนาคม ๒๕๖๔")),
            contents: ContentsPage(heading: "สารบัญ", pageLabel: "หน้า", closingLine: nil),
            bodyTitleLines: ["รายงานทดสอบ"], sections: sections, style: style)
    }
}
