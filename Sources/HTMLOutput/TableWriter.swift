import ReportModel

/// One table of the report as HTML: a real table with the template's column widths
/// (`<colgroup>`), header rows that stay in view while it scrolls by (sticky, so no scrolling
/// box around it), continuation cells that span their rows, and statuses in words. On phones
/// the stylesheet stacks each row into a block; the page's style (`LabelStyles`) puts each
/// column's header before its cells there.
struct TableWriter {
    let table: Table
    /// The id of the heading that names the table.
    let labelledBy: String
    let text: TextWriter
    let labels: LabelStyles
    /// Each column's role, made once: every cell asks for its column's.
    let roles: [ColumnRole]

    init(table: Table, labelledBy: String, text: TextWriter, labels: LabelStyles) {
        self.table = table
        self.labelledBy = labelledBy
        self.text = text
        self.labels = labels
        roles = table.columns.map { ColumnRole.of($0, in: table.kind) }
    }

    /// Narrow tables stack below a medium width, wide ones (more than five columns) below a
    /// larger one: the point where their columns would get too narrow for their longest words.
    var stackClass: String { table.columns.count > 5 ? "stack-l" : "stack-m" }

    /// The table's label rules (`LabelStyles`), made or found again: the name of its set. (The
    /// page asks once before its head and again as it writes the table: the rows' layout is
    /// made each time rather than held for every table of the page at once.)
    func labelClass(layout: RowLayout? = nil) -> String? {
        labels.classFor(
            table: table, roles: roles, layout: layout ?? RowLayout(table: table, roles: roles),
            stackClass: stackClass, widths: table.columns.map { percent($0.width) })
    }

    /// The table, a row at a time.
    func write(to output: PageOutput) {
        let layout = RowLayout(table: table, roles: roles)
        let labelClass = labelClass(layout: layout)
        var html =
            "<table class=\"\(table.kind.rawValue) \(stackClass)\(labelClass.map { " " + $0 } ?? "")\" aria-labelledby=\"\(labelledBy)\">\n"
        // The widths are in the page's style, once for all tables of the same columns.
        html += "<colgroup>" + String(repeating: "<col>", count: table.columns.count) + "</colgroup>\n<thead>\n"
        for row in table.headerRows {
            html +=
                "<tr>"
                + row.map { header in
                    let rows = header.rowSpan > 1 ? " rowspan=\"\(header.rowSpan)\"" : ""
                    return header.columnSpan > 1
                        ? "<th scope=\"colgroup\" colspan=\"\(header.columnSpan)\"\(rows)>\(content(header))</th>"
                        : table.headerRows.count > 1
                            ? "<th scope=\"col\"\(rows)>\(content(header))</th>" : "<th>\(content(header))</th>"
                }.joined() + "</tr>\n"
        }
        output.append(html + "</thead>\n<tbody>\n")
        for (index, row) in table.rows.enumerated() {
            switch row.kind {
            case .group:
                output.append(
                    (index > 0 ? "</tbody>\n<tbody>\n" : "")
                        + "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(table.columns.count)\">\(content(row.cells.first ?? .empty))</th></tr>\n"
                )
            case .total:
                let cells = layout.cells(ofRow: index)
                output.append("<tr class=\"total\">" + cells.map { cell(row.cells[$0.index], $0) }.joined() + "</tr>\n")
            case .body:
                let cells = layout.cells(ofRow: index)
                // A row that starts a measure or an item: the stacked layout sets it apart.
                let first = cells.contains { $0.column < roles.count && roles[$0.column].startsRow }
                output.append(
                    (first ? "<tr class=\"first\">" : "<tr>")
                        + cells.map { cell(row.cells[$0.index], $0) }.joined() + "</tr>\n")
            }
        }
        output.append("</tbody>\n</table>\n")
    }

    /// A body cell as placed by `RowLayout`.
    func cell(_ value: Cell, _ placed: RowLayout.Placed) -> String {
        let role = placed.column < roles.count ? roles[placed.column] : .plain
        var classes: [String] = []
        let align = table.alignment(ofColumn: placed.column)
        if align != .left, labels.alignmentNeedsClass(column: placed.column) { classes.append(align.rawValue) }
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
            guard row.kind != .group else {
                open = [:]
                rows.append([])
                continue
            }
            // A total closes the cells above it and spans nothing itself.
            if row.kind == .total { open = [:] }
            var cells: [Placed] = []
            var column = 0
            for (index, cell) in row.cells.enumerated() {
                defer { column += cell.columnSpan }
                let spans =
                    column < roles.count && roles[column] == .spansContinuation && cell.columnSpan == 1
                    && row.kind == .body
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

    /// The position (1-based, from the start or from the end of the row) that selects exactly
    /// a column's cells: every row that writes the column has it there, and no row has another
    /// column's cell there. Nil when neither does.
    func selector(ofColumn column: Int) -> (fromStart: Bool, position: Int)? {
        var start = Set<Int>()
        var end = Set<Int>()
        for row in placed {
            guard let at = row.firstIndex(where: { $0.column == column }) else { continue }
            start.insert(at + 1)
            end.insert(row.count - at)
        }
        if start.count == 1, let at = start.first,
            placed.allSatisfy({ $0.count < at || $0[at - 1].column == column })
        {
            return (true, at)
        }
        if end.count == 1, let at = end.first,
            placed.allSatisfy({ $0.count < at || $0[$0.count - at].column == column })
        {
            return (false, at)
        }
        return nil
    }
}

/// The page's rules for its tables: the template's column widths, and for the stacked phone
/// layout each labelled column's header, shown before its cells through a `::before` rule. A
/// column found at the same position in every row is selected by position; otherwise its
/// cells carry a class. Tables with the same columns share one set of rules.
final class LabelStyles {
    private var rules: [String] = []
    /// Label sets by their rules (with `#` for the set's name), so equal tables share one.
    private var sets: [[String]: String] = [:]
    /// The name of the set of the table being written, and the columns whose cells carry a class.
    private var current = ""
    private var perCell: Set<Int> = []
    /// Columns aligned other than left whose cells are not found by position.
    private var alignedPerCell: Set<Int> = []

    func classFor(table: Table, roles: [ColumnRole], layout: RowLayout, stackClass: String, widths: [String])
        -> String?
    {
        var selectors: [String] = []
        var perCell = Set<Int>()
        for (column, role) in roles.enumerated() where role.isLabelled {
            let header = table.columns[column].header
            guard !header.isEmpty else { continue }
            let selector: String
            if let found = layout.selector(ofColumn: column) {
                selector = "td:nth-\(found.fromStart ? "" : "last-")child(\(found.position))"
            } else {
                perCell.insert(column)
                selector = "td.#c\(column + 1)"
            }
            selectors.append(".# \(selector)::before{content:\(HTMLWriter.cssString(header))}")
        }
        self.perCell = perCell
        var widthRules = widths.enumerated().map { ".# col:nth-child(\($0.offset + 1)){width:\($0.element)}" }
        // Centred and right-aligned columns, by position where every row has them at one.
        var alignedPerCell = Set<Int>()
        for column in table.columns.indices where table.columns[column].alignment != .left {
            let align = table.columns[column].alignment.rawValue
            if let found = layout.selector(ofColumn: column) {
                widthRules.append(
                    ".# td:nth-\(found.fromStart ? "" : "last-")child(\(found.position)){text-align:\(align)}")
            } else {
                alignedPerCell.insert(column)
            }
        }
        self.alignedPerCell = alignedPerCell
        let key = [stackClass] + widthRules + selectors
        if let name = sets[key] {
            current = name
            return name
        }
        let name = "l\(sets.count + 1)"
        sets[key] = name
        current = name
        let width = stackClass == "stack-l" ? Stylesheet.wideStack : Stylesheet.narrowStack
        // `#` stands for the set's name: headers come in as CSS strings, which hold no `#`.
        func named(_ rule: String) -> String {
            rule.split(separator: "#", omittingEmptySubsequences: false).joined(separator: name)
        }
        rules.append(widthRules.map(named).joined())
        if !selectors.isEmpty {
            rules.append("@media screen and (max-width:\(width)){" + selectors.map(named).joined() + "}")
        }
        return name
    }

    /// Whether a cell of `column` carries its alignment as a class (not found by position).
    func alignmentNeedsClass(column: Int) -> Bool { alignedPerCell.contains(column) }

    /// The class a cell of `column` carries, when its label is not found by position.
    func cellClass(column: Int, table: Table) -> String? {
        perCell.contains(column) ? "\(current)c\(column + 1)" : nil
    }

    /// The rules for the page's `<style>`.
    /// (Names are `l1`, `l2`, …; `#` stands for the name while a set's rules are made.)
    var css: String { rules.joined(separator: "\n") }
}
