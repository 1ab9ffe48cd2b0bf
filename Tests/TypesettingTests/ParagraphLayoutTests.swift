import Foundation
import PageIR
import TestSupport
import Testing
import Typesetting

/// Paragraph and heading placement by the flow engine, read from the pages' structure marks.
@Suite struct ParagraphLayoutTests {
    /// Twelve sections, each a heading, a subheading and four paragraphs of every length.
    static let blocks: [FlowBlock] = (1...12).flatMap { n -> [FlowBlock] in
        let paragraphs = (1...4).map { k in
            Fixtures.paragraph(
                Array(repeating: Fixtures.sentence, count: (n * 3 + k * 5) % 17 + 1).joined(separator: " "))
        }
        return [
            Fixtures.heading("\(n). หัวข้อที่ \(n)", anchor: "section-\(n)"),
            Fixtures.heading("ตัวชี้วัดที่ (\(n)) ทดสอบ", level: 2),
        ] + paragraphs
    }
    static let pages = try! Fixtures.layOut(blocks).pages

    @Test func noWidowsOrOrphans() {
        let paragraphs = Dictionary(
            grouping: LaidOutStructure.allParts(Self.pages).filter { $0.structure.role == .paragraph },
            by: \.structure.id)
        #expect(paragraphs.count == 48)
        var splits = 0
        for parts in paragraphs.values where parts.count > 1 {
            splits += 1
            for part in parts {
                #expect(part.lines.count >= 2, "a paragraph left \(part.lines.count) line on page \(part.page + 1)")
            }
        }
        #expect(splits > 5)  // the fixture does split paragraphs
    }

    @Test func linesOfASplitParagraphAreAllPlaced() {
        let text = Self.pages.map { squeeze(TextDump.pageText($0)) }.joined()
        for case .paragraph(let paragraph) in Self.blocks { #expect(text.contains(squeeze(paragraph.text))) }
    }

    /// A heading is never the last thing on a page: the first line after it is on its page.
    @Test func headingsKeepWithNext() {
        let parts = LaidOutStructure.parts(Self.pages)
        var headings = 0
        for (i, part) in parts.enumerated() {
            guard case .heading = part.structure.role else { continue }
            headings += 1
            let next = parts[(i + 1)...].first { !$0.runs.isEmpty }
            #expect(
                next?.page == part.page,
                "a heading on page \(part.page + 1) is followed on page \((next?.page ?? -1) + 1)")
        }
        #expect(headings == 24)
    }

    @Test func anchorsSayWhereTheirHeadingsLanded() throws {
        let (pages, anchors) = try Fixtures.layOut(Self.blocks)
        #expect(anchors.map(\.id) == (1...12).map { "section-\($0)" })
        for anchor in anchors {
            let texts = TextDump.pageText(pages[anchor.page])
            #expect(texts.contains("\(anchor.id.dropFirst(8)). หัวข้อที่"))
        }
    }

    /// A heading at the foot of a page with no room for the start of the next block moves to
    /// the next page; so does a paragraph's first line when only one would fit (no orphan).
    @Test func aHeadingAtThePageFootMovesOn() throws {
        let filler = Array(repeating: Fixtures.sentence, count: 12).joined(separator: " ")
        let pages = try Fixtures.layOut([
            Fixtures.paragraph(filler), Fixtures.paragraph(filler),
            Fixtures.heading("หัวข้อท้ายหน้า"), Fixtures.paragraph(filler),
        ]).pages
        let heading = LaidOutStructure.parts(pages).first { $0.structure.role == .heading(level: 1) }!
        let after = LaidOutStructure.parts(pages).last { $0.structure.role == .paragraph }!
        #expect(after.page >= heading.page)
        #expect(
            LaidOutStructure.parts(pages).filter { $0.structure.role == .paragraph && $0.page == heading.page }
                .contains { $0.structure.id == after.structure.id })
    }
}
