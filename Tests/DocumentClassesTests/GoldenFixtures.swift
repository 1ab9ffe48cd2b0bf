import ReportModel
import TestSupport

/// Small reports, each showing one layout behaviour, whose text dumps are committed as goldens
/// (`Tests/Fixtures/goldens/<name>.txt`): a layout change shows as a readable diff of them.
enum GoldenFixtures {
    static let sentence = ModelFixtures.sentence
    static func text(_ sentences: Int) -> String { Array(repeating: sentence, count: sentences).joined(separator: " ") }

    static let columns = ModelFixtures.measureColumns

    static func table(_ rows: [Row], header: [[Cell]]? = nil, shade: Double? = nil) -> Table {
        Table(
            kind: .measures, columns: columns, headerRows: header ?? [columns.map { .text($0.header) }], rows: rows,
            headerShade: shade)
    }

    static func row(_ n: Int, _ step: String = "ขั้นตอน", result: String = sentence) -> Row {
        Row(cells: [.text("\(n)"), .text(sentence), .text(step), .text("กองคลัง"), .text(result)])
    }

    static func section(_ n: Int, _ blocks: [Block], subsections: [Section] = [], level: Int = 1) -> Section {
        Section(
            id: "section-\(n)", number: "\(n)", title: "หัวข้อที่ \(n)", level: level, blocks: blocks,
            subsections: subsections)
    }

    /// Name → report.
    static let all: [(String, Report)] = [
        ("justified-paragraph", ModelFixtures.report([section(1, [.paragraph(text(3))])])),
        ("widows-and-orphans", ModelFixtures.report([section(1, (1...9).map { .paragraph(text($0 % 5 + 2)) })])),
        (
            "heading-at-page-foot",
            ModelFixtures.report([
                section(
                    1,
                    [
                        .paragraph(text(13)), .paragraph(text(13)), .heading("ตัวชี้วัดที่ ๒ หัวข้อท้ายหน้า"),
                        .paragraph(text(4)),
                    ])
            ])
        ),
        (
            "row-split-across-pages",
            ModelFixtures.report([
                section(
                    1,
                    [
                        .paragraph(text(8)),
                        .table(
                            table([
                                row(1), row(2, Array(repeating: "- ขั้นตอนย่อย", count: 60).joined(separator: "\n")),
                                row(3),
                            ])),
                    ])
            ])
        ),
        (
            "group-rows",
            ModelFixtures.report([
                section(
                    1,
                    [
                        .paragraph(text(10)),
                        .table(
                            table(
                                (1...24).flatMap { n in n % 6 == 1 ? [.group("กลุ่มที่ \(n / 6 + 1)"), row(n)] : [row(n)] })
                        ),
                    ])
            ])
        ),
        (
            "spanning-header",
            ModelFixtures.report([
                section(
                    1,
                    [
                        .table(
                            table(
                                (1...30).map { row($0, result: "ผล") },
                                header: [
                                    [.text("ที่"), .text("มาตรการ"), Cell([.paragraph("การดำเนินการ")], columnSpan: 3)],
                                    [.empty, .empty, .text("ขั้นตอน"), .text("ผู้รับผิดชอบ"), .text("ผล")],
                                ],
                                shade: 0.9))
                    ])
            ])
        ),
        (
            "continuation-cue",
            ModelFixtures.report([section(1, [.paragraph(text(14))]), section(2, [.paragraph(text(2))])])
        ),
        (
            "bullets-and-checks",
            ModelFixtures.report([
                section(
                    1,
                    [
                        .table(
                            Table(
                                kind: .checklist, columns: Array(columns.prefix(3)),
                                headerRows: [columns.prefix(3).map { .text($0.header) }],
                                rows: [
                                    Row(cells: [
                                        .text("O1"), Cell([.bullets(["ข้อหนึ่ง", "ข้อสอง " + sentence])]),
                                        Cell([.check(label: "มี")]),
                                    ])
                                ]))
                    ])
            ])
        ),
        (
            "contents-ranges",
            ModelFixtures.report([
                section(
                    1, [],
                    subsections: [
                        section(11, [.paragraph(text(20))], level: 2),
                        section(12, [.paragraph(text(2))], level: 2),
                    ]),
                section(2, [.paragraph(text(1))]),
            ])
        ),
        ("empty-table", ModelFixtures.report([section(1, [.table(table([]))])])),
        (
            "latin-and-missing-characters",
            ModelFixtures.report([
                section(1, [.paragraph("ITA 2021 report: IIT, EIT and OIT — plain Latin text. 😀 ☃ ก")])
            ])
        ),
        (
            "first-page-numbered",
            {
                var style = Style()
                style.numberFirstBodyPage = true
                return ModelFixtures.report([section(1, [.paragraph(text(14))])], style: style)
            }()
        ),
    ]
}
