import PageIR
import ReportModel

/// The second step of table layout: places resolved rows page by page from the flow's cursor,
/// repeating the header rows on every page, splitting a row that does not fit at line
/// boundaries and resuming it exactly where the previous page stopped, and keeping group rows
/// with the row after them.
struct TablePaginator {
    let resolver: TableResolver
    let style: TableStyle
    let table: Table
    let flow: PageFlow

    init(shaper: Shaper, style: TableStyle, table: Table, flow: PageFlow) {
        resolver = TableResolver(shaper: shaper, style: style, table: table, total: flow.geometry.contentWidth)
        self.style = style
        self.table = table
        self.flow = flow
    }

    var x: Double { flow.geometry.left }

    /// Height of the rest of a row from the given line offsets, or a height above `cap` when
    /// it is taller than that. Callers only compare it with room on a page, so a row much
    /// longer than a page (one cell of megabytes of text, split over thousands of pages) is
    /// measured a page or so at a time, not from its current line to its end on every page.
    func height(_ row: TableResolver.ResolvedRow, from offsets: [Int], cap: Double = .infinity) -> Double {
        let content =
            row.cells.indices.map { c in Self.linesHeight(row.cells[c], from: offsets[c], cap: cap) }.max() ?? 0
        return max(content, style.cell.lineHeight) + 2 * style.paddingY
    }

    /// The heights of a cell's lines from `index` added up in order, stopping as soon as the sum
    /// is above `cap` (so a streamed cell makes only the lines up to there). Sums of positive
    /// numbers only grow, so every comparison with a number up to `cap` comes out as it would
    /// for the whole sum, and a sum that stays below `cap` is the whole sum to the last bit.
    static func linesHeight(_ cell: CellLines, from index: Int, cap: Double) -> Double {
        var sum = 0.0
        var index = index
        while let line = cell.line(index) {
            sum += line.line.height
            if sum > cap { break }
            index += 1
        }
        return sum
    }

    /// The least of a row that may start a page section: its first lines (two where it has
    /// them), and the group rows before it, which stay with it.
    func minimumStart(_ rows: ResolvedRows, _ index: Int, offsets: [Int]?, limit: Double) -> Double {
        var total = 0.0
        var index = index
        var from = offsets
        while index < rows.count, total <= limit {
            let row = rows[index]
            let start = from ?? Array(repeating: 0, count: row.cells.count)
            if row.kind == .group {
                total += height(row, from: start, cap: 2 * limit)
                index += 1
                from = nil
                continue
            }
            let content =
                row.cells.indices.map { c -> Double in
                    let cell = row.cells[c]
                    return (0..<cell.count(from: start[c], upTo: style.minLinesAtSplit)).reduce(0) {
                        $0 + cell.line(start[c] + $1)!.line.height
                    }
                }.max() ?? 0
            return total + max(content, style.cell.lineHeight) + 2 * style.paddingY
        }
        return total
    }

    func paginate() throws {
        let header = resolver.resolveHeader()
        let rows = ResolvedRows(count: table.rows.count) { resolver.resolve(table.rows[$0]) }
        let spanning = header.contains { !$0.rowSpans.isEmpty }
        let headerHeights =
            spanning
            ? headerRowHeights(header) : header.map { height($0, from: Array(repeating: 0, count: $0.cells.count)) }
        let headerHeight = headerHeights.reduce(0, +)
        let page = flow.geometry.contentHeight
        var headerPages = 0
        func placeHeader() {
            if spanning {
                drawSpanningHeader(header, heights: headerHeights, repeated: headerPages > 0)
            } else {
                for row in header {
                    flow.begin(.headerRow(repeated: headerPages > 0))
                    draw(
                        row, from: Array(repeating: 0, count: row.cells.count), count: nil, quotable: false,
                        shade: table.headerShade)
                    flow.end()
                }
            }
            headerPages += 1
        }
        flow.begin(.table)
        defer { flow.end() }
        if rows.count == 0 {
            // A table with no rows still shows what it would hold.
            if flow.remaining < headerHeight, !flow.atPageTop { try flow.newPage() }
            placeHeader()
        }
        var index = 0
        var offsets: [Int]? = nil
        var rowID: Int? = nil
        // The lists open in the cells of a row split over pages, continued on the next page.
        var openLists: [Int: OpenList] = [:]
        var needHeader = true
        var rowsOnPage = 0
        while index < rows.count {
            if needHeader {
                if flow.remaining < headerHeight + minimumStart(rows, index, offsets: offsets, limit: page),
                    !flow.atPageTop
                {
                    try flow.newPage()
                }
                placeHeader()
                needHeader = false
                rowsOnPage = 0
            }
            let row = rows[index]
            let from = offsets ?? Array(repeating: 0, count: row.cells.count)
            let whole = height(row, from: from, cap: 2 * page)
            if row.kind == .group, whole + minimumStart(rows, index + 1, offsets: nil, limit: page) > flow.remaining,
                rowsOnPage > 0
            {
                // A group row stays with the start of the row after it.
                try flow.newPage()
                needHeader = true
                continue
            }
            let role = Structure.Role.row(index: index, isGroup: row.kind == .group)
            if whole <= flow.remaining {
                flow.begin(role, continuing: rowID)
                var lists = openLists
                draw(row, from: from, count: nil, lists: &lists)
                openLists = [:]
                flow.end()
                index += 1
                offsets = nil
                rowID = nil
                rowsOnPage += 1
                rows.release(before: index)
                continue
            }
            // Split the row at line boundaries.
            var counts = splitCounts(row, from: from, rowsOnPage: rowsOnPage)
            if counts.allSatisfy({ $0 == 0 }) {
                if rowsOnPage > 0 {
                    try flow.newPage()
                    needHeader = true
                    continue
                }
                // Only the header is above: place at least a line of each cell so layout moves on.
                counts = row.cells.indices.map { c in row.cells[c].has(from[c]) ? 1 : 0 }
            }
            rowID = flow.begin(role, continuing: rowID)
            draw(row, from: from, count: counts, lists: &openLists, fillToBottom: true)
            flow.end()
            let next = zip(from, counts).map { $0 + $1 }
            offsets = next
            // The lines on this page are drawn: a long cell lets them go.
            for c in row.cells.indices { row.cells[c].release(before: next[c]) }
            if row.cells.indices.allSatisfy({ !row.cells[$0].has(next[$0]) }) {
                index += 1
                offsets = nil
                rowID = nil
                openLists = [:]
                rows.release(before: index)
            }
            try flow.newPage()
            needHeader = true
        }
    }

    /// How many lines of each cell go on this page when a row is split here. A part of a row
    /// carries at least `minLinesAtSplit` lines of its tallest cell (all of them where it has
    /// fewer), or nothing: a row never starts at a page foot with only its short cells (a
    /// code and ✓ marks) while all its text waits on the next page.
    func splitCounts(_ row: TableResolver.ResolvedRow, from: [Int], rowsOnPage: Int) -> [Int] {
        let counts = cellSplitCounts(row, from: from, rowsOnPage: rowsOnPage)
        guard rowsOnPage > 0 else { return counts }
        // Which cell is tallest, each measured up to two pages. Where two or more cells go on
        // past that, each of them counts as the tallest: measuring them to their ends would
        // take time and memory in their length on every page (cells of megabytes).
        let cap = 2 * flow.geometry.contentHeight
        let remaining = row.cells.indices.map { c in Self.linesHeight(row.cells[c], from: from[c], cap: cap) }
        let long = remaining.indices.filter { remaining[$0] > cap }
        let tallest =
            long.count > 1 ? long : remaining.indices.max(by: { remaining[$0] < remaining[$1] }).map { [$0] } ?? []
        for c in tallest where counts[c] < row.cells[c].count(from: from[c], upTo: style.minLinesAtSplit) {
            return counts.map { _ in 0 }
        }
        return counts
    }

    /// How many lines of each cell fit on this page, each cell kept apart from the others.
    func cellSplitCounts(_ row: TableResolver.ResolvedRow, from: [Int], rowsOnPage: Int) -> [Int] {
        let available = flow.remaining - 2 * style.paddingY
        let keep = style.minLinesAtSplit
        return row.cells.indices.map { c -> Int in
            let cell = row.cells[c]
            var used = 0.0
            var count = 0
            while let line = cell.line(from[c] + count) {
                if used + line.line.height > available + 0.01 { break }
                used += line.line.height
                count += 1
            }
            // The lines left from here, counted exactly where fewer than `count + keep` (enough
            // for the tests below, and a streamed cell makes no more than that).
            let left = cell.count(from: from[c], upTo: count + max(keep, 1))
            if count < left, left - count < keep, count > keep { count = left - keep }
            if count < keep, count < left, rowsOnPage > 0 { count = 0 }
            return count
        }
    }

    /// Draws `count[c]` lines of each cell from `from[c]` (all when nil) with the ruled grid.
    func draw(
        _ row: TableResolver.ResolvedRow, from: [Int], count: [Int]?, quotable: Bool = true,
        fillToBottom: Bool = false, shade: Double? = nil
    ) {
        var lists: [Int: OpenList] = [:]
        draw(row, from: from, count: count, lists: &lists, quotable: quotable, fillToBottom: fillToBottom, shade: shade)
    }

    /// Draws `count[c]` lines of each cell from `from[c]` (all when nil) with the ruled grid.
    /// `lists` holds the lists left open in each cell by the row's part on the page before, and
    /// gets those this part leaves open.
    func draw(
        _ row: TableResolver.ResolvedRow, from: [Int], count: [Int]?, lists: inout [Int: OpenList],
        quotable: Bool = true, fillToBottom: Bool = false, shade: Double? = nil
    ) {
        let firstItem = flow.itemCount
        let top = flow.y
        var contentHeight = 0.0
        var cellX = x
        for (c, cell) in row.cells.enumerated() {
            let limit = count.map { from[c] + $0[c] } ?? Int.max
            var lineTop = top + style.paddingY
            let next = c + 1 < row.columns.count ? row.columns[c + 1] : resolver.widths.count
            flow.begin(.cell(column: row.columns[c], span: max(next - row.columns[c], 1)))
            var marker = ListMarker(flow: flow, open: lists[c])
            var l = from[c]
            while l < limit, let line = cell.line(l) {
                let x = cellX + style.paddingX + line.xOffset
                marker.place(line.line, of: line.listLine, x: x, top: lineTop, quotable: quotable)
                lineTop += line.line.height
                l += 1
            }
            lists[c] = cell.has(l) ? marker.open : nil
            marker.endPage()
            flow.end()
            contentHeight = max(contentHeight, lineTop - top - style.paddingY)
            cellX += row.widths[c]
        }
        var bottom = top + max(contentHeight, style.cell.lineHeight) + 2 * style.paddingY
        if fillToBottom { bottom = max(bottom, flow.geometry.contentBottom) }
        let right = x + resolver.widths.reduce(0, +)
        if let shade {
            flow.insert(.box(Box(x: x, y: top, width: right - x, height: bottom - top, gray: shade)), at: firstItem)
        }
        let width = style.ruleWidth
        flow.rule(x0: x, y0: top, x1: right, y1: top, width: width)
        flow.rule(x0: x, y0: bottom, x1: right, y1: bottom, width: width)
        var edge = x
        flow.rule(x0: edge, y0: top, x1: edge, y1: bottom, width: width)
        for cellWidth in row.widths {
            edge += cellWidth
            flow.rule(x0: edge, y0: top, x1: edge, y1: bottom, width: width)
        }
        flow.y = bottom
    }
}

/// A bulleted list being drawn in a cell: which list and item, and the ids of its structures.
struct OpenList {
    var list: Int
    var item: Int
    var listID: Int
    var itemID: Int
    var bodyID: Int
}

/// Marks the lines of a cell's lists as list, item, label and body while they are placed; a list
/// cut by a page break is ended on its page and continued, with the same ids, on the next.
struct ListMarker {
    let flow: PageFlow
    private(set) var open: OpenList?
    /// How many of list, item and body are begun on this page.
    private var depth = 0

    init(flow: PageFlow, open: OpenList?) {
        self.flow = flow
        self.open = open
    }

    mutating func place(
        _ line: ShapedLine, of listLine: TableResolver.ListLine?, x: Double, top: Double, quotable: Bool
    ) {
        guard let listLine else {
            endPage()
            open = nil
            flow.placeLine(line, x: x, top: top, quotable: quotable)
            return
        }
        if let current = open, current.list != listLine.list {
            endPage()
            open = nil
        }
        if open == nil {
            let id = flow.begin(.list)
            open = OpenList(list: listLine.list, item: -1, listID: id, itemID: 0, bodyID: 0)
            depth = 1
        } else if depth == 0 {
            flow.begin(.list, continuing: open?.listID)
            depth = 1
        }
        if open?.item != listLine.item {
            while depth > 1 {
                flow.end()
                depth -= 1
            }
            open?.itemID = flow.begin(.listItem)
            open?.item = listLine.item
            depth = 2
        } else if depth == 1 {
            flow.begin(.listItem, continuing: open?.itemID)
            depth = 2
        }
        if listLine.labelRuns > 0 {
            // The bullet is the item's label; the rest of the line begins its body. A
            // continuation cue quotes the body, not the bullet.
            var label = line
            label.runs = Array(line.runs.prefix(listLine.labelRuns))
            var body = line
            body.runs = Array(line.runs.dropFirst(listLine.labelRuns))
            if depth == 3 {
                flow.end()
                depth = 2
            }
            flow.begin(.listLabel)
            flow.placeLine(label, x: x, top: top, quotable: false)
            flow.end()
            open?.bodyID = flow.begin(.listBody)
            depth = 3
            flow.placeLine(body, x: x, top: top, quotable: quotable)
            return
        }
        if depth == 2 {
            flow.begin(.listBody, continuing: open?.bodyID)
            depth = 3
        }
        flow.placeLine(line, x: x, top: top, quotable: quotable)
    }

    /// Ends what is begun on this page (the cell ends here, or the page does).
    mutating func endPage() {
        while depth > 0 {
            flow.end()
            depth -= 1
        }
    }
}
