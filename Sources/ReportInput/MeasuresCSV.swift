import Foundation

/// A measures table kept in a spreadsheet, saved as CSV with the header
/// `indicator,measure,continues,step,responsible,result`:
/// - a row with a `measure` starts a measure (`continues` yes: it carries no number of its own);
/// - a row with an empty `measure` is one more step of the measure above;
/// - `indicator` names the indicator the measures come under (sections with indicator headings);
///   an empty one keeps the indicator of the row above.
/// Cells may hold several lines (quoted), one paragraph each, as in the YAML form.
enum MeasuresCSV {
    static let columns = ["indicator", "measure", "continues", "step", "responsible", "result"]

    static func read(_ url: URL, referencedAt reference: SourceLocation, sink: DiagnosticSink) -> AgencyData.MeasureSet? {
        let path = url.path
        guard let text = CSVReader.readFile(url, referencedAt: reference, sink: sink) else { return nil }
        guard let rows = CSVReader.rows(text, path: path, header: columns, sink: sink) else { return nil }

        var groups: [(indicator: String, location: SourceLocation, measures: [AgencyData.Measure])] = []
        var current: (text: String, continues: Bool, steps: [AgencyData.Step], location: SourceLocation)?
        func closeMeasure() {
            guard let measure = current else { return }
            if groups.isEmpty { groups.append(("", measure.location, [])) }
            groups[groups.count - 1].measures.append(AgencyData.Measure(text: measure.text, continues: measure.continues,
                                                                        steps: measure.steps, location: measure.location))
            current = nil
        }
        for row in rows {
            let start = SourceLocation(file: path, line: row[0].line, column: row[0].column)
            let indicator = row[0].text.trimmingCharacters(in: .whitespaces)
            let step = AgencyData.Step(step: row[3].text, responsible: row[4].text, result: row[5].text)
            if !indicator.isEmpty, indicator != groups.last?.indicator {
                closeMeasure()
                groups.append((indicator, start, []))
            }
            if row[1].text.trimmingCharacters(in: .whitespaces).isEmpty {
                guard current != nil else {
                    sink.error(start, thai: "แถวนี้ไม่มีมาตรการ และไม่มีมาตรการก่อนหน้าให้ต่อ",
                               english: "this row has no measure and there is no measure above it to continue")
                    continue
                }
                current?.steps.append(step)
                continue
            }
            closeMeasure()
            var continues = false
            if !row[2].text.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let flag = YAMLValue.parseBool(row[2].text) else {
                    sink.error(SourceLocation(file: path, line: row[2].line, column: row[2].column),
                               thai: "continues ต้องเป็น yes/no (ใช่/ไม่ใช่)", english: "continues must be yes or no")
                    continue
                }
                continues = flag
            }
            current = (row[1].text, continues, [step], start)
        }
        closeMeasure()
        if groups.contains(where: { !$0.indicator.isEmpty }) {
            if let unnamed = groups.first(where: { $0.indicator.isEmpty }) {
                sink.error(unnamed.location, thai: "แถวแรกต้องระบุ indicator เมื่อไฟล์แบ่งตามตัวชี้วัด",
                           english: "the first row needs an indicator when the file is divided by indicator")
            }
            return .byIndicator(groups.map { AgencyData.IndicatorMeasures(indicator: $0.indicator, measures: $0.measures, location: $0.location) })
        }
        return .plain(groups.flatMap(\.measures))
    }
}
