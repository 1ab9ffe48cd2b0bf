import Foundation
import TestSupport
import Testing

@testable import WebFonts

/// Subsets of the bundled fonts as WOFF2, read back by their header (the browser tests load
/// them in Chromium and check the text is drawn with them).
@Suite struct WebFontTests {
    static let thai = "ผู้รับผิดชอบงบประมาณเผยแพร่แล้วครบถ้วนหลักธรรมาภิบาลองค์การบริหารส่วนจังหวัดสิงห์บุรี ๐๑๒๓๔๕๖๗๘๙"

    /// The WOFF2 header: signature, flavour (TrueType), declared length = file length.
    func header(_ data: Data) -> (signature: String, flavor: UInt32, length: UInt32, tables: UInt16) {
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        return (
            String(decoding: bytes[0..<4], as: UTF8.self), u32(4), u32(8), UInt16(bytes[12]) << 8 | UInt16(bytes[13])
        )
    }

    @Test func thaiSubsetIsASmallWOFF2() throws {
        let font = Repo.fonts.appendingPathComponent("Sarabun-Regular.ttf")
        let woff2 = try WebFont.woff2(subsetting: font, to: Self.thai.unicodeScalars)
        let h = header(woff2)
        #expect(h.signature == "wOF2")
        #expect(h.flavor == 0x0001_0000, "a TrueType flavour")
        #expect(Int(h.length) == woff2.count)
        #expect(woff2.count % 4 == 0, "the file ends on a 4-byte boundary")
        #expect(h.tables >= 8)
        let full = try Data(contentsOf: font).count
        #expect(woff2.count < full / 4, "\(woff2.count) bytes of \(full)")
        // More characters, more glyphs: the subset follows what it is given.
        let latin = try WebFont.woff2(subsetting: font, to: (Self.thai + "ABCDEFGHIJKLMNOPQRSTUVWXYZ").unicodeScalars)
        #expect(latin.count > woff2.count)
    }

    /// Google's reference decoder (`woff2_decompress`, Debian's woff2) reads the file back into
    /// a TrueType font with the tables Thai needs.
    @Test func theReferenceDecoderReadsItBack() throws {
        let scratch = ScratchDirectory()
        for (name, text) in [("Sarabun-Regular.ttf", Self.thai), ("Sarabun-Bold.ttf", "ก"), ("DejaVuSans.ttf", "✓○")] {
            let file = scratch.url.appendingPathComponent(name + ".woff2")
            try WebFont.woff2(subsetting: Repo.fonts.appendingPathComponent(name), to: text.unicodeScalars).write(
                to: file)
            let result = try runProcess("woff2_decompress", [file.path])
            #expect(result.status == 0, "\(name): \(result.stdout)\(result.stderr)")
            let ttf = try [UInt8](Data(contentsOf: scratch.url.appendingPathComponent(name + ".ttf")))
            #expect(ttf.prefix(4) == [0, 1, 0, 0])
            let count = Int(ttf[4]) << 8 | Int(ttf[5])
            let tags = (0..<count).map { String(decoding: ttf[(12 + 16 * $0)..<(16 + 16 * $0)], as: UTF8.self) }
            for tag in ["cmap", "glyf", "loca", "hmtx", "head"] { #expect(tags.contains(tag), "\(name): \(tags)") }
            if name.hasPrefix("Sarabun-Regular") { #expect(tags.contains("GPOS") && tags.contains("GSUB")) }
        }
    }

    /// The outlines come back from the transformed `glyf` as they went in: every glyph's
    /// contours, points, on-curve bits, components, instructions, box and metrics, as fontTools
    /// reads the subset and what the reference decoder rebuilt from its WOFF2. The texts reach
    /// simple glyphs, composite ones (accented Latin), empty ones (space) and a whole script.
    @Test func theTransformedOutlinesComeBackUnchanged() throws {
        let scratch = ScratchDirectory()
        let thaiBlock = String(String.UnicodeScalarView((0x0E01...0x0E5B).compactMap(Unicode.Scalar.init)))
        let latin1 = String(String.UnicodeScalarView((0x20...0xFF).compactMap(Unicode.Scalar.init)))
        let cases = [
            ("Sarabun-Regular.ttf", Self.thai), ("Sarabun-Bold.ttf", thaiBlock + latin1),
            ("Sarabun-Italic.ttf", "ÀÉÎõü ก่ำ"), ("DejaVuSans.ttf", "✓○ Ąé"),
        ]
        for (index, (name, text)) in cases.enumerated() {
            let subset = scratch.url.appendingPathComponent("\(index).ttf")
            let woff2 = scratch.url.appendingPathComponent("\(index).woff2")
            let font = Repo.fonts.appendingPathComponent(name)
            try Data(WebFont.subset(font, to: text.unicodeScalars)).write(to: subset)
            try WebFont.woff2(subsetting: font, to: text.unicodeScalars).write(to: woff2)
            // woff2_decompress writes 0.ttf beside 0.woff2: keep the subset under another name.
            let original = scratch.url.appendingPathComponent("\(index)-subset.ttf")
            try FileManager.default.moveItem(at: subset, to: original)
            let decoded = try runProcess("woff2_decompress", [woff2.path])
            #expect(decoded.status == 0, "\(name): \(decoded.stdout)\(decoded.stderr)")
            let compared = try runProcess(
                Tools.python,
                [Repo.root.appendingPathComponent("Tests/Tools/same_outlines.py").path, original.path, subset.path])
            #expect(compared.status == 0, "\(compared.stderr)")
            let facts = try #require(
                try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any],
                "\(compared.stdout)")
            #expect((facts["glyphs"] as? Int ?? 0) > 1, "\(name): \(facts)")
            #expect(facts["glyphs"] as? Int == facts["decoded_glyphs"] as? Int, "\(name): \(facts)")
            #expect(facts["differing_count"] as? Int == 0, "\(name): \(compared.stdout.prefix(2_000))")
        }
    }

    /// Outlines the transform cannot read are stored as they are: the font is still made, and
    /// the reference decoder gives back its `glyf` table byte for byte.
    @Test func outlinesTheTransformCannotReadAreStoredAsTheyAre() throws {
        var sfnt = try WebFont.subset(Repo.fonts.appendingPathComponent("Sarabun-Regular.ttf"), to: "กข".unicodeScalars)
        func table(_ tag: String, in font: [UInt8]) -> Range<Int>? {
            let count = Int(font[4]) << 8 | Int(font[5])
            for index in 0..<count
            where String(decoding: font[(12 + 16 * index)..<(16 + 16 * index)], as: UTF8.self) == tag {
                let record = 12 + 16 * index
                let offset = font[(record + 8)..<(record + 12)].reduce(0) { $0 << 8 | Int($1) }
                let length = font[(record + 12)..<(record + 16)].reduce(0) { $0 << 8 | Int($1) }
                return offset..<offset + length
            }
            return nil
        }
        let glyf = try #require(table("glyf", in: sfnt))
        // The first glyph with outlines (the table's first bytes) claims 32,767 contours, far
        // more than its bytes hold.
        #expect(glyf.count > 12)
        sfnt[glyf.lowerBound] = 0x7F
        sfnt[glyf.lowerBound + 1] = 0xFF
        let scratch = ScratchDirectory()
        let file = scratch.url.appendingPathComponent("broken.woff2")
        try WOFF2File.encode(sfnt: sfnt).write(to: file)
        let result = try runProcess("woff2_decompress", [file.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let decoded = try [UInt8](Data(contentsOf: scratch.url.appendingPathComponent("broken.ttf")))
        let decodedGlyf = try #require(table("glyf", in: decoded))
        #expect(decoded[decodedGlyf] == sfnt[glyf])
    }

    /// Brotli's window holds the whole font and no more than it needs, from 64 KB up.
    @Test func theWindowFitsTheFont() {
        #expect(WOFF2File.window(for: 1_400) == 16)
        #expect(WOFF2File.window(for: 65_520) == 16)
        #expect(WOFF2File.window(for: 65_521) == 17)
        #expect(WOFF2File.window(for: 300_000) == 19)
        #expect(WOFF2File.window(for: 100_000_000) == 24)
    }

    @Test func symbolSubsetIsTiny() throws {
        let woff2 = try WebFont.woff2(
            subsetting: Repo.fonts.appendingPathComponent("DejaVuSans.ttf"), to: "✓○".unicodeScalars)
        #expect(header(woff2).signature == "wOF2")
        #expect(woff2.count < 2_000, "\(woff2.count) bytes")
    }

    @Test func aFileThatIsNoFontIsRefusedWithAMessage() throws {
        let scratch = ScratchDirectory()
        let bad = scratch.write("bad.ttf", "not a font")
        #expect {
            try WebFont.woff2(subsetting: bad, to: "ก".unicodeScalars)
        } throws: { error in
            "\(error)".contains("cannot make a web font") && "\(error)".contains("ทำฟอนต์เว็บ")
        }
        #expect(throws: WebFont.Failure.self) {
            try WebFont.woff2(subsetting: scratch.url.appendingPathComponent("missing.ttf"), to: "ก".unicodeScalars)
        }
    }
}
