import Foundation

/// A TrueType font file rewritten for `ClusterGlyphs`: glyphs appended that each draw one shaped
/// cluster (a consonant with its marks) as a composite of the font's own glyphs, and no
/// character map, so that a PDF records for every glyph exactly the text it is shown with.
///
/// Only what this needs is read and written: the table directory, `head`, `hhea`, `maxp`,
/// `hmtx`, `loca` and `glyf`. The character map (`cmap`) and glyph names (`post`, from which
/// FreeType would make a character map up) are left out, with the device-metric tables that
/// are sized by the glyph count (`hdmx`, `LTSH`, `VDMX`). Cairo writes its own `cmap` and
/// `post` into the subsets it embeds, so the PDF loses nothing.
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

    enum Failure: Error { case notTrueType, missingTable(String), malformed(String) }

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

    init(_ data: [UInt8]) throws {
        bytes = data
        guard data.count >= 12, data.u32(0) == 0x0001_0000 || data.u32(0) == 0x7472_7565 else { throw Failure.notTrueType }
        var tables: [String: Range<Int>] = [:]
        for i in 0..<data.u16(4) {
            let record = 12 + 16 * i
            guard record + 16 <= data.count else { throw Failure.malformed("table directory") }
            let tag = String(decoding: data[record..<(record + 4)], as: UTF8.self)
            let offset = data.u32(record + 8), length = data.u32(record + 12)
            guard offset + length <= data.count else { throw Failure.malformed(tag) }
            tables[tag] = offset..<(offset + length)
        }
        for tag in ["head", "hhea", "maxp", "hmtx", "loca", "glyf"] where tables[tag] == nil { throw Failure.missingTable(tag) }
        self.tables = tables
        let head = tables["head"]!.lowerBound, hhea = tables["hhea"]!.lowerBound, maxp = tables["maxp"]!.lowerBound
        unitsPerEm = data.u16(head + 18)
        longLoca = data.u16(head + 50) == 1
        glyphCount = data.u16(maxp + 4)
        hMetricCount = data.u16(hhea + 34)
        hmtx = tables["hmtx"]!.lowerBound
        loca = tables["loca"]!.lowerBound
        glyf = tables["glyf"]!
        guard unitsPerEm > 0, glyphCount > 0, hMetricCount > 0, hMetricCount <= glyphCount,
              tables["hmtx"]!.count >= 4 * hMetricCount + 2 * (glyphCount - hMetricCount),
              tables["loca"]!.count >= (longLoca ? 4 : 2) * (glyphCount + 1) else { throw Failure.malformed("metrics") }
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
        let start = glyf.lowerBound + offset(glyph), end = glyf.lowerBound + offset(glyph + 1)
        guard start <= end, end <= glyf.upperBound else { return start..<start }
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
        let range = outline(of: glyph)
        guard range.count >= 10, depth < 8 else { return (0, 0, 0, depth) }
        let o = range.lowerBound
        let contours = bytes.i16(o)
        if contours >= 0 {
            let points = contours == 0 ? 0 : bytes.u16(o + 10 + 2 * (contours - 1)) + 1
            return (points, contours, 0, depth)
        }
        var total = (points: 0, contours: 0, components: 0, depth: depth + 1)
        var p = o + 10
        while p + 4 <= range.upperBound {
            let flags = bytes.u16(p), component = bytes.u16(p + 2)
            let inner = profile(of: component, depth: depth + 1)
            total.points += inner.points; total.contours += inner.contours; total.components += 1
            total.depth = max(total.depth, inner.depth)
            p += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 { p += 2 } else if flags & 0x0040 != 0 { p += 4 } else if flags & 0x0080 != 0 { p += 8 }
            if flags & 0x0020 == 0 { break }
        }
        return total
    }

    /// The font with `composites` appended as glyphs `glyphCount`, `glyphCount + 1`, …
    func appending(_ composites: [Composite]) throws -> [UInt8] {
        let total = glyphCount + composites.count
        guard total <= Self.maxGlyphs else { throw Failure.malformed("too many glyphs") }
        // glyf and loca (long offsets), the font's own glyphs first.
        var glyf: [UInt8] = [], loca: [UInt8] = []
        glyf.reserveCapacity(self.glyf.count + 32 * composites.count)
        for g in 0..<glyphCount {
            loca.appendU32(glyf.count)
            glyf.append(contentsOf: bytes[outline(of: g)])
            glyf.pad4()
        }
        var maxPoints = 0, maxContours = 0, maxComponents = 0, maxDepth = 0
        var hmtx: [UInt8] = []
        for g in 0..<glyphCount { hmtx.appendU16(advance(of: g)); hmtx.appendI16(sideBearing(of: g)) }
        for composite in composites {
            loca.appendU32(glyf.count)
            var box: (Int, Int, Int, Int)? = nil
            for c in composite.components {
                guard Int(c.glyph) < glyphCount else { throw Failure.malformed("component glyph") }
                guard let b = bounds(of: Int(c.glyph)) else { continue }
                let shifted = (b.0 + Int(c.dx), b.1 + Int(c.dy), b.2 + Int(c.dx), b.3 + Int(c.dy))
                box = box.map { (min($0.0, shifted.0), min($0.1, shifted.1), max($0.2, shifted.2), max($0.3, shifted.3)) } ?? shifted
                let p = profile(of: Int(c.glyph))
                maxPoints += p.points; maxContours += p.contours; maxDepth = max(maxDepth, p.depth + 1)
            }
            maxComponents = max(maxComponents, composite.components.count)
            let b = box ?? (0, 0, 0, 0)
            glyf.appendI16(-1)
            for v in [b.0, b.1, b.2, b.3] { glyf.appendI16(v) }
            for (i, c) in composite.components.enumerated() {
                // Word arguments, taken as x/y offsets; more components follow all but the last.
                let more = i + 1 < composite.components.count ? 0x0020 : 0
                glyf.appendU16(0x0001 | 0x0002 | more)
                glyf.appendU16(Int(c.glyph))
                glyf.appendI16(Int(c.dx)); glyf.appendI16(Int(c.dy))
            }
            glyf.pad4()
            hmtx.appendU16(max(0, composite.advance)); hmtx.appendI16(b.0)
        }
        loca.appendU32(glyf.count)

        var head = [UInt8](bytes[tables["head"]!]), hhea = [UInt8](bytes[tables["hhea"]!]), maxp = [UInt8](bytes[tables["maxp"]!])
        head.setU16(50, 1)          // long loca offsets
        head.setU32(8, 0)           // checkSumAdjustment: not kept up
        hhea.setU16(34, total)      // every glyph has its own advance
        maxp.setU16(4, total)
        if maxp.count >= 32 {       // version 1.0: composite limits
            maxp.setU16(10, max(maxp.u16(10), maxPoints))
            maxp.setU16(12, max(maxp.u16(12), maxContours))
            maxp.setU16(28, max(maxp.u16(28), maxComponents))
            maxp.setU16(30, max(maxp.u16(30), maxDepth))
        }

        var out: [String: [UInt8]] = ["glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp]
        for (tag, range) in tables where out[tag] == nil && !Self.droppedTables.contains(tag) {
            out[tag] = [UInt8](bytes[range])
        }
        return Self.sfnt(out)
    }

    static let droppedTables: Set<String> = ["cmap", "post", "hdmx", "LTSH", "VDMX", "DSIG"]

    /// An sfnt file of `tables`, directory sorted by tag, each table on a 4-byte boundary.
    static func sfnt(_ tables: [String: [UInt8]]) -> [UInt8] {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var file: [UInt8] = []
        file.appendU32(0x0001_0000)
        var power = 1, log = 0
        while power * 2 <= tags.count { power *= 2; log += 1 }
        file.appendU16(tags.count); file.appendU16(16 * power); file.appendU16(log); file.appendU16(16 * (tags.count - power))
        var offset = 12 + 16 * tags.count
        for tag in tags {
            let table = tables[tag]!
            file.append(contentsOf: Array(tag.utf8))
            file.appendU32(checksum(table))
            file.appendU32(offset)
            file.appendU32(table.count)
            offset += (table.count + 3) & ~3
        }
        for tag in tags {
            file.append(contentsOf: tables[tag]!)
            file.pad4()
        }
        return file
    }

    static func checksum(_ table: [UInt8]) -> Int {
        var sum: UInt32 = 0, i = 0
        while i < table.count {
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(i + k < table.count ? table[i + k] : 0) }
            sum = sum &+ word
            i += 4
        }
        return Int(sum)
    }
}

extension Array where Element == UInt8 {
    func u16(_ o: Int) -> Int { Int(self[o]) << 8 | Int(self[o + 1]) }
    func i16(_ o: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(o)))) }
    func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
    mutating func appendU16(_ v: Int) { append(UInt8((v >> 8) & 0xFF)); append(UInt8(v & 0xFF)) }
    mutating func appendI16(_ v: Int) { appendU16(Int(UInt16(bitPattern: Int16(clamping: v)))) }
    mutating func appendU32(_ v: Int) { appendU16((v >> 16) & 0xFFFF); appendU16(v & 0xFFFF) }
    mutating func setU16(_ o: Int, _ v: Int) { self[o] = UInt8((v >> 8) & 0xFF); self[o + 1] = UInt8(v & 0xFF) }
    mutating func setU32(_ o: Int, _ v: Int) { setU16(o, (v >> 16) & 0xFFFF); setU16(o + 2, v & 0xFFFF) }
    mutating func pad4() { while count % 4 != 0 { append(0) } }
}
