import PageIR

/// Lays blocks out down the pages of a `PageFlow`: paragraphs without widows or orphans,
/// headings kept with the start of the next block, tables paginated, figures centred.
public final class FlowEngine {
    public let shaper: Shaper
    public let flow: PageFlow
    /// Anchored headings in the order they were placed.
    public private(set) var anchors: [Anchor] = []

    public init(shaper: Shaper, flow: PageFlow) {
        self.shaper = shaper
        self.flow = flow
    }

    /// Lays out `blocks` in order; each heading looks at the blocks after it.
    public func layout(_ blocks: [FlowBlock]) throws {
        for index in blocks.indices { try place(blocks[index], before: blocks[(index + 1)...]) }
    }

    /// Places one block; a heading stays with the start of `following`.
    public func place(_ block: FlowBlock, before following: ArraySlice<FlowBlock> = []) throws {
        switch block {
        case .paragraph(let paragraph): try place(paragraph)
        case .heading(let heading): try place(heading, before: following)
        case .table(let table, let style):
            flow.y += style.spaceBefore
            try TablePaginator(shaper: shaper, style: style, table: table, flow: flow).paginate()
            flow.y += style.spaceAfter
        case .figure(let figure):
            let g = flow.geometry
            let needed = figure.height + (figure.keepWithNext ? figure.spaceAfter + minimumStart(following) : 0)
            if flow.remaining < needed, !flow.atPageTop { try flow.newPage() }
            flow.begin(.figure(alt: figure.alt))
            flow.add(
                .image(
                    Image(
                        path: figure.path, x: g.left + (g.contentWidth - figure.width) / 2, y: flow.y,
                        width: figure.width, height: figure.height)))
            flow.end()
            flow.y += figure.height + figure.spaceAfter
        case .space(let height):
            flow.y += height
        case .together(let paragraphs):
            let shaped = paragraphs.map { ($0, lines(of: $0)) }
            if flow.remaining < shaped.reduce(0, { $0 + height($1.1) }) { try flow.newPage() }
            for (paragraph, lines) in shaped {
                flow.begin(paragraph.role)
                for line in lines { flow.place(line, x: x(of: line, in: paragraph)) }
                flow.end()
            }
        case .list(let items):
            flow.begin(.list)
            for item in items { try place(item) }
            flow.end()
        }
    }

    /// The height the start of `blocks` needs at the foot of a page to stay with a heading
    /// above it. A heading needs room for itself and for the start of what follows it, so a
    /// run of headings moves to the next page together with the first lines after it.
    func minimumStart(_ blocks: ArraySlice<FlowBlock>) -> Double {
        switch blocks.first {
        case nil, .space: return 0
        case .paragraph(let paragraph):
            // The lines that must stand together at the foot of a page for the paragraph to
            // start there: `minLines`, or all of a paragraph too short to leave `minLines` on
            // each side of a break.
            let count = lines(of: paragraph).count
            let needed = count < 2 * paragraph.minLines ? count : paragraph.minLines
            return paragraph.style.lineHeight * Double(needed)
        case .heading(let heading):
            let lines = shaper.shape(heading.text, style: heading.style, width: flow.geometry.contentWidth)
            return heading.spaceBefore + height(lines) + minimumStart(blocks.dropFirst())
        case .table(_, let style): return style.cell.lineHeight * Double(style.keepLines)
        case .figure(let figure): return figure.height
        case .together(let paragraphs): return paragraphs.reduce(0) { $0 + height(lines(of: $1)) }
        case .list(let items): return items.first.map { minimumStart([.paragraph($0)]) } ?? 0
        }
    }

    func place(_ heading: Heading, before following: ArraySlice<FlowBlock>) throws {
        let lines = shaper.shape(heading.text, style: heading.style, width: flow.geometry.contentWidth)
        let keep = height(lines) + heading.spaceBefore + minimumStart(following)
        if flow.remaining < keep, !flow.atPageTop { try flow.newPage() }
        flow.y += flow.atPageTop ? 0 : heading.spaceBefore
        if let id = heading.anchor {
            anchors.append(Anchor(id: id, page: flow.pageIndex, y: flow.y, atPageTop: flow.atPageTop))
        }
        flow.begin(.heading(level: heading.level))
        for line in lines { flow.place(line, x: flow.geometry.left) }
        flow.end()
    }

    func place(_ paragraph: Paragraph) throws {
        let lines = lines(of: paragraph)
        guard !lines.isEmpty else { return }
        let lineHeight = paragraph.style.lineHeight
        let keep = paragraph.minLines
        var begun = false
        var index = 0
        while index < lines.count {
            let left = lines.count - index
            var fit = Int((flow.remaining + 0.01) / lineHeight)
            if fit >= left {
                fit = left
            } else {
                if left - fit < keep { fit = left - keep }  // keep lines for the next page
                if fit < keep { fit = flow.atPageTop ? max(1, min(left, Int(flow.remaining / lineHeight))) : 0 }
            }
            // The paragraph begins where its first line lands.
            if fit > 0, !begun {
                begun = true
                if let label = paragraph.label {
                    beginItem(label, of: paragraph, firstLine: lines[0])
                } else {
                    flow.begin(paragraph.role)
                }
            }
            for line in lines[index..<(index + fit)] { flow.place(line, x: x(of: line, in: paragraph)) }
            index += fit
            if index < lines.count { try flow.newPage() }
        }
        if begun { flow.end() }
        if begun, paragraph.label != nil { flow.end() }
    }

    /// Begins a list item: its mark, right-aligned in the space left of the paragraph, then
    /// its body (ended by the caller, the item after it).
    func beginItem(_ label: String, of paragraph: Paragraph, firstLine: ShapedLine) {
        flow.begin(.listItem)
        if let mark = shaper.shape(label, style: paragraph.style, width: nil).first {
            flow.begin(.listLabel)
            let gap = paragraph.style.size / 3
            flow.placeLine(
                mark, x: flow.geometry.left + paragraph.left - gap - mark.width, top: flow.y, quotable: false)
            flow.end()
        }
        flow.begin(.listBody)
    }

    func lines(of paragraph: Paragraph) -> [ShapedLine] {
        let width = paragraph.width ?? flow.geometry.contentWidth - paragraph.left
        return shaper.shape(
            paragraph.text, style: paragraph.style, width: width, indent: paragraph.indent,
            alignment: paragraph.alignment == .justify ? .justify : .left)
    }

    func x(of line: ShapedLine, in paragraph: Paragraph) -> Double {
        let left = flow.geometry.left + paragraph.left
        let free = (paragraph.width ?? flow.geometry.contentWidth - paragraph.left) - line.width
        switch paragraph.alignment {
        case .left, .justify: return left
        case .center: return left + free / 2
        case .right: return left + free
        }
    }

    func height(_ lines: [ShapedLine]) -> Double { lines.reduce(0) { $0 + $1.height } }
}
