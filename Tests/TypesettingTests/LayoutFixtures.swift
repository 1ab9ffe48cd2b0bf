import FontSystem
import Foundation
import PageIR
import ReportModel
import TestSupport
import Typesetting

/// Blocks laid out by the flow engine alone, on A4 pages with the sample's margins and sizes.
enum Fixtures {
    /// A font system of its own: Pango font maps must not be shared between threads.
    static func fonts() -> FontSystem { try! FontSystem(directory: Repo.fonts) }

    static let geometry = PageGeometry(
        width: 595.28, height: 841.89, left: 85.04, right: 56.69, top: 70.87, bottom: 56.69)
    static let body = TextStyle(family: "Sarabun", size: 11.2, leading: 1.5 / 0.7)
    static let bold = TextStyle(family: "Sarabun", bold: true, size: 11.2, leading: 1.5 / 0.7)
    static let tableStyle = TableStyle(
        cell: TextStyle(family: "Sarabun", size: 9.8, leading: 1.3 / 0.7),
        header: TextStyle(family: "Sarabun", bold: true, size: 9.8, leading: 1.3 / 0.7),
        paddingX: 3, paddingY: 2, ruleWidth: 0.5, spaceBefore: 4, spaceAfter: 6, minLinesAtSplit: 2, keepLines: 5)

    /// The pages the flow engine makes of `blocks`, and its anchors.
    static func layOut(_ blocks: [FlowBlock]) throws -> (pages: [Page], anchors: [Anchor]) {
        var pages: [Page] = []
        let engine = FlowEngine(
            shaper: Shaper(fonts: fonts()),
            flow: PageFlow(geometry: geometry, label: "") {
                pages.append($0)
            })
        try engine.layout(blocks)
        try engine.flow.close()
        return (pages, engine.anchors)
    }

    static func paragraph(_ text: String) -> FlowBlock { .paragraph(Paragraph(text, style: body, indent: 70.87)) }
    static func heading(_ text: String, level: Int = 1, anchor: String? = nil) -> FlowBlock {
        .heading(Heading(text, style: bold, level: level, spaceBefore: 9.6, anchor: anchor))
    }

    static let measureColumns = ModelFixtures.measureColumns

    static func table(_ rows: [Row]) -> Table {
        Table(
            kind: .measures, columns: measureColumns,
            headerRows: [measureColumns.map { .text($0.header) }], rows: rows)
    }

    static let sentence = ModelFixtures.sentence
}
