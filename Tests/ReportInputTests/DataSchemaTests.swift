import Foundation
import ReportInput
import TestSupport
import Testing

/// The schema's names are the data format: they match what docs/data-format.md tells people.
struct DataSchemaTests {
    static let docs = try! String(contentsOf: Repo.root.appendingPathComponent("docs/data-format.md"), encoding: .utf8)

    @Test func csvHeadersAreTheDocumentedOnes() {
        #expect(
            DataSchema.measuresCSVColumns.joined(separator: ",")
                == "indicator,measure,continues,step,responsible,result")
        #expect(
            DataSchema.oitCSVColumns.joined(separator: ",")
                == "code,responsible,has_data,no_data_reason,published,unpublished_reason")
        #expect(Self.docs.contains("`\(DataSchema.measuresCSVColumns.joined(separator: ","))`"))
        #expect(Self.docs.contains("columns: \(DataSchema.oitCSVColumns.joined(separator: ","))"))
    }

    @Test func tableColumnKeysAreTheDocumentedOnes() {
        #expect(DataSchema.MeasureColumn.keys == ["number", "measure", "step", "responsible", "result"])
        #expect(Self.docs.contains("# keys: \(DataSchema.ChecklistColumn.keys.joined(separator: " "))"))
        for key in DataSchema.MeasureColumn.keys { #expect(Self.docs.contains("{key: \(key), ")) }
        for key in DataSchema.MeasureColumn.keys { #expect(DataSchema.MeasureColumn(key: key)?.key == key) }
        for key in DataSchema.ChecklistColumn.keys { #expect(DataSchema.ChecklistColumn(key: key)?.key == key) }
        #expect(DataSchema.MeasureColumn(key: "code") == nil && DataSchema.ChecklistColumn(key: "number") == nil)
    }

    @Test func groupRowLabel() {
        #expect(DataSchema.subindicatorLabel(number: "๙.๑", title: "ข้อมูลพื้นฐาน") == "ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน")
    }

    @Test func fiscalYearsOutsideTheRangeAreRejected() {
        for year in [DataSchema.fiscalYears.lowerBound - 1, DataSchema.fiscalYears.upperBound + 1, 2021] {
            let text = "template: ita-2564\nfiscal_year: \(year)\n"
            #expect(
                InputCheck.dataFile(text).contains { $0.english.contains("fiscal_year must be a Buddhist-era year") })
        }
        let valid = "template: ita-2564\nfiscal_year: \(DataSchema.fiscalYears.lowerBound)\n"
        #expect(!InputCheck.dataFile(valid).contains { $0.english.contains("fiscal_year must be") })
    }
}
