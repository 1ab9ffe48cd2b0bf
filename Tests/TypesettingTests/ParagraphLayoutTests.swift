import Foundation
import PageIR
import ReportModel
import TestSupport
import Testing
import Typesetting

/// Paragraph and heading placement on synthetic reports with paragraphs of every length.
@Suite struct ParagraphLayoutTests {
    static let laidOut: (LaidOutDocument, ReportTypesetter.Details, Report) = {
        var sections: [Section] = []
        for n in 1...12 {
            let paragraphs = (1...4).map { k in Block.paragraph(Array(repeating: Fixtures.sentence, count: (n * 3 + k * 5) % 17 + 1).joined(separator: " ")) }
            sections.append(Section(id: "section-\(n)", number: "\(n)", title: "หัวข้อที่ \(n)", level: 1,
                                    blocks: [.heading("ตัวชี้วัดที่ (\(n)) ทดสอบ")] + paragraphs))
        }
        let report = Fixtures.report(sections)
        let (document, details) = ReportTypesetter(fonts: Fixtures.fonts()).layoutWithDetails(report)
        return (document, details, report)
    }()

    @Test func noWidowsOrOrphans() {
        let (_, details, _) = Self.laidOut
        #expect(details.paragraphs.count == 48)
        var splits = 0
        for pieces in details.paragraphs where pieces.count > 1 {
            splits += 1
            for piece in pieces { #expect(piece.lines >= 2, "a paragraph left \(piece.lines) line on body page \(piece.page + 1)") }
        }
        #expect(splits > 5)   // the fixture does split paragraphs
    }

    @Test func linesOfASplitParagraphAreAllPlaced() {
        let (document, details, report) = Self.laidOut
        let bodyText = document.pages[details.bodyOffset...].map { squeeze(TextDump.pageText($0)) }.joined()
        for section in report.sections {
            for case .paragraph(let text) in section.blocks { #expect(bodyText.contains(squeeze(text))) }
        }
    }

    /// A heading is never the last thing on a page: the first line after it is on its page.
    @Test func headingsKeepWithNext() {
        let (_, details, _) = Self.laidOut
        #expect(details.headingsAndNext.count == 24)   // 12 section headings and 12 indicator headings
        for (heading, next) in details.headingsAndNext {
            #expect(next == heading, "a heading on body page \(heading + 1) is followed on page \((next ?? -1) + 1)")
        }
    }
}
