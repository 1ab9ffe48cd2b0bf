import Foundation
import ReportInput
import ReportModel
import TestSupport
import Testing

/// The model built from the sample holds what the reference report holds.
@Suite struct SampleModelTests {
    let report = try! ReportLoader.load(dataFile: Repo.sample).report

    func tables(_ section: Section) -> [Table] {
        section.blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }

    @Test func sections() {
        #expect(report.sections.map(\.headingText) == ["๑. หลักการและเหตุผล", "๒. ผลการดำเนินการ"])
        #expect(report.sections[1].subsections.map(\.number) == ["๒.๑", "๒.๒", "๒.๓", "๒.๔"])
        #expect(report.allSections.count == 6)
        #expect(report.sections[1].contentsText == "๒. ผลการดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    }

    @Test func measuresTables() {
        let subs = report.sections[1].subsections
        #expect(tables(subs[0]).map(\.rows.count) == [3])  // IIT: one measure, three steps
        #expect(tables(subs[1]).map(\.rows.count) == [3, 3, 1])  // EIT indicators 6, 7, 8
        #expect(tables(subs[2]).map(\.rows.count) == [2, 3, 1, 1, 1, 1])
        let headings = subs[1].blocks.compactMap { if case .heading(let h) = $0 { return h } else { return nil } }
        #expect(
            headings == [
                "ตัวชี้วัดที่ (๖) คุณภาพการดำเนินงาน", "ตัวชี้วัดที่ (๗) ประสิทธิภาพการสื่อสาร", "ตัวชี้วัดที่ (๘) การปรับปรุงระบบการทำงาน",
            ])
        // Numbers: Thai digits, "๑." in IIT, continuing across indicators in a section.
        #expect(tables(subs[0])[0].rows[0].cells[0] == .text("๑."))
        #expect(tables(subs[1]).map { $0.rows[0].cells[0] } == [.text("๑"), .text("๒"), .text("๓")])
        #expect(tables(subs[2])[1].rows.map(\.cells[0]) == [.text("๒"), .empty, .empty])  // 9.2: continuing measures
        #expect(tables(subs[2]).last!.rows[0].cells[0] == .text("๖"))
    }

    @Test func checklist() throws {
        let table = try #require(tables(report.sections[1].subsections[3]).first)
        #expect(table.columns.count == 8)
        let body = table.rows.filter { $0.kind == .body }
        let groups = table.rows.filter { $0.kind == .group }
        #expect(body.count == 43)
        #expect(body.map { $0.cells[0] } == (1...43).map { .text("O\($0)") })
        #expect(groups.count == 23)  // 7 sub-indicators and 16 topics
        #expect(groups.first == .group("ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน"))
        #expect(groups.contains(.group("ตัวชี้วัดย่อย ๑๐.๒ มาตรการภายในเพื่อป้องกันการทุจริต")))
        #expect(
            body.allSatisfy {
                $0.cells[4] == Cell([.check(label: "มีข้อมูล")]) && $0.cells[6] == Cell([.check(label: "เผยแพร่แล้ว")])
            })
        // O5: an intro sentence before its bullets.
        #expect(body[4].cells[2].content.first == .paragraph("แสดงข้อมูลการติดต่อ อย่างน้อยประกอบด้วย"))
    }

    @Test func generatedCountsAndPlaceholders() {
        guard case .paragraph(let text) = report.sections[1].subsections[3].blocks.first else {
            Issue.record("no paragraph")
            return
        }
        #expect(text == "ตัวชี้วัด (๙) การเปิดเผยข้อมูล ประกอบด้วย ๕ ตัวชี้วัดย่อย (๓๓ ข้อมูล)")
        #expect(report.preface?.signature?.dateText == "มีนาคม ๒๕๖๔")
        #expect(report.preface!.paragraphs[2].hasPrefix("สำนักปลัดฯ องค์การบริหารส่วนจังหวัดสิงห์บุรี หวังเป็นอย่างยิ่งว่า"))
        #expect(report.contents?.closingLine == "ปีงบประมาณ พ.ศ.๒๕๖๔")
        #expect(report.bodyTitleLines.last == "ขององค์การบริหารส่วนจังหวัดสิงห์บุรี")
    }

    /// Every line of the reference that is data (not a page-break artefact or the generated
    /// contents) appears in the model's text.
    @Test func referenceTextIsReproduced() throws {
        var modelText = report.cover!.titleLines + [report.cover!.agencyName, report.cover!.address ?? ""]
        modelText += [report.preface!.heading] + report.preface!.paragraphs + report.preface!.signature!.lines
        modelText += [
            report.preface!.signature!.dateText!, report.contents!.heading, report.contents!.closingLine ?? "",
        ]
        modelText += report.bodyTitleLines + ModelFixtures.bodyTexts(report, tables: true)
        let haystack = squeeze(modelText.joined(separator: " ")).replacingOccurrences(of: "○", with: "")
        let reference = try String(contentsOf: Repo.reference, encoding: .utf8)
        var missing: [String] = []
        var inContents = false
        for raw in reference.components(separatedBy: "\n") {
            let line = raw.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            if line.hasPrefix("สารบัญ") {
                inContents = true
                continue
            }
            if inContents { if line.hasPrefix("ปีงบประมาณ") { inContents = false } else { continue } }
            if line.hasPrefix("/") || line.hasPrefix("ที่\t") || line.hasPrefix("ข้อ\t") || line.hasPrefix("ชื่อ\t") {
                continue
            }
            for cell in line.components(separatedBy: "\t") {
                // Item codes are normalised to O1…O43 in the data; the extraction mixes forms.
                let text = squeeze(cell).replacingOccurrences(
                    of: "^[○๐0O][0-9๐-๙]+$", with: "", options: .regularExpression
                )
                .replacingOccurrences(of: "○", with: "").replacingOccurrences(of: "✓", with: "")
                if text.isEmpty || text.count < 2 { continue }
                let normalised = text.replacingOccurrences(of: "ตามข้อ๐36", with: "ตามข้อO36")
                    .replacingOccurrences(of: "ตามข้อ๐39", with: "ตามข้อO39").replacingOccurrences(
                        of: "ในข้อO๔๒", with: "ในข้อO42")
                if !haystack.contains(normalised) { missing.append(cell) }
            }
        }
        #expect(missing.isEmpty, "not in the model: \(missing.prefix(5))")
    }
}
