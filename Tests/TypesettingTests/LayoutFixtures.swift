import FontSystem
import Foundation
import PageIR
import ReportInput
import ReportModel
import TestSupport
import Typesetting

/// The sample report laid out once for the layout tests, and small synthetic reports.
enum Fixtures {
    /// A font system of its own: Pango font maps must not be shared between threads.
    static func fonts() -> FontSystem { try! FontSystem(directory: Repo.fonts) }
    static let sample = try! ReportLoader.load(dataFile: Repo.sample).report
    static let laidOut: (LaidOutDocument, ReportTypesetter.Details) = ReportTypesetter(fonts: fonts()).layoutWithDetails(sample)

    /// A report with the given sections and nothing else of note.
    static func report(_ sections: [Section], style: Style = Style()) -> Report {
        Report(agencyID: "test", templateID: "test", fiscalYear: 2564,
               metadata: Metadata(title: "ทดสอบ", author: "หน่วยงานทดสอบ", subject: "ทดสอบ", date: "2021-03"),
               cover: Cover(titleLines: ["รายงานทดสอบ"], agencyName: "หน่วยงานทดสอบ", address: nil, logoPath: nil),
               preface: Preface(heading: "คำนำ", paragraphs: ["คำนำสั้น ๆ"], signature: Signature(lines: ["หน่วยงานทดสอบ"], dateText: "มีนาคม ๒๕๖๔")),
               contents: ContentsPage(heading: "สารบัญ", pageLabel: "หน้า", closingLine: nil),
               bodyTitleLines: ["รายงานทดสอบ"], sections: sections, style: style)
    }

    static let measureColumns = [
        Column(key: "number", header: "ที่", width: 0.06, alignment: .center),
        Column(key: "measure", header: "มาตรการ", width: 0.24),
        Column(key: "step", header: "ขั้นตอนหรือวิธีการ", width: 0.24),
        Column(key: "responsible", header: "ผู้รับผิดชอบ", width: 0.14),
        Column(key: "result", header: "ผลการดำเนินการ", width: 0.32),
    ]

    static func table(_ rows: [Row]) -> Table {
        Table(kind: .measures, caption: nil, columns: measureColumns,
              headerRows: [measureColumns.map { .text($0.header) }], rows: rows)
    }

    static let sentence = "มีการประชุมระหว่างผู้บริหารกับหัวหน้าส่วนราชการ และระหว่างหัวหน้าส่วนราชการกับข้าราชการ ลูกจ้างและพนักงานจ้างในสังกัด เป็นประจำทุกเดือน"
}
