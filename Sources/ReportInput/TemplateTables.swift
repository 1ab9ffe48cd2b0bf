import Foundation
import ReportModel

/// The template's table specs: column keys from `DataSchema`, widths, header rows.
extension TemplateLoader {
    /// A table spec: its columns (`keys` allowed, all but `optional` required) and, optionally,
    /// its own header rows.
    static func table(
        _ value: YAMLValue, keys: [String], optional: [String], what: String,
        sink: DiagnosticSink
    ) -> ([Column], [[Cell]]?, Double?)? {
        guard let map = value.mapping(sink, what: what, allowed: ["columns", "header_rows", "header_shade"]),
            let columns = columns(map, keys: keys, optional: optional, what: what, sink: sink)
        else { return nil }
        var shade: Double? = nil
        if let gray = map.optional("header_shade")?.number(sink, what: "header_shade (0 black … 1 white)", in: 0...1) {
            shade = gray
        }
        guard let rowsValue = map.optional("header_rows") else { return (columns, nil, shade) }
        guard let rows = rowsValue.sequence(sink, what: "\(what).header_rows") else { return nil }
        var header: [[Cell]] = []
        for row in rows {
            guard let cells = row.sequence(sink, what: "header row") else { return nil }
            var parsed: [Cell] = []
            for cell in cells {
                guard let c = cell.mapping(sink, what: "header cell", allowed: ["text", "span"]),
                    let text = c.required("text", sink)?.string(sink, what: "header text")
                else { return nil }
                var span = c.optional("span")?.int(sink, what: "span") ?? 1
                if span < 1 || span > columns.count {
                    sink.error(
                        cell.location, thai: "span ต้องอยู่ระหว่าง 1 ถึง \(columns.count)",
                        english: "span must be between 1 and \(columns.count)")
                    span = 1
                }
                parsed.append(Cell(text.isEmpty ? [] : [.paragraph(text)], columnSpan: span))
            }
            let total = parsed.reduce(0) { $0 + $1.columnSpan }
            if total != columns.count {
                sink.error(
                    row.location, thai: "แถวหัวตารางครอบคลุม \(total) คอลัมน์ ต้องเป็น \(columns.count)",
                    english: "header row covers \(total) columns, the table has \(columns.count)")
            }
            header.append(parsed)
        }
        return (columns, header, shade)
    }

    static func columns(_ map: YAMLMapping, keys: [String], optional: [String], what: String, sink: DiagnosticSink)
        -> [Column]?
    {
        guard let list = map.required("columns", sink)?.sequence(sink, what: "\(what).columns") else { return nil }
        let columns: [Column] = list.compactMap { item in
            guard
                let column = item.mapping(
                    sink, what: "column", allowed: ["key", "header", "width", "min_width_mm", "align"]),
                let key = column.required("key", sink)?.string(sink, what: "column key"),
                let header = column.required("header", sink)?.string(sink, what: "column header"),
                let width = column.required("width", sink)?.number(sink, what: "column width", in: 0.001...1)
            else { return nil }
            if !keys.contains(key) {
                sink.error(
                    column.required("key", sink)!.location,
                    thai: "ไม่รู้จักคอลัมน์ '\(key)' (ที่ใช้ได้: \(keys.joined(separator: ", ")))",
                    english: "unknown column key '\(key)' (allowed: \(keys.joined(separator: ", ")))")
            }
            var alignment = Column.Alignment.left
            if let alignValue = column.optional("align"), let raw = alignValue.string(sink, what: "align") {
                if let parsed = Column.Alignment(rawValue: raw) {
                    alignment = parsed
                } else {
                    sink.error(
                        alignValue.location, thai: "align ต้องเป็น left, center หรือ right",
                        english: "align must be left, center or right")
                }
            }
            return Column(
                key: key, header: header, width: width,
                minWidthMM: column.optional("min_width_mm")?.number(sink, what: "min_width_mm", in: 1...100) ?? 8,
                alignment: alignment)
        }
        guard columns.count == list.count else { return nil }
        let total = columns.reduce(0) { $0 + $1.width }
        if abs(total - 1) > 0.001 {
            sink.error(
                map.location, thai: "ความกว้างคอลัมน์รวมกันต้องได้ 1 (ได้ \(total))",
                english: "column widths must add up to 1 (they add up to \(total))")
        }
        for key in keys where !columns.contains(where: { $0.key == key }) && !optional.contains(key) {
            sink.error(map.location, thai: "ขาดคอลัมน์ '\(key)'", english: "missing column '\(key)'")
        }
        return columns
    }
}
