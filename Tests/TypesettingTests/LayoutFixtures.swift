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

    static func report(_ sections: [Section], style: Style = Style()) -> Report { ModelFixtures.report(sections, style: style) }

    static let measureColumns = [
        Column(key: "number", header: "ที่", width: 0.06, alignment: .center),
        Column(key: "measure", header: "มาตรการ", width: 0.24),
        Column(key: "step", header: "ขั้นตอนหรือวิธีการ", width: 0.24),
        Column(key: "responsible", header: "ผู้รับผิดชอบ", width: 0.14),
        Column(key: "result", header: "ผลการดำเนินการ", width: 0.32),
    ]

    static func table(_ rows: [Row]) -> Table {
        Table(kind: .measures, columns: measureColumns,
              headerRows: [measureColumns.map { .text($0.header) }], rows: rows)
    }

    static let sentence = ModelFixtures.sentence
}
