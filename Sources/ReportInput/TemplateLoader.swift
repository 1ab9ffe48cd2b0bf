import Foundation
import ReportModel
import ThaiText

/// Reads a template folder into a `Template`, reporting every problem with its location.
public enum TemplateLoader {
    /// Loads `<root>/<id>/template.yaml`.
    public static func load(id: String, templatesRoot: URL) throws -> Template {
        let sink = DiagnosticSink()
        let file = templatesRoot.appendingPathComponent(id).appendingPathComponent("template.yaml")
        let template = load(file: file, expectedID: id, sink: sink)
        try sink.throwIfErrors()
        guard let template else { throw sink.failure() }
        return template
    }

    /// Checks a template folder on its own, without agency data: every problem `load` finds,
    /// as diagnostics (warnings included).
    public static func check(folder: URL) -> [Diagnostic] {
        let sink = DiagnosticSink()
        let file = folder.appendingPathComponent("template.yaml")
        _ = load(file: file, expectedID: folder.lastPathComponent, sink: sink)
        return sink.diagnostics
    }

    static func load(file: URL, expectedID: String, sink: DiagnosticSink) -> Template? {
        let path = file.path
        if let kept = TemplateCache.shared.template(at: path, expectedID: expectedID, sink: sink) { return kept }
        guard let data = FileManager.default.contents(atPath: path) else {
            sink.error(
                SourceLocation(file: path, line: 1, column: 1), thai: "อ่านไฟล์แม่แบบไม่ได้",
                english: "cannot read the template file")
            return nil
        }
        let before = (diagnostics: sink.diagnostics.count, text: sink.textBytes, nodes: sink.nodes)
        let outer = sink.captured
        sink.captured = []
        let template = read(file: file, data: data, expectedID: expectedID, sink: sink)
        let files = sink.captured ?? []
        sink.captured = outer.map { $0 + files }
        if let template, sink.diagnostics.count == before.diagnostics {
            let lexicon = LexiconReader.file(besides: file).path
            TemplateCache.shared.keep(
                TemplateCache.Entry(
                    template: template, expectedID: expectedID, limits: sink.limits, files: files,
                    absent: files.contains { $0.path == lexicon } ? [] : [lexicon],
                    textBytes: sink.textBytes - before.text, nodes: sink.nodes - before.nodes),
                at: path)
        }
        return template
    }

    private static func read(file: URL, data: Data, expectedID: String, sink: DiagnosticSink) -> Template? {
        let path = file.path
        sink.record(path, data)
        guard let text = String(data: data, encoding: .utf8) else {
            sink.error(
                SourceLocation(file: path, line: 1, column: 1), thai: "ไฟล์ไม่ได้เข้ารหัส UTF-8",
                english: "the file is not UTF-8")
            return nil
        }
        guard let root = YAMLValue.parse(text, file: path, sink: sink) else { return nil }
        var template = read(root, expectedID: expectedID, sink: sink)
        template?.lexicon = LexiconReader.templateWords(besides: file, sink: sink)
        return template
    }

    static func read(_ root: YAMLValue, expectedID: String, sink: DiagnosticSink) -> Template? {
        guard
            let top = root.mapping(
                sink, what: "แม่แบบ/template",
                allowed: [
                    "id", "fiscal_year", "title", "digits", "heading_format", "cover", "preface", "contents", "body",
                    "sections", "indicators", "tables", "oit_catalog", "style",
                ])
        else { return nil }

        let id = top.required("id", sink)?.string(sink, what: "id")
        if let id, id != expectedID, let value = top.optional("id") {
            sink.error(
                value.location, thai: "id '\(id)' ไม่ตรงกับชื่อโฟลเดอร์ '\(expectedID)'",
                english: "id '\(id)' does not match the folder name '\(expectedID)'")
        }
        let fiscalYear = top.required("fiscal_year", sink)?.int(sink, what: "fiscal_year")
        let title = top.required("title", sink)?.text(sink, what: "title")
        var digits = DigitStyle.thai
        if let value = top.optional("digits"), let raw = value.string(sink, what: "digits") {
            if let parsed = DigitStyle(rawValue: raw) {
                digits = parsed
            } else {
                sink.error(
                    value.location, thai: "digits ต้องเป็น thai หรือ arabic", english: "digits must be thai or arabic")
            }
        }
        var headingFormats = ["{n}.", "{n}"]
        if let value = top.optional("heading_format"), let formats = value.strings(sink, what: "heading_format") {
            for format in formats { checkHeadingFormat(format, at: value.location, sink: sink) }
            if formats.isEmpty {
                sink.error(
                    value.location, thai: "heading_format ต้องมีอย่างน้อยหนึ่งรูปแบบ (ต่อระดับ)",
                    english: "heading_format needs at least one format (one per level)")
            } else {
                headingFormats = formats
            }
        }

        let cover = top.optional("cover").flatMap { self.cover($0, sink: sink) }
        let preface = top.optional("preface").flatMap { self.preface($0, sink: sink) }
        let contents = top.optional("contents").flatMap { self.contents($0, sink: sink) }
        var bodyLines: [TemplateText] = []
        if let body = top.optional("body")?.mapping(sink, what: "body", allowed: ["title_lines"]) {
            bodyLines = body.optional("title_lines")?.texts(sink, what: "body.title_lines") ?? []
        }

        var indicators: [String: String] = [:]
        if let map = top.optional("indicators")?.mapping(sink, what: "indicators") {
            for entry in map.entries {
                indicators[entry.key] = entry.value.string(sink, what: "indicators.\(entry.key)")
            }
        }
        var tables: [String: TableSchema] = [:]
        if let map = top.optional("tables")?.mapping(sink, what: "tables") {
            for entry in map.entries {
                if let schema = tableSchema(entry.value, name: entry.key, sink: sink) { tables[entry.key] = schema }
            }
        }
        let catalog = top.optional("oit_catalog").flatMap { self.catalog($0, sink: sink) } ?? []
        let style = top.optional("style").map { StyleReader.read($0, sink: sink) } ?? Style()

        let context = BlockContext(
            tables: tables, folder: URL(fileURLWithPath: root.file).deletingLastPathComponent(), sink: sink)
        let sections = top.required("sections", sink)?.sequence(sink, what: "sections")?
            .compactMap { section($0, level: 1, context: context) }

        guard let id, let fiscalYear, let title, let sections else { return nil }
        let template = Template(
            id: id, file: root.file, fiscalYear: fiscalYear, title: title, digits: digits, cover: cover,
            preface: preface, contents: contents, bodyTitleLines: bodyLines, headingFormats: headingFormats,
            sections: sections, indicators: indicators, tables: tables, catalog: catalog, style: style)
        checkConsistency(template, root: top, sink: sink)
        return template
    }

    static func cover(_ value: YAMLValue, sink: DiagnosticSink) -> Template.Cover? {
        guard let cover = value.mapping(sink, what: "cover", allowed: ["title_lines"]),
            let lines = cover.required("title_lines", sink)?.texts(sink, what: "cover.title_lines")
        else { return nil }
        return Template.Cover(titleLines: lines)
    }

    static func preface(_ value: YAMLValue, sink: DiagnosticSink) -> Template.Preface? {
        guard let preface = value.mapping(sink, what: "preface", allowed: ["heading", "paragraphs", "signature"]),
            let heading = preface.required("heading", sink)?.string(sink, what: "preface.heading"),
            let paragraphs = preface.required("paragraphs", sink).flatMap({ self.paragraphs($0, sink) })
        else { return nil }
        return Template.Preface(
            heading: heading, paragraphs: paragraphs,
            signature: preface.optional("signature")?.bool(sink, what: "preface.signature") ?? true)
    }

    static func contents(_ value: YAMLValue, sink: DiagnosticSink) -> Template.Contents? {
        guard
            let contents = value.mapping(sink, what: "contents", allowed: ["heading", "page_label", "closing_line"]),
            let heading = contents.required("heading", sink)?.string(sink, what: "contents.heading"),
            let label = contents.required("page_label", sink)?.string(sink, what: "contents.page_label")
        else { return nil }
        return Template.Contents(
            heading: heading, pageLabel: label,
            closingLine: contents.optional("closing_line")?.text(sink, what: "contents.closing_line"))
    }

    static func paragraphs(_ value: YAMLValue, _ sink: DiagnosticSink) -> [Template.Paragraph]? {
        guard let items = value.sequence(sink, what: "paragraphs") else { return nil }
        return items.compactMap { item in
            guard let map = item.mapping(sink, what: "paragraph", allowed: ["id", "text"]),
                let id = map.required("id", sink)?.string(sink, what: "paragraph id"),
                let text = map.required("text", sink)?.text(sink, what: "paragraph text", multiline: true)
            else { return nil }
            return Template.Paragraph(id: id, text: text)
        }
    }

    /// A heading format prints the section's number as `{n}`, or `none` prints no number.
    static func checkHeadingFormat(_ format: String, at location: SourceLocation, sink: DiagnosticSink) {
        guard format != "none" else { return }
        checkPattern(format, known: ["n"], at: location, sink: sink)
        if !format.contains("{n}") {
            sink.error(
                location, thai: "รูปแบบหัวข้อ '\(format)' ต้องมี {n} (หรือเขียน none เมื่อไม่พิมพ์เลขส่วน)",
                english: "heading format '\(format)' needs {n} (or write none to print no number)")
        }
    }

    static func section(_ value: YAMLValue, level: Int, context: BlockContext) -> Template.Section? {
        let sink = context.sink
        guard
            let map = value.mapping(
                sink, what: "section",
                allowed: ["number", "id", "title", "toc_title", "heading_format", "blocks", "sections"])
        else { return nil }
        var number: String?
        if let value = map.optional("number"), let text = value.string(sink, what: "section number") {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                sink.error(
                    value.location, thai: "number ของส่วนว่างอยู่ ถ้าส่วนนี้ไม่มีเลข ให้ลบ number ออก",
                    english: "the section's number is empty: leave number out for an unnumbered section")
            } else {
                number = text
            }
        }
        let headingFormat = map.optional("heading_format").flatMap { value -> String? in
            guard let format = value.string(sink, what: "heading_format") else { return nil }
            checkHeadingFormat(format, at: value.location, sink: sink)
            return format
        }
        let title = map.required("title", sink)?.text(sink, what: "section title")
        let blocks =
            map.optional("blocks")?.sequence(sink, what: "blocks")?.compactMap { block($0, context: context) } ?? []
        let id = map.optional("id")?.string(sink, what: "section id")
        if let id, !AgencyID.isValid(id) {
            sink.error(
                map.optional("id")!.location, thai: "id ของส่วน '\(id)' ใช้ได้เฉพาะ a-z 0-9 และ -",
                english: "section id '\(id)' may use only a-z, 0-9 and '-'")
        }
        let subsections =
            map.optional("sections")?.sequence(sink, what: "sections")?
            .compactMap { section($0, level: level + 1, context: context) } ?? []
        guard let title else { return nil }
        return Template.Section(
            number: number, id: id, title: title,
            contentsTitle: map.optional("toc_title")?.text(sink, what: "toc_title"), headingFormat: headingFormat,
            blocks: blocks, subsections: subsections, location: value.location)
    }

    /// Checks that only make sense across the whole template: duplicate codes, ids and data
    /// keys, a checklist without a catalog.
    static func checkConsistency(_ template: Template, root: YAMLMapping, sink: DiagnosticSink) {
        var codes = FirstUses(thai: "รหัส", english: "code", thaiPlace: "ในบัญชีรายการ", englishPlace: " in the catalog")
        var keys = FirstUses(thai: "key", english: "key", thaiPlace: "ในบัญชีรายการ", englishPlace: " in the catalog")
        for item in template.catalogItems {
            codes.use(item.code, at: item.location, sink: sink)
            keys.use(item.key, at: item.location, sink: sink)
        }
        if template.hasChecklist {
            for role in DataSchema.CatalogRole.allCases {
                let items = template.catalogItems.filter { $0.role == role }
                if items.count != 1 {
                    sink.error(
                        items.dropFirst().first?.location ?? root.location,
                        thai: "บัญชีรายการ OIT ต้องมีรายการที่มี role: \(role.rawValue) หนึ่งรายการ (มี \(items.count))",
                        english:
                            "the OIT catalog needs exactly one item with role: \(role.rawValue) (it has \(items.count))"
                    )
                }
            }
        }
        var ids = FirstUses(thai: "id หรือเลขของส่วน", english: "section id or number")
        for section in template.sections.flatMap(\.all) {
            guard let id = section.id ?? section.number else { continue }
            ids.use(id, at: section.location, sink: sink)
        }
        var paragraphIDs = FirstUses(thai: "id ของย่อหน้า", english: "paragraph id")
        for paragraph in template.preface?.paragraphs ?? [] {
            if let id = paragraph.id { paragraphIDs.use(id, at: paragraph.text.location, sink: sink) }
        }
        var dataKeys = FirstUses(thai: "ข้อมูล", english: "data key")
        for section in template.sections.flatMap(\.all) {
            for block in section.blocks {
                switch block {
                case .paragraph(let paragraph):
                    if let id = paragraph.id { paragraphIDs.use(id, at: paragraph.text.location, sink: sink) }
                case .measures(let measures):
                    dataKeys.use(measures.dataKey, at: measures.location, sink: sink)
                case .dataTable(_, let key, let location):
                    dataKeys.use(key, at: location, sink: sink)
                case .oitChecklist:
                    if template.catalog.isEmpty {
                        sink.error(
                            root.location, thai: "มีบล็อก oit_checklist แต่แม่แบบไม่มี oit_catalog",
                            english: "an oit_checklist block needs the template's oit_catalog")
                    }
                default: break
                }
            }
        }
    }
}
