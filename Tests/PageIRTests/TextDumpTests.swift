import PageIR
import Testing

/// The text dump and the page sinks of the page IR, on pages made by hand.
@Suite struct TextDumpTests {
    static let font = FontRef(path: "/fonts/Sarabun-Regular.ttf", faceIndex: 0, size: 11.2001953125)
    static let run = TextRun(
        x: 85.04, y: 100.26, font: 0, text: "กข",
        glyphs: [
            Glyph(id: 5, x: 0, y: 0, advance: 6), Glyph(id: 6, x: 6, y: 0, advance: 6.05),
        ], clusters: [Cluster(byteCount: 3, glyphCount: 1), Cluster(byteCount: 3, glyphCount: 1)])
    static let page = Page(
        width: 595.28, height: 841.89, label: "๑",
        items: [
            .begin(Structure(role: .paragraph, id: 1)), .text(run), .end,
            .begin(Structure(role: .artifact, id: 0)), .rule(Rule(x0: 1, y0: 2, x1: 3, y1: 2, width: 0.5)), .end,
            .link(Link(x: 10, y: 20, width: 30, height: 40, targetPage: 2, targetY: 70.87)),
        ])
    static let outline = [OutlineEntry(title: "คำนำ", level: 1, pageIndex: 0, y: 70.87)]
    static let metadata = DocumentMetadata(title: "t", author: "a", subject: "s", date: "2021-03")

    @Test func dumpNamesFontsByFileAndIndentsStructure() {
        let document = LaidOutDocument(
            pages: [Self.page], fonts: [Self.font], outline: Self.outline, metadata: Self.metadata)
        #expect(
            TextDump.dump(document) == """
                font 0 Sarabun-Regular.ttf#0 11.2
                page 1 [๑] 595.3x841.9
                  begin paragraph #1
                    text 85.0,100.3 w12.1 f0 "กข"
                  end
                  begin artifact #0
                    rule 1.0,2.0 -> 3.0,2.0 w0.5
                  end
                  link 10.0,20.0 30.0x40.0 -> page 3 y 70.9
                outline 1 "คำนำ" -> page 1 y 70.9

                """)
    }

    @Test func dumpSinkAndCollectorAgreeWithTheDump() throws {
        let sink = TextDumpSink()
        let collector = PageCollector()
        for target in [sink, collector] as [PageSink] {
            try target.preview(Self.page, fonts: [Self.font])
            try target.add(Self.page, fonts: [Self.font])
            try target.add(Self.page, fonts: [Self.font, Self.font])
            try target.finish(outline: Self.outline, metadata: Self.metadata)
        }
        let document = try #require(collector.document)
        #expect(document.pages.count == 2)
        #expect(document.fonts.count == 2)
        #expect(sink.text == TextDump.dump(document))
    }

    @Test func roundingIsSymmetric() {
        #expect(TextDump.fmt(-0.04) == "0.0")
        #expect(TextDump.fmt(-1.25) == "-1.3")
        #expect(TextDump.fmt(12.34) == "12.3")
    }

    @Test func pageTextJoinsRunsOfABaseline() {
        var second = Self.run
        second.x += 20
        var below = Self.run
        below.y += 20
        let page = Page(width: 1, height: 1, label: "", items: [.text(Self.run), .text(second), .text(below)])
        #expect(TextDump.pageText(page) == "กขกข\nกข")
        #expect(Self.run.width == 12.05)
        #expect(Self.font.fileName == "Sarabun-Regular.ttf")
    }
}
