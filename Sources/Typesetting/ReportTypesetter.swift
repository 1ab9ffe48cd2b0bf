import FontSystem
import PageIR
import ReportModel
import ThaiText

/// Lays a `Report` out on pages: cover, preface, contents (from the real layout), then the
/// numbered body. Page numbers and continuation cues are added after the body is laid out.
public final class ReportTypesetter {
    let shaper: Shaper

    public init(fonts: FontSystem) { shaper = Shaper(fonts: fonts) }

    /// Where each section heading landed, as a body page index and y.
    public struct HeadingPlace: Sendable, Equatable {
        public let sectionID: String
        public let bodyPage: Int
        public let y: Double
        public let atPageTop: Bool
    }

    struct Styles {
        let body, bold, title, coverTitle, table, tableBold: TextStyle
        init(_ style: Style) {
            let family = style.fontFamily
            let text = style.leading(style.lineSpacing), cells = style.leading(style.tableLineSpacing)
            body = TextStyle(family: family, size: style.fontPoints(style.bodySize), leading: text)
            bold = TextStyle(family: family, bold: true, size: style.fontPoints(style.headingSize), leading: text)
            title = TextStyle(family: family, bold: true, size: style.fontPoints(style.titleSize), leading: text)
            coverTitle = TextStyle(family: family, bold: true, size: style.fontPoints(style.coverTitleSize), leading: text)
            table = TextStyle(family: family, size: style.fontPoints(style.tableSize), leading: cells)
            tableBold = TextStyle(family: family, bold: true, size: style.fontPoints(style.tableSize), leading: cells)
        }
    }

    /// What layout decided, for tests and tools: where headings and table pieces landed.
    public struct Details: Sendable {
        /// Body page indices; add `bodyOffset` for the page index in the document.
        public var headings: [HeadingPlace] = []
        /// One list of pieces per table, in document order; pages are body page indices.
        public var tables: [[TablePiece]] = []
        public var bodyOffset = 0
        /// Body paragraphs in order: how many lines landed on which body page (kept only when
        /// details are collected).
        public var paragraphs: [[ParagraphPiece]] = []

        /// For every heading of the body, its page and the page of the first line after it.
        public var headingsAndNext: [(heading: Int, next: Int?)] = []

        /// Heading places by section id.
        public var placesByID: [String: HeadingPlace] {
            Dictionary(headings.map { ($0.sectionID, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public struct ParagraphPiece: Sendable, Equatable {
        public let page: Int
        public let lines: Int
    }

    /// What a typesetting run leaves besides its pages.
    public struct Summary: Sendable {
        public var outline: [OutlineEntry]
        public var metadata: DocumentMetadata
        public var details: Details
        /// Characters the bundled fonts lack (drawn as the font's "missing" box), in order.
        public var missingCharacters: [Unicode.Scalar]
    }

    /// The whole document in memory, for tests and tools that inspect layout.
    public func layout(_ report: Report) -> LaidOutDocument { layoutWithDetails(report).0 }

    public func layoutWithDetails(_ report: Report) -> (LaidOutDocument, Details) {
        var pages: [Page] = []
        var fonts: [String] = []
        let summary = typeset(report, collectDetails: true) { page, table in pages.append(page); fonts = table }
        return (LaidOutDocument(pages: pages, fonts: fonts, outline: summary.outline, metadata: summary.metadata), summary.details)
    }

    /// Lays the report out and hands each finished page to `output`, in order, with the font
    /// table so far (run font indices refer to it; it only grows). Memory does not grow with
    /// the page count: the body is laid out twice, once to learn where headings land (for the
    /// contents, which comes first) and once to hand its pages on as they are finished.
    /// `collectDetails` keeps table pieces and their text for tests. `preview`, if given, sees
    /// every page before `output` sees any: the body as first measured (without page numbers
    /// and cues), then the front matter, so an exporter can learn the document's text before
    /// it draws (the PDF writer makes its fonts once, see `PDFStream.preview`).
    public func typeset(_ report: Report, collectDetails: Bool = false, preview: ((Page, [String]) -> Void)? = nil,
                        output: (Page, [String]) -> Void) -> Summary {
        withoutActuallyEscaping(output) { output in
            withoutActuallyEscaping(preview ?? { _, _ in }) { preview in
                typeset(report, collectDetails: collectDetails, preview: preview, to: output)
            }
        }
    }

    private func typeset(_ report: Report, collectDetails: Bool, preview: @escaping (Page, [String]) -> Void,
                         to output: @escaping (Page, [String]) -> Void) -> Summary {
        shaper.clearCache()
        let style = report.style
        let pt = PageGeometry.points(mm:)
        let geometry = PageGeometry(width: pt(style.pageWidthMM), height: pt(style.pageHeightMM),
                                    left: pt(style.marginLeftMM), right: pt(style.marginRightMM),
                                    top: pt(style.marginTopMM), bottom: pt(style.marginBottomMM))
        let styles = Styles(style)

        // 1. Measure the body: where the headings land, how many pages.
        var details = Details()
        let measuring = PageFlow(geometry: geometry, label: "", output: { preview($0, self.shaper.fontTable) })
        layoutBody(report, flow: measuring, styles: styles, details: &details, collectTables: collectDetails)
        measuring.close()
        let bodyCount = measuring.pageCount
        let headings = details.headings

        // 2. Front matter: cover, preface, then contents made from where the headings landed.
        var front: [Page] = []
        let frontFlow = PageFlow(geometry: geometry, label: "ปก", output: { front.append($0) })
        layoutCover(report, flow: frontFlow, styles: styles)
        frontFlow.newPage(label: "คำนำ")
        layoutPreface(report, flow: frontFlow, styles: styles)
        frontFlow.close()
        var contents: [Page] = []
        let contentsFlow = PageFlow(geometry: geometry, label: "สารบัญ", output: { contents.append($0) })
        let places = details.placesByID
        layoutContents(report, places: places, bodyPageCount: bodyCount, flow: contentsFlow, styles: styles)
        contentsFlow.close()
        let offset = front.count + contents.count
        details.bodyOffset = offset
        for page in front + contents { preview(page, shaper.fontTable) }
        for page in front { output(page, shaper.fontTable) }
        for var page in contents {
            page.items = page.items.map { item in
                guard case .link(var link) = item else { return item }
                link.targetPage += offset
                return .link(link)
            }
            output(page, shaper.fontTable)
        }

        // 3. The body again, numbered from ๑, each page handed on when finished.
        let numberFirst = style.numberFirstBodyPage
        let body = PageFlow(geometry: geometry, label: "", finisher: { page, index, next in
            page.label = ThaiDigits.format(index + 1)
            if index > 0 || numberFirst { self.addPageNumber(&page, index: index, geometry: geometry, styles: styles) }
            if let next { self.addContinuationCue(&page, quoting: next, geometry: geometry, styles: styles) }
        }, output: { output($0, self.shaper.fontTable) })
        var again = Details()
        layoutBody(report, flow: body, styles: styles, details: &again, collectTables: false)
        body.close()
        precondition(again.headings == headings, "the two passes over the body must agree")

        var outline = [OutlineEntry(title: report.preface.heading, level: 1, pageIndex: 1, y: geometry.top),
                       OutlineEntry(title: report.contents.heading, level: 1, pageIndex: front.count, y: geometry.top)]
        for section in report.allSections {
            guard let place = places[section.id] else { continue }
            outline.append(OutlineEntry(title: section.headingText, level: section.level,
                                        pageIndex: place.bodyPage + offset, y: place.y))
        }
        let missing = shaper.missing.sorted { $0.value < $1.value }
        shaper.clearCache()
        return Summary(outline: outline,
                       metadata: DocumentMetadata(title: report.metadata.title, author: report.metadata.author,
                                                  subject: report.metadata.subject, date: report.metadata.date),
                       details: details,
                       missingCharacters: missing)
    }

    // MARK: front matter

    func centered(_ text: String, style: TextStyle, flow: PageFlow) {
        for line in shaper.shape(text, style: style, width: flow.geometry.contentWidth) {
            flow.place(line, x: flow.geometry.left + (flow.geometry.contentWidth - line.width) / 2)
        }
    }

    func layoutCover(_ report: Report, flow: PageFlow, styles: Styles) {
        let g = flow.geometry
        if let logo = report.cover.logoPath {
            let size = PageGeometry.points(mm: 35)
            flow.add(.image(Image(path: logo, x: g.left + (g.contentWidth - size) / 2, y: flow.y, width: size, height: size)))
            flow.y += size + 12
        } else {
            flow.y += g.contentHeight * 0.18
        }
        for line in report.cover.titleLines { centered(line, style: styles.coverTitle, flow: flow) }
        flow.y = g.top + g.contentHeight * 0.62
        centered(report.cover.agencyName, style: styles.title, flow: flow)
        if let address = report.cover.address { centered(address, style: styles.title, flow: flow) }
    }

    func layoutPreface(_ report: Report, flow: PageFlow, styles: Styles) {
        let g = flow.geometry
        centered(report.preface.heading, style: styles.title, flow: flow)
        flow.y += styles.body.lineHeight * 0.5
        let indent = PageGeometry.points(mm: report.style.firstLineIndentMM)
        for paragraph in report.preface.paragraphs {
            placeParagraph(paragraph, style: styles.body, indent: indent, flow: flow, newPage: { flow.newPage(label: "คำนำ") })
        }
        flow.y += styles.body.lineHeight
        // Signature block: lines centred on the right half of the page.
        let blockLeft = g.left + g.contentWidth * 0.5
        let blockWidth = g.contentWidth * 0.5
        let lines = report.preface.signature.lines + [report.preface.signature.dateText]
        let shaped = lines.flatMap { shaper.shape($0, style: styles.body, width: blockWidth) }
        if flow.remaining < shaped.reduce(0, { $0 + $1.height }) { flow.newPage(label: "คำนำ") }
        for line in shaped { flow.place(line, x: blockLeft + (blockWidth - line.width) / 2) }
    }

    /// Contents entries with page numbers (or ranges `๒ - ๓`) right-aligned behind dot leaders;
    /// each entry links to its page. A section without text of its own (only subsections)
    /// shows no number, as the official form does.
    func layoutContents(_ report: Report, places: [String: HeadingPlace], bodyPageCount: Int, flow: PageFlow, styles: Styles) {
        let g = flow.geometry
        centered(report.contents.heading, style: styles.title, flow: flow)
        flow.y += styles.body.lineHeight * 0.3
        if let label = shaper.shape(report.contents.pageLabel, style: styles.bold, width: nil).first {
            flow.place(label, x: g.left + g.contentWidth - label.width)
        }
        let ranges = ReportTypesetter.pageRanges(report, places: places, bodyPageCount: bodyPageCount)
        let numberTexts = ranges.mapValues { range in
            range.0 == range.1 ? ThaiDigits.format(range.0 + 1) : "\(ThaiDigits.format(range.0 + 1)) - \(ThaiDigits.format(range.1 + 1))"
        }
        // Titles wrap before the widest page number printed, and a little room for leaders.
        let numberColumn = (numberTexts.values.map { shaper.width(of: $0, style: styles.body) }.max() ?? 0) + 16
        let dot = shaper.shape(".", style: styles.body, width: nil).first ?? ShapedLine(runs: [], width: 0, height: 0, baseline: 0)
        for section in report.allSections {
            let indent = Double(section.level - 1) * PageGeometry.points(mm: 8)
            let textWidth = g.contentWidth - numberColumn - indent
            let lines = shaper.shape(section.contentsText, style: styles.body, width: textWidth)
            if flow.remaining < lines.reduce(0, { $0 + $1.height }) { flow.newPage(label: "สารบัญ") }
            let top = flow.y
            for line in lines { flow.place(line, x: g.left + indent) }
            if let place = places[section.id] {
                flow.add(.link(Link(x: g.left, y: top, width: g.contentWidth, height: flow.y - top,
                                    targetPage: place.bodyPage, targetY: place.y)))
            }
            guard let numberText = numberTexts[section.id], let last = lines.last,
                  let number = shaper.shape(numberText, style: styles.body, width: nil).first else { continue }
            let lineTop = flow.y - last.height
            flow.placeLine(number, x: g.left + g.contentWidth - number.width, top: lineTop)
            // Dot leaders from the end of the title to the number.
            let start = g.left + indent + last.width + 4
            let end = g.left + g.contentWidth - number.width - 4
            let dotWidth = max(dot.width * 1.6, 1)
            var leader = dot
            leader.runs = []
            var dx = (start / dotWidth).rounded(.up) * dotWidth
            while dx + dot.width <= end {
                for var run in dot.runs { run.x += dx - g.left; leader.runs.append(run) }
                dx += dotWidth
            }
            if !leader.runs.isEmpty { flow.placeLine(leader, x: g.left, top: lineTop, quotable: false) }
        }
        if let closing = report.contents.closingLine {
            flow.y += styles.body.lineHeight
            if flow.remaining < styles.body.lineHeight { flow.newPage(label: "สารบัญ") }
            centered(closing, style: styles.bold, flow: flow)
        }
    }

    /// First and last body page of each section that has text of its own.
    static func pageRanges(_ report: Report, places: [String: HeadingPlace], bodyPageCount: Int) -> [String: (Int, Int)] {
        let order = report.allSections
        var ranges: [String: (Int, Int)] = [:]
        for (index, section) in order.enumerated() {
            guard let start = places[section.id], !section.blocks.isEmpty else { continue }
            // The section ends where the next section at its level or above begins.
            var end = bodyPageCount - 1
            if let next = order[(index + 1)...].first(where: { $0.level <= section.level }),
               let nextPlace = places[next.id] {
                end = nextPlace.atPageTop ? nextPlace.bodyPage - 1 : nextPlace.bodyPage
            }
            ranges[section.id] = (start.bodyPage, max(end, start.bodyPage))
        }
        return ranges
    }

    // MARK: body

    func layoutBody(_ report: Report, flow: PageFlow, styles: Styles, details: inout Details, collectTables: Bool) {
        // `collectTables` keeps table pieces and paragraph pieces (for tests and tools).
        for line in report.bodyTitleLines { centered(line, style: styles.title, flow: flow) }
        flow.y += styles.body.lineHeight * 0.5
        let indent = PageGeometry.points(mm: report.style.firstLineIndentMM)
        let newPage = { flow.newPage(label: "") }
        let table = TableLayout(shaper: shaper, style: styles.table, headerStyle: styles.tableBold, padX: 3, padY: 2)

        func layoutSection(_ section: Section) {
            let lines = shaper.shape(section.headingText, style: styles.bold, width: flow.geometry.contentWidth)
            let keep = lines.reduce(0) { $0 + $1.height } + styles.body.lineHeight * 0.4 + minimumStart(section.blocks.first ?? section.subsections.first.map { .heading($0.headingText) }, styles: styles, table: table, flow: flow)
            if flow.remaining < keep, !flow.atPageTop { newPage() }
            flow.y += flow.atPageTop ? 0 : styles.body.lineHeight * 0.4
            details.headings.append(HeadingPlace(sectionID: section.id, bodyPage: flow.pageIndex, y: flow.y, atPageTop: flow.atPageTop))
            for line in lines { flow.place(line, x: flow.geometry.left) }
            // Each heading and the page of the first line after it, for checking keep-with-next.
            var pendingHeading: Int? = flow.pageIndex
            flow.watchNextLine()
            for (i, block) in section.blocks.enumerated() {
                let next = i + 1 < section.blocks.count ? section.blocks[i + 1] : nil
                defer {
                    if let heading = pendingHeading, let page = flow.nextLinePage {
                        if collectTables { details.headingsAndNext.append((heading, page)) }
                        pendingHeading = nil
                    }
                }
                switch block {
                case .paragraph(let text):
                    let pieces = placeParagraph(text, style: styles.body, indent: indent, flow: flow, newPage: newPage)
                    if collectTables { details.paragraphs.append(pieces) }
                case .heading(let text):
                    let lines = shaper.shape(text, style: styles.bold, width: flow.geometry.contentWidth)
                    let keep = lines.reduce(0) { $0 + $1.height } + minimumStart(next, styles: styles, table: table, flow: flow)
                    if flow.remaining < keep + styles.body.lineHeight * 0.3, !flow.atPageTop { newPage() }
                    flow.y += flow.atPageTop ? 0 : styles.body.lineHeight * 0.3
                    for line in lines { flow.place(line, x: flow.geometry.left) }
                    if let heading = pendingHeading, let page = flow.nextLinePage, collectTables {
                        details.headingsAndNext.append((heading, page))
                    }
                    pendingHeading = flow.pageIndex
                    flow.watchNextLine()
                case .table(let model):
                    flow.y += 4
                    let pieces = table.paginate(model, flow: flow, x: flow.geometry.left, newPage: newPage, collect: collectTables)
                    if collectTables { details.tables.append(pieces) }
                    flow.y += 6
                }
            }
            for sub in section.subsections { layoutSection(sub) }
        }
        for s in report.sections { layoutSection(s) }
    }

    /// Height the start of a block needs to stay with a heading above it.
    func minimumStart(_ block: Block?, styles: Styles, table: TableLayout, flow: PageFlow) -> Double {
        switch block {
        case nil: return 0
        case .paragraph: return styles.body.lineHeight * 2
        case .heading: return styles.bold.lineHeight * 3
        case .table: return styles.table.lineHeight * 5
        }
    }

    /// A justified paragraph with first-line indent; no single line left at the bottom of a page
    /// (orphan) or carried alone to the next (widow).
    /// Returns how many lines landed on which page.
    @discardableResult
    func placeParagraph(_ text: String, style: TextStyle, indent: Double, flow: PageFlow, newPage: () -> Void) -> [ParagraphPiece] {
        let lines = shaper.shape(text, style: style, width: flow.geometry.contentWidth, indent: indent, alignment: .justify)
        var pieces: [ParagraphPiece] = []
        var index = 0
        while index < lines.count {
            let left = lines.count - index
            var fit = Int((flow.remaining + 0.01) / style.lineHeight)
            if fit >= left { fit = left }
            else {
                if left - fit < 2 { fit = left - 2 }       // keep two lines for the next page
                if fit < 2 { fit = flow.atPageTop ? max(1, min(left, Int(flow.remaining / style.lineHeight))) : 0 }
            }
            for line in lines[index..<(index + fit)] { flow.place(line, x: flow.geometry.left) }
            if fit > 0 { pieces.append(ParagraphPiece(page: flow.pageIndex, lines: fit)) }
            index += fit
            if index < lines.count { newPage() }
        }
        return pieces
    }

    // MARK: after layout

    /// `- ๒ -` centred in the top margin.
    func addPageNumber(_ page: inout Page, index: Int, geometry g: PageGeometry, styles: Styles) {
        guard let line = shaper.shape("- \(ThaiDigits.format(index + 1)) -", style: styles.body, width: nil).first else { return }
        let top = g.top / 2 - line.height / 2
        for var run in line.runs {
            run.x += g.left + (g.contentWidth - line.width) / 2
            run.y = top + line.baseline
            page.items.append(.text(run))
        }
    }

    /// `/` + the first words of the next page + `...`, bottom right.
    func addContinuationCue(_ page: inout Page, quoting next: String, geometry g: PageGeometry, styles: Styles) {
        // The first words: what fits on a short line, broken at a Thai word boundary.
        let words = shaper.shape(next, style: styles.body, width: g.contentWidth * 0.45).first?.text ?? next
        let cue = "/" + words.trimmingTrailingSpaces() + "..."
        guard let line = shaper.shape(cue, style: styles.body, width: nil).first else { return }
        let top = g.contentBottom + 2
        for var run in line.runs {
            run.x += g.left + g.contentWidth - line.width
            run.y = top + line.baseline
            page.items.append(.text(run))
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
