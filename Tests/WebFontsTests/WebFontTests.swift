import Foundation
import TestSupport
import Testing
import WebFonts

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
