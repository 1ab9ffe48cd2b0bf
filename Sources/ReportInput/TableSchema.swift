import ReportModel
import ThaiText

/// A table as a template declares it: columns with keys, kinds and widths, header rows that
/// may span columns and rows, nested groups with their numbering, subtotals and a total.
/// The rows come from the agency's data (a `data_table` block), from the template itself (a
/// free `table` block), or from the built-in measures and OIT checklist blocks.
public struct TableSchema: Sendable {
    /// What a column holds, and so how a data value is checked and printed.
    public enum Kind: String, Sendable, CaseIterable {
        /// Text as written (several lines allowed).
        case text
        /// A number, printed in the document's digits.
        case number
        /// An amount of baht: thousands separators, two decimals when it has a fraction.
        case amount
        /// A date written `YYYY-MM` or `YYYY-MM-DD` (Buddhist era), printed `มีนาคม ๒๕๖๔`.
        case date
        /// `true` or `false`, printed as ✓ or nothing.
        case status
        /// Generated: the row's number from the table's `numbering`; the data gives no value.
        case sequence
    }

    public struct Column: Sendable {
        public let key: String
        public let header: String
        public let kind: Kind
        /// Number and amount columns whose values are added up in subtotal and total rows.
        public let sum: Bool
        /// Text columns whose digits are printed in the document's digits.
        public let documentDigits: Bool
        /// What a screen reader says for a ✓ in a status column.
        public let statusLabel: String
        public let model: ReportModel.Column
        public let location: SourceLocation
    }

    /// A header cell: its text and how many columns and header rows it covers.
    public struct HeaderCell: Sendable {
        public let text: String
        public let columns: Int
        public let rows: Int
    }

    /// One level of groups: its group row's label (`มิติที่ {number} {title}`), its numbering
    /// (`{n}`, `{parent}.{n}`), whether the count starts again under each parent, and the label
    /// of the subtotal row after each group, if any.
    public struct GroupLevel: Sendable {
        public let label: String
        public let numbering: String
        public let restart: Bool
        public let subtotal: String?
    }

    /// How the rows are numbered in the `sequence` column.
    public struct Numbering: Sendable {
        public let format: String
        public let restart: Bool
    }

    public let name: String
    public let columns: [Column]
    public let headerRows: [[HeaderCell]]?
    public let headerShade: Double?
    public let groups: [GroupLevel]
    public let numbering: Numbering?
    /// Label of the total row at the end, if the table has one.
    public let total: String?
    public let location: SourceLocation

    public var modelColumns: [ReportModel.Column] { columns.map(\.model) }

    /// The header rows as table cells: the template's own, or one row of column headers.
    public var modelHeaderRows: [[Cell]] {
        guard let headerRows else { return [columns.map { .text($0.header) }] }
        return headerRows.map { row in
            row.map { Cell($0.text.isEmpty ? [] : [.paragraph($0.text)], columnSpan: $0.columns, rowSpan: $0.rows) }
        }
    }

    /// Index of the first column that is summed: a subtotal's label covers the columns before it.
    var firstSumColumn: Int? { columns.firstIndex(where: \.sum) }
}

/// Fills the numbering patterns of tables and headings: `{n}` is the count at this level and
/// `{parent}` the number of the group above, both already in the document's digits.
enum NumberPattern {
    static let placeholders: Set<String> = ["n", "parent"]

    static func fill(_ pattern: String, n: String, parent: String = "") -> String {
        pattern.replacingOccurrences(of: "{n}", with: n).replacingOccurrences(of: "{parent}", with: parent)
    }

    /// The `{name}` placeholders of a pattern that are not in `known`.
    static func unknownPlaceholders(in pattern: String, known: Set<String>) -> [String] {
        var unknown: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                unknown.append(String(rest[open...]))
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            if !known.contains(name) { unknown.append("{\(name)}") }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }
}
