import FontSystem
import Foundation
import TestSupport
import Testing
import ThaiBreaking

@testable import ThaiReport

/// The breaks the web pages offer: the PDF breaker's spaces and word breaks, short words kept
/// with their neighbours, never a compound or a syllable.
@Suite struct WebLineBreaksTests {
    @Test func spacesAlwaysWordsWhenTheyLeaveLongEnoughRuns() {
        let breaks = WebLineBreaks.make(lexicon: ["ผู้รับผิดชอบ"])
        let text = "ผู้รับผิดชอบการจัดทำรายงาน ทุกส่วนราชการ"
        let offsets = breaks(text)
        let scalars = Array(text.unicodeScalars)
        // After the space, always.
        #expect(offsets.contains(scalars.firstIndex(of: " ")! + 1))
        // Never inside the compound (its 12 scalars).
        #expect(!offsets.contains { $0 > 0 && $0 < 12 })
        // Runs between offered breaks are at least minimumRun long, but for the space ones.
        var previous = 0
        for offset in offsets {
            if scalars[offset - 1] != " " { #expect(offset - previous >= WebLineBreaks.minimumRun) }
            previous = offset
        }
    }

    @Test func thinningKeepsSpacesAndLongRuns() {
        let opportunities = [
            BreakOpportunity(offset: 3, kind: .word), BreakOpportunity(offset: 9, kind: .word),
            BreakOpportunity(offset: 12, kind: .space), BreakOpportunity(offset: 14, kind: .word),
            BreakOpportunity(offset: 22, kind: .word), BreakOpportunity(offset: 25, kind: .compound),
        ]
        // 3: too close to the start; 9: leaves two characters before the space; 12: a space;
        // 14: too close to the space; 22: kept; 25: a compound break, never offered.
        #expect(WebLineBreaks.thinned(opportunities, length: 30) == [12, 22])
        // A break that would leave a tail shorter than minimumTail before the end is dropped.
        #expect(WebLineBreaks.thinned([BreakOpportunity(offset: 10, kind: .word)], length: 12) == [])
    }

    /// A report's web page takes the breaks its layout found (libthai reads each text once);
    /// the page is the same bytes as one whose breaks were read afresh, without a layout.
    @Test(arguments: ["singburi-pao/2564", "ban-suan-sample/2564", "nong-bua-sample/2566"])
    func thePageIsTheSameWithTheLayoutsBreaks(sample: String) throws {
        let data = Repo.root.appendingPathComponent("Samples/\(sample).yaml")
        let loaded = try ReportBuilder.load(data)
        let scratch = ScratchDirectory()
        let laidOut = scratch.url.appendingPathComponent("laid-out")
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let both = try builder.write(loaded.report, options: BuildOptions(outputDirectory: laidOut))
        #expect(builder.document.foundBreaks.count > 10)

        // The page alone, by a builder that laid nothing out, beside a copy of the same PDF.
        let alone = scratch.url.appendingPathComponent("alone")
        let pdf = try #require(both.first { $0.pathExtension == "pdf" })
        let copy = alone.appendingPathComponent(String(pdf.path.dropFirst(laidOut.path.count)))
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: pdf, to: copy)
        let pageOnly = try ReportBuilder(fonts: try FontSystem(directory: Repo.fonts)).write(
            loaded.report, options: BuildOptions(outputDirectory: alone, formats: [.html]), linkPDF: true,
            pdfPages: builder.lastPDFPages)
        let page = try #require(pageOnly.first { $0.pathExtension == "html" })
        let twin = laidOut.appendingPathComponent(String(page.path.dropFirst(alone.path.count)))
        #expect(try Data(contentsOf: page) == Data(contentsOf: twin))
    }
}
