import CBrotli
import Foundation

/// Wraps a TrueType font in a WOFF2 container (W3C WOFF File Format 2.0): the font's tables,
/// concatenated and compressed as one Brotli stream in font mode.
///
/// `glyf` and `loca` are transformed (`GlyfTransform`), every other table is stored as it is.
/// Debian's libwoff2enc would do the same, but it prints `Compressed N to M.` on standard
/// error for every font, which would run through the build's progress output.
enum WOFF2File {
    struct Malformed: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// The table tags WOFF2 numbers, in the order of the specification's known-table list.
    static let knownTags = [
        "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca", "prep",
        "CFF ", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE", "GDEF",
        "GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL", "SVG ", "sbix", "acnt", "avar", "bdat",
        "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar", "gvar", "hsty", "just", "lcar", "mort", "morx", "opbd",
        "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill",
    ]

    static func encode(sfnt: [UInt8]) throws -> Data {
        func u16(_ at: Int) -> Int { Int(sfnt[at]) << 8 | Int(sfnt[at + 1]) }
        func u32(_ at: Int) -> UInt32 { sfnt[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        guard sfnt.count >= 12 else { throw Malformed(reason: "the font has no table directory") }
        let flavor = u32(0)
        let count = u16(4)
        guard sfnt.count >= 12 + 16 * count else { throw Malformed(reason: "the table directory is cut short") }
        var records: [(name: String, tag: [UInt8], range: Range<Int>)] = []
        for index in 0..<count {
            let record = 12 + 16 * index
            let tag = Array(sfnt[record..<record + 4])
            let offset = Int(u32(record + 8))
            let length = Int(u32(record + 12))
            guard offset + length <= sfnt.count else { throw Malformed(reason: "a table runs past the end") }
            records.append((String(decoding: tag, as: UTF8.self), tag, offset..<offset + length))
        }
        func table(_ name: String) -> ArraySlice<UInt8>? { records.first { $0.name == name }.map { sfnt[$0.range] } }
        // glyf and loca transformed (section 5.1) where the font has both and a loca of the
        // size its glyph count and offset format give; loca then comes right after glyf.
        var transformedGlyf: [UInt8]?
        if let glyf = table("glyf"), let loca = table("loca"), let head = table("head"), let maxp = table("maxp"),
            head.count >= 54, maxp.count >= 6
        {
            let longOffsets = head[head.startIndex + 51] != 0
            let glyphCount = Int(maxp[maxp.startIndex + 4]) << 8 | Int(maxp[maxp.startIndex + 5])
            // Outlines the transform cannot read stay as they are (the null transform, which
            // every decoder reads too): the transform only makes the file smaller.
            if loca.count == (longOffsets ? 4 : 2) * (glyphCount + 1),
                let transformed = try? GlyfTransform.transformed(
                    glyf: glyf, loca: loca, glyphCount: glyphCount, longOffsets: longOffsets)
            {
                transformedGlyf = transformed
                let loca = records.remove(at: records.firstIndex { $0.name == "loca" }!)
                records.insert(loca, at: records.firstIndex { $0.name == "glyf" }! + 1)
            }
        }
        var directory: [UInt8] = []
        var tables: [UInt8] = []
        var sfntSize = 12 + 16 * count
        for (name, tag, range) in records {
            let isOutline = name == "glyf" || name == "loca"
            // Transform version 0 is the transform for glyf and loca, 3 their null transform;
            // every other table is stored as it is (version 0).
            let transform: UInt8 = isOutline && transformedGlyf == nil ? 0xC0 : 0
            if let known = knownTags.firstIndex(of: name) {
                directory.append(UInt8(known) | transform)
            } else {
                directory.append(63 | transform)
                directory += tag
            }
            directory += base128(UInt32(range.count))
            if let transformedGlyf, isOutline {
                let stored = name == "glyf" ? transformedGlyf : []
                directory += base128(UInt32(stored.count))
                tables += stored
            } else {
                tables += sfnt[range]
            }
            sfntSize += (range.count + 3) & ~3
        }
        var compressed = try brotli(tables)
        let compressedLength = compressed.count
        // The file ends on a 4-byte boundary (decoders check that the padded stream fits).
        compressed += [UInt8](repeating: 0, count: (4 - (48 + directory.count + compressed.count) % 4) % 4)
        var header: [UInt8] = []
        func put32(_ value: UInt32) { header += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        func put16(_ value: Int) { header += [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        let total = 48 + directory.count + compressed.count
        put32(0x774F_4632)  // wOF2
        put32(flavor)
        put32(UInt32(total))
        put16(count)
        put16(0)
        put32(UInt32(sfntSize))
        put32(UInt32(compressedLength))
        put16(1)  // WOFF version of the file: 1.0
        put16(0)
        for _ in 0..<5 { put32(0) }  // no metadata, no private data
        return Data(header + directory + compressed)
    }

    /// UIntBase128: seven bits a byte, most significant first, the high bit on all but the last.
    static func base128(_ value: UInt32) -> [UInt8] {
        var bytes = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest > 0 {
            bytes.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return bytes
    }

    /// Brotli's quality 9 with a window just large enough for the font: a font cut to a page's
    /// characters is 2 to 25 KB, and at qualities 10 and 11 (Zopfli-like modelling) or with
    /// Brotli's default 4 MB window (whose hash tables are set up for every font) Brotli took
    /// 20 to 40 times as long for 1 to 4 % fewer bytes. A batch makes fonts for every set of
    /// characters its pages hold, and in a real year most agencies' pages each hold their own.
    static let quality: Int32 = 9

    /// The smallest window from 64 KB (16 bits) to 16 MB (24) that holds `count` bytes.
    static func window(for count: Int) -> Int32 {
        var bits: Int32 = 16
        while bits < 24 && (1 << bits) - 16 < count { bits += 1 }
        return bits
    }

    static func brotli(_ input: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(BrotliEncoderMaxCompressedSize(input.count), 1024))
        var written = output.count
        let ok = input.withUnsafeBufferPointer { source in
            BrotliEncoderCompress(
                Self.quality, window(for: input.count), BROTLI_MODE_FONT, source.count, source.baseAddress,
                &written, &output)
        }
        guard ok == BROTLI_TRUE else { throw Malformed(reason: "Brotli compression failed") }
        return Array(output[..<written])
    }
}
