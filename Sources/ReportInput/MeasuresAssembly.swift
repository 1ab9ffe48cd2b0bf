import ReportModel

/// The measures block: the agency's measures and their steps as one table, or as a heading and
/// a table per indicator, numbered on across the whole block.
extension ReportAssembler {
    func measureBlocks(_ block: Template.MeasuresBlock) -> [Block] {
        guard let (set, location) = data.measures[block.dataKey] else { return [] }
        let id = block.dataKey
        var counter = 0
        switch set {
        case .plain(let measures):
            if block.indicatorHeading != nil, !measures.isEmpty {
                sink.error(
                    location, thai: "ส่วน '\(id)' ต้องแบ่งมาตรการตามตัวชี้วัด (- indicator: ...)",
                    english: "section '\(id)' lists its measures per indicator (- indicator: ...)")
            }
            // An empty list is a section with nothing to report yet: no empty table is printed.
            return measures.isEmpty ? [] : [.table(measureTable(measures, block: block, counter: &counter))]
        case .byIndicator(let groups):
            guard let heading = block.indicatorHeading else {
                sink.error(
                    location, thai: "ส่วน '\(id)' ไม่แบ่งตามตัวชี้วัด ให้เขียนรายการมาตรการโดยตรง",
                    english: "section '\(id)' has no indicator headings: list its measures directly")
                return []
            }
            return groups.flatMap { group -> [Block] in
                guard let title = template.indicators[group.indicator] else {
                    let known = template.indicators.keys.sorted().joined(separator: ", ")
                    sink.error(
                        group.location, thai: "ไม่มีตัวชี้วัด '\(group.indicator)' ในแม่แบบ (ที่มี: \(known))",
                        english: "the template has no indicator '\(group.indicator)' (it has: \(known))")
                    return []
                }
                let text = heading.replacingOccurrences(of: "{number}", with: digits.convert(group.indicator))
                    .replacingOccurrences(of: "{title}", with: title)
                return group.measures.isEmpty
                    ? [.heading(text)]
                    : [.heading(text), .table(measureTable(group.measures, block: block, counter: &counter))]
            }
        }
    }

    func measureTable(_ measures: [AgencyData.Measure], block: Template.MeasuresBlock, counter: inout Int) -> Table {
        let columns = block.table.columns.map { DataSchema.MeasureColumn(key: $0.key) }
        var rows: [Row] = []
        for measure in measures {
            if !measure.continues { counter += 1 }
            for (index, step) in measure.steps.enumerated() {
                let first = index == 0
                func cell(_ column: DataSchema.MeasureColumn) -> Cell {
                    switch column {
                    case .number:
                        first && !measure.continues
                            ? .text(NumberPattern.fill(block.numbering, n: digits.format(counter))) : .empty
                    case .measure: first ? .text(measure.text) : .empty
                    case .step(let field): .text(step[field])
                    }
                }
                rows.append(Row(cells: columns.map { $0.map(cell) ?? .empty }))
            }
        }
        return Table(
            kind: .measures, columns: block.table.modelColumns, headerRows: block.table.modelHeaderRows, rows: rows,
            headerShade: block.table.headerShade)
    }
}
