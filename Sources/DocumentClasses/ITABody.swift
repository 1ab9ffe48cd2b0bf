import ReportModel
import Typesetting

/// The body of the ITA report as flow blocks: the title, then every section with its heading
/// (anchored by the section's id, for the contents and bookmarks) and its blocks.
enum ITABody {
    static func blocks(_ report: Report, styles: ITAStyles) -> [FlowBlock] {
        var blocks = report.bodyTitleLines.map { styles.centered($0, style: styles.title) }
        if !blocks.isEmpty { blocks.append(.space(styles.lines(styles.layout.titleSpaceAfter))) }
        let indent = PageGeometry.points(mm: report.style.firstLineIndentMM)
        func add(_ section: Section) {
            blocks.append(
                .heading(
                    Heading(
                        section.headingText, style: styles.bold, level: section.level,
                        spaceBefore: styles.lines(styles.layout.sectionSpaceBefore),
                        anchor: section.id)))
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    blocks.append(
                        .paragraph(
                            Paragraph(
                                text, style: styles.body, indent: indent,
                                minLines: styles.layout.minLinesAtBreak)))
                case .heading(let text):
                    blocks.append(
                        .heading(
                            Heading(
                                text, style: styles.bold, level: section.level + 1,
                                spaceBefore: styles.lines(styles.layout.subheadingSpaceBefore))))
                case .table(let table):
                    blocks.append(.table(table, styles.table))
                case .list(let items):
                    blocks.append(.list(items.map { styles.listItem($0, indent: indent) }))
                case .note(let label, let text):
                    blocks.append(
                        .paragraph(
                            Paragraph(
                                "\(label) \(text)", style: styles.body, minLines: styles.layout.minLinesAtBreak)))
                case .image(let image):
                    blocks += styles.figure(image)
                }
            }
            section.subsections.forEach(add)
        }
        report.sections.forEach(add)
        return blocks
    }
}
