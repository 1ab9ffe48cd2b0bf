import Foundation

/// Reads the agency's OIT checklist status, written inline as `O1: {...}` entries or kept in a
/// CSV file named by `oit: {csv: file.csv}`.
enum OITReader {
    typealias Field = DataSchema.OITField

    static func read(_ value: YAMLValue, sink: DiagnosticSink) -> [AgencyData.OITStatus]? {
        guard let map = value.mapping(sink, what: "oit") else { return nil }
        if let csv = map.optional("csv") {
            if map.entries.count > 1 {
                sink.error(
                    map.location, thai: "ถ้าใช้ csv ห้ามเขียนรายการ O… ใน oit อีก",
                    english: "with csv, oit may not list codes as well")
            }
            guard let name = csv.string(sink, what: "oit.csv"),
                let url = AgencyDataReader.besideDataFile(
                    name, of: value.file, at: csv.location, what: "oit.csv", sink: sink)
            else { return nil }
            return readCSV(url, referencedAt: csv.location, sink: sink)
        }
        return map.entries.compactMap { entry in
            guard let status = entry.value.mapping(sink, what: "oit.\(entry.key)", allowed: Field.names) else {
                return nil
            }
            let responsible = status.required(Field.responsible, sink)?.string(sink, what: Field.responsible.name)
            let hasData = status.required(Field.hasData, sink)?.bool(sink, what: Field.hasData.name)
            let published = status.required(Field.published, sink)?.bool(sink, what: Field.published.name)
            let noDataReason = status.optional(Field.noDataReason)?.string(
                sink, what: Field.noDataReason.name, multiline: true)
            let unpublishedReason = status.optional(Field.unpublishedReason)?.string(
                sink, what: Field.unpublishedReason.name, multiline: true)
            guard let responsible, let hasData, let published else { return nil }
            return make(
                code: entry.key, responsible: responsible, hasData: hasData, noDataReason: noDataReason,
                published: published, unpublishedReason: unpublishedReason, at: entry.keyLocation, sink: sink)
        }
    }

    /// One status, with the rules that tie its fields together.
    static func make(
        code: String, responsible: String, hasData: Bool, noDataReason: String?, published: Bool,
        unpublishedReason: String?, at location: SourceLocation, sink: DiagnosticSink
    ) -> AgencyData.OITStatus {
        if !hasData, (noDataReason ?? "").isEmpty {
            sink.error(
                location, thai: "\(code): ไม่มีข้อมูล ต้องระบุเหตุผลใน \(Field.noDataReason.name)",
                english: "\(code): \(Field.hasData.name) is false, so \(Field.noDataReason.name) is required")
        }
        if !published, (unpublishedReason ?? "").isEmpty {
            sink.error(
                location, thai: "\(code): ยังไม่เผยแพร่ ต้องระบุเหตุผลใน \(Field.unpublishedReason.name)",
                english: "\(code): \(Field.published.name) is false, so \(Field.unpublishedReason.name) is required")
        }
        if published, !hasData {
            sink.error(
                location, thai: "\(code): เผยแพร่แล้วแต่ระบุว่าไม่มีข้อมูล",
                english: "\(code): published but marked as having no data")
        }
        return AgencyData.OITStatus(
            code: code, responsible: responsible, hasData: hasData,
            noDataReason: hasData ? nil : noDataReason, published: published,
            unpublishedReason: published ? nil : unpublishedReason, location: location)
    }

    static func readCSV(_ url: URL, referencedAt reference: SourceLocation, sink: DiagnosticSink) -> [AgencyData
        .OITStatus]?
    {
        let path = url.path
        guard let text = CSVReader.readFile(url, referencedAt: reference, sink: sink) else { return nil }
        return readCSV(text: text, path: path, sink: sink)
    }

    /// The statuses in a CSV text; `path` names it in diagnostics.
    static func readCSV(text: String, path: String, sink: DiagnosticSink) -> [AgencyData.OITStatus]? {
        let columns = DataSchema.oitCSVColumns
        let multiline = Set([Field.noDataReason, .unpublishedReason].map(\.name))
        guard let rows = CSVReader.rows(text, path: path, header: columns, multiline: multiline, sink: sink) else {
            return nil
        }
        var statuses: [AgencyData.OITStatus] = []
        for row in rows {
            let start = SourceLocation(file: path, line: row[0].line, column: row[0].column)
            func cell(_ field: Field) -> CSVField { row[columns.firstIndex(of: field.name)!] }
            func flag(_ field: Field) -> Bool? {
                if let value = YAMLValue.parseBool(cell(field).text) { return value }
                sink.error(
                    SourceLocation(file: path, line: cell(field).line, column: cell(field).column),
                    thai: "\(field.name) ต้องเป็น yes/no (ใช่/ไม่ใช่)", english: "\(field.name) must be yes or no")
                return nil
            }
            guard let hasData = flag(.hasData), let published = flag(.published) else { continue }
            func optionalText(_ field: Field) -> String? { cell(field).text.isEmpty ? nil : cell(field).text }
            statuses.append(
                make(
                    code: row[0].text.trimmingCharacters(in: .whitespaces), responsible: cell(.responsible).text,
                    hasData: hasData, noDataReason: optionalText(.noDataReason), published: published,
                    unpublishedReason: optionalText(.unpublishedReason), at: start, sink: sink))
        }
        return statuses
    }
}
