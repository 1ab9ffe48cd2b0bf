import Foundation

/// A TrueType font file rewritten for `ClusterGlyphs`: glyphs appended that each draw one shaped
/// cluster (a consonant with its marks) as a composite of the font's own glyphs, and no
/// character map, so that a PDF records for every glyph exactly the text it is shown with.
///
/// Only the tables that draw glyphs are kept: `head`, `hhea`, `maxp`, `hmtx`, `loca` and `glyf`
/// (rewritten), and `name`, `OS/2`, `cvt `, `fpgm`, `prep` and `gasp` (copied). Left out are
/// the character map (`cmap`) and glyph names (`post`, from which FreeType would make a
/// character map up), shaping tables (the text is shaped already) and every table sized by the
/// glyph count. Cairo writes its own `cmap` and `post` into the subsets it embeds, so the PDF
/// loses nothing. Variable fonts are refused (their copy would draw the default instance).
struct ClusterFontFile {
    /// A glyph to append: the glyphs of a cluster at offsets from its origin, in font units
    /// (y up), and the cluster's advance.
    struct Composite: Hashable {
        var components: [Component]
        var advance: Int
    }
    struct Component: Hashable {
        var glyph: UInt16
        var dx: Int16
        var dy: Int16
    }

    enum Failure: Error {
        case notTrueType, variable
        case missingTable(String)
        case malformed(String)
    }

    /// Glyph numbers are 16-bit.
    static let maxGlyphs = 0xFFFF

    let bytes: [UInt8]
    let tables: [String: Range<Int>]
    let unitsPerEm: Int
    let glyphCount: Int
    private let longLoca: Bool
    private let hMetricCount: Int
    // Where the tables read glyph by glyph start (looked up once: a `String`-keyed lookup per
    // glyph would cost more than the reading).
    private let hmtx: Int, loca: Int, glyf: Range<Int>
    /// The font's own glyphs as every copy begins its `glyf`, `loca` (long offsets) and `hmtx`
    /// tables: made once, not for every copy (a copy is made for every report and every batch
    /// of pages that brings new clusters; `FontFiles` keeps a file for the whole process).
    /// (Set once, at the end of `init`: they are read from the tables found before.)
    private var ownGlyf: [UInt8] = [], ownLoca: [UInt8] = [], ownHmtx: [UInt8] = []

    init(_ data: [UInt8]) throws {
        bytes = data
        guard data.count >= 12, data.u32(0) == 0x0001_0000 || data.u32(0) == 0x7472_7565 else {
            throw Failure.notTrueType
        }
        var tables: [String: Range<Int>] = [:]
        for i in 0..<data.u16(4) {
            let record = 12 + 16 * i
            guard record + 16 <= data.count else { throw Failure.malformed("table directory") }
            let tagBytes = data[record..<(record + 4)]
            guard tagBytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { throw Failure.malformed("table tag") }
            let tag = String(decoding: tagBytes, as: UTF8.self)
            let offset = data.u32(record + 8)
            let length = data.u32(record + 12)
            guard offset + length <= data.count else { throw Failure.malformed(tag) }
            tables[tag] = offset..<(offset + length)
        }
        for tag in ["head", "hhea", "maxp", "hmtx", "loca", "glyf"] where tables[tag] == nil {
            throw Failure.missingTable(tag)
        }
        guard tables["fvar"] == nil, tables["gvar"] == nil else { throw Failure.variable }
        guard tables["head"]!.count >= 54, tables["hhea"]!.count >= 36, tables["maxp"]!.count >= 6 else {
            throw Failure.malformed("head, hhea or maxp")
        }
        self.tables = tables
        let head = tables["head"]!.lowerBound
        let hhea = tables["hhea"]!.lowerBound
        let maxp = tables["maxp"]!.lowerBound
        unitsPerEm = data.u16(head + 18)
        longLoca = data.u16(head + 50) == 1
        glyphCount = data.u16(maxp + 4)
        hMetricCount = data.u16(hhea + 34)
        hmtx = tables["hmtx"]!.lowerBound
        loca = tables["loca"]!.lowerBound
        glyf = tables["glyf"]!
        guard unitsPerEm > 0, glyphCount > 0, hMetricCount > 0, hMetricCount <= glyphCount,
            tables["hmtx"]!.count >= 4 * hMetricCount + 2 * (glyphCount - hMetricCount),
            tables["loca"]!.count >= (longLoca ? 4 : 2) * (glyphCount + 1)
        else { throw Failure.malformed("metrics") }
        (ownGlyf, ownLoca, ownHmtx) = ownGlyphTables()
    }

    /// `glyf`, `loca` and `hmtx` of the font's own glyphs, as a copy begins them.
    private func ownGlyphTables() -> (glyf: [UInt8], loca: [UInt8], hmtx: [UInt8]) {
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        var hmtx: [UInt8] = []
        glyf.reserveCapacity(self.glyf.count)
        loca.reserveCapacity(4 * glyphCount)
        hmtx.reserveCapacity(4 * glyphCount)
        for g in 0..<glyphCount {
            loca.appendU32(glyf.count)
            glyf.append(contentsOf: bytes[outline(of: g)])
            glyf.pad4()
            hmtx.appendU16(advance(of: g))
            hmtx.appendI16(sideBearing(of: g))
        }
        return (glyf, loca, hmtx)
    }

    /// The advance of `glyph`, in font units.
    func advance(of glyph: Int) -> Int {
        bytes.u16(hmtx + 4 * min(glyph, hMetricCount - 1))
    }

    /// Left side bearing of `glyph`, in font units.
    private func sideBearing(of glyph: Int) -> Int {
        if glyph < hMetricCount { return bytes.i16(hmtx + 4 * glyph + 2) }
        return bytes.i16(hmtx + 4 * hMetricCount + 2 * (glyph - hMetricCount))
    }

    /// Where `glyph`'s outline is in the file (empty for a glyph with no outline).
    private func outline(of glyph: Int) -> Range<Int> {
        func offset(_ i: Int) -> Int { longLoca ? bytes.u32(loca + 4 * i) : 2 * bytes.u16(loca + 2 * i) }
        let start = glyf.lowerBound + offset(glyph)
        let end = glyf.lowerBound + offset(glyph + 1)
        // A location past the table (a broken font) gives no outline, not a range out of it.
        guard start <= end, end <= glyf.upperBound else { return glyf.lowerBound..<glyf.lowerBound }
        return start..<end
    }

    /// The bounding box of `glyph` (xMin, yMin, xMax, yMax), nil if it draws nothing.
    private func bounds(of glyph: Int) -> (Int, Int, Int, Int)? {
        let range = outline(of: glyph)
        guard range.count >= 10 else { return nil }
        let o = range.lowerBound
        return (bytes.i16(o + 2), bytes.i16(o + 4), bytes.i16(o + 6), bytes.i16(o + 8))
    }

    /// Points, contours, components and nesting depth of `glyph`, for `maxp`.
    private func profile(of glyph: Int, depth: Int = 0) -> (points: Int, contours: Int, components: Int, depth: Int) {
        guard glyph < glyphCount, depth < 8 else { return (0, 0, 0, depth) }
        let range = outline(of: glyph)
        guard range.count >= 10 else { return (0, 0, 0, depth) }
        let o = range.lowerBound
        let contours = bytes.i16(o)
        if contours >= 0 {
            guard o + 10 + 2 * contours <= range.upperBound else { return (0, 0, 0, depth) }
            let points = contours == 0 ? 0 : bytes.u16(o + 10 + 2 * (contours - 1)) + 1
            return (points, contours, 0, depth)
        }
        var total = (points: 0, contours: 0, components: 0, depth: depth + 1)
        var p = o + 10
        while p + 4 <= range.upperBound {
            let flags = bytes.u16(p)
            let component = bytes.u16(p + 2)
            let inner = profile(of: component, depth: depth + 1)
            total.points += inner.points
            total.contours += inner.contours
            total.components += 1
            total.depth = max(total.depth, inner.depth)
            p += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 {
                p += 2
            } else if flags & 0x0040 != 0 {
                p += 4
            } else if flags & 0x0080 != 0 {
                p += 8
            }
            if flags & 0x0020 == 0 { break }
        }
        return total
    }

    /// The font with `composites` appended as glyphs `glyphCount`, `glyphCount + 1`, …
    func appending(_ composites: [Composite]) throws -> [UInt8] {
        let total = glyphCount + composites.count
        guard total <= Self.maxGlyphs else { throw Failure.malformed("too many glyphs") }
        // glyf, loca (long offsets) and hmtx, the font's own glyphs first.
        var glyf = ownGlyf
        var loca = ownLoca
        var hmtx = ownHmtx
        glyf.reserveCapacity(ownGlyf.count + 32 * composites.count)
        loca.reserveCapacity(ownLoca.count + 4 * (composites.count + 1))
        hmtx.reserveCapacity(ownHmtx.count + 4 * composites.count)
        // The largest composite (for maxp), and the font-wide extremes (for head and hhea).
        var maxPoints = 0
        var maxContours = 0
        var maxComponents = 0
        var maxDepth = 0
        let head0 = tables["head"]!.lowerBound
        let hhea0 = tables["hhea"]!.lowerBound
        var fontBox = (bytes.i16(head0 + 36), bytes.i16(head0 + 38), bytes.i16(head0 + 40), bytes.i16(head0 + 42))
        var maxAdvance = bytes.u16(hhea0 + 10)
        var minLeft = bytes.i16(hhea0 + 12)
        var minRight = bytes.i16(hhea0 + 14)
        var maxExtent = bytes.i16(hhea0 + 16)
        for composite in composites {
            loca.appendU32(glyf.count)
            guard !composite.components.isEmpty else {
                // No components: a glyph with no outline (as a space has), drawing nothing.
                maxAdvance = max(maxAdvance, min(max(0, composite.advance), 0xFFFF))
                hmtx.appendU16(min(max(0, composite.advance), 0xFFFF))
                hmtx.appendI16(0)
                continue
            }
            var box: (Int, Int, Int, Int)? = nil
            var points = 0
            var contours = 0
            for c in composite.components {
                guard Int(c.glyph) < glyphCount else { throw Failure.malformed("component glyph") }
                let p = profile(of: Int(c.glyph))
                points += p.points
                contours += p.contours
                maxDepth = max(maxDepth, p.depth + 1)
                guard let b = bounds(of: Int(c.glyph)) else { continue }
                let shifted = (b.0 + Int(c.dx), b.1 + Int(c.dy), b.2 + Int(c.dx), b.3 + Int(c.dy))
                box =
                    box.map { (min($0.0, shifted.0), min($0.1, shifted.1), max($0.2, shifted.2), max($0.3, shifted.3)) }
                    ?? shifted
            }
            maxPoints = max(maxPoints, points)
            maxContours = max(maxContours, contours)
            maxComponents = max(maxComponents, composite.components.count)
            let b = box ?? (0, 0, 0, 0)
            let advance = min(max(0, composite.advance), 0xFFFF)
            if box != nil {
                fontBox = (min(fontBox.0, b.0), min(fontBox.1, b.1), max(fontBox.2, b.2), max(fontBox.3, b.3))
                minLeft = min(minLeft, b.0)
                minRight = min(minRight, advance - b.2)
                maxExtent = max(maxExtent, b.2)
            }
            maxAdvance = max(maxAdvance, advance)
            glyf.appendI16(-1)
            for v in [b.0, b.1, b.2, b.3] { glyf.appendI16(v) }
            for (i, c) in composite.components.enumerated() {
                // Word arguments, taken as x/y offsets; more components follow all but the last.
                let more = i + 1 < composite.components.count ? 0x0020 : 0
                glyf.appendU16(0x0001 | 0x0002 | more)
                glyf.appendU16(Int(c.glyph))
                glyf.appendI16(Int(c.dx))
                glyf.appendI16(Int(c.dy))
            }
            glyf.pad4()
            hmtx.appendU16(advance)
            hmtx.appendI16(b.0)
        }
        loca.appendU32(glyf.count)

        var head = [UInt8](bytes[tables["head"]!])
        var hhea = [UInt8](bytes[tables["hhea"]!])
        var maxp = [UInt8](bytes[tables["maxp"]!])
        head.setU16(50, 1)  // long loca offsets
        head.setU32(8, 0)  // checkSumAdjustment: not kept up
        for (k, v) in [fontBox.0, fontBox.1, fontBox.2, fontBox.3].enumerated() { head.setI16(36 + 2 * k, v) }
        hhea.setU16(10, maxAdvance)
        hhea.setI16(12, minLeft)
        hhea.setI16(14, minRight)
        hhea.setI16(16, maxExtent)
        hhea.setU16(34, total)  // every glyph has its own advance
        maxp.setU16(4, total)
        if maxp.count >= 32 {  // version 1.0: composite limits
            maxp.setU16(10, max(maxp.u16(10), maxPoints))
            maxp.setU16(12, max(maxp.u16(12), maxContours))
            maxp.setU16(28, max(maxp.u16(28), maxComponents))
            maxp.setU16(30, max(maxp.u16(30), maxDepth))
        }

        var out: [String: [UInt8]] = [
            "glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp,
        ]
        for tag in Self.copiedTables { if let range = tables[tag] { out[tag] = [UInt8](bytes[range]) } }
        return Self.sfnt(out)
    }

    /// Tables copied as they are; every other table is left out (see the type's comment).
    static let copiedTables = ["name", "OS/2", "cvt ", "fpgm", "prep", "gasp"]
}
