import Foundation
import PageIR
import TestSupport
import Testing
import Typesetting

/// A picture and its caption: a picture that fits at the foot of a page but leaves no room for
/// the caption's line goes to the next page with it; without a caption it stays.
@Suite struct FigureLayoutTests {
    static func figure(keepWithNext: Bool) -> FlowBlock {
        .figure(
            Figure(path: "picture.png", width: 200, height: 100, alt: "ภาพ", spaceAfter: 4, keepWithNext: keepWithNext))
    }

    /// Space down to just over the picture's height above the page's foot.
    static var filler: FlowBlock { .space(Fixtures.geometry.contentHeight - 105) }

    static func imagePage(_ pages: [Page]) -> Int? {
        pages.firstIndex { $0.items.contains { if case .image = $0 { true } else { false } } }
    }

    @Test func captionStaysWithItsPicture() throws {
        let caption = FlowBlock.paragraph(Paragraph("ภาพที่ ๑ แผนภาพ", style: Fixtures.body, alignment: .center))
        let kept = try Fixtures.layOut([Self.filler, Self.figure(keepWithNext: true), caption]).pages
        #expect(Self.imagePage(kept) == 1)
        #expect(kept.count == 2)
        let alone = try Fixtures.layOut([Self.filler, Self.figure(keepWithNext: false), caption]).pages
        #expect(Self.imagePage(alone) == 0)
    }
}
