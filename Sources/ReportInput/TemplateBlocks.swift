import Foundation
import ReportModel

/// What reading a template's blocks needs: its tables and its folder (for pictures).
struct BlockContext {
    let tables: [String: TableSchema]
    let folder: URL
    let sink: DiagnosticSink
}

/// Reads the blocks of a template section. Each block is a mapping with one key naming its kind
/// (`paragraph`, `heading`, `list`, `note`, `image`, `table`, `data_table`, `measures`,
/// `oit_checklist`) and the options of that kind beside it.
extension TemplateLoader {
    static let blockOptions: [String: Set<String>] = [
        "paragraph": ["id"],
        "heading": [],
        "list": ["mark"],
        "note": ["label"],
        "image": ["alt", "caption", "width_mm"],
        "table": ["rows"],
        "data_table": ["data"],
        "measures": ["table", "numbering", "indicator_heading"],
        "oit_checklist": [],
    ]

    static func block(_ value: YAMLValue, context: BlockContext) -> Template.Block? {
        let sink = context.sink
        let kinds = blockOptions.keys.sorted()
        guard case .mapping(let node) = value.node,
            let kind = node.keys.compactMap(\.string).first(where: { blockOptions[$0] != nil })
        else {
            sink.error(
                value.location, thai: "บล็อกต้องขึ้นต้นด้วยชนิดของบล็อก: \(kinds.joined(separator: ", "))",
                english: "a block must name its kind: \(kinds.joined(separator: ", "))")
            return nil
        }
        guard let map = value.mapping(sink, what: "\(kind) block", allowed: blockOptions[kind]!.union([kind])),
            let body = map.required(kind, sink)
        else { return nil }
        switch kind {
        case "paragraph":
            guard let text = body.text(sink, what: "paragraph", multiline: true) else { return nil }
            return .paragraph(
                Template.Paragraph(id: map.optional("id")?.string(sink, what: "paragraph id"), text: text))
        case "heading":
            return body.text(sink, what: "heading").map { .heading($0) }
        case "list":
            guard let items = body.texts(sink, what: "list") else { return nil }
            let mark = map.optional("mark")?.string(sink, what: "mark") ?? "○"
            checkPattern(mark, known: ["n"], at: map.location, sink: sink)
            return .list(items: items, mark: mark)
        case "note":
            guard let text = body.text(sink, what: "note", multiline: true) else { return nil }
            return .note(label: map.optional("label")?.string(sink, what: "label") ?? "หมายเหตุ", text: text)
        case "image":
            return image(body, map, context: context).map { .image($0) }
        case "table":
            guard let schema = table(named: body, context: context),
                let rows = map.required("rows", sink)?.sequence(sink, what: "rows")
            else { return nil }
            return .table(schema, rows: rows.compactMap { freeRow($0, schema: schema, sink: sink) })
        case "data_table":
            guard let schema = table(named: body, context: context) else { return nil }
            let key = map.optional("data")?.string(sink, what: "data") ?? schema.name
            return .dataTable(schema, dataKey: key, location: value.location)
        case "measures":
            guard let key = body.string(sink, what: "measures") else { return nil }
            let tableName = map.optional("table")
            guard
                let schema = table(
                    named: tableName ?? body, name: tableName == nil ? "measures" : nil, context: context)
            else { return nil }
            checkKeys(
                schema, keys: DataSchema.MeasureColumn.keys, optional: DataSchema.MeasureColumn.optionalKeys,
                block: "measures", at: value.location, sink: sink)
            let numbering = map.optional("numbering")?.string(sink, what: "numbering") ?? "{n}"
            checkPattern(numbering, known: ["n"], at: map.location, sink: sink)
            let heading = map.optional("indicator_heading")?.string(sink, what: "indicator_heading")
            if let heading { checkPattern(heading, known: ["number", "title"], at: map.location, sink: sink) }
            return .measures(
                Template.MeasuresBlock(
                    dataKey: key, table: schema, numbering: numbering, indicatorHeading: heading,
                    location: value.location))
        case "oit_checklist":
            guard let schema = table(named: body, context: context) else { return nil }
            checkKeys(
                schema, keys: DataSchema.ChecklistColumn.keys, optional: [], block: "oit_checklist",
                at: value.location, sink: sink)
            return .oitChecklist(schema)
        default:
            return nil
        }
    }

    /// The table a block names (`name` when the block names none itself).
    static func table(named value: YAMLValue, name: String? = nil, context: BlockContext) -> TableSchema? {
        guard let name = name ?? value.string(context.sink, what: "table name") else { return nil }
        guard let schema = context.tables[name] else {
            let known = context.tables.keys.sorted().joined(separator: ", ")
            context.sink.error(
                value.location, thai: "ไม่มีตาราง '\(name)' ใน tables (ที่มี: \(known))",
                english: "there is no table '\(name)' under tables (there are: \(known))")
            return nil
        }
        return schema
    }

    /// A row of a free table: `{group: text}`, or text by column key (sequence columns are
    /// numbered, not written).
    static func freeRow(_ value: YAMLValue, schema: TableSchema, sink: DiagnosticSink) -> Template.FreeRow? {
        let keys = Set(schema.columns.filter { $0.kind != .sequence }.map(\.key))
        guard let map = value.mapping(sink, what: "row of table '\(schema.name)'", allowed: keys.union(["group"]))
        else { return nil }
        if let group = map.optional("group") {
            return group.text(sink, what: "group").map { .group($0) }
        }
        var cells: [String: TemplateText] = [:]
        for entry in map.entries {
            cells[entry.key] = entry.value.text(sink, what: entry.key, multiline: true)
        }
        return .cells(cells)
    }

    /// A picture in the template's folder: a sound PNG within the logo limits, with alt text.
    static func image(_ body: YAMLValue, _ map: YAMLMapping, context: BlockContext) -> Template.ImageBlock? {
        let sink = context.sink
        guard let name = body.string(sink, what: "image"),
            let alt = map.required("alt", sink)?.text(sink, what: "alt")
        else { return nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !parts.contains("..") else {
            sink.error(
                body.location, thai: "image '\(name)' ต้องเป็นไฟล์ในโฟลเดอร์ของแม่แบบ (ห้ามขึ้นต้นด้วย / หรือมี ..)",
                english: "image '\(name)' must be a file in the template's folder (no leading / and no ..)")
            return nil
        }
        let url = context.folder.appendingPathComponent(name)
        guard case .success(let bytes) = InputFile.read(url.path, maxBytes: sink.limits.maxLogoBytes) else {
            sink.error(
                body.location, thai: "อ่านภาพ '\(name)' ไม่ได้ (ไม่มีไฟล์ หรือใหญ่เกิน \(sink.limits.maxLogoBytes) ไบต์)",
                english: "cannot read image '\(name)' (missing, or larger than \(sink.limits.maxLogoBytes) bytes)")
            return nil
        }
        sink.record(url.path, bytes)
        if PNGCheck.problem(bytes, maxPixels: sink.limits.maxLogoPixels) != nil {
            sink.error(
                body.location,
                thai:
                    "ภาพ '\(name)' ต้องเป็น PNG ที่สมบูรณ์ ไม่เกิน \(sink.limits.maxLogoPixels)×\(sink.limits.maxLogoPixels) พิกเซล",
                english:
                    "image '\(name)' must be a whole PNG of at most \(sink.limits.maxLogoPixels)×\(sink.limits.maxLogoPixels) pixels"
            )
            return nil
        }
        guard let size = PNGCheck.size(bytes) else { return nil }
        return Template.ImageBlock(
            path: url.standardizedFileURL.path, alt: alt, caption: map.optional("caption")?.text(sink, what: "caption"),
            widthMM: map.optional("width_mm")?.number(sink, what: "width_mm", in: 10...170) ?? 120,
            pixelWidth: size.width, pixelHeight: size.height)
    }
}
