import FontSystem
import Foundation
import PageIR
import ReportInput
import TestSupport
import Testing
import ThaiReport

@testable import PDFOutput
@testable import Typesetting

/// The text the PDF writer writes itself: its operators by hand, and the sample's PDF read back
/// with pdfminer.six, every glyph where the layout put it, with its text.
@Suite struct PageTextTests {
    @Test func numbersAreWrittenAsPDFReadsThem() {
        func written(_ value: Double) -> String {
            var out: [UInt8] = []
            PDFNumbers.append(value, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(written(0) == "0")
        #expect(written(-0.00001) == "0")
        #expect(written(1.5) == "1.5")
        #expect(written(-12.25) == "-12.25")
        #expect(written(841.889764) == "841.8898")
        #expect(written(0.00005) == "0.0001")
        #expect(written(-0.0625) == "-0.0625")
        #expect(written(1e15) == "1000000000000")
        #expect(written(.nan) == "0" && written(.infinity) == "0")
    }

    /// Sequences are numbered after Cairo's on the page, in their order; an empty one is left
    /// out; an artifact has no number; the stream closes Cairo's `q` first and leaves the state
    /// as it found it.
    @Test func sequencesAreMarkedAndNumberedAfterCairos() throws {
        let fonts = try FontSystem(directory: Repo.fonts)
        let shaper = Shaper(fonts: fonts)
        var line = shaper.shape("กขค", style: TextStyle(family: "Sarabun", size: 10), width: nil)[0].runs[0]
        (line.x, line.y) = (0, 0)
        let ref = shaper.fontTable[line.font]
        let file = try #require(FontFiles.shared.file(atPath: ref.path)?.clusterFile)
        let glyphs = ClusterGlyphs(file: file)
        let run = try #require(ClusterRun(line, unitsPerPoint: Double(file.unitsPerEm) / 10, glyphs: glyphs))
        var text = PageText()
        text.begin(.content(tag: "P", index: 0))
        text.show(run, x: 10, y: 20, font: 0, size: 10, glyphs: glyphs)
        text.begin(.content(tag: "TD", index: 1))
        text.begin(.artifact)
        text.show(run, x: 10, y: 40, font: 0, size: 10, glyphs: glyphs)
        let written = text.stream(pageHeight: 800, firstMCID: 3)
        let stream = String(decoding: try #require(written), as: UTF8.self)
        #expect(stream.hasPrefix("Q\nq\n1 0 0 -1 0 800 cm\n"))
        #expect(stream.hasSuffix("Q\n"))
        #expect(
            stream.contains("/P <</MCID 3>> BDC\nBT\n/TR0 1 Tf\n10 0 0 -10 10 20 Tm\n[<000100020003>]TJ\nET\nEMC\n"))
        #expect(!stream.contains("/TD"), "an empty sequence is written")
        #expect(stream.contains("/Artifact BMC\nBT\n"))
        func count(_ operator: String) -> Int { stream.components(separatedBy: `operator`).count - 1 }
        #expect(count("BDC") == 1 && count("BMC") == 1 && count("EMC") == 2)
        #expect(count("BT\n") == 2 && count("ET\n") == 2)
        // Nothing is left for the next page; a page with no text has no stream.
        let next = text.stream(pageHeight: 800, firstMCID: 0)
        #expect(next == nil)
        text.begin(.content(tag: "P", index: 0))
        let begunOnly = text.stream(pageHeight: 800, firstMCID: 0)
        #expect(begunOnly == nil)
        #expect(!PageText.shows(run, size: 0.00001) && !PageText.shows(run, size: .nan) && PageText.shows(run, size: 1))
    }

    /// A run Cairo draws (right to left: `ClusterRun` refuses it) between two of ours in one
    /// paragraph: the paragraph's marked content reads in the order drawn, each run once, and
    /// nothing is left unmarked (pikepdf and pdfminer.six, `PDFFacts`).
    @Test func aRunCairoDrawsKeepsItsPlaceInTheStructure() throws {
        let scratch = ScratchDirectory()
        let shaper = Shaper(fonts: try FontSystem(directory: Repo.fonts))
        func line(_ text: String, x: Double, backward: Bool = false) -> TextRun {
            var run = shaper.shape(text, style: TextStyle(family: "Sarabun", size: 12), width: nil)[0].runs[0]
            (run.x, run.y, run.backward) = (x, 100, backward)
            return run
        }
        var latin = line("CBA", x: 150, backward: true)
        // Drawn right to left: its glyphs in visual order, its clusters in the text's.
        latin.glyphs.reverse()
        let paragraph = Structure(role: .paragraph, id: 1)
        let page = Page(
            width: 595.28, height: 841.89, label: "1",
            items: [
                .begin(paragraph), .text(line("หนึ่ง", x: 72)), .text(latin), .text(line("สาม", x: 250)), .end,
            ])
        let path = scratch.url.appendingPathComponent("order.pdf").path
        let stream = try PDFStream(path: path, options: PDFOptions(producer: "test"))
        try stream.add(page, fonts: shaper.fontTable)
        try stream.finish(
            outline: [], metadata: DocumentMetadata(title: "t", author: "a", subject: "s", date: "2021-03"))
        let check = try runProcess("qpdf", ["--check", path])
        #expect(check.status == 0, "\(check.stdout)")
        let facts = try PDFFacts.read(URL(fileURLWithPath: path))
        let texts = facts.structure.filter { $0.type == "P" }.map(\.text)
        #expect(texts.count == 1)
        let text = texts.first ?? ""
        let first = try #require(text.range(of: "หนึ่ง"))
        let second = try #require(text.range(of: "CBA") ?? text.range(of: "ABC"))
        let third = try #require(text.range(of: "สาม"))
        #expect(first.upperBound <= second.lowerBound && second.upperBound <= third.lowerBound, "\(text)")
        #expect(facts.unmarked_text.isEmpty)
        #expect(facts.mcids_referenced == facts.mcids_distinct)
    }

    /// Every glyph of the sample's text, read back with pdfminer.six in the order drawn, stands
    /// where the layout put its cluster (to a hundredth of a point, at its size) and gives back
    /// the cluster's text.
    @Test func theSamplesGlyphsStandWhereTheLayoutPutThem() throws {
        let readBack = try SampleReadBack(tool: "glyph_origins.py")
        #expect(readBack.status == 0, "\(readBack.errors)")
        let document = readBack.document
        let read = try JSONSerialization.jsonObject(with: readBack.output) as? [[[Any]]] ?? []
        try #require(read.count == document.pages.count)

        // Each face's cluster glyphs, as the PDF writer makes them.
        var registries: [String: ClusterGlyphs] = [:]
        var glyphsChecked = 0
        var misplaced: [String] = []
        for (index, page) in document.pages.enumerated() {
            var expected: [(text: String, x: Double, y: Double, size: Double)] = []
            for case .text(let run) in page.items {
                let ref = document.fonts[run.font]
                let clusterFile = try #require(FontFiles.shared.file(atPath: ref.path)?.clusterFile)
                let glyphs = registries[ref.path] ?? ClusterGlyphs(file: clusterFile)
                registries[ref.path] = glyphs
                let units = Double(clusterFile.unitsPerEm) / ref.size
                let clusterRun = try #require(ClusterRun(run, unitsPerPoint: units, glyphs: glyphs))
                for glyph in clusterRun.glyphs {
                    let text = String(decoding: glyphs.text(of: UInt16(glyph.index)) ?? [], as: UTF8.self)
                    expected.append((text, glyph.x, page.height - glyph.y, ref.size))
                }
            }
            let drawn = read[index]
            #expect(drawn.count == expected.count, "page \(index + 1): \(drawn.count) glyphs for \(expected.count)")
            for (glyph, want) in zip(drawn, expected) {
                let text = glyph[0] as? String ?? ""
                let (x, y, size) = (glyph[1] as? Double ?? 0, glyph[2] as? Double ?? 0, glyph[3] as? Double ?? 0)
                glyphsChecked += 1
                if text != want.text || abs(x - want.x) > 0.01 || abs(y - want.y) > 0.01
                    || abs(size - want.size) > 0.001
                {
                    misplaced.append("page \(index + 1): \(text) at \(x), \(y), \(size) for \(want)")
                }
            }
        }
        #expect(glyphsChecked > 10_000)
        #expect(misplaced.isEmpty, "\(misplaced.count) misplaced: \(misplaced.prefix(5))")
    }
}
