import Foundation
import ReportModel
import ThaiText

/// Joins a template and an agency's data into the `Report` tree, checking the data against
/// the template (sections, indicators, catalog codes).
struct ReportAssembler {
    let template: Template
    let data: AgencyData
    let sink: DiagnosticSink
    let values: [String: String]

    init(template: Template, data: AgencyData, sink: DiagnosticSink) {
        self.template = template
        self.data = data
        self.sink = sink
        values = PlaceholderValues.make(
            template: template, agencyName: data.agencyName, shortName: data.agencyShortName,
            issuingUnit: data.issuingUnit, fiscalYear: data.fiscalYear)
    }

    /// Fills a template text, reporting placeholders whose argument names nothing.
    func render(_ text: TemplateText) -> String {
        for (name, argument) in text.placeholders {
            let key = argument.map { "\(name):\($0)" } ?? name
            if values[key] == nil {
                sink.error(
                    text.location, thai: "{\(key)}: ไม่มีตัวชี้วัด '\(argument ?? "")' ในบัญชีรายการ OIT",
                    english: "{\(key)}: there is no indicator '\(argument ?? "")' in the OIT catalog")
            }
        }
        return text.render(values)
    }

    /// A template paragraph (or the agency's replacement for it); each line of a multi-line
    /// text is a paragraph of its own.
    func paragraphs(_ paragraph: Template.Paragraph) -> [String] {
        Cell.lines(of: render(data.texts[paragraph.id] ?? paragraph.text))
    }

    func build() -> Report {
        checkData()
        let sections = template.sections.map { section($0, level: 1) }
        let fiscalYear = FiscalYear(buddhistYear: data.fiscalYear)
        return Report(
            agencyID: data.agencyID, fiscalYear: data.fiscalYear,
            metadata: Metadata(
                title: render(template.title), author: data.agencyName,
                subject: "\(render(template.title)) \(fiscalYear.thaiText)", date: data.signatureDate.isoText,
                siteName: data.siteName),
            cover: Cover(
                titleLines: template.coverTitleLines.map(render), agencyName: data.agencyName,
                address: data.address, logoPath: data.logoPath),
            preface: Preface(
                heading: template.prefaceHeading, paragraphs: template.prefaceParagraphs.flatMap(paragraphs),
                signature: Signature(lines: data.signatureLines, dateText: data.signatureDate.thaiText)),
            contents: ContentsPage(
                heading: template.contentsHeading, pageLabel: template.contentsPageLabel,
                closingLine: template.contentsClosingLine.map(render)),
            bodyTitleLines: template.bodyTitleLines.map(render), sections: sections, style: template.style)
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
        let measureSections = Set(template.sections.flatMap(\.all).filter { $0.content == .measures }.compactMap(\.id))
        for (key, (_, location)) in data.measures where !measureSections.contains(key) {
            sink.error(
                location,
                thai: "ไม่มีส่วนมาตรการ '\(key)' ในแม่แบบ (ที่มี: \(measureSections.sorted().joined(separator: ", ")))",
                english:
                    "the template has no measures section '\(key)' (it has: \(measureSections.sorted().joined(separator: ", ")))"
            )
        }
        var seen: [String: SourceLocation] = [:]
        let catalogCodes = Set(template.catalogItems.map(\.code))
        for status in data.oit {
            if let first = seen[status.code] {
                sink.error(
                    status.location, thai: "รหัส \(status.code) ซ้ำ (ครั้งแรกที่บรรทัด \(first.line))",
                    english: "code \(status.code) is given twice (first on line \(first.line))")
            }
            seen[status.code] = status.location
            if status.responsible.trimmingCharacters(in: .whitespaces).isEmpty {
                sink.warning(
                    status.location, thai: "\(status.code): ยังไม่ได้ระบุผู้รับผิดชอบ",
                    english: "\(status.code): no responsible unit given yet")
            }
            if !catalogCodes.contains(status.code) {
                sink.error(
                    status.location, thai: "รหัส \(status.code) ไม่อยู่ในบัญชีรายการ OIT ของปี \(template.fiscalYear)",
                    english: "code \(status.code) is not in the \(template.fiscalYear) OIT catalog")
            }
        }
        for item in template.catalogItems where seen[item.code] == nil {
            sink.error(
                data.oitLocation, thai: "ขาดรายการ \(item.code) (\(render(item.title))) ใน oit",
                english: "oit is missing catalog item \(item.code)")
        }
    }

    func section(_ section: Template.Section, level: Int) -> Section {
        var blocks: [Block] = section.paragraphs.flatMap(paragraphs).map { .paragraph($0) }
        switch section.content {
        case .none: break
        case .measures: blocks += measureBlocks(section)
        case .oitChecklist: blocks.append(.table(checklist()))
        }
        let number = SectionNumber.thai(section.number)
        return Section(
            id: "section-" + section.number.replacingOccurrences(of: ".", with: "-"),
            number: number, title: render(section.title), contentsTitle: section.contentsTitle.map(render),
            level: level, blocks: blocks, subsections: section.subsections.map { self.section($0, level: level + 1) })
    }

    func measureBlocks(_ section: Template.Section) -> [Block] {
        guard let id = section.id, let (set, location) = data.measures[id] else { return [] }
        var counter = 0
        switch set {
        case .plain(let measures):
            if section.indicatorHeading != nil, !measures.isEmpty {
                sink.error(
                    location, thai: "ส่วน '\(id)' ต้องแบ่งมาตรการตามตัวชี้วัด (- indicator: ...)",
                    english: "section '\(id)' lists its measures per indicator (- indicator: ...)")
            }
            // An empty list is a section with nothing to report yet: no empty table is printed.
            return measures.isEmpty
                ? [] : [.table(measureTable(measures, numbering: section.measureNumbering, counter: &counter))]
        case .byIndicator(let groups):
            guard let heading = section.indicatorHeading else {
                sink.error(
                    location, thai: "ส่วน '\(id)' ไม่แบ่งตามตัวชี้วัด ให้เขียนรายการมาตรการโดยตรง",
                    english: "section '\(id)' has no indicator headings: list its measures directly")
                return []
            }
            return groups.flatMap { group -> [Block] in
                guard let title = template.indicators[group.indicator] else {
                    sink.error(
                        group.location,
                        thai:
                            "ไม่มีตัวชี้วัด '\(group.indicator)' ในแม่แบบ (ที่มี: \(template.indicators.keys.sorted().joined(separator: ", ")))",
                        english:
                            "the template has no indicator '\(group.indicator)' (it has: \(template.indicators.keys.sorted().joined(separator: ", ")))"
                    )
                    return []
                }
                let text = heading.replacingOccurrences(of: "{number}", with: SectionNumber.thai(group.indicator))
                    .replacingOccurrences(of: "{title}", with: title)
                return group.measures.isEmpty
                    ? [.heading(text)]
                    : [
                        .heading(text),
                        .table(measureTable(group.measures, numbering: section.measureNumbering, counter: &counter)),
                    ]
            }
        }
    }

    func measureTable(_ measures: [AgencyData.Measure], numbering: String, counter: inout Int) -> Table {
        var rows: [Row] = []
        for measure in measures {
            if !measure.continues { counter += 1 }
            for (index, step) in measure.steps.enumerated() {
                let first = index == 0
                func cell(_ column: DataSchema.MeasureColumn) -> Cell {
                    switch column {
                    case .number:
                        first && !measure.continues
                            ? .text(numbering.replacingOccurrences(of: "{n}", with: ThaiDigits.format(counter)))
                            : .empty
                    case .measure: first ? .text(measure.text) : .empty
                    case .step(let field): .text(step[field])
                    }
                }
                rows.append(
                    Row(
                        cells: template.measureColumns.map { DataSchema.MeasureColumn(key: $0.key).map(cell) ?? .empty }
                    ))
            }
        }
        return Table(
            kind: .measures, columns: template.measureColumns,
            headerRows: template.measureHeaderRows ?? [template.measureColumns.map { .text($0.header) }], rows: rows,
            headerShade: template.measureHeaderShade)
    }

    func checklist() -> Table {
        let statuses = Dictionary(data.oit.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        for indicator in template.catalog {
            for sub in indicator.subindicators {
                rows.append(
                    .group(
                        sub.label.map(render)
                            ?? DataSchema.subindicatorLabel(number: sub.number, title: render(sub.title))))
                for topic in sub.topics {
                    rows.append(.group(render(topic.title)))
                    for item in topic.items {
                        guard let status = statuses[item.code] else { continue }
                        var elements: [CellBlock] = item.intro.map { [.paragraph(render($0))] } ?? []
                        if !item.elements.isEmpty { elements.append(.bullets(item.elements.map(render))) }
                        let title = render(item.title)
                        func cell(_ column: DataSchema.ChecklistColumn) -> Cell {
                            switch column {
                            case .code: .text(item.code)
                            case .title: .text(title)
                            case .elements: Cell(elements)
                            case .status(.responsible): .text(status.responsible)
                            case .status(.hasData): status.hasData ? Cell([.check(label: "มีข้อมูล")]) : .empty
                            case .status(.noDataReason): .text(status.noDataReason ?? "")
                            case .status(.published): status.published ? Cell([.check(label: "เผยแพร่แล้ว")]) : .empty
                            case .status(.unpublishedReason): .text(status.unpublishedReason ?? "")
                            }
                        }
                        rows.append(
                            Row(
                                cells: template.checklistColumns.map {
                                    DataSchema.ChecklistColumn(key: $0.key).map(cell) ?? .empty
                                }))
                    }
                }
            }
        }
        return Table(
            kind: .checklist, columns: template.checklistColumns,
            headerRows: template.checklistHeaderRows ?? [template.checklistColumns.map { .text($0.header) }],
            rows: rows,
            headerShade: template.checklistHeaderShade)
    }
}

/// What the placeholders of a template stand for, for one agency and year.
public enum PlaceholderValues {
    public static func make(
        template: Template, agencyName: String, shortName: String, issuingUnit: String,
        fiscalYear: Int
    ) -> [String: String] {
        var values = [
            "agency_name": agencyName,
            "agency_short_name": shortName,
            "issuing_unit": issuingUnit,
            "fiscal_year": ThaiDigits.format(fiscalYear),
            "previous_fiscal_year": ThaiDigits.format(fiscalYear - 1),
        ]
        for indicator in template.catalog {
            values["subindicator_count:\(indicator.number)"] = ThaiDigits.format(indicator.subindicators.count)
            values["item_count:\(indicator.number)"] = ThaiDigits.format(indicator.items.count)
        }
        return values
    }
}
