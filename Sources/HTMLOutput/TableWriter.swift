import ReportModel

/// One table of the report as HTML: a real table with the template's column widths
/// (`<colgroup>`), header rows that stay in view while it scrolls by (sticky, so no scrolling
/// box around it), continuation cells that span their rows, and statuses in words. On phones
/// the stylesheet stacks each row into a block; the page's style (`LabelStyles`) puts each
/// column's header before its cells there.
struct TableWriter {
    let table: Table
    let caption: String
    let text: TextWriter
    let labels: LabelStyles

    var roles: [ColumnRole] { table.columns.map { ColumnRole.of($0, in: table.kind) } }

    /// Narrow tables stack below a medium width, wide ones (more than five columns) below a
    /// larger one: the point where their columns would get too narrow for their longest words.
    var stackClass: String { table.columns.count > 5 ? "stack-l" : "stack-m" }

    func render() -> String {
        let layout = RowLayout(table: table, roles: roles)
        let labelClass = labels.classFor(table: table, roles: roles, layout: layout, stackClass: stackClass)
        var html = "<table class=\"\(table.kind.rawValue) \(stackClass)\(labelClass.map { " " + $0 } ?? "")\">\n"
        html += "<caption>\(HTMLWriter.escape(caption))</caption>\n<colgroup>"
        html += table.columns.map { "<col style=\"width:\(percent($0.width))\">" }.joined()
        html += "</colgroup>\n<thead>\n"
        for row in table.headerRows {
            html +=
                "<tr>"
                + row.map { header in
                    header.columnSpan > 1
                        ? "<th scope=\"colgroup\" colspan=\"\(header.columnSpan)\">\(content(header))</th>"
                        : "<th scope=\"col\">\(content(header))</th>"
                }.joined() + "</tr>\n"
        }
        html += "</thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            switch row.kind {
            case .group:
                if index > 0 { html += "</tbody>\n<tbody>\n" }
                html +=
                    "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(table.columns.count)\">\(content(row.cells.first ?? .empty))</th></tr>\n"
            case .body:
                let cells = layout.cells(ofRow: index)
                // A row that starts a measure or an item: the stacked layout sets it apart.
                let first = cells.contains { $0.column < roles.count && roles[$0.column].startsRow }
                html +=
                    (first ? "<tr class=\"first\">" : "<tr>")
                    + cells.map { cell(row.cells[$0.index], $0) }.joined() + "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }

    /// A body cell as placed by `RowLayout`.
    func cell(_ value: Cell, _ placed: RowLayout.Placed) -> String {
        let role = placed.column < roles.count ? roles[placed.column] : .plain
        var classes: [String] = []
        let align = table.alignment(ofColumn: placed.column)
        if align != .left { classes.append(align.rawValue) }
        if role == .lead || role == .spansContinuation { classes.append("lead") }
        if let labelled = labels.cellClass(column: placed.column, table: table) { classes.append(labelled) }
        var body = content(value)
        switch role {
        case .status(let no):
            let yes = value.content.contains { if case .check = $0 { return true } else { return false } }
            if yes {
                classes.append("yes")
            } else if value.isEmpty {
                classes.append("no")
                body = text(no)
            }
        case .reason where value.isEmpty: classes.append("none")
        default: break
        }
        var attributes = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        if value.columnSpan > 1 { attributes += " colspan=\"\(value.columnSpan)\"" }
        if placed.rowSpan > 1 { attributes += " rowspan=\"\(placed.rowSpan)\"" }
        // Codes head their rows in the checklist; elsewhere every cell is data.
        if table.kind == .checklist && placed.column == 0 { return "<th scope=\"row\"\(attributes)>\(body)</th>" }
        return "<td\(attributes)>\(body)</td>"
    }

    /// A cell's blocks: a lone paragraph as bare text, several as paragraphs, bullets as a
    /// list, a check as its label in words.
    func content(_ cell: Cell) -> String {
        if cell.content.count == 1, case .paragraph(let only) = cell.content[0] { return text(only) }
        return cell.content.map { block -> String in
            switch block {
            case .paragraph(let paragraph): return "<p>\(text(paragraph))</p>"
            case .bullets(let items): return "<ul>" + items.map { "<li>\(text($0))</li>" }.joined() + "</ul>"
            case .check(let label): return text(label)
            }
        }.joined()
    }

    func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return (value == value.rounded() ? String(Int(value)) : String(value)) + "%"
    }
}

/// Which cells of each body row are written, and how many rows each spans: an empty cell of a
/// `spansContinuation` column under a body row joins the cell above it.
struct RowLayout {
    struct Placed: Equatable {
        /// The cell's index in the row's `cells`.
        var index: Int
        /// The first column it covers.
        var column: Int
        var rowSpan: Int
    }

    private var placed: [[Placed]] = []

    init(table: Table, roles: [ColumnRole]) {
        var rows: [[Placed]] = []
        // Per column: where the cell that is still open (may take more rows) sits.
        var open: [Int: (row: Int, slot: Int)] = [:]
        for row in table.rows {
            guard row.kind == .body else {
                open = [:]
                rows.append([])
                continue
            }
            var cells: [Placed] = []
            var column = 0
            for (index, cell) in row.cells.enumerated() {
                defer { column += cell.columnSpan }
                let spans = column < roles.count && roles[column] == .spansContinuation && cell.columnSpan == 1
                if spans, cell.isEmpty, let above = open[column] {
                    rows[above.row][above.slot].rowSpan += 1
                    continue
                }
                if spans { open[column] = (rows.count, cells.count) }
                cells.append(Placed(index: index, column: column, rowSpan: 1))
            }
            rows.append(cells)
        }
        placed = rows
    }

    func cells(ofRow row: Int) -> [Placed] { placed[row] }

    /// The positions (1-based, from the start and from the end of the row) at which a
    /// column's cells are written, over every body row that writes one.
    func positions(ofColumn column: Int) -> (fromStart: Set<Int>, fromEnd: Set<Int>) {
        var start = Set<Int>()
        var end = Set<Int>()
        for row in placed {
            guard let at = row.firstIndex(where: { $0.column == column }) else { continue }
            start.insert(at + 1)
            end.insert(row.count - at)
        }
        return (start, end)
    }
}

/// The page's labels for the stacked tables: each labelled column's header, shown before its
/// cells on phones through a `::before` rule in the page's `<style>`. A column found at the
/// same position in every row is selected by position; otherwise its cells carry a class.
/// Tables with the same columns share one set of rules.
final class LabelStyles {
    private var rules: [String] = []
    /// Label sets by their rules (with `#` for the set's name), so equal tables share one.
    private var sets: [[String]: String] = [:]
    /// The name of the set of the table being written, and the columns whose cells carry a class.
    private var current = ""
    private var perCell: Set<Int> = []

    func classFor(table: Table, roles: [ColumnRole], layout: RowLayout, stackClass: String) -> String? {
        var selectors: [String] = []
        var perCell = Set<Int>()
        for (column, role) in roles.enumerated() where role.isLabelled {
            let header = table.columns[column].header
            guard !header.isEmpty else { continue }
            let positions = layout.positions(ofColumn: column)
            let selector: String
            if positions.fromEnd.count == 1, let at = positions.fromEnd.first {
                selector = "td:nth-last-child(\(at))"
            } else if positions.fromStart.count == 1, let at = positions.fromStart.first {
                selector = "td:nth-child(\(at))"
            } else {
                perCell.insert(column)
                selector = "td.#c\(column + 1)"
            }
            selectors.append(".# \(selector)::before{content:\(HTMLWriter.cssString(header))}")
        }
        self.perCell = perCell
        guard !selectors.isEmpty else {
            current = ""
            return nil
        }
        let key = [stackClass] + selectors
        if let name = sets[key] {
            current = name
            return name
        }
        let name = "l\(sets.count + 1)"
        sets[key] = name
        current = name
        let width = stackClass == "stack-l" ? Stylesheet.wideStack : Stylesheet.narrowStack
        rules.append(
            "@media screen and (max-width:\(width)){"
                + selectors.map { $0.replacingOccurrences(of: "#", with: name) }.joined() + "}")
        return name
    }

    /// The class a cell of `column` carries, when its label is not found by position.
    func cellClass(column: Int, table: Table) -> String? {
        perCell.contains(column) ? "\(current)c\(column + 1)" : nil
    }

    /// The rules for the page's `<style>`.
    var css: String { rules.joined(separator: "\n") }
}
