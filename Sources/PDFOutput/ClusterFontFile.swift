import Foundation

/// A TrueType font read for `ClusterGlyphs`, and written again as the font a PDF embeds for one
/// document (`subset`): the glyphs the document draws, among them glyphs that each draw one
/// shaped cluster (a consonant with its marks) as a composite of the font's own glyphs.
///
/// The subset keeps only what draws glyphs, as a PDF's CIDFontType2 program needs (ISO 32000
/// 9.9): `head`, `hhea`, `maxp`, `hmtx`, `loca` and `glyf` (rewritten), `cvt `, `fpgm` and
/// `prep` (copied). No character map, names or shaping tables: the PDF names glyphs by number
/// and records each glyph's text in its ToUnicode map. Variable fonts are refused (their subset
/// would draw the default instance).
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
            p += Self.componentRecordSize(flags: flags)
            if flags & 0x0020 == 0 { break }
        }
        return total
    }

    /// The size of a composite glyph's component record with `flags` (OpenType `glyf`): flags
    /// and glyph number, word or byte arguments, then a scale, two scales or a 2 × 2 matrix.
    /// (More records follow while `flags` has 0x0020.)
    static func componentRecordSize(flags: Int) -> Int {
        var size = 4 + (flags & 0x0001 != 0 ? 4 : 2)
        if flags & 0x0008 != 0 {
            size += 2
        } else if flags & 0x0040 != 0 {
            size += 4
        } else if flags & 0x0080 != 0 {
            size += 8
        }
        return size
    }

    /// The font a PDF embeds for the glyphs one document draws: the font's glyph 0, then
    /// `glyphs` in their order (numbers of this font; from `glyphCount` on, the composites
    /// `composites` holds in that order), then every glyph their outlines draw that is not among
    /// them, each composite's components renumbered so. The PDF names glyphs by these new
    /// numbers (`/CIDToGIDMap /Identity`).
    func subset(_ glyphs: [Int], composites: [Composite]) throws -> [UInt8] {
        var order = [0]
        var newNumbers: [Int: Int] = [0: 0]
        func number(_ old: Int) -> Int {
            if let known = newNumbers[old] { return known }
            newNumbers[old] = order.count
            order.append(old)
            return order.count - 1
        }
        for glyph in glyphs { _ = number(glyph) }
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        var hmtx: [UInt8] = []
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
        // `order` grows as components are found: each is written in its turn.
        var next = 0
        while next < order.count {
            guard order.count <= Self.maxGlyphs else { throw Failure.malformed("too many glyphs") }
            let old = order[next]
            next += 1
            loca.appendU32(glyf.count)
            if old < glyphCount {
                var outline = [UInt8](bytes[outline(of: old)])
                if outline.count >= 10, outline.i16(0) < 0 {
                    // The font's own composite: its components renumbered.
                    var p = 10
                    while p + 4 <= outline.count {
                        let flags = outline.u16(p)
                        // A component the font does not have (a broken font) draws glyph 0.
                        let component = outline.u16(p + 2)
                        outline.setU16(p + 2, component < glyphCount ? number(component) : 0)
                        p += Self.componentRecordSize(flags: flags)
                        if flags & 0x0020 == 0 { break }
                    }
                }
                glyf += outline
                glyf.pad4()
                hmtx.appendU16(advance(of: old))
                hmtx.appendI16(sideBearing(of: old))
                continue
            }
            guard old - glyphCount < composites.count else { throw Failure.malformed("glyph \(old)") }
            let composite = composites[old - glyphCount]
            let advance = min(max(0, composite.advance), 0xFFFF)
            maxAdvance = max(maxAdvance, advance)
            guard !composite.components.isEmpty else {
                // No components: a glyph with no outline (as a space has), drawing nothing.
                hmtx.appendU16(advance)
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
            if box != nil {
                fontBox = (min(fontBox.0, b.0), min(fontBox.1, b.1), max(fontBox.2, b.2), max(fontBox.3, b.3))
                minLeft = min(minLeft, b.0)
                minRight = min(minRight, advance - b.2)
                maxExtent = max(maxExtent, b.2)
            }
            glyf.appendI16(-1)
            for v in [b.0, b.1, b.2, b.3] { glyf.appendI16(v) }
            for (i, c) in composite.components.enumerated() {
                // Word arguments, taken as x/y offsets; more components follow all but the last.
                let more = i + 1 < composite.components.count ? 0x0020 : 0
                glyf.appendU16(0x0001 | 0x0002 | more)
                glyf.appendU16(number(Int(c.glyph)))
                glyf.appendI16(Int(c.dx))
                glyf.appendI16(Int(c.dy))
            }
            glyf.pad4()
            hmtx.appendU16(advance)
            hmtx.appendI16(b.0)
        }
        loca.appendU32(glyf.count)
        let total = order.count

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
    static let copiedTables = ["cvt ", "fpgm", "prep"]
}
