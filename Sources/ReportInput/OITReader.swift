import Foundation

/// Reads the agency's OIT checklist status, written inline as `O1: {...}` entries or kept in a
/// CSV file named by `oit: {csv: file.csv}`.
enum OITReader {
    static let keys: Set<String> = ["responsible", "has_data", "no_data_reason", "published", "unpublished_reason"]
    static let csvColumns = ["code", "responsible", "has_data", "no_data_reason", "published", "unpublished_reason"]

    static func read(_ value: YAMLValue, sink: DiagnosticSink) -> [AgencyData.OITStatus]? {
        guard let map = value.mapping(sink, what: "oit") else { return nil }
        if let csv = map.optional("csv") {
            if map.entries.count > 1 {
                sink.error(map.location, thai: "ถ้าใช้ csv ห้ามเขียนรายการ O… ใน oit อีก", english: "with csv, oit may not list codes as well")
            }
            guard let name = csv.string(sink, what: "oit.csv"),
                  let url = AgencyDataReader.besideDataFile(name, of: value.file, at: csv.location, what: "oit.csv", sink: sink) else { return nil }
            return readCSV(url, referencedAt: csv.location, sink: sink)
        }
        return map.entries.compactMap { entry in
            guard let status = entry.value.mapping(sink, what: "oit.\(entry.key)", allowed: keys) else { return nil }
            let responsible = status.required("responsible", sink)?.string(sink, what: "responsible")
            let hasData = status.required("has_data", sink)?.bool(sink, what: "has_data")
            let published = status.required("published", sink)?.bool(sink, what: "published")
            let noDataReason = status.optional("no_data_reason")?.string(sink, what: "no_data_reason")
            let unpublishedReason = status.optional("unpublished_reason")?.string(sink, what: "unpublished_reason")
            guard let responsible, let hasData, let published else { return nil }
            return make(code: entry.key, responsible: responsible, hasData: hasData, noDataReason: noDataReason,
                        published: published, unpublishedReason: unpublishedReason, at: entry.keyLocation, sink: sink)
        }
    }

    /// One status, with the rules that tie its fields together.
    static func make(code: String, responsible: String, hasData: Bool, noDataReason: String?, published: Bool,
                     unpublishedReason: String?, at location: SourceLocation, sink: DiagnosticSink) -> AgencyData.OITStatus {
        if !hasData, (noDataReason ?? "").isEmpty {
            sink.error(location, thai: "\(code): ไม่มีข้อมูล ต้องระบุเหตุผลใน no_data_reason",
                       english: "\(code): has_data is false, so no_data_reason is required")
        }
        if !published, (unpublishedReason ?? "").isEmpty {
            sink.error(location, thai: "\(code): ยังไม่เผยแพร่ ต้องระบุเหตุผลใน unpublished_reason",
                       english: "\(code): published is false, so unpublished_reason is required")
        }
        if published, !hasData {
            sink.error(location, thai: "\(code): เผยแพร่แล้วแต่ระบุว่าไม่มีข้อมูล", english: "\(code): published but marked as having no data")
        }
        return AgencyData.OITStatus(code: code, responsible: responsible, hasData: hasData,
                                    noDataReason: hasData ? nil : noDataReason, published: published,
                                    unpublishedReason: published ? nil : unpublishedReason, location: location)
    }

    static func readCSV(_ url: URL, referencedAt reference: SourceLocation, sink: DiagnosticSink) -> [AgencyData.OITStatus]? {
        let path = url.path
        guard let text = CSVReader.readFile(url, referencedAt: reference, sink: sink) else { return nil }
        return readCSV(text: text, path: path, sink: sink)
    }

    /// The statuses in a CSV text; `path` names it in diagnostics.
    static func readCSV(text: String, path: String, sink: DiagnosticSink) -> [AgencyData.OITStatus]? {
        guard let rows = CSVReader.rows(text, path: path, header: csvColumns, sink: sink) else { return nil }
        var statuses: [AgencyData.OITStatus] = []
        for row in rows {
            let start = SourceLocation(file: path, line: row[0].line, column: row[0].column)
            func flag(_ index: Int) -> Bool? {
                if let value = YAMLValue.parseBool(row[index].text) { return value }
                sink.error(SourceLocation(file: path, line: row[index].line, column: row[index].column),
                           thai: "\(csvColumns[index]) ต้องเป็น yes/no (ใช่/ไม่ใช่)", english: "\(csvColumns[index]) must be yes or no")
                return nil
            }
            guard let hasData = flag(2), let published = flag(4) else { continue }
            func optionalText(_ index: Int) -> String? { row[index].text.isEmpty ? nil : row[index].text }
            statuses.append(make(code: row[0].text.trimmingCharacters(in: .whitespaces), responsible: row[1].text,
                                 hasData: hasData, noDataReason: optionalText(3), published: published,
                                 unpublishedReason: optionalText(5), at: start, sink: sink))
        }
        return statuses
    }
}
