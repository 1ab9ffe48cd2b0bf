import Foundation
import ReportModel
import ThaiText

/// What every agency shares in one fiscal year: texts, structure, tables, catalog, style.
/// Read from `Templates/<id>/template.yaml`; the language is described in docs/templates.md.
public struct Template: Sendable {
    public struct Paragraph: Sendable {
        /// Set when the agency may replace the paragraph through `texts`.
        public let id: String?
        public let text: TemplateText
    }

    public struct Cover: Sendable {
        public let titleLines: [TemplateText]
    }
    public struct Preface: Sendable {
        public let heading: String
        public let paragraphs: [Paragraph]
        /// Whether the agency's signature block closes the preface.
        public let signature: Bool
    }
    public struct Contents: Sendable {
        public let heading: String
        public let pageLabel: String
        public let closingLine: TemplateText?
    }

    /// The measures block: the agency's measures under `dataKey`, in `table`, numbered with
    /// `numbering` (running on across indicators), divided under indicator headings when the
    /// template gives `indicatorHeading`.
    public struct MeasuresBlock: Sendable {
        public let dataKey: String
        public let table: TableSchema
        public let numbering: String
        public let indicatorHeading: String?
        public let location: SourceLocation
    }

    /// A picture the template places, a PNG in the template's folder.
    public struct ImageBlock: Sendable {
        public let path: String
        public let alt: TemplateText
        public let caption: TemplateText?
        public let widthMM: Double
        public let pixelWidth: Int
        public let pixelHeight: Int
    }

    /// A row of a table written in the template: a group row, or text by column key.
    public enum FreeRow: Sendable {
        case group(TemplateText)
        case cells([String: TemplateText])
    }

    /// What a section holds, in order.
    public enum Block: Sendable {
        case paragraph(Paragraph)
        /// A sub-heading that is not in the contents.
        case heading(TemplateText)
        /// Items with a mark: `○`, or a numbering pattern such as `{n})`.
        case list(items: [TemplateText], mark: String)
        case note(label: String, text: TemplateText)
        case image(ImageBlock)
        /// A table whose rows the template writes.
        case table(TableSchema, rows: [FreeRow])
        /// A table whose rows the agency gives under `tables: <dataKey>` in its data.
        case dataTable(TableSchema, dataKey: String, location: SourceLocation)
        case measures(MeasuresBlock)
        case oitChecklist(TableSchema)
    }

    public struct Section: Sendable {
        /// The number as the template writes it (`2.1`); nil for an unnumbered section.
        public let number: String?
        public let id: String?
        public let title: TemplateText
        public let contentsTitle: TemplateText?
        /// How the number is printed before the title (`{n}.`, `ส่วนที่ {n}`); nil for the
        /// document's format for the section's level.
        public let headingFormat: String?
        public let blocks: [Block]
        public let subsections: [Section]
        public let location: SourceLocation
        public var all: [Section] { [self] + subsections.flatMap(\.all) }
    }

    /// An OIT item. `code` is what the year's form prints (`O42`); `key` names the item across
    /// years (`measures`), so next year's template can say which item continues which; `role`
    /// marks the items the document refers to by what they are, not by their number.
    public struct CatalogItem: Sendable {
        public let code: String
        public let key: String
        public let role: DataSchema.CatalogRole?
        /// Keys of last year's items this item continues (its own key when it is not written).
        public let continues: [String]
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
    public let digits: DigitStyle
    public let cover: Cover?
    public let preface: Preface?
    public let contents: Contents?
    public let bodyTitleLines: [TemplateText]
    /// Heading formats by section level (the last serves deeper levels too).
    public let headingFormats: [String]
    public let sections: [Section]
    public let indicators: [String: String]
    public let tables: [String: TableSchema]
    public let catalog: [Indicator]
    public let style: Style
    /// Compounds of the template's `lexicon.txt`, which lines are not broken inside.
    public var lexicon: [String] = []

    /// Catalog items in order.
    public var catalogItems: [CatalogItem] { catalog.flatMap(\.items) }

    public var allBlocks: [Block] { sections.flatMap(\.all).flatMap(\.blocks) }

    /// The measures blocks, in order.
    public var measuresBlocks: [MeasuresBlock] {
        allBlocks.compactMap { if case .measures(let block) = $0 { block } else { nil } }
    }

    /// Whether the document prints the OIT checklist (and so needs the agency's `oit` status).
    public var hasChecklist: Bool {
        allBlocks.contains { if case .oitChecklist = $0 { true } else { false } }
    }

    /// Every paragraph id the agency may replace through `texts`.
    var paragraphIDs: Set<String> {
        let preface = preface?.paragraphs.compactMap(\.id) ?? []
        let body = allBlocks.compactMap { if case .paragraph(let p) = $0 { p.id } else { nil } }
        return Set(preface + body)
    }
}
