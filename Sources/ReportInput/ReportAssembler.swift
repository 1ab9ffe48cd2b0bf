import Foundation
import ReportModel
import ThaiText

/// Joins a template and an agency's data into the `Report` tree, checking the data against
/// the template (sections, tables, indicators, catalog codes). The blocks that read the
/// agency's tables live beside it: `MeasuresAssembly`, `ChecklistAssembly`, `TableAssembly`.
struct ReportAssembler {
    let template: Template
    let data: AgencyData
    let sink: DiagnosticSink
    let values: [String: String]
    var digits: DigitStyle { template.digits }

    init(template: Template, data: AgencyData, sink: DiagnosticSink) {
        self.template = template
        self.data = data
        self.sink = sink
        values = PlaceholderValues.make(
            template: template, agencyName: data.agencyName, shortName: data.agencyShortName,
            issuingUnit: data.issuingUnit, address: data.address ?? "", fiscalYear: data.fiscalYear)
    }

    /// Fills a template text, reporting placeholders whose argument names nothing.
    func render(_ text: TemplateText) -> String {
        for (name, argument) in text.placeholders {
            let key = argument.map { "\(name):\($0)" } ?? name
            if values[key] == nil {
                sink.error(
                    text.location, thai: "{\(key)}: ไม่มีตัวชี้วัดหรือบทบาท '\(argument ?? "")' ในบัญชีรายการ OIT",
                    english: "{\(key)}: there is no indicator or role '\(argument ?? "")' in the OIT catalog")
            }
        }
        return text.render(values)
    }

    /// A template paragraph (or the agency's replacement for it); each line of a multi-line
    /// text is a paragraph of its own.
    func paragraphs(_ paragraph: Template.Paragraph) -> [String] {
        Cell.lines(of: render(paragraph.id.flatMap { data.texts[$0] } ?? paragraph.text))
    }

    func build() -> Report {
        checkData()
        var position: [Int] = []
        let sections = template.sections.enumerated().map { index, section in
            position = [index + 1]
            return self.section(section, level: 1, position: &position)
        }
        let fiscalYear = FiscalYear(buddhistYear: data.fiscalYear)
        // The document is dated by its signature, or else by the end of its fiscal year.
        let dated = data.signatureDate ?? fiscalYear.lastDay
        let date = dated.isoText
        let signature =
            template.preface?.signature == true
            ? Signature(lines: data.signatureLines, dateText: data.signatureDate?.text(digits: digits)) : nil
        var report = Report(
            agencyID: data.agencyID, fiscalYear: data.fiscalYear,
            metadata: Metadata(
                title: render(template.title), author: data.agencyName,
                subject: "\(render(template.title)) ปีงบประมาณ พ.ศ. \(digits.format(data.fiscalYear))", date: date,
                siteName: data.siteName),
            cover: template.cover.map {
                Cover(
                    titleLines: $0.titleLines.map(render), agencyName: data.agencyName, address: data.address,
                    logoPath: data.logoPath)
            },
            preface: template.preface.map {
                Preface(heading: $0.heading, paragraphs: $0.paragraphs.flatMap(paragraphs), signature: signature)
            },
            contents: template.contents.map {
                ContentsPage(heading: $0.heading, pageLabel: $0.pageLabel, closingLine: $0.closingLine.map(render))
            },
            bodyTitleLines: template.bodyTitleLines.map(render), sections: sections, style: template.style,
            digits: digits)
        report.lexicon = template.lexicon + data.lexicon
        report.metadata.dateText = dated.text(digits: digits)
        return report
    }

    /// Checks of the data against the template that do not depend on layout.
    func checkData() {
        if data.fiscalYear != template.fiscalYear {
            sink.error(
                data.fiscalYearLocation,
                thai: "ปีงบประมาณ \(data.fiscalYear) ไม่ตรงกับแม่แบบ \(template.id) (ปี \(template.fiscalYear))",
                english:
                    "fiscal year \(data.fiscalYear) does not match template \(template.id) (year \(template.fiscalYear))"
            )
        }
        let ids = template.paragraphIDs
        for (id, text) in data.texts where !ids.contains(id) {
            sink.error(
                text.location, thai: "ไม่มีย่อหน้า '\(id)' ในแม่แบบ", english: "the template has no paragraph '\(id)'")
        }
        let measureKeys = Set(template.measuresBlocks.map(\.dataKey))
        for (key, (_, location)) in data.measures where !measureKeys.contains(key) {
            sink.error(
                location,
                thai: "ไม่มีส่วนมาตรการ '\(key)' ในแม่แบบ (ที่มี: \(measureKeys.sorted().joined(separator: ", ")))",
                english:
                    "the template has no measures section '\(key)' (it has: \(measureKeys.sorted().joined(separator: ", ")))"
            )
        }
        let tableKeys = Set(
            template.allBlocks.compactMap { if case .dataTable(_, let key, _) = $0 { key } else { nil } })
        for (key, (_, location)) in data.tables where !tableKeys.contains(key) {
            let known = tableKeys.sorted().joined(separator: ", ")
            sink.error(
                location, thai: "แม่แบบไม่มีตาราง '\(key)' ให้กรอก (ที่มี: \(known))",
                english: "the template has no data table '\(key)' (it has: \(known))")
        }
        if template.preface?.signature == true, data.signatureLines.isEmpty {
            sink.error(
                data.signatureLocation ?? data.templateLocation,
                thai: "แม่แบบนี้พิมพ์ลายมือชื่อท้ายคำนำ: ให้ใส่ signature: {lines: [...], date: 2564-03}",
                english: "this template signs the preface: give signature: {lines: [...], date: 2564-03}")
        }
        checkStatuses()
    }

    func section(_ section: Template.Section, level: Int, position: inout [Int]) -> Section {
        let blocks = section.blocks.flatMap(blocks)
        let format = section.headingFormat ?? template.headingFormats[min(level, template.headingFormats.count) - 1]
        let number = section.number.map { digits.convert($0) } ?? ""
        let label = number.isEmpty || format == "none" ? "" : format.replacingOccurrences(of: "{n}", with: number)
        // From the number, else the template's id, else the place among the sections (`u` keeps
        // it apart from the numbered ones).
        let id =
            "section-"
            + (section.number?.replacingOccurrences(of: ".", with: "-") ?? section.id
                ?? "u" + position.map(String.init).joined(separator: "-"))
        var subsections: [Section] = []
        for (index, subsection) in section.subsections.enumerated() {
            position.append(index + 1)
            subsections.append(self.section(subsection, level: level + 1, position: &position))
            position.removeLast()
        }
        return Section(
            id: id, number: number, label: label, title: render(section.title),
            contentsTitle: section.contentsTitle.map(render), level: level, blocks: blocks, subsections: subsections)
    }

    func blocks(_ block: Template.Block) -> [Block] {
        switch block {
        case .paragraph(let paragraph): return paragraphs(paragraph).map { .paragraph($0) }
        case .heading(let text): return [.heading(render(text))]
        case .list(let items, let mark):
            return [
                .list(
                    items.enumerated().map { index, item in
                        ListItem(mark: NumberPattern.fill(mark, n: digits.format(index + 1)), text: render(item))
                    })
            ]
        case .note(let label, let text): return [.note(label: label, text: render(text))]
        case .image(let image):
            return [
                .image(
                    Image(
                        path: image.path, alt: render(image.alt), caption: image.caption.map(render),
                        widthMM: image.widthMM, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight))
            ]
        case .table(let schema, let rows): return [.table(freeTable(schema, rows: rows))]
        case .dataTable(let schema, let key, let location):
            return [.table(dataTable(schema, key: key, location: location))]
        case .measures(let measures): return measureBlocks(measures)
        case .oitChecklist(let schema): return [.table(checklist(schema))]
        }
    }
}

/// What the placeholders of a template stand for, for one agency and year.
public enum PlaceholderValues {
    public static func make(
        template: Template, agencyName: String, shortName: String, issuingUnit: String, address: String = "",
        fiscalYear: Int
    ) -> [String: String] {
        let digits = template.digits
        var values = [
            "agency_name": agencyName,
            "agency_short_name": shortName,
            "agency_address": address,
            "issuing_unit": issuingUnit,
            "fiscal_year": digits.format(fiscalYear),
            "previous_fiscal_year": digits.format(fiscalYear - 1),
        ]
        for item in template.catalogItems {
            if let role = item.role { values["item_code:\(role.rawValue)"] = item.code }
        }
        for indicator in template.catalog {
            values["subindicator_count:\(indicator.number)"] = digits.format(indicator.subindicators.count)
            values["item_count:\(indicator.number)"] = digits.format(indicator.items.count)
        }
        return values
    }
}
