import ReportModel

/// What the HTML writer does with a table column beyond printing it, by the column's key (the
/// keys of `DataSchema`, which the template's table specs use).
enum ColumnRole: Equatable {
    /// Printed once on the first row of a measure; the rows of its other steps leave the cell
    /// empty, so on the web the cell spans them (`rowspan`). A measure that continues the one
    /// above (`continues: true`) has an empty number, which joins the number above.
    case spansContinuation
    /// Heads the row in the stacked phone layout (the number and measure, the item's code and
    /// title): shown first, unlabelled.
    case lead
    /// A yes/no status: a ✓ in the PDF, words on the web (`มีข้อมูล` / `ไม่มีข้อมูล`).
    case status(no: String)
    /// A reason given only for a "no": empty otherwise (a dash in the table, left out on phones).
    case reason
    /// Everything else: labelled with its header on phones.
    case plain

    static func of(_ column: Column, in kind: Table.Kind) -> ColumnRole {
        switch (kind, column.key) {
        case (.measures, "number"), (.measures, "measure"): return .spansContinuation
        case (.checklist, "code"), (.checklist, "title"): return .lead
        case (.checklist, "has_data"): return .status(no: "ไม่มีข้อมูล")
        case (.checklist, "published"): return .status(no: "ยังไม่เผยแพร่")
        case (.checklist, "no_data_reason"), (.checklist, "unpublished_reason"): return .reason
        default: return .plain
        }
    }

    /// Whether a row that has this column's cell starts a measure or an item.
    var startsRow: Bool { self == .lead || self == .spansContinuation }

    /// Whether the stacked layout shows the column's header before each cell.
    var isLabelled: Bool {
        switch self {
        case .plain, .reason: return true
        case .spansContinuation, .lead, .status: return false
        }
    }
}
