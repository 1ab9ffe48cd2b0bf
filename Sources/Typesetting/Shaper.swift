import CPangoCairo
import FontSystem
import PageIR

/// How a piece of text looks: face and size in real points of the bundled font.
public struct TextStyle: Hashable, Sendable {
    public var family: String
    public var bold: Bool
    public var size: Double
    /// Line pitch as a multiple of the size; the baseline sits 0.3 em below the middle of the line.
    public var leading: Double
    public init(family: String, bold: Bool = false, size: Double, leading: Double = 1.55) {
        self.family = family
        self.bold = bold
        self.size = size
        self.leading = leading
    }
    public var lineHeight: Double { size * leading }
}

public enum Alignment: Hashable, Sendable { case left, center, right, justify }

/// One line of a shaped paragraph: runs positioned relative to the line's left end and
/// baseline.
public struct ShapedLine: Sendable, Equatable {
    public var runs: [TextRun]
    public var width: Double
    public var height: Double
    /// Distance from the top of the line box to the baseline.
    public var baseline: Double
    public var text: String { runs.map(\.text).joined() }
}

/// Breaks and shapes text with Pango (Thai word breaks from libthai) and turns Pango's glyph
/// strings into page-IR runs. Owns the font table of the document being laid out.
public final class Shaper {
    let fonts: FontSystem
    let context: OpaquePointer
    let layout: OpaquePointer
    /// The document's fonts, in the order layout first used them; runs index into it.
    public private(set) var fontTable: [FontRef] = []
    private var fontIndex: [UnsafeMutableRawPointer: Int] = [:]
    private var descriptions: [TextStyle: OpaquePointer] = [:]

    public init(fonts: FontSystem) {
        self.fonts = fonts
        context = fonts.makeContext()
        layout = pango_layout_new(context)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    deinit {
        for description in descriptions.values { pango_font_description_free(description) }
        for font in fontIndex.keys { g_object_unref(font) }
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    func description(_ style: TextStyle) -> OpaquePointer {
        if let existing = descriptions[style] { return existing }
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, style.family)
        pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_size(description, Int32((style.size * Double(PANGO_SCALE)).rounded()))
        descriptions[style] = description
        return description
    }

    /// Index of a Pango font in the document font table.
    func index(of font: UnsafeMutablePointer<PangoFont>) -> Int {
        let key = UnsafeMutableRawPointer(font)
        if let index = fontIndex[key] { return index }
        // Every font Pango hands out comes from the bundled Fontconfig set, so it has a file.
        let resolved =
            FontSystem.resolve(font).map { FontRef(path: $0.path, faceIndex: $0.faceIndex, size: $0.size) }
            ?? FontRef(path: "", faceIndex: 0, size: 0)
        g_object_ref(key)
        let index =
            fontTable.firstIndex(of: resolved)
            ?? {
                fontTable.append(resolved)
                return fontTable.count - 1
            }()
        fontIndex[key] = index
        return index
    }

    /// Natural width of a single line of text.
    public func width(of text: String, style: TextStyle) -> Double {
        shape(text, style: style, width: nil).first?.width ?? 0
    }

    /// Width of `text` on one line as the line breaker measures it, leaving the font table and
    /// the cache as they were: for text measured before it is laid out, so the fonts keep the
    /// order layout first uses them in.
    func measure(_ text: String, style: TextStyle) -> Double {
        guard !text.isEmpty else { return 0 }
        pango_layout_set_font_description(layout, description(style))
        pango_layout_set_width(layout, -1)
        pango_layout_set_indent(layout, 0)
        pango_layout_set_text(layout, text, -1)
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(width) / Double(PANGO_SCALE)
    }

    /// Breaks `text` into lines no wider than `width` (nil: one line) and shapes them.
    /// `justify` spreads each line but the last over its word boundaries (Thai distributed
    /// justification): Pango's own justification only widens spaces.
    public func shape(
        _ text: String, style: TextStyle, width: Double?, indent: Double = 0,
        alignment: Alignment = .left
    ) -> [ShapedLine] {
        guard !text.isEmpty else { return [] }
        let key = ShapeKey(text: text, style: style, width: width, indent: indent, alignment: alignment)
        if let cached = cache[key] { return cached }
        let lines = shapeUncached(text, style: style, width: width, indent: indent, alignment: alignment)
        let glyphs = lines.reduce(0) { $0 + $1.runs.reduce(0) { $0 + $1.glyphs.count } }
        if cachedGlyphs + glyphs <= Self.cacheGlyphBudget {
            cache[key] = lines
            cachedGlyphs += glyphs
        }
        return lines
    }

    /// Shaped text is kept for the second pass over the body (see `ReportTypesetter.typeset`),
    /// up to this many glyphs (a few megabytes), so small reports are shaped once and long ones
    /// still run in constant memory.
    static let cacheGlyphBudget = 120_000

    /// Pango's mark on the id of a glyph no font has (`PANGO_GLYPH_UNKNOWN_FLAG`); the
    /// character's code is in the low bits.
    static let unknownGlyphFlag: UInt32 = 0x1000_0000

    /// Characters no bundled font could show, met since the last `clearCache`.
    public private(set) var missing = Set<Unicode.Scalar>()
    private struct ShapeKey: Hashable {
        let text: String, style: TextStyle, width: Double?, indent: Double, alignment: Alignment
    }
    private var cache: [ShapeKey: [ShapedLine]] = [:]
    private var cachedGlyphs = 0

    /// Forgets shaped text (at the start of each report: the cache serves the passes over one).
    public func clearCache() {
        cache.removeAll(keepingCapacity: true)
        cachedGlyphs = 0
        missing.removeAll()
    }

    private func shapeUncached(
        _ text: String, style: TextStyle, width: Double?, indent: Double,
        alignment: Alignment
    ) -> [ShapedLine] {
        let scale = Double(PANGO_SCALE)
        pango_layout_set_font_description(layout, description(style))
        pango_layout_set_width(layout, width.map { Int32(($0 * scale).rounded(.down)) } ?? -1)
        pango_layout_set_indent(layout, Int32((indent * scale).rounded()))
        pango_layout_set_text(layout, text, -1)

        let utf8 = Array(text.utf8)
        var attrCount: Int32 = 0
        let attrs = pango_layout_get_log_attrs_readonly(layout, &attrCount)!
        // Byte offset of each character, for matching log attributes to clusters.
        var charStarts: [Int] = []
        charStarts.reserveCapacity(utf8.count + 1)
        for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { charStarts.append(offset) }
        charStarts.append(utf8.count)

        let lineCount = Int(pango_layout_get_line_count(layout))
        var lines: [ShapedLine] = []
        lines.reserveCapacity(lineCount)
        let lineHeight = style.lineHeight
        for lineIndex in 0..<lineCount {
            let line = pango_layout_get_line_readonly(layout, Int32(lineIndex))!
            let startByte = Int(line.pointee.start_index)
            let endByte = startByte + Int(line.pointee.length)
            var runs: [TextRun] = []
            var x = 0.0
            var run = line.pointee.runs
            while let node = run {
                let glyphItem = node.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                let item = glyphItem.pointee.item!.pointee
                let glyphs = glyphItem.pointee.glyphs!.pointee
                let itemStart = Int(item.offset)
                let itemLength = Int(item.length)
                let fontIndex = index(of: item.analysis.font)
                var runGlyphs: [Glyph] = []
                runGlyphs.reserveCapacity(Int(glyphs.num_glyphs))
                var runX = 0.0
                var clusterStarts: [Int] = []
                for g in 0..<Int(glyphs.num_glyphs) {
                    let info = glyphs.glyphs[g]
                    let advance = Double(info.geometry.width) / scale
                    var id = info.glyph
                    if id & Self.unknownGlyphFlag != 0, id != Glyph.empty {
                        // No bundled font has this character: show the font's own "missing"
                        // box (glyph 0) so the gap is visible and the text still recorded.
                        if let scalar = Unicode.Scalar(id & ~Self.unknownGlyphFlag) { missing.insert(scalar) }
                        id = 0
                    }
                    runGlyphs.append(
                        Glyph(
                            id: id, x: runX + Double(info.geometry.x_offset) / scale,
                            y: Double(info.geometry.y_offset) / scale, advance: advance))
                    runX += advance
                    let cluster = Int(glyphs.log_clusters[g])
                    if g == 0 || cluster != Int(glyphs.log_clusters[g - 1]) { clusterStarts.append(g) }
                }
                // Right-to-left glyphs come in visual order, their text in logical order.
                let backward = item.analysis.level & 1 == 1
                var clusters: [Cluster] = []
                for (k, glyphStart) in clusterStarts.enumerated() {
                    let glyphEnd = k + 1 < clusterStarts.count ? clusterStarts[k + 1] : Int(glyphs.num_glyphs)
                    let byteStart = Int(glyphs.log_clusters[glyphStart])
                    let byteEnd: Int
                    if backward {
                        byteEnd = k == 0 ? itemLength : Int(glyphs.log_clusters[clusterStarts[k - 1]])
                    } else {
                        byteEnd = k + 1 < clusterStarts.count ? Int(glyphs.log_clusters[glyphEnd]) : itemLength
                    }
                    clusters.append(Cluster(byteCount: byteEnd - byteStart, glyphCount: glyphEnd - glyphStart))
                }
                // Kept in text order; a backward run's clusters take its glyphs from the end.
                if backward {
                    clusters.reverse()
                } else {
                    clusters = Shaper.joiningMarks(clusters, text: utf8, start: itemStart)
                }
                let runText = String(decoding: utf8[itemStart..<(itemStart + itemLength)], as: UTF8.self)
                runs.append(
                    TextRun(
                        x: x, y: 0, font: fontIndex, text: runText, glyphs: runGlyphs, clusters: clusters,
                        backward: backward))
                x += runX
                run = node.pointee.next
            }
            // Trailing spaces do not count towards the line's width.
            var trailing = 0.0
            var trimmedEnd = endByte
            while trimmedEnd > startByte, utf8[trimmedEnd - 1] == 0x20 { trimmedEnd -= 1 }
            if trimmedEnd < endByte, let last = runs.last {
                let spaces = endByte - trimmedEnd
                trailing = last.glyphs.suffix(spaces).reduce(0) { $0 + $1.advance }
            }
            let lineIndent = lineIndex == 0 ? indent : 0
            var shaped = ShapedLine(
                runs: runs, width: x - trailing, height: lineHeight, baseline: lineHeight / 2 + style.size * 0.3)
            let isLast = lineIndex == lineCount - 1
            // (Lines holding right-to-left text are left ragged: the spreading walks text forwards.)
            if alignment == .justify, !isLast, let width, !shaped.runs.contains(where: \.backward) {
                let extra = width - lineIndent - shaped.width
                if extra > 0 {
                    justify(
                        &shaped, extra: extra, size: style.size, startByte: startByte, endByte: trimmedEnd,
                        attrs: attrs, charStarts: charStarts)
                }
            }
            for r in shaped.runs.indices { shaped.runs[r].x += lineIndent }
            shaped.width += lineIndent
            lines.append(shaped)
        }
        return lines
    }
}
