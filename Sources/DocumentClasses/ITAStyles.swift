import PageIR
import ReportModel
import Typesetting

/// The text and table styles of the ITA report, in real points of the bundled font, and the
/// page geometry, all from the report's `Style`.
struct ITAStyles {
    let body, bold, title, coverTitle: TextStyle
    let table: TableStyle
    let geometry: PageGeometry
    let layout: Style.Layout
    let style: Style

    init(_ style: Style) {
        self.style = style
        let family = style.fontFamily
        let text = style.leading(style.lineSpacing)
        let cells = style.leading(style.tableLineSpacing)
        body = TextStyle(family: family, size: style.fontPoints(style.bodySize), leading: text)
        bold = TextStyle(family: family, bold: true, size: style.fontPoints(style.headingSize), leading: text)
        title = TextStyle(family: family, bold: true, size: style.fontPoints(style.titleSize), leading: text)
        coverTitle = TextStyle(family: family, bold: true, size: style.fontPoints(style.coverTitleSize), leading: text)
        layout = style.layout
        let headerSize = layout.tableHeaderSize > 0 ? layout.tableHeaderSize : style.tableSize
        let headerSpacing = layout.tableHeaderLineSpacing > 0 ? layout.tableHeaderLineSpacing : style.tableLineSpacing
        table = TableStyle(
            cell: TextStyle(family: family, size: style.fontPoints(style.tableSize), leading: cells),
            header: TextStyle(
                family: family, bold: true, size: style.fontPoints(headerSize), leading: style.leading(headerSpacing)),
            paddingX: layout.cellPaddingX, paddingY: layout.cellPaddingY, ruleWidth: layout.ruleWidth,
            spaceBefore: layout.tableSpaceBefore, spaceAfter: layout.tableSpaceAfter,
            minLinesAtSplit: layout.minLinesAtBreak, keepLines: layout.tableKeepLines)
        let pt = PageGeometry.points(mm:)
        geometry = PageGeometry(
            width: pt(style.pageWidthMM), height: pt(style.pageHeightMM),
            left: pt(style.marginLeftMM), right: pt(style.marginRightMM),
            top: pt(style.marginTopMM), bottom: pt(style.marginBottomMM))
    }

    /// `lines` of body text pitch, in points.
    func lines(_ lines: Double) -> Double { body.lineHeight * lines }

    /// A line of text centred in the text width.
    func centered(_ text: String, style: TextStyle, role: Structure.Role = .paragraph) -> FlowBlock {
        .paragraph(Paragraph(text, style: style, alignment: .center, minLines: layout.minLinesAtBreak, role: role))
    }

    /// A list item: its text in a column that starts one paragraph indent in, its mark hanging
    /// to the left of it.
    func listItem(_ item: ListItem, indent: Double) -> Paragraph {
        Paragraph(
            item.text, style: body, alignment: .left, left: indent, minLines: layout.minLinesAtBreak,
            label: item.mark)
    }

    /// A picture at its width (no wider than the text), its height in its proportions, with
    /// its caption centred below.
    func figure(_ image: ReportModel.Image) -> [FlowBlock] {
        let width = min(PageGeometry.points(mm: image.widthMM), geometry.contentWidth)
        let height = width * Double(image.pixelHeight) / Double(max(image.pixelWidth, 1))
        var blocks: [FlowBlock] = [
            .figure(
                Figure(
                    path: image.path, width: width, height: height, alt: image.alt,
                    spaceAfter: image.caption == nil ? lines(1) : lines(0.25), keepWithNext: image.caption != nil))
        ]
        if let caption = image.caption { blocks += [centered(caption, style: body), .space(lines(0.5))] }
        return blocks
    }
}
