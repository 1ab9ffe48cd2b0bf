import ReportModel

/// The OIT checklist block: every catalog item of the year under its subindicator and topic
/// rows, with the agency's status of it.
extension ReportAssembler {
    /// The agency's `oit` status against the catalog: each item once, none outside the catalog,
    /// none missing; no status at all when the template prints no checklist.
    func checkStatuses() {
        guard template.hasChecklist else {
            if let location = data.oitLocation {
                sink.error(
                    location, thai: "แม่แบบ \(template.id) ไม่มีตารางตรวจ OIT: ให้ลบ oit ออก",
                    english: "template \(template.id) prints no OIT checklist: remove oit")
            }
            return
        }
        guard let oitLocation = data.oitLocation else {
            sink.error(
                data.templateLocation, thai: "ขาด oit (สถานะรายการ OIT ของแต่ละข้อ) ซึ่งแม่แบบนี้ต้องใช้",
                english: "oit (the status of each OIT item) is missing; this template needs it")
            return
        }
        var seen = FirstUses(thai: "รหัส", english: "code")
        var given: Set<String> = []
        let catalogCodes = Set(template.catalogItems.map(\.code))
        for status in data.oit {
            seen.use(status.code, at: status.location, sink: sink)
            given.insert(status.code)
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
        for item in template.catalogItems where !given.contains(item.code) {
            sink.error(
                oitLocation, thai: "ขาดรายการ \(item.code) (\(render(item.title))) ใน oit",
                english: "oit is missing catalog item \(item.code)")
        }
    }

    func checklist(_ schema: TableSchema) -> Table {
        let statuses = Dictionary(data.oit.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = schema.columns.map { DataSchema.ChecklistColumn(key: $0.key) }
        var rows: [Row] = []
        for indicator in template.catalog {
            for sub in indicator.subindicators {
                rows.append(
                    .group(
                        sub.label.map(render)
                            ?? DataSchema.subindicatorLabel(
                                number: digits.convert(sub.number), title: render(sub.title))
                    ))
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
                        rows.append(Row(cells: columns.map { $0.map(cell) ?? .empty }))
                    }
                }
            }
        }
        return Table(
            kind: .checklist, columns: schema.modelColumns, headerRows: schema.modelHeaderRows, rows: rows,
            headerShade: schema.headerShade)
    }
}
