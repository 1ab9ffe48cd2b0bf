import CCairo
import FontSystem
import Foundation
import PageIR
import TestSupport
import Testing

@testable import PDFOutput
@testable import Typesetting

/// One glyph per cluster, made from the real Sarabun and drawn from its subset through FreeType
/// and Cairo.
@Suite struct ClusterGlyphsTests {
    let fonts = try! FontSystem(directory: Repo.fonts)
    let regular = [UInt8](try! Data(contentsOf: Repo.fonts.appendingPathComponent("Sarabun-Regular.ttf")))

    /// Shapes one line and returns its first run with the font it was laid out with, loaded
    /// from the file the page IR names (the caller destroys it).
    func shaped(_ text: String, size: Double = 40) -> (run: TextRun, font: OpaquePointer) {
        let shaper = Shaper(fonts: fonts)
        let run = shaper.shape(text, style: TextStyle(family: "Sarabun", size: size), width: nil)[0].runs[0]
        let ref = shaper.fontTable[run.font]
        let bytes = [UInt8](FileManager.default.contents(atPath: ref.path)!)
        let face = try! FreeTypeFace.cairoFace(bytes: bytes, index: ref.faceIndex)
        defer { cairo_font_face_destroy(face) }
        return (run, try! FreeTypeFace.scaledFont(face, size: ref.size))
    }

    func unitsPerPoint(_ glyphs: ClusterGlyphs, size: Double = 40) -> Double { Double(glyphs.file.unitsPerEm) / size }

    /// The text each glyph of `run` records (what the PDF's ToUnicode map gives it).
    func texts(_ run: ClusterRun, _ glyphs: ClusterGlyphs) -> [String] {
        run.glyphs.map { String(decoding: glyphs.text(of: UInt16($0.index)) ?? [], as: UTF8.self) }
    }

    /// A table's checksum is the sum of its big-endian words, the last padded with zeros
    /// (OpenType, "Table directory"); the bundled fonts' own tables carry theirs.
    @Test func tableChecksumsAreTheSumOfTheirWords() throws {
        #expect(ClusterFontFile.checksum([]) == 0)
        #expect(ClusterFontFile.checksum([0, 0, 0, 1, 0, 0, 0, 2]) == 3)
        #expect(ClusterFontFile.checksum([1]) == 0x0100_0000)
        #expect(ClusterFontFile.checksum([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2, 0, 0, 3]) == 0x0000_0301)
        let font = try [UInt8](Data(contentsOf: Repo.fonts.appendingPathComponent("Sarabun-Regular.ttf")))
        let count = font.u16(4)
        var checked = 0
        for index in 0..<count {
            let record = 12 + 16 * index
            let tag = String(decoding: font[record..<record + 4], as: UTF8.self)
            let (offset, length) = (font.u32(record + 8), font.u32(record + 12))
            guard tag != "head" else { continue }  // its sum leaves out checkSumAdjustment
            #expect(ClusterFontFile.checksum(Array(font[offset..<offset + length])) == font.u32(record + 4), "\(tag)")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func eachClusterBecomesOneGlyphRecordingItsText() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        let (run, _) = shaped("น้ำที่ดี")
        #expect(run.glyphs.count > 5)  // น ◌ํ ◌้ า ท ◌ี ◌่ ด ◌ี
        let clusterRun = try #require(ClusterRun(run, unitsPerPoint: unitsPerPoint(glyphs), glyphs: glyphs))
        #expect(clusterRun.glyphs.count == 3)
        #expect(texts(clusterRun, glyphs) == ["น้ำ", "ที่", "ดี"])
        // Glyphs stand where the clusters start, left to right.
        #expect(clusterRun.glyphs.map(\.x) == clusterRun.glyphs.map(\.x).sorted())
    }

    /// A cluster's glyph starts where the cluster does, even when its first glyph is a mark
    /// drawn back over the consonant before (ำ is ◌ํ then า), so extractors see no gap.
    @Test func clusterGlyphStartsAtThePen() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        let (run, _) = shaped("ดำ")
        #expect(run.clusters.count == 2 && run.glyphs.count == 3)
        let clusterRun = try #require(ClusterRun(run, unitsPerPoint: unitsPerPoint(glyphs), glyphs: glyphs))
        try #require(clusterRun.glyphs.count == 2)
        #expect(run.glyphs[1].x < run.glyphs[0].advance)  // the nikhahit stands over ด
        #expect(abs(clusterRun.glyphs[1].x - (run.x + run.glyphs[0].advance)) < 0.001)
    }

    @Test func aGlyphRecordsOneTextOnly() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        let space = Array(" ".utf8)[...]
        let noBreakSpace = Array("\u{A0}".utf8)[...]
        #expect(glyphs.glyph(single: 3, text: space) == 3)  // the font's own glyph, for its first text
        #expect(glyphs.glyph(single: 3, text: space) == 3)
        // The same glyph for another text (a no-break space) needs a glyph of its own.
        let other = try #require(glyphs.glyph(single: 3, text: noBreakSpace))
        #expect(Int(other) == glyphs.file.glyphCount)
        #expect(glyphs.glyph(single: 3, text: noBreakSpace) == other)
    }

    /// A document's glyphs are numbered in its subset in the order first drawn, from 1 (0 is
    /// the font's own glyph 0), whatever their numbers in the font; each with its advance in
    /// thousandths of an em, and the text it records.
    @Test func subsetNumbersFollowFirstUse() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        let a = ClusterFontFile.Component(glyph: 10, dx: 0, dy: 0)
        let b = ClusterFontFile.Component(glyph: 11, dx: 300, dy: 0)
        let first = try #require(glyphs.glyph(for: [a, b], advance: 600, text: Array("ab".utf8)))
        let second = try #require(glyphs.glyph(for: [b, a], advance: 700, text: Array("ba".utf8)))
        #expect(second == first + 1)
        #expect(glyphs.glyph(single: 12, text: Array("c".utf8)[...]) == 12)
        #expect(glyphs.subsetGlyph(second).number == 1)
        #expect(glyphs.subsetGlyph(12).number == 2)
        #expect(glyphs.subsetGlyph(first).number == 3)
        #expect(glyphs.subsetGlyph(second).number == 1)
        #expect(glyphs.drawn == [second, 12, first])
        let em = Double(glyphs.file.unitsPerEm)
        #expect(abs(glyphs.subsetGlyph(second).width - 700 * 1000 / em) < 0.001)
        #expect(glyphs.drawnWidths[1] == ClusterGlyphs.width(units: glyphs.file.advance(of: 12), unitsPerEm: Int(em)))
        #expect(glyphs.text(of: second) == Array("ba".utf8) && glyphs.text(of: 12) == Array("c".utf8))
        #expect(glyphs.text(of: 13) == nil)
    }

    /// Glyph numbers are 16-bit: past the last one, clusters keep Cairo's own mapping.
    @Test func glyphsRunOutAtTheTrueTypeLimit() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        let free = ClusterFontFile.maxGlyphs - glyphs.file.glyphCount
        let pair = [ClusterFontFile.Component(glyph: 10, dx: 0, dy: 0), .init(glyph: 11, dx: 300, dy: 0)]
        for n in 0..<free { #expect(glyphs.glyph(for: pair, advance: 600, text: Array("\(n)".utf8)) != nil) }
        #expect(glyphs.glyph(for: pair, advance: 600, text: Array("one more".utf8)) == nil)
        #expect(glyphs.glyph(for: pair, advance: 600, text: Array("0".utf8)) == UInt16(glyphs.file.glyphCount))
    }

    /// Three glyphs of the font with outlines of their own (not composites).
    func simpleGlyphs(_ file: ClusterFontFile) throws -> (UInt16, UInt16, UInt16) {
        let simple = try (1..<min(file.glyphCount, 100)).filter { g in
            try ClusterFontFile(file.subset([g], composites: [])).glyphCount == 2
        }
        return (UInt16(simple[10]), UInt16(simple[11]), UInt16(simple[12]))
    }

    /// The subset holds glyph 0, the glyphs asked for in their order, then the glyphs their
    /// composites draw, renumbered; only the tables that draw glyphs.
    @Test func subsetHoldsTheGlyphsDrawnAndWhatTheyDraw() throws {
        let file = try ClusterFontFile(regular)
        let (a, b, own) = try simpleGlyphs(file)
        let composite = ClusterFontFile.Composite(
            components: [.init(glyph: a, dx: 0, dy: 0), .init(glyph: b, dx: -150, dy: 40)],
            advance: file.advance(of: Int(a)))
        let bytes = try file.subset(
            [file.glyphCount, Int(own), file.glyphCount + 1], composites: [composite, composite])
        let subset = try ClusterFontFile(bytes)
        let advances = (0..<subset.glyphCount).map { subset.advance(of: $0) }
        #expect(subset.glyphCount == 6)  // 0, the two composites and `own`, then a and b
        let expected = [
            file.advance(of: 0), composite.advance, file.advance(of: Int(own)), composite.advance,
            file.advance(of: Int(a)), file.advance(of: Int(b)),
        ]
        #expect(advances == expected)
        // The composite's components now name glyphs 4 and 5 of the subset.
        let glyf = subset.tables["glyf"]!.lowerBound
        let loca = subset.tables["loca"]!.lowerBound
        let first = glyf + bytes.u32(loca + 4)
        #expect(bytes.i16(first) == -1)
        #expect(bytes.u16(first + 12) == 4 && bytes.u16(first + 20) == 5)
        let drawing: Set = ["head", "hhea", "maxp", "hmtx", "loca", "glyf"]
        let hinting = Set(["cvt ", "fpgm", "prep"].filter { file.tables[$0] != nil })
        #expect(Set(subset.tables.keys) == drawing.union(hinting))
        #expect(throws: ClusterFontFile.Failure.self) { try ClusterFontFile(Array("not a font at all".utf8)) }
        #expect(throws: ClusterFontFile.Failure.self) {
            try file.subset([file.glyphCount + 2], composites: [composite])
        }
    }

    /// A font's own composite glyph brings its components, renumbered.
    @Test func ownCompositesBringTheirComponents() throws {
        let file = try ClusterFontFile(regular)
        let own = try #require(
            (1..<file.glyphCount).first { g in
                try! ClusterFontFile(file.subset([g], composites: [])).glyphCount > 2
            })
        let bytes = try file.subset([own], composites: [])
        let subset = try ClusterFontFile(bytes)
        let glyf = subset.tables["glyf"]!.lowerBound
        let loca = subset.tables["loca"]!.lowerBound
        let record = glyf + bytes.u32(loca + 4)
        #expect(bytes.i16(record) == -1)
        #expect((2..<subset.glyphCount).contains(bytes.u16(record + 12)))
    }

    /// A cluster drawn as its composite glyph inks the same pixels as its glyphs drawn one by one.
    /// (Outlines are filled: Cairo's image surface would put each glyph on a whole pixel.)
    @Test(arguments: ["น้ำ", "ที่", "ปั้", "ฟื้", "ญู", "Ž"])
    func compositeDrawsWhatTheShaperPlaced(_ text: String) throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        let (run, layoutFont) = shaped(text)
        let clusterRun = try #require(ClusterRun(run, unitsPerPoint: unitsPerPoint(glyphs), glyphs: glyphs))
        try #require(clusterRun.glyphs.count == 1)
        // Thai clusters are composites; Ž is a glyph of the font's own.
        #expect((clusterRun.glyphs[0].index >= UInt(glyphs.file.glyphCount)) == (text != "Ž"))
        // Drawn from the subset the PDF embeds, by its number there.
        let number = glyphs.subsetGlyph(UInt16(clusterRun.glyphs[0].index)).number
        let face = try FreeTypeFace.cairoFace(bytes: try glyphs.subset())
        defer { cairo_font_face_destroy(face) }
        let clusterFont = try FreeTypeFace.scaledFont(face, size: 40)
        defer { cairo_scaled_font_destroy(clusterFont) }
        var subsetGlyph = clusterRun.glyphs[0]
        subsetGlyph.index = UInt(number)

        func render(_ draw: (OpaquePointer) -> Void) -> [UInt8] {
            let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 120, 120)!
            defer { cairo_surface_destroy(surface) }
            let cr = cairo_create(surface)!
            cairo_translate(cr, 20, 80)
            draw(cr)
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            let stride = Int(cairo_image_surface_get_stride(surface))
            return Array(UnsafeBufferPointer(start: cairo_image_surface_get_data(surface), count: stride * 120))
        }
        let separate = render { cr in
            cairo_set_scaled_font(cr, layoutFont)
            let g = run.glyphs.filter { $0.id != Glyph.empty }.map {
                cairo_glyph_t(index: UInt($0.id), x: run.x + $0.x, y: run.y + $0.y)
            }
            cairo_glyph_path(cr, g, Int32(g.count))
            cairo_fill(cr)
        }
        let composite = render { cr in
            cairo_set_scaled_font(cr, clusterFont)
            cairo_glyph_path(cr, [subsetGlyph], 1)
            cairo_fill(cr)
        }
        let inked = separate.filter { $0 > 128 }.count
        let differing = zip(separate, composite).filter { abs(Int($0) - Int($1)) > 64 }.count
        #expect(inked > 100)
        #expect(differing * 100 <= inked, "\(text): \(differing) of \(inked) pixels differ")
    }

    /// Text with no glyph (the space where a line breaks, text before the first glyph) joins a
    /// neighbour, so the clusters cover the run's text exactly once; a run with nothing to draw
    /// is left to Cairo.
    @Test func textWithoutGlyphsJoinsANeighbour() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        var (run, _) = shaped(" ก ข ")
        #expect(run.glyphs.count == 5 && run.clusters.count == 5)
        for g in [0, 2, 4] { run.glyphs[g].id = Glyph.empty }  // the spaces, as at line ends
        let clusterRun = try #require(ClusterRun(run, unitsPerPoint: 25, glyphs: glyphs))
        #expect(clusterRun.glyphs.count == 2)
        #expect(texts(clusterRun, glyphs) == [" ก ", "ข "])
        for g in run.glyphs.indices { run.glyphs[g].id = Glyph.empty }
        #expect(ClusterRun(run, unitsPerPoint: 25, glyphs: glyphs) == nil)
        // Clusters that do not add up to the run's glyphs and text are refused, not trusted.
        (run, _) = shaped("ก ข")
        run.clusters[0].glyphCount += 1
        #expect(ClusterRun(run, unitsPerPoint: 25, glyphs: glyphs) == nil)
    }

    /// The subset keeps its tables consistent: composite limits are the largest single
    /// composite's, the font's box grows to hold the composites, glyph offsets only increase.
    @Test func subsetStaysConsistent() throws {
        let file = try ClusterFontFile(regular)
        let (a, b, _) = try simpleGlyphs(file)
        let tall = ClusterFontFile.Composite(
            components: [.init(glyph: a, dx: 0, dy: 0), .init(glyph: b, dx: -150, dy: 3000)],
            advance: file.advance(of: Int(a)))
        let subsetBytes = try file.subset(
            (0..<500).map { file.glyphCount + $0 }, composites: Array(repeating: tall, count: 500))
        let grown = try ClusterFontFile(subsetBytes)
        #expect(grown.glyphCount == 503)
        let bytes = grown.bytes
        let maxp = grown.tables["maxp"]!.lowerBound
        let head = grown.tables["head"]!.lowerBound
        let originalMaxp = file.tables["maxp"]!.lowerBound
        let originalHead = file.tables["head"]!.lowerBound
        #expect(bytes.u16(maxp + 10) < 1000)  // points of one composite, not of all 500
        #expect(bytes.u16(maxp + 28) == max(2, regular.u16(originalMaxp + 28)))
        #expect(bytes.i16(head + 42) > regular.i16(originalHead + 42))  // yMax now holds the raised mark
        #expect(bytes.u16(head + 50) == 1)
        let loca = grown.tables["loca"]!.lowerBound
        let offsets = (0...grown.glyphCount).map { bytes.u32(loca + 4 * $0) }
        #expect(offsets == offsets.sorted() && offsets.last == grown.tables["glyf"]!.count)
    }

    @Test func rightToLeftKeepsCairosClustersAndTheMissingBoxItsText() throws {
        let glyphs = try ClusterGlyphs(fontFile: regular)
        var (run, _) = shaped("ทดสอบ")
        run.backward = true
        #expect(ClusterRun(run, unitsPerPoint: 25, glyphs: glyphs) == nil)
        run.backward = false
        // The font's missing-glyph box (glyph 0) gets a composite of its own: a subset's glyph 0
        // records no text.
        run.glyphs[0].id = 0
        let clusterRun = try #require(ClusterRun(run, unitsPerPoint: 25, glyphs: glyphs))
        #expect(clusterRun.glyphs[0].index >= UInt(glyphs.file.glyphCount))
        #expect(texts(clusterRun, glyphs).first == "ท")
    }
}
