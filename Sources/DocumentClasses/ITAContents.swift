import PageIR
import ReportModel
import ThaiText
import Typesetting

/// The contents page (สารบัญ): each section with its page or page range (`๒ - ๓`) flush right
/// behind dot leaders, linked to where its heading landed. A section without text of its own
/// (only subsections) shows no number, as the official form does.
struct ITAContents {
    let report: Report
    let page: ContentsPage
    let styles: ITAStyles
    let shaper: Shaper
    /// Where each section's heading landed in the body, by section id (body page indices).
    let places: [String: Anchor]
    let bodyPageCount: Int

    func layout(_ engine: FlowEngine) throws {
        let flow = engine.flow
        let g = flow.geometry
        let layout = styles.layout
        try engine.layout([
            styles.centered(page.heading, style: styles.title, role: .heading(level: 1)),
            .space(styles.lines(layout.contentsHeadingSpaceAfter)),
        ])
        if let label = shaper.shape(page.pageLabel, style: styles.bold, width: nil).first {
            flow.begin(.artifact)
            flow.place(label, x: g.left + g.contentWidth - label.width)
            flow.end()
        }
        let numberTexts = pageRanges().mapValues { range in
            range.0 == range.1
                ? report.digits.format(range.0 + 1)
                : "\(report.digits.format(range.0 + 1)) - \(report.digits.format(range.1 + 1))"
        }
        // Titles wrap before the widest page number printed, and a little room for leaders.
        let numberColumn =
            (numberTexts.values.map { shaper.width(of: $0, style: styles.body) }.max() ?? 0)
            + layout.contentsLeaderRoom
        for section in report.allSections {
            let indent = Double(section.level - 1) * PageGeometry.points(mm: layout.contentsIndentMM)
            let width = g.contentWidth - numberColumn - indent
            var lines = shaper.shape(section.contentsText, style: styles.body, width: width)
            // An entry that wraps hangs its title lines under the title, clear of the number.
            var hang = 0.0
            var label: ShapedLine?
            if lines.count > 1, !section.label.isEmpty,
                let shapedLabel = shaper.shape(section.label, style: styles.body, width: nil).first,
                shapedLabel.width < width / 3
            {
                label = shapedLabel
                // The label, then a word space, as in the one-line entries.
                hang =
                    shapedLabel.width + shaper.width(of: "ก ก", style: styles.body)
                    - shaper.width(of: "กก", style: styles.body)
                lines = shaper.shape(section.contentsTitle, style: styles.body, width: width - hang)
            }
            if flow.remaining < lines.reduce(0, { $0 + $1.height }) { try flow.newPage() }
            flow.begin(.contentsEntry)
            defer { flow.end() }
            let top = flow.y
            if let label { flow.placeLine(label, x: g.left + indent, top: top) }
            for line in lines { flow.place(line, x: g.left + indent + hang) }
            if let place = places[section.id] {
                flow.add(
                    .link(
                        Link(
                            x: g.left, y: top, width: g.contentWidth, height: flow.y - top,
                            targetPage: place.page, targetY: place.y)))
            }
            guard let numberText = numberTexts[section.id], let last = lines.last,
                let number = shaper.shape(numberText, style: styles.body, width: nil).first
            else { continue }
            let lineTop = flow.y - last.height
            flow.placeLine(number, x: g.left + g.contentWidth - number.width, top: lineTop)
            leaders(
                from: g.left + indent + hang + last.width + layout.leaderGap,
                to: g.left + g.contentWidth - number.width - layout.leaderGap, top: lineTop, flow: flow)
        }
        if let closing = page.closingLine {
            flow.y += styles.lines(layout.contentsClosingSpaceBefore)
            if flow.remaining < styles.body.lineHeight { try flow.newPage() }
            try engine.layout([styles.centered(closing, style: styles.bold)])
        }
    }

    /// Dots at a fixed pitch across the page (so leaders of all entries line up) between two x.
    func leaders(from start: Double, to end: Double, top: Double, flow: PageFlow) {
        guard let dot = shaper.shape(".", style: styles.body, width: nil).first else { return }
        let g = flow.geometry
        let pitch = max(dot.width * styles.layout.leaderPitch, 1)
        var leader = dot
        leader.runs = []
        var dx = (start / pitch).rounded(.up) * pitch
        while dx + dot.width <= end {
            for var run in dot.runs {
                run.x += dx - g.left
                leader.runs.append(run)
            }
            dx += pitch
        }
        guard !leader.runs.isEmpty else { return }
        flow.begin(.artifact)
        flow.placeLine(leader, x: g.left, top: top, quotable: false)
        flow.end()
    }

    /// First and last body page of each section that has text of its own.
    func pageRanges() -> [String: (Int, Int)] {
        let order = report.allSections
        var ranges: [String: (Int, Int)] = [:]
        for (index, section) in order.enumerated() {
            guard let start = places[section.id], !section.blocks.isEmpty else { continue }
            // The section ends where the next section at its level or above begins.
            var end = bodyPageCount - 1
            if let next = order[(index + 1)...].first(where: { $0.level <= section.level }),
                let nextPlace = places[next.id]
            {
                end = nextPlace.atPageTop ? nextPlace.page - 1 : nextPlace.page
            }
            ranges[section.id] = (start.page, max(end, start.page))
        }
        return ranges
    }
}
