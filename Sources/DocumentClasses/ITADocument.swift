import FontSystem
import PageIR
import ReportModel
import ThaiBreaking
import Typesetting

/// The ITA measures-results report as a document class: turns the report model into flow
/// blocks and pages — cover, preface, contents made from where the headings really land, then
/// the numbered body with page numbers and continuation cues — and hands them to a page sink.
public final class ITADocument {
    let shaper: Shaper
    /// Continuation cues kept from one report to the next.
    let cues = CueMemo()
    /// The weight (glyphs, page items, 50 a page) of a body whose measured pages are kept and
    /// handed on, not laid out again (`MeasuredBody`); 0 lays every body out twice.
    var measuredBodyBudget = 100_000
    /// Whether the last report's numbered body came from its measured pages (for tests).
    private(set) var reusedMeasuredBody = false

    public init(fonts: FontSystem) { shaper = Shaper(fonts: fonts) }

    /// The break opportunities found in the texts of the report last laid out (those in one
    /// font that were broken into lines, not taken from the shaper's cache).
    public var foundBreaks: BreakOpportunityMemo { shaper.foundBreaks }

    /// What a typesetting run leaves besides its pages.
    public struct Result: Sendable {
        /// Characters the bundled fonts lack (drawn as the font's "missing" box), in order.
        public var missingCharacters: [Unicode.Scalar]
    }

    /// Lays the report out into `sink`. Memory does not grow with the page count: the body is
    /// measured first, to learn where headings land (for the contents, which comes first; the
    /// sink previews these pages), then handed on: the measured pages, numbered, where they fit
    /// in `measuredBodyBudget`, else laid out again and handed on as each is finished.
    public func typeset(_ report: Report, to sink: PageSink) throws -> Result {
        shaper.breaker = ThaiBreaker(lexicon: ThaiLexicon(report.lexicon))
        shaper.hyphenate = report.style.layout.hyphenateSyllables
        shaper.beginReport()
        cues.beginReport(breaker: shaper.breaker, hyphenate: shaper.hyphenate)
        let styles = ITAStyles(report.style)
        let geometry = styles.geometry
        let shaper = self.shaper
        let body = ITABody.blocks(report, styles: styles)

        // 1. Measure the body: where the headings land, how many pages.
        let measured = MeasuredBody(budget: measuredBodyBudget)
        let measuring = FlowEngine(
            shaper: shaper,
            flow: PageFlow(
                geometry: geometry, label: "",
                outputWithFirstText: { page, firstText in
                    try sink.preview(page, fonts: shaper.fontTable)
                    measured.keep(page, firstText: firstText)
                }))
        try measuring.layout(body)
        try measuring.flow.close()
        let anchors = measuring.anchors
        let places = Dictionary(anchors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        // 2. Front matter: cover, preface, then contents made from where the headings landed,
        // each where the report has it.
        var front: [Page] = []
        var structureIDs = 1
        if report.cover != nil || report.preface != nil {
            let frontEngine = FlowEngine(
                shaper: shaper,
                flow: PageFlow(geometry: geometry, label: report.cover != nil ? "ปก" : "คำนำ") { front.append($0) })
            if let cover = report.cover { try ITAFrontMatter.cover(cover, styles: styles, engine: frontEngine) }
            if let preface = report.preface {
                if report.cover != nil { try frontEngine.flow.newPage(label: "คำนำ") }
                try ITAFrontMatter.preface(preface, styles: styles, engine: frontEngine)
            }
            try frontEngine.flow.close()
            structureIDs = frontEngine.flow.structureIDs
        }
        var contents: [Page] = []
        if let page = report.contents {
            let contentsFlow = PageFlow(geometry: geometry, label: "สารบัญ", firstStructureID: structureIDs) {
                contents.append($0)
            }
            try ITAContents(
                report: report, page: page, styles: styles, shaper: shaper, places: places,
                bodyPageCount: measuring.flow.pageCount
            ).layout(FlowEngine(shaper: shaper, flow: contentsFlow))
            try contentsFlow.close()
            structureIDs = contentsFlow.structureIDs
        }
        let offset = front.count + contents.count
        for page in front + contents { try sink.preview(page, fonts: shaper.fontTable) }
        for page in front { try sink.add(page, fonts: shaper.fontTable) }
        for page in contents { try sink.add(Self.offsettingLinks(page, by: offset), fonts: shaper.fontTable) }

        // 3. The body again, numbered from ๑, each page handed on when finished.
        let marginals = ITAMarginals(
            shaper: shaper, styles: styles, numberFirstPage: report.style.numberFirstBodyPage, digits: report.digits,
            cues: cues)
        reusedMeasuredBody = !measured.overflowed
        if reusedMeasuredBody {
            try measured.handOn { page, index, nextFirstText in
                var page = MeasuredBody.renumbered(page, from: structureIDs)
                marginals.finish(&page, index: index, nextFirstText: nextFirstText)
                try sink.add(page, fonts: shaper.fontTable)
            }
        } else {
            let numbered = FlowEngine(
                shaper: shaper,
                flow: PageFlow(
                    geometry: geometry, label: "", marginals: marginals, firstStructureID: structureIDs
                ) {
                    try sink.add($0, fonts: shaper.fontTable)
                })
            try numbered.layout(body)
            try numbered.flow.close()
            precondition(numbered.anchors == anchors, "the two passes over the body must agree")
        }

        var outline: [OutlineEntry] = []
        if let preface = report.preface {
            outline.append(
                OutlineEntry(
                    title: preface.heading, level: 1, pageIndex: report.cover != nil ? 1 : 0, y: geometry.top))
        }
        if let page = report.contents {
            outline.append(OutlineEntry(title: page.heading, level: 1, pageIndex: front.count, y: geometry.top))
        }
        for section in report.allSections {
            guard let place = places[section.id] else { continue }
            outline.append(
                OutlineEntry(
                    title: section.headingText, level: section.level,
                    pageIndex: place.page + offset, y: place.y))
        }
        let metadata = DocumentMetadata(
            title: report.metadata.title, author: report.metadata.author,
            subject: report.metadata.subject, date: report.metadata.date)
        try sink.finish(outline: outline, metadata: metadata)
        return Result(missingCharacters: shaper.missing.sorted { $0.value < $1.value })
    }

    /// The whole document in memory, for tests and tools that inspect layout.
    public func layout(_ report: Report) throws -> LaidOutDocument {
        let collector = PageCollector()
        _ = try typeset(report, to: collector)
        return collector.document!
    }

    /// Contents links point at body pages; in the document the body comes after `offset` pages.
    static func offsettingLinks(_ page: Page, by offset: Int) -> Page {
        var page = page
        page.items = page.items.map { item in
            guard case .link(var link) = item else { return item }
            link.targetPage += offset
            return .link(link)
        }
        return page
    }
}
