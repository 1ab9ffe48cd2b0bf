import PageIR
import ReportModel

/// The first step of table layout: column widths, and every cell shaped into lines at its
/// width. `TablePaginator` then places the resolved rows page by page.
struct TableResolver {
    /// A line of a list: which list of the cell, which item, and how many of its first runs are
    /// the item's label (the bullet; 0 on the item's later lines).
    struct ListLine: Equatable {
        var list: Int
        var item: Int
        var labelRuns: Int
    }
    /// A list item's bullet, hung to the left of the item's first line; the item's other lines
    /// are indented by its width.
    struct Hanging {
        var mark: ShapedLine
        var width: Double
        /// The item's list and number (`labelRuns` is set on its first line).
        var list: ListLine

        /// Line `index` of the item, placed in a cell of `inner` points.
        func place(_ line: ShapedLine, index: Int, inner: Double, alignment: Column.Alignment) -> CellLines.Line {
            guard index == 0 else {
                return CellLines.Line(
                    line: line,
                    xOffset: TableResolver.offset(of: line, indent: width, inner: inner, alignment: alignment),
                    listLine: list)
            }
            var first = line
            first.runs =
                mark.runs
                + line.runs.map {
                    var r = $0
                    r.x += width
                    return r
                }
            first.width += width
            var label = list
            label.labelRuns = mark.runs.count
            return CellLines.Line(
                line: first, xOffset: TableResolver.offset(of: first, indent: 0, inner: inner, alignment: alignment),
                listLine: label)
        }
    }
    struct ResolvedRow {
        var kind: Row.Kind
        var cells: [CellLines]
        /// Width of each cell: the columns it spans.
        var widths: [Double]
        /// First column of each cell.
        var columns: [Int]
        /// How many rows each cell covers (header rows only; empty when every cell covers one).
        var rowSpans: [Int] = []
    }

    let shaper: Shaper
    let style: TableStyle
    let table: Table
    /// Width of each column.
    let widths: [Double]

    init(shaper: Shaper, style: TableStyle, table: Table, total: Double) {
        self.shaper = shaper
        self.style = style
        self.table = table
        widths = Self.columnWidths(table, total: total, numbers: Self.numberWidths(table, shaper: shaper, style: style))
    }

    /// Column widths in proportion to the table's, no column below its minimum, summing to `total`.
    ///
    /// A number is never broken across lines (`๒๗|๗.` in a narrow ที่ column from ๑๐๐ up): a
    /// column is at least as wide as the widest number in its cells (`numbers`, padding
    /// included), and the other columns give up that width in proportion to what they have
    /// above their own minimums. Widening the column, rather than setting its cells in a
    /// smaller font, keeps one type size for the whole table, and a number column takes only
    /// a few points more; only when every column is down to its minimum is the table scaled
    /// to the page, and then a number may still break.
    static func columnWidths(_ table: Table, total: Double, numbers: [Double] = []) -> [Double] {
        let sum = table.columns.reduce(0) { $0 + $1.width }
        let minimums = table.columns.enumerated().map { index, column in
            max(PageGeometry.points(mm: column.minWidthMM), index < numbers.count ? numbers[index] : 0)
        }
        var widths = zip(table.columns, minimums).map { max($0.width / sum * total, $1) }
        // Minimum widths pushed the table wider: take the excess from the columns that are
        // above their minimum, in proportion to what they have to spare.
        let over = widths.reduce(0, +) - total
        let spare = zip(widths, minimums).reduce(0) { $0 + ($1.0 - $1.1) }
        if over > 0.001 {
            if spare >= over {
                widths = zip(widths, minimums).map { $0 - over * ($0 - $1) / spare }
            } else {
                // Not even the minimums fit: scale everything down to the page.
                let scale = total / widths.reduce(0, +)
                widths = widths.map { $0 * scale }
            }
        }
        return widths
    }

    /// Characters that belong to a number with the digits around them (`๒๗๗.`, `๑,๒๐๐`,
    /// `๑๒/๒๕๖๔`, `๐๙:๓๐`, `๑๒-๓๔`): no line break falls inside such a run.
    static func isNumberCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E, 0x2C, 0x2F, 0x3A, 0x2D, 0x25: return true  // . , / : - %
        default: return isDigit(scalar)
        }
    }

    /// A Latin or Thai digit.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x0E50...0x0E59: return true
        default: return false
        }
    }

    /// For each column, the width its widest number needs on one line, padding included (0
    /// for a column without numbers). Cells that span columns are left out: their room is the
    /// sum of the columns'. Numbers are measured character by character (digits are not
    /// kerned), and the widest by that measure is measured whole, so thousands of rows cost a
    /// handful of Pango layouts.
    static func numberWidths(_ table: Table, shaper: Shaper, style: TableStyle) -> [Double] {
        var characterWidths: [Unicode.Scalar: Double] = [:]
        func width(_ scalar: Unicode.Scalar) -> Double {
            if let known = characterWidths[scalar] { return known }
            let width = shaper.measure(String(Character(scalar)), style: style.cell)
            characterWidths[scalar] = width
            return width
        }
        var widest = [(estimate: Double, number: String)](repeating: (0, ""), count: table.columns.count)
        for row in table.rows where row.kind != .group {
            var column = 0
            for cell in row.cells {
                defer { column += cell.columnSpan }
                guard column < widest.count, cell.columnSpan == 1 else { continue }
                for case .paragraph(let text) in cell.content {
                    // One pass over the text: each run of number characters that holds a digit
                    // is a number, its estimate the sum of its characters' widths in order.
                    let scalars = text.unicodeScalars
                    var index = scalars.startIndex
                    while index < scalars.endIndex {
                        guard isNumberCharacter(scalars[index]) else {
                            scalars.formIndex(after: &index)
                            continue
                        }
                        let start = index
                        var hasDigit = false
                        while index < scalars.endIndex, isNumberCharacter(scalars[index]) {
                            hasDigit = hasDigit || isDigit(scalars[index])
                            scalars.formIndex(after: &index)
                        }
                        guard hasDigit else { continue }
                        var estimate = 0.0
                        for scalar in scalars[start..<index] { estimate += width(scalar) }
                        if estimate > widest[column].estimate {
                            widest[column] = (estimate, String(scalars[start..<index]))
                        }
                    }
                }
            }
        }
        return widest.map { entry in
            guard !entry.number.isEmpty else { return 0 }
            // Half a point to spare, so rounding in the line breaker never breaks it.
            return max(entry.estimate, shaper.measure(entry.number, style: style.cell)) + 2 * style.paddingX + 0.5
        }
    }

    /// Line `index` of a paragraph or (with its `hanging` bullet) a list item, placed in a cell
    /// of `inner` points.
    static func place(
        _ line: ShapedLine, index: Int, hanging: Hanging?, inner: Double, alignment: Column.Alignment
    ) -> CellLines.Line {
        if let hanging { return hanging.place(line, index: index, inner: inner, alignment: alignment) }
        return CellLines.Line(
            line: line, xOffset: offset(of: line, indent: 0, inner: inner, alignment: alignment), listLine: nil)
    }

    /// Where a line stands in a cell of `inner` points: its offset from the cell's text edge.
    static func offset(of line: ShapedLine, indent: Double, inner: Double, alignment: Column.Alignment) -> Double {
        let free = inner - indent - line.width
        switch alignment {
        case .left: return indent
        case .center: return indent + max(free / 2, 0)
        case .right: return indent + max(free, 0)
        }
    }

    func resolveCell(_ cell: Cell, width: Double, alignment: Column.Alignment, style text: TextStyle) -> CellLines {
        var sources: [CellLines.Source] = []
        var ready: [CellLines.Line] = []
        let inner = max(width - 2 * style.paddingX, 1)
        /// A text of megabytes: its lines are made as pagination reaches them.
        func stream(_ content: String, width: Double, hanging: Hanging?) {
            if !ready.isEmpty { sources.append(.lines(ready)) }
            ready = []
            let lines = LineStream(content, shaper: shaper, style: text, width: width)
            sources.append(.stream(lines, inner: inner, alignment: alignment, hanging: hanging))
        }
        for (blockIndex, block) in cell.content.enumerated() {
            switch block {
            case .paragraph(let paragraph) where paragraph.utf8.count > Shaper.streamedTextBytes:
                stream(paragraph, width: inner, hanging: nil)
            case .paragraph(let paragraph):
                for (index, line) in shaper.shape(paragraph, style: text, width: inner).enumerated() {
                    ready.append(Self.place(line, index: index, hanging: nil, inner: inner, alignment: alignment))
                }
            case .bullets(let items):
                let bullet = "○"
                // Hanging indent: the bullet, then a third of an em before the text.
                let bulletWidth = shaper.width(of: bullet, style: text) + text.size / 3
                for (itemIndex, item) in items.enumerated() {
                    let hanging = Hanging(
                        mark: shaper.shape(bullet, style: text, width: nil)[0], width: bulletWidth,
                        list: ListLine(list: blockIndex, item: itemIndex, labelRuns: 0))
                    if item.utf8.count > Shaper.streamedTextBytes {
                        stream(item, width: inner - bulletWidth, hanging: hanging)
                        continue
                    }
                    let lines = shaper.shape(item, style: text, width: inner - bulletWidth)
                    for (index, line) in lines.enumerated() {
                        ready.append(
                            Self.place(line, index: index, hanging: hanging, inner: inner, alignment: alignment))
                    }
                }
            case .check:
                let lines = shaper.shape("✓", style: text, width: nil)
                let free = inner - (lines.first?.width ?? 0)
                for line in lines {
                    ready.append(CellLines.Line(line: line, xOffset: max(free / 2, 0), listLine: nil))
                }
            }
        }
        if !ready.isEmpty { sources.append(.lines(ready)) }
        return CellLines(sources)
    }

    /// Cells of a row with their widths and first columns: each cell covers `columnSpan`
    /// columns; a group row covers all.
    func cellPlaces(_ row: [Cell], kind: Row.Kind) -> (widths: [Double], columns: [Int]) {
        if kind == .group { return ([widths.reduce(0, +)], [0]) }
        var result: [Double] = []
        var columns: [Int] = []
        var column = 0
        for cell in row where column < widths.count {
            let end = min(column + cell.columnSpan, widths.count)
            result.append(widths[column..<end].reduce(0, +))
            columns.append(column)
            column = end
        }
        return (result, columns)
    }

    /// The header rows, each cell placed after the columns that cells above cover with their
    /// row spans.
    func resolveHeader() -> [ResolvedRow] {
        var coveredBelow = Array(repeating: 0, count: widths.count)
        return table.headerRows.map { row -> ResolvedRow in
            var cells: [CellLines] = []
            var cellWidths: [Double] = []
            var columns: [Int] = []
            var spans: [Int] = []
            var column = 0
            for cell in row {
                while column < widths.count, coveredBelow[column] > 0 { column += 1 }
                guard column < widths.count else { break }
                let end = min(column + cell.columnSpan, widths.count)
                let width = widths[column..<end].reduce(0, +)
                cells.append(resolveCell(cell, width: width, alignment: .center, style: style.header))
                cellWidths.append(width)
                columns.append(column)
                spans.append(cell.rowSpan)
                for covered in column..<end { coveredBelow[covered] = cell.rowSpan }
                column = end
            }
            coveredBelow = coveredBelow.map { max($0 - 1, 0) }
            return ResolvedRow(
                kind: .body, cells: cells, widths: cellWidths, columns: columns,
                rowSpans: spans.allSatisfy { $0 == 1 } ? [] : spans)
        }
    }

    func resolve(_ row: Row) -> ResolvedRow {
        let places = cellPlaces(row.cells, kind: row.kind)
        switch row.kind {
        case .group:
            let cell = resolveCell(
                row.cells.first ?? .empty, width: places.widths[0], alignment: .left, style: style.header)
            return ResolvedRow(kind: .group, cells: [cell], widths: places.widths, columns: places.columns)
        case .body, .total:
            let text = row.kind == .total ? style.header : style.cell
            let cells = zip(zip(row.cells, places.widths), places.columns).map { pair, column -> CellLines in
                resolveCell(pair.0, width: pair.1, alignment: table.alignment(ofColumn: column), style: text)
            }
            return ResolvedRow(kind: row.kind, cells: cells, widths: places.widths, columns: places.columns)
        }
    }
}

/// Body rows resolved when pagination reaches them and dropped once placed, so a table of
/// thousands of rows never sits in memory shaped.
final class ResolvedRows {
    private let resolveRow: (Int) -> TableResolver.ResolvedRow
    private var cache: [Int: TableResolver.ResolvedRow] = [:]
    let count: Int

    init(count: Int, resolve: @escaping (Int) -> TableResolver.ResolvedRow) {
        self.count = count
        resolveRow = resolve
    }

    subscript(index: Int) -> TableResolver.ResolvedRow {
        if let row = cache[index] { return row }
        let row = resolveRow(index)
        cache[index] = row
        return row
    }

    /// Forgets rows before `index`.
    func release(before index: Int) { cache = cache.filter { $0.key >= index } }
}
