import PageIR

/// Header rows whose cells span rows as well as columns (`ที่` beside two rows of headers): the
/// header is drawn as one grid, each cell in its own ruled box over the rows it covers, its
/// text centred in that box.
extension TablePaginator {
    /// Each row as tall as its one-row cells need; a cell over several rows that needs more
    /// than they give makes the last of them taller.
    func headerRowHeights(_ header: [TableResolver.ResolvedRow]) -> [Double] {
        func needed(_ cell: CellLines) -> Double {
            max(cell.height, style.header.lineHeight) + 2 * style.paddingY
        }
        var heights = header.map { row in
            row.cells.indices.filter { span(row, $0) == 1 }.map { needed(row.cells[$0]) }.max() ?? 0
        }
        for (r, row) in header.enumerated() {
            for c in row.cells.indices where span(row, c) > 1 {
                let last = min(r + span(row, c), header.count) - 1
                let given = heights[r...last].reduce(0, +)
                heights[last] += max(needed(row.cells[c]) - given, 0)
            }
        }
        return heights
    }

    func span(_ row: TableResolver.ResolvedRow, _ cell: Int) -> Int {
        cell < row.rowSpans.count ? row.rowSpans[cell] : 1
    }

    func drawSpanningHeader(_ header: [TableResolver.ResolvedRow], heights: [Double], repeated: Bool) {
        let firstItem = flow.itemCount
        let top = flow.y
        let offsets = [0.0] + heights.indices.map { heights[...$0].reduce(0, +) }
        let columnEdges = [0.0] + resolver.widths.indices.map { resolver.widths[...$0].reduce(0, +) }
        let width = style.ruleWidth
        for (r, row) in header.enumerated() {
            flow.begin(.headerRow(repeated: repeated))
            for (c, cell) in row.cells.enumerated() {
                let column = row.columns[c]
                let last = min(r + span(row, c), header.count)
                let boxTop = top + offsets[r]
                let boxBottom = top + offsets[last]
                let left = x + columnEdges[column]
                let right = left + row.widths[c]
                let next = c + 1 < row.columns.count ? row.columns[c + 1] : resolver.widths.count
                flow.begin(.cell(column: column, span: max(next - column, 1), rows: last - r))
                var lineTop = boxTop + max((boxBottom - boxTop - cell.height) / 2, style.paddingY)
                for line in cell.allLines {
                    flow.placeLine(line.line, x: left + style.paddingX + line.xOffset, top: lineTop, quotable: false)
                    lineTop += line.line.height
                }
                flow.end()
                flow.rule(x0: left, y0: boxTop, x1: right, y1: boxTop, width: width)
                flow.rule(x0: left, y0: boxBottom, x1: right, y1: boxBottom, width: width)
                flow.rule(x0: left, y0: boxTop, x1: left, y1: boxBottom, width: width)
                flow.rule(x0: right, y0: boxTop, x1: right, y1: boxBottom, width: width)
            }
            flow.end()
        }
        let bottom = top + offsets[header.count]
        if let shade = table.headerShade {
            flow.insert(
                .box(Box(x: x, y: top, width: columnEdges.last ?? 0, height: bottom - top, gray: shade)), at: firstItem)
        }
        flow.y = bottom
    }
}
