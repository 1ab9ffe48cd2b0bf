import Foundation
import ReportModel

/// What every agency shares in one fiscal year: texts, structure, catalog, columns, style.
/// Read from `Templates/<id>/template.yaml`; see docs/data-format.md.
public struct Template: Sendable {
    public struct Paragraph: Sendable {
        public let id: String
        public let text: TemplateText
    }

    public enum Content: String, Sendable {
        case none, measures
        case oitChecklist = "oit_checklist"
    }

    public struct Section: Sendable {
        public let number: String
        public let id: String?
        public let title: TemplateText
        public let contentsTitle: TemplateText?
        public let paragraphs: [Paragraph]
        public let content: Content
        public let measureNumbering: String
        public let indicatorHeading: String?
        public let subsections: [Section]
        public let location: SourceLocation
        public var all: [Section] { [self] + subsections.flatMap(\.all) }
    }

    public struct CatalogItem: Sendable {
        public let code: String
        public let title: TemplateText
        public let intro: TemplateText?
        public let elements: [TemplateText]
        public let location: SourceLocation
    }
    public struct Topic: Sendable {
        public let title: TemplateText
        public let items: [CatalogItem]
    }
    public struct Subindicator: Sendable {
        public let number: String
        public let title: TemplateText
        public let label: TemplateText?
        public let topics: [Topic]
        var items: [CatalogItem] { topics.flatMap(\.items) }
    }
    public struct Indicator: Sendable {
        public let number: String
        public let title: String
        public let subindicators: [Subindicator]
        var items: [CatalogItem] { subindicators.flatMap(\.items) }
    }

    public let id: String
    public let file: String
    public let fiscalYear: Int
    public let title: TemplateText
    public let coverTitleLines: [TemplateText]
    public let prefaceHeading: String
    public let prefaceParagraphs: [Paragraph]
    public let contentsHeading: String
    public let contentsPageLabel: String
    public let contentsClosingLine: TemplateText?
    public let bodyTitleLines: [TemplateText]
    public let sections: [Section]
    public let indicators: [String: String]
    public let measureColumns: [Column]
    public let checklistColumns: [Column]
    /// Header rows when they are not one row of column headers (cells may span columns).
    public let measureHeaderRows: [[Cell]]?
    public let checklistHeaderRows: [[Cell]]?
    public let measureHeaderShade: Double?
    public let checklistHeaderShade: Double?
    public let catalog: [Indicator]
    public let style: Style

    /// Catalog items in order.
    public var catalogItems: [CatalogItem] { catalog.flatMap(\.items) }

    /// Every paragraph id the agency may replace through `texts`.
    var paragraphIDs: Set<String> {
        Set(prefaceParagraphs.map(\.id) + sections.flatMap(\.all).flatMap { $0.paragraphs.map(\.id) })
    }
}

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

    static func load(file: URL, expectedID: String, sink: DiagnosticSink) -> Template? {
        let path = file.path
        guard let data = FileManager.default.contents(atPath: path) else {
            sink.error(
                SourceLocation(file: path, line: 1, column: 1), thai: "อ่านไฟล์แม่แบบไม่ได้",
                english: "cannot read the template file")
            return nil
        }
        sink.record(path, data)
        guard let text = String(data: data, encoding: .utf8) else {
            sink.error(
                SourceLocation(file: path, line: 1, column: 1), thai: "ไฟล์ไม่ได้เข้ารหัส UTF-8",
                english: "the file is not UTF-8")
            return nil
        }
        guard let root = YAMLValue.parse(text, file: path, sink: sink) else { return nil }
        return read(root, expectedID: expectedID, sink: sink)
    }

    static func read(_ root: YAMLValue, expectedID: String, sink: DiagnosticSink) -> Template? {
        guard
            let top = root.mapping(
                sink, what: "แม่แบบ/template",
                allowed: [
                    "id", "fiscal_year", "title", "cover", "preface", "contents", "body", "sections",
                    "indicators", "tables", "oit_catalog", "style",
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

        var coverLines: [TemplateText]? = nil
        if let cover = top.required("cover", sink)?.mapping(sink, what: "cover", allowed: ["title_lines"]) {
            coverLines = cover.required("title_lines", sink)?.texts(sink, what: "cover.title_lines")
        }
        var prefaceHeading: String?
        var prefaceParagraphs: [Template.Paragraph]?
        if let preface = top.required("preface", sink)?.mapping(
            sink, what: "preface", allowed: ["heading", "paragraphs"])
        {
            prefaceHeading = preface.required("heading", sink)?.string(sink, what: "preface.heading")
            prefaceParagraphs = preface.required("paragraphs", sink).flatMap { paragraphs($0, sink) }
        }
        var contentsHeading: String?
        var pageLabel: String?
        var closing: TemplateText?
        if let contents = top.required("contents", sink)?.mapping(
            sink, what: "contents", allowed: ["heading", "page_label", "closing_line"])
        {
            contentsHeading = contents.required("heading", sink)?.string(sink, what: "contents.heading")
            pageLabel = contents.required("page_label", sink)?.string(sink, what: "contents.page_label")
            closing = contents.optional("closing_line")?.text(sink, what: "contents.closing_line")
        }
        var bodyLines: [TemplateText]?
        if let body = top.required("body", sink)?.mapping(sink, what: "body", allowed: ["title_lines"]) {
            bodyLines = body.required("title_lines", sink)?.texts(sink, what: "body.title_lines")
        }
        let sections = top.required("sections", sink)?.sequence(sink, what: "sections")?
            .compactMap { section($0, level: 1, sink: sink) }

        var indicators: [String: String] = [:]
        if let map = top.optional("indicators")?.mapping(sink, what: "indicators") {
            for entry in map.entries {
                indicators[entry.key] = entry.value.string(sink, what: "indicators.\(entry.key)")
            }
        }

        var measureColumns: [Column]?
        var checklistColumns: [Column]?
        var measureHeader: [[Cell]]?
        var checklistHeader: [[Cell]]?
        var measureShade: Double?
        var checklistShade: Double?
        if let tables = top.required("tables", sink)?.mapping(
            sink, what: "tables", allowed: ["measures", "oit_checklist"])
        {
            if let spec = tables.required("measures", sink).flatMap({
                table(
                    $0, keys: DataSchema.MeasureColumn.keys, optional: DataSchema.MeasureColumn.optionalKeys,
                    what: "tables.measures", sink: sink)
            }) {
                (measureColumns, measureHeader, measureShade) = spec
            }
            if let spec = tables.required("oit_checklist", sink).flatMap({
                table($0, keys: DataSchema.ChecklistColumn.keys, optional: [], what: "tables.oit_checklist", sink: sink)
            }) {
                (checklistColumns, checklistHeader, checklistShade) = spec
            }
        }
        let catalog = top.required("oit_catalog", sink).flatMap { self.catalog($0, sink: sink) }
        let style = top.optional("style").map { StyleReader.read($0, sink: sink) } ?? Style()

        guard let id, let fiscalYear, let title, let coverLines, let prefaceHeading, let prefaceParagraphs,
            let contentsHeading, let pageLabel, let bodyLines, let sections,
            let measureColumns, let checklistColumns, let catalog
        else { return nil }
        let template = Template(
            id: id, file: root.file, fiscalYear: fiscalYear, title: title, coverTitleLines: coverLines,
            prefaceHeading: prefaceHeading, prefaceParagraphs: prefaceParagraphs,
            contentsHeading: contentsHeading, contentsPageLabel: pageLabel, contentsClosingLine: closing,
            bodyTitleLines: bodyLines, sections: sections, indicators: indicators,
            measureColumns: measureColumns, checklistColumns: checklistColumns,
            measureHeaderRows: measureHeader, checklistHeaderRows: checklistHeader,
            measureHeaderShade: measureShade, checklistHeaderShade: checklistShade, catalog: catalog, style: style)
        checkConsistency(template, sink: sink)
        return template
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

    static func section(_ value: YAMLValue, level: Int, sink: DiagnosticSink) -> Template.Section? {
        guard
            let map = value.mapping(
                sink, what: "section",
                allowed: [
                    "number", "id", "title", "toc_title", "paragraphs", "content", "measure_numbering",
                    "indicator_heading", "sections",
                ])
        else { return nil }
        let number = map.required("number", sink)?.string(sink, what: "section number")
        let title = map.required("title", sink)?.text(sink, what: "section title")
        let paragraphs = map.optional("paragraphs").flatMap { self.paragraphs($0, sink) } ?? []
        var content = Template.Content.none
        if let value = map.optional("content"), let raw = value.string(sink, what: "content") {
            if let parsed = Template.Content(rawValue: raw) {
                content = parsed
            } else {
                sink.error(
                    value.location, thai: "content ต้องเป็น measures, oit_checklist หรือ none",
                    english: "content must be measures, oit_checklist or none")
            }
        }
        let id = map.optional("id")?.string(sink, what: "section id")
        if content != .none, id == nil {
            sink.error(map.location, thai: "ส่วนที่มีตารางต้องมี id", english: "a section with a table needs an id")
        }
        let subsections =
            map.optional("sections")?.sequence(sink, what: "sections")?
            .compactMap { section($0, level: level + 1, sink: sink) } ?? []
        guard let number, let title else { return nil }
        return Template.Section(
            number: number, id: id, title: title,
            contentsTitle: map.optional("toc_title")?.text(sink, what: "toc_title"),
            paragraphs: paragraphs, content: content,
            measureNumbering: map.optional("measure_numbering")?.string(sink, what: "measure_numbering") ?? "{n}",
            indicatorHeading: map.optional("indicator_heading")?.string(sink, what: "indicator_heading"),
            subsections: subsections, location: value.location)
    }

    /// Checks that only make sense across the whole template: duplicate codes and ids.
    static func checkConsistency(_ template: Template, sink: DiagnosticSink) {
        var codes: [String: SourceLocation] = [:]
        for item in template.catalogItems {
            if let first = codes[item.code] {
                sink.error(
                    item.location, thai: "รหัส \(item.code) ซ้ำในบัญชีรายการ (ครั้งแรกบรรทัด \(first.line))",
                    english: "code \(item.code) appears twice in the catalog (first on line \(first.line))")
            }
            codes[item.code] = item.location
        }
        var ids: [String: SourceLocation] = [:]
        for section in template.sections.flatMap(\.all) {
            guard let id = section.id else { continue }
            if let first = ids[id] {
                sink.error(
                    section.location, thai: "id ของส่วน '\(id)' ซ้ำ (ครั้งแรกบรรทัด \(first.line))",
                    english: "section id '\(id)' is used twice (first on line \(first.line))")
            }
            ids[id] = section.location
        }
    }
}
