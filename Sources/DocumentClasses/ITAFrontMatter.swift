import ReportModel
import Typesetting

/// The cover and the preface (คำนำ) of the ITA report.
enum ITAFrontMatter {
    static func cover(_ cover: Cover, styles: ITAStyles, engine: FlowEngine) throws {
        let flow = engine.flow
        let g = flow.geometry
        let layout = styles.layout
        if let logo = cover.logoPath {
            let size = PageGeometry.points(mm: layout.logoSizeMM)
            try engine.place(
                .figure(
                    Figure(
                        path: logo, width: size, height: size, alt: cover.agencyName,
                        spaceAfter: layout.logoSpaceAfter)))
        } else {
            flow.y += g.contentHeight * layout.coverTitleTop
        }
        try engine.layout(cover.titleLines.map { styles.centered($0, style: styles.coverTitle) })
        flow.y = g.top + g.contentHeight * layout.coverAgencyTop
        var lines = [cover.agencyName]
        if let address = cover.address { lines.append(address) }
        try engine.layout(lines.map { styles.centered($0, style: styles.title) })
    }

    /// The heading, the paragraphs, and the signature block centred in the right half, kept on
    /// one page.
    static func preface(_ preface: Preface, styles: ITAStyles, engine: FlowEngine) throws {
        let layout = styles.layout
        let indent = PageGeometry.points(mm: styles.style.firstLineIndentMM)
        var blocks = [
            styles.centered(preface.heading, style: styles.title, role: .heading(level: 1)),
            .space(styles.lines(layout.titleSpaceAfter)),
        ]
        for paragraph in preface.paragraphs {
            blocks.append(
                .paragraph(
                    Paragraph(
                        paragraph, style: styles.body, indent: indent,
                        minLines: layout.minLinesAtBreak)))
        }
        if let signature = preface.signature {
            blocks.append(.space(styles.lines(layout.signatureSpaceBefore)))
            let width = engine.flow.geometry.contentWidth
            blocks.append(
                .together(
                    (signature.lines + [signature.dateText].compactMap { $0 }).map {
                        Paragraph(
                            $0, style: styles.body, alignment: .center, left: width * layout.signatureLeft,
                            width: width * layout.signatureWidth)
                    }))
        }
        try engine.layout(blocks)
    }
}
