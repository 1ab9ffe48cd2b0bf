import PageIR
import ReportModel

/// Where part of a table row landed: which lines of each cell, on which page, between which
/// column edges. Layout reports these so tests can check pagination without reading pixels.
public struct TablePiece: Sendable, Equatable {
    /// Index of the page in the flow the table was laid out in.
    public let page: Int
    /// Body row index, or nil for a header row.
    public let row: Int?
    public let isGroup: Bool
    /// Lines of each cell placed here, by cell.
    public let lines: [Range<Int>]
    /// Each cell's lines, as the text of the lines placed here.
    public let text: [[String]]
    public let top: Double
    public let bottom: Double
    /// x of the left edge, every column border and the right edge.
    public let edges: [Double]
}

/// Long tables in two steps, as good typesetters do: `resolve` shapes every cell once into
/// lines at its column width; `paginate` then places rows page by page, repeating the header,
/// splitting rows at line boundaries and resuming exactly where the previous page stopped.
struct TableLayout {
    struct CellLines {
        var lines: [ShapedLine]
        var xOffsets: [Double]
        var height: Double { lines.reduce(0) { $0 + $1.height } }
    }
    struct ResolvedRow {
        var kind: Row.Kind
        var cells: [CellLines]
        /// Width of each cell: the columns it spans.
        var widths: [Double]
    }

    let shaper: Shaper
    let style: TextStyle
    let headerStyle: TextStyle
    let padX: Double
    let padY: Double
    /// Lines kept together at each side of a split, where the cell has that many.
    let minLinesAtSplit = 2

    // MARK: resolve

    func columnWidths(_ table: Table, total: Double) -> [Double] {
        let sum = table.columns.reduce(0) { $0 + $1.width }
        let minimums = table.columns.map { PageGeometry.points(mm: $0.minWidthMM) }
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

    func resolveCell(_ cell: Cell, width: Double, alignment: Column.Alignment, style: TextStyle) -> CellLines {
        var result = CellLines(lines: [], xOffsets: [])
        let inner = max(width - 2 * padX, 1)
        func add(_ lines: [ShapedLine], indent: Double = 0) {
            for line in lines {
                let free = inner - indent - line.width
                let offset: Double
                switch alignment {
                case .left: offset = indent
                case .center: offset = indent + max(free / 2, 0)
                case .right: offset = indent + max(free, 0)
                }
                result.lines.append(line); result.xOffsets.append(offset)
            }
        }
        for block in cell.content {
            switch block {
            case .paragraph(let text):
                add(shaper.shape(text, style: style, width: inner))
            case .bullets(let items):
                let bullet = "○"
                // Hanging indent: the bullet, then a third of an em before the text.
                let bulletWidth = shaper.width(of: bullet, style: style) + style.size / 3
                for item in items {
                    var lines = shaper.shape(item, style: style, width: inner - bulletWidth)
                    guard !lines.isEmpty else { continue }
                    // The bullet hangs to the left of the item's first line.
                    let mark = shaper.shape(bullet, style: style, width: nil)[0]
                    var first = lines.removeFirst()
                    first.runs = mark.runs + first.runs.map { var r = $0; r.x += bulletWidth; return r }
                    first.width += bulletWidth
                    add([first])
                    add(lines, indent: bulletWidth)
                }
            case .check:
                let lines = shaper.shape("✓", style: style, width: nil)
                let free = inner - (lines.first?.width ?? 0)
                for line in lines { result.lines.append(line); result.xOffsets.append(max(free / 2, 0)) }
            }
        }
        return result
    }

    /// Cell widths of a row: each cell covers `columnSpan` columns; a group row covers all.
    func cellWidths(_ row: [Cell], kind: Row.Kind, columns widths: [Double]) -> [Double] {
        if kind == .group { return [widths.reduce(0, +)] }
        var result: [Double] = []
        var column = 0
        for cell in row where column < widths.count {
            let end = min(column + cell.columnSpan, widths.count)
            result.append(widths[column..<end].reduce(0, +))
            column = end
        }
        return result
    }

    func resolveHeader(_ table: Table, widths: [Double]) -> [ResolvedRow] {
        table.headerRows.map { row -> ResolvedRow in
            let cellWidths = cellWidths(row, kind: .body, columns: widths)
            return ResolvedRow(kind: .body, cells: zip(row, cellWidths).map {
                resolveCell($0.0, width: $0.1, alignment: .center, style: headerStyle)
            }, widths: cellWidths)
        }
    }

    func resolve(_ row: Row, of table: Table, widths: [Double]) -> ResolvedRow {
        let cellWidths = cellWidths(row.cells, kind: row.kind, columns: widths)
        switch row.kind {
        case .group:
            return ResolvedRow(kind: .group, cells: [resolveCell(row.cells.first ?? .empty, width: cellWidths[0], alignment: .left, style: headerStyle)],
                               widths: cellWidths)
        case .body:
            var column = 0
            let cells = zip(row.cells, cellWidths).map { cell, width -> CellLines in
                defer { column += cell.columnSpan }
                return resolveCell(cell, width: width, alignment: table.alignment(ofColumn: column), style: style)
            }
            return ResolvedRow(kind: .body, cells: cells, widths: cellWidths)
        }
    }

    /// Body rows resolved when pagination reaches them and dropped once placed, so a table of
    /// thousands of rows never sits in memory shaped.
    final class Rows {
        private let resolveRow: (Int) -> ResolvedRow
        private var cache: [Int: ResolvedRow] = [:]
        let count: Int
        init(count: Int, resolve: @escaping (Int) -> ResolvedRow) { self.count = count; resolveRow = resolve }
        subscript(index: Int) -> ResolvedRow {
            if let row = cache[index] { return row }
            let row = resolveRow(index)
            cache[index] = row
            return row
        }
        /// Forgets rows before `index`.
        func release(before index: Int) { cache = cache.filter { $0.key >= index } }
    }

    // MARK: paginate

    /// Height of the rest of a row from the given line offsets.
    func height(_ row: ResolvedRow, from offsets: [Int]) -> Double {
        let content = row.cells.indices.map { c in row.cells[c].lines[offsets[c]...].reduce(0) { $0 + $1.height } }.max() ?? 0
        return max(content, style.lineHeight) + 2 * padY
    }

    /// The least of a row that may start a page section: its first lines (two where it has them).
    func minimumStart(_ rows: Rows, _ index: Int, offsets: [Int]?, limit: Double) -> Double {
        // Group rows stay with what follows them: add them up to the first body row (or until
        // more than a page, when it cannot fit anyway).
        var total = 0.0
        var index = index
        var from = offsets
        while index < rows.count, total <= limit {
            let row = rows[index]
            let start = from ?? Array(repeating: 0, count: row.cells.count)
            if row.kind == .group {
                total += height(row, from: start)
                index += 1; from = nil
                continue
            }
            let content = row.cells.indices.map { c -> Double in
                row.cells[c].lines[start[c]...].prefix(minLinesAtSplit).reduce(0) { $0 + $1.height }
            }.max() ?? 0
            return total + max(content, style.lineHeight) + 2 * padY
        }
        return total
    }

    /// Places the table from the current cursor, starting new pages as needed.
    @discardableResult
    func paginate(_ table: Table, flow: PageFlow, x: Double, newPage: () -> Void, collect: Bool = true) -> [TablePiece] {
        var pieces: [TablePiece] = []
        func keep(_ piece: TablePiece) { if collect { pieces.append(piece) } }
        let widths = columnWidths(table, total: flow.geometry.contentWidth)
        let header = resolveHeader(table, widths: widths)
        let rows = Rows(count: table.rows.count) { self.resolve(table.rows[$0], of: table, widths: widths) }
        let headerHeight = header.reduce(0) { $0 + height($1, from: Array(repeating: 0, count: $1.cells.count)) }
        var index = 0
        var offsets: [Int]? = nil
        var needHeader = true
        var rowsOnPage = 0
        let page = flow.geometry.contentHeight
        if rows.count == 0 {
            // A table with no rows still shows what it would hold.
            if flow.remaining < headerHeight, !flow.atPageTop { newPage() }
            for row in header {
                keep(draw(row, index: nil, from: Array(repeating: 0, count: row.cells.count), count: nil, widths: widths,
                          x: x, flow: flow, quotable: false, shade: table.headerShade))
            }
        }
        while index < rows.count {
            if needHeader {
                if flow.remaining < headerHeight + minimumStart(rows, index, offsets: offsets, limit: page), !flow.atPageTop {
                    newPage()
                }
                for row in header {
                    keep(draw(row, index: nil, from: Array(repeating: 0, count: row.cells.count), count: nil, widths: widths,
                                       x: x, flow: flow, quotable: false, shade: table.headerShade))
                }
                needHeader = false
                rowsOnPage = 0
            }
            let row = rows[index]
            let from = offsets ?? Array(repeating: 0, count: row.cells.count)
            let whole = height(row, from: from)
            if row.kind == .group, whole + minimumStart(rows, index + 1, offsets: nil, limit: page) > flow.remaining, rowsOnPage > 0 {
                // A group row stays with the start of the row after it.
                newPage(); needHeader = true; continue
            }
            if whole <= flow.remaining {
                keep(draw(row, index: index, from: from, count: nil, widths: widths, x: x, flow: flow))
                index += 1; offsets = nil; rowsOnPage += 1; rows.release(before: index)
                continue
            }
            // Split the row at line boundaries.
            let available = flow.remaining - 2 * padY
            var counts = row.cells.indices.map { c -> Int in
                var used = 0.0, count = 0
                for line in row.cells[c].lines[from[c]...] {
                    if used + line.height > available + 0.01 { break }
                    used += line.height; count += 1
                }
                let left = row.cells[c].lines.count - from[c]
                if count < left, left - count < minLinesAtSplit, count > minLinesAtSplit { count = left - minLinesAtSplit }
                if count < minLinesAtSplit, count < left, rowsOnPage > 0 { count = 0 }
                return count
            }
            if counts.allSatisfy({ $0 == 0 }) {
                if rowsOnPage > 0 { newPage(); needHeader = true; continue }
                // Only the header is above: place at least a line of each cell so layout moves on.
                counts = row.cells.indices.map { c in min(1, row.cells[c].lines.count - from[c]) }
            }
            keep(draw(row, index: index, from: from, count: counts, widths: widths, x: x, flow: flow, fillToBottom: true))
            offsets = zip(from, counts).map { $0 + $1 }
            if row.cells.indices.allSatisfy({ offsets![$0] >= row.cells[$0].lines.count }) {
                index += 1; offsets = nil; rows.release(before: index)
            }
            newPage(); needHeader = true
        }
        return pieces
    }

    /// Draws `count[c]` lines of each cell from `from[c]` (all when nil) with the ruled grid.
    func draw(_ row: ResolvedRow, index: Int?, from: [Int], count: [Int]?, widths: [Double], x: Double, flow: PageFlow,
              quotable: Bool = true, fillToBottom: Bool = false, shade: Double? = nil) -> TablePiece {
        var ranges: [Range<Int>] = []
        let firstItem = flow.itemCount
        let top = flow.y
        var contentHeight = 0.0
        var cellX = x
        let cellWidths = row.widths
        for (c, cell) in row.cells.enumerated() {
            let end = min(count.map { from[c] + $0[c] } ?? cell.lines.count, cell.lines.count)
            ranges.append(from[c]..<end)
            var lineTop = top + padY
            for l in from[c]..<min(end, cell.lines.count) {
                flow.placeLine(cell.lines[l], x: cellX + padX + cell.xOffsets[l], top: lineTop, quotable: quotable)
                lineTop += cell.lines[l].height
            }
            contentHeight = max(contentHeight, lineTop - top - padY)
            cellX += cellWidths[c]
        }
        var bottom = top + max(contentHeight, style.lineHeight) + 2 * padY
        if fillToBottom { bottom = max(bottom, flow.geometry.contentBottom) }
        let right = x + widths.reduce(0, +)
        if let shade { flow.insert(.box(Box(x: x, y: top, width: right - x, height: bottom - top, gray: shade)), at: firstItem) }
        flow.rule(x0: x, y0: top, x1: right, y1: top)
        flow.rule(x0: x, y0: bottom, x1: right, y1: bottom)
        var edge = x
        var edges = [x]
        flow.rule(x0: edge, y0: top, x1: edge, y1: bottom)
        for width in cellWidths {
            edge += width
            edges.append(edge)
            flow.rule(x0: edge, y0: top, x1: edge, y1: bottom)
        }
        flow.y = bottom
        return TablePiece(page: flow.pageIndex, row: index, isGroup: row.kind == .group, lines: ranges,
                          text: zip(row.cells, ranges).map { cell, range in cell.lines[range].map(\.text) },
                          top: top, bottom: bottom, edges: edges)
    }
}
