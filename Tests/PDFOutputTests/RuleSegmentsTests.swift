import FontSystem
import Foundation
import PageIR
import ReportInput
import TestSupport
import Testing
import ThaiReport

@testable import PDFOutput

/// A page's rules drawn as the fewest segments: by hand, and in the sample's PDF read back with
/// pdfminer.six against the rules the layout made.
@Suite struct RuleSegmentsTests {
    typealias Segment = RuleSegments.Segment

    @Test func rulesOnOneLineBecomeOneSegment() {
        // Two rows of a two-column table, each drawing its four sides and its column edge.
        var rules: [Rule] = []
        for (top, bottom) in [(10.0, 20.0), (20.0, 35.0)] {
            rules.append(Rule(x0: 0, y0: top, x1: 100, y1: top, width: 0.5))
            rules.append(Rule(x0: 0, y0: bottom, x1: 100, y1: bottom, width: 0.5))
            for x in [0.0, 40.0, 100.0] { rules.append(Rule(x0: x, y0: top, x1: x, y1: bottom, width: 0.5)) }
        }
        let merged = RuleSegments.merged(rules)
        #expect(merged.count == 1)
        #expect(merged[0].width == 0.5)
        #expect(
            merged[0].segments == [
                Segment(x0: 0, y0: 10, x1: 100, y1: 10), Segment(x0: 0, y0: 20, x1: 100, y1: 20),
                Segment(x0: 0, y0: 35, x1: 100, y1: 35),
                Segment(x0: 0, y0: 10, x1: 0, y1: 35), Segment(x0: 40, y0: 10, x1: 40, y1: 35),
                Segment(x0: 100, y0: 10, x1: 100, y1: 35),
            ])
    }

    @Test func onlyRulesThatTouchOrOverlapAreJoined() {
        let rules = [
            // Drawn right to left, overlapping the next one: joined.
            Rule(x0: 30, y0: 5, x1: 0, y1: 5, width: 1),
            Rule(x0: 20, y0: 5, x1: 50, y1: 5, width: 1),
            // A gap: kept apart.
            Rule(x0: 50.5, y0: 5, x1: 60, y1: 5, width: 1),
            // The same line at another width: a segment of its own, in a stroke of its own.
            Rule(x0: 0, y0: 5, x1: 60, y1: 5, width: 2),
            // Slanted: as it came.
            Rule(x0: 0, y0: 0, x1: 10, y1: 10, width: 1),
        ]
        let merged = RuleSegments.merged(rules)
        #expect(merged.map(\.width) == [1, 2])
        #expect(
            merged[0].segments == [
                Segment(x0: 0, y0: 5, x1: 50, y1: 5), Segment(x0: 50.5, y0: 5, x1: 60, y1: 5),
                Segment(x0: 0, y0: 0, x1: 10, y1: 10),
            ])
        #expect(merged[1].segments == [Segment(x0: 0, y0: 5, x1: 60, y1: 5)])
        #expect(RuleSegments.merged([]).isEmpty)
    }

    /// Every rule the layout put on a page is covered by a segment stroked in the PDF at its
    /// width, and no two stroked segments on one line overlap or touch (which would paint that
    /// stretch twice: pdfium, Chromium's viewer, drew the lines between rows darker so).
    @Test func theSamplesTablesAreStrokedOnceEach() throws {
        let readBack = try SampleReadBack(tool: "stroked_lines.py")
        #expect(readBack.status == 0, "\(readBack.errors)")
        let document = readBack.document
        let stroked = try JSONDecoder().decode([[[Double]]].self, from: readBack.output)
        #expect(stroked.count == document.pages.count)

        let close = { (a: Double, b: Double) in abs(a - b) < 0.01 }
        var rules = 0
        var uncovered: [String] = []
        var twice: [String] = []
        for (index, page) in document.pages.enumerated() where index < stroked.count {
            // Back to the layout's coordinates: y from the top of the page.
            let segments = stroked[index].map { s in
                (
                    x0: min(s[0], s[2]), y0: page.height - max(s[1], s[3]), x1: max(s[0], s[2]),
                    y1: page.height - min(s[1], s[3]), width: s[4]
                )
            }
            for case .rule(let rule) in page.items {
                rules += 1
                let (x0, x1) = (min(rule.x0, rule.x1), max(rule.x0, rule.x1))
                let (y0, y1) = (min(rule.y0, rule.y1), max(rule.y0, rule.y1))
                // On the rule's line, at its width, from before its start to past its end.
                let covered = segments.contains { s in
                    close(s.width, rule.width) && s.x0 <= x0 + 0.01 && s.x1 >= x1 - 0.01 && s.y0 <= y0 + 0.01
                        && s.y1 >= y1 - 0.01 && (!close(y0, y1) || close(s.y0, s.y1))
                        && (!close(x0, x1) || close(s.x0, s.x1))
                }
                if !covered { uncovered.append("page \(index + 1): \(rule)") }
            }
            for (i, a) in segments.enumerated() {
                for b in segments[(i + 1)...] where close(a.width, b.width) {
                    let horizontal = close(a.y0, a.y1) && close(b.y0, b.y1) && close(a.y0, b.y0)
                    let vertical = close(a.x0, a.x1) && close(b.x0, b.x1) && close(a.x0, b.x0)
                    let meet =
                        horizontal
                        ? a.x0 <= b.x1 + 0.01 && b.x0 <= a.x1 + 0.01
                        : vertical && a.y0 <= b.y1 + 0.01 && b.y0 <= a.y1 + 0.01
                    if meet { twice.append("page \(index + 1): \(a) and \(b)") }
                }
            }
        }
        #expect(rules > 200, "the sample's tables draw hundreds of rules")
        #expect(uncovered.isEmpty, "\(uncovered.count) rules not stroked: \(uncovered.prefix(3))")
        #expect(twice.isEmpty, "\(twice.count) stretches stroked twice: \(twice.prefix(3))")
    }
}
