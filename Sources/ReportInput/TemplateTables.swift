import Foundation
import ReportModel

/// Reads the template's `tables:`, each a `TableSchema`: columns, header rows, groups,
/// numbering, totals. Which column keys a table must have depends on the block that uses it
/// (measures and the OIT checklist have fixed keys); that is checked where the block is read.
extension TemplateLoader {
    static let tableKeys: Set<String> = ["columns", "header_rows", "header_shade", "groups", "numbering", "total"]

    static func tableSchema(_ value: YAMLValue, name: String, sink: DiagnosticSink) -> TableSchema? {
        let what = "tables.\(name)"
        guard let map = value.mapping(sink, what: what, allowed: tableKeys),
            let columns = columns(map, what: what, sink: sink)
        else { return nil }
        let shade = map.optional("header_shade")?.number(sink, what: "header_shade (0 black … 1 white)", in: 0...1)
        let header = map.optional("header_rows").flatMap {
            headerRows($0, columns: columns.count, what: what, sink: sink)
        }
        let groups =
            map.optional("groups")?.sequence(sink, what: "\(what).groups")?.compactMap { groupLevel($0, sink: sink) }
            ?? []
        var numbering: TableSchema.Numbering?
        if let value = map.optional("numbering"),
            let n = value.mapping(sink, what: "\(what).numbering", allowed: ["format", "restart"]),
            let format = n.required("format", sink)?.string(sink, what: "numbering.format")
        {
            checkPattern(format, known: NumberPattern.placeholders, at: value.location, sink: sink)
            numbering = TableSchema.Numbering(
                format: format, restart: n.optional("restart")?.bool(sink, what: "numbering.restart") ?? true)
        }
        let total = map.optional("total")?.string(sink, what: "\(what).total")
        let schema = TableSchema(
            name: name, columns: columns, headerRows: header, headerShade: shade, groups: groups, numbering: numbering,
            total: total, location: value.location)
        checkTotals(schema, sink: sink)
        if columns.contains(where: { $0.kind == .sequence }), numbering == nil {
            sink.error(
                map.location, thai: "\(what): คอลัมน์ชนิด sequence ต้องมี numbering: {format: \"{n}.\"}",
                english: "\(what): a sequence column needs numbering: {format: \"{n}.\"}")
        }
        return schema
    }

    /// Subtotals and totals add up the `sum` columns, and print their label in the columns
    /// before the first of them.
    static func checkTotals(_ schema: TableSchema, sink: DiagnosticSink) {
        let totals = schema.total != nil || schema.groups.contains { $0.subtotal != nil }
        guard totals else { return }
        guard let first = schema.firstSumColumn else {
            sink.error(
                schema.location, thai: "tables.\(schema.name): แถวรวมต้องมีคอลัมน์ที่มี sum: true",
                english: "tables.\(schema.name): a total row needs a column with sum: true")
            return
        }
        if first == 0 {
            sink.error(
                schema.columns[0].location,
                thai: "tables.\(schema.name): คอลัมน์แรกรวมยอดไม่ได้ (ต้องมีที่พิมพ์คำว่า \"รวม\")",
                english: "tables.\(schema.name): the first column cannot be summed (the total's label goes there)")
        }
    }

    static func groupLevel(_ value: YAMLValue, sink: DiagnosticSink) -> TableSchema.GroupLevel? {
        guard let map = value.mapping(sink, what: "group", allowed: ["label", "numbering", "restart", "subtotal"]),
            let label = map.required("label", sink)?.string(sink, what: "group label")
        else { return nil }
        let numbering = map.optional("numbering")?.string(sink, what: "group numbering") ?? "{n}"
        let labelPlaces: Set<String> = ["number", "title"]
        checkPattern(label, known: labelPlaces, at: map.required("label", sink)!.location, sink: sink)
        checkPattern(numbering, known: NumberPattern.placeholders, at: map.location, sink: sink)
        let subtotal = map.optional("subtotal")?.string(sink, what: "subtotal")
        if let subtotal { checkPattern(subtotal, known: labelPlaces, at: map.location, sink: sink) }
        return TableSchema.GroupLevel(
            label: label, numbering: numbering, restart: map.optional("restart")?.bool(sink, what: "restart") ?? true,
            subtotal: subtotal)
    }

    /// Reports `{name}` placeholders of a numbering or label pattern that mean nothing there.
    static func checkPattern(_ pattern: String, known: Set<String>, at location: SourceLocation, sink: DiagnosticSink) {
        for name in NumberPattern.unknownPlaceholders(in: pattern, known: known) {
            let list = known.sorted().map { "{\($0)}" }.joined(separator: ", ")
            sink.error(
                location, thai: "ไม่รู้จัก \(name) ใน '\(pattern)' (ที่ใช้ได้: \(list))",
                english: "unknown \(name) in '\(pattern)' (known: \(list))")
        }
    }

    /// Header rows of cells covering `span` columns and `rows` rows: each row, with the cells
    /// reaching down into it from above, covers every column once.
    static func headerRows(_ value: YAMLValue, columns: Int, what: String, sink: DiagnosticSink)
        -> [[TableSchema.HeaderCell]]?
    {
        guard let rows = value.sequence(sink, what: "\(what).header_rows") else { return nil }
        var header: [[TableSchema.HeaderCell]] = []
        // For each column, how many more rows a cell above still covers.
        var coveredBelow = Array(repeating: 0, count: columns)
        for (rowIndex, row) in rows.enumerated() {
            guard let cells = row.sequence(sink, what: "header row") else { return nil }
            var parsed: [TableSchema.HeaderCell] = []
            var column = 0
            func skipCovered() { while column < columns, coveredBelow[column] > 0 { column += 1 } }
            for cell in cells {
                guard let c = cell.mapping(sink, what: "header cell", allowed: ["text", "span", "rows"]),
                    let text = c.required("text", sink)?.string(sink, what: "header text")
                else { return nil }
                var span = c.optional("span")?.int(sink, what: "span") ?? 1
                if span < 1 || span > columns {
                    sink.error(
                        cell.location, thai: "span ต้องอยู่ระหว่าง 1 ถึง \(columns)",
                        english: "span must be between 1 and \(columns)")
                    span = 1
                }
                var down = c.optional("rows")?.int(sink, what: "rows") ?? 1
                if down < 1 || rowIndex + down > rows.count {
                    sink.error(
                        cell.location, thai: "rows ต้องอยู่ระหว่าง 1 ถึง \(rows.count - rowIndex) (แถวหัวตารางที่เหลือ)",
                        english: "rows must be between 1 and \(rows.count - rowIndex) (the header rows left)")
                    down = 1
                }
                skipCovered()
                for covered in column..<min(column + span, columns) where coveredBelow[covered] > 0 {
                    sink.error(
                        cell.location, thai: "เซลล์หัวตารางทับคอลัมน์ที่ \(covered + 1) ซึ่งเซลล์แถวบนครอบลงมาแล้ว",
                        english: "header cell overlaps column \(covered + 1), which a cell above already covers")
                }
                for covered in column..<min(column + span, columns) { coveredBelow[covered] = down }
                column += span
                parsed.append(TableSchema.HeaderCell(text: text, columns: span, rows: down))
            }
            skipCovered()
            let open = coveredBelow.filter { $0 == 0 }.count
            if column != columns || open > 0 {
                sink.error(
                    row.location,
                    thai: "แถวหัวตารางที่ \(rowIndex + 1) ครอบคลุมคอลัมน์ไม่ครบหรือเกิน (ตารางมี \(columns) คอลัมน์)",
                    english: "header row \(rowIndex + 1) does not cover the table's \(columns) columns exactly once")
            }
            coveredBelow = coveredBelow.map { max($0 - 1, 0) }
            header.append(parsed)
        }
        return header
    }

    static func columns(_ map: YAMLMapping, what: String, sink: DiagnosticSink) -> [TableSchema.Column]? {
        guard let list = map.required("columns", sink)?.sequence(sink, what: "\(what).columns") else { return nil }
        var keys = FirstUses(thai: "คอลัมน์", english: "column")
        let columns: [TableSchema.Column] = list.compactMap { item in
            guard
                let column = item.mapping(
                    sink, what: "column",
                    allowed: [
                        "key", "header", "width", "min_width_mm", "align", "kind", "sum", "digits", "status_label",
                    ]),
                let keyValue = column.required("key", sink), let key = keyValue.string(sink, what: "column key"),
                let header = column.required("header", sink)?.string(sink, what: "column header"),
                let width = column.required("width", sink)?.number(sink, what: "column width", in: 0.001...1)
            else { return nil }
            keys.use(key, at: keyValue.location, sink: sink)
            var kind = TableSchema.Kind.text
            if let value = column.optional("kind"), let raw = value.string(sink, what: "kind") {
                if let parsed = TableSchema.Kind(rawValue: raw) {
                    kind = parsed
                } else {
                    let known = TableSchema.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    sink.error(
                        value.location, thai: "kind ต้องเป็น \(known)", english: "kind must be one of \(known)")
                }
            }
            let sum = column.optional("sum")?.bool(sink, what: "sum") ?? false
            if sum, kind != .number, kind != .amount {
                sink.error(
                    column.location, thai: "sum ใช้ได้กับคอลัมน์ชนิด number หรือ amount เท่านั้น",
                    english: "sum works only on number and amount columns")
            }
            var documentDigits = false
            if let value = column.optional("digits"), let raw = value.string(sink, what: "digits") {
                switch raw {
                case "document": documentDigits = true
                case "as_written": documentDigits = false
                default:
                    sink.error(
                        value.location, thai: "digits ต้องเป็น document หรือ as_written",
                        english: "digits must be document or as_written")
                }
            }
            let numeric = kind == .number || kind == .amount
            var alignment: Column.Alignment = numeric ? .right : kind == .status || kind == .sequence ? .center : .left
            if let alignValue = column.optional("align"), let raw = alignValue.string(sink, what: "align") {
                if let parsed = Column.Alignment(rawValue: raw) {
                    alignment = parsed
                } else {
                    sink.error(
                        alignValue.location, thai: "align ต้องเป็น left, center หรือ right",
                        english: "align must be left, center or right")
                }
            }
            return TableSchema.Column(
                key: key, header: header, kind: kind, sum: sum, documentDigits: documentDigits,
                statusLabel: column.optional("status_label")?.string(sink, what: "status_label") ?? header,
                model: Column(
                    key: key, header: header, width: width,
                    minWidthMM: column.optional("min_width_mm")?.number(sink, what: "min_width_mm", in: 1...100) ?? 8,
                    alignment: alignment),
                location: item.location)
        }
        guard columns.count == list.count, !columns.isEmpty else {
            if list.isEmpty {
                sink.error(map.location, thai: "\(what): ตารางต้องมีคอลัมน์", english: "\(what): a table needs columns")
            }
            return nil
        }
        let total = columns.reduce(0) { $0 + $1.model.width }
        if abs(total - 1) > 0.001 {
            sink.error(
                map.location, thai: "\(what): ความกว้างคอลัมน์รวมกันต้องได้ 1 (ได้ \(total))",
                english: "\(what): column widths must add up to 1 (they add up to \(total))")
        }
        return columns
    }

    /// Checks that a table used by a built-in block has the keys that block fills: all of
    /// `keys` but `optional`, and no other.
    static func checkKeys(
        _ schema: TableSchema, keys: [String], optional: [String], block: String, at location: SourceLocation,
        sink: DiagnosticSink
    ) {
        for column in schema.columns where !keys.contains(column.key) {
            sink.error(
                column.location,
                thai:
                    "ตาราง '\(schema.name)' ใช้กับ \(block): ไม่รู้จักคอลัมน์ '\(column.key)' (ที่ใช้ได้: \(keys.joined(separator: ", ")))",
                english:
                    "table '\(schema.name)' is used by \(block): unknown column key '\(column.key)' (allowed: \(keys.joined(separator: ", ")))"
            )
        }
        for key in keys where !schema.columns.contains(where: { $0.key == key }) && !optional.contains(key) {
            sink.error(
                location, thai: "ตาราง '\(schema.name)' ใช้กับ \(block): ขาดคอลัมน์ '\(key)'",
                english: "table '\(schema.name)' is used by \(block): missing column '\(key)'")
        }
    }
}
