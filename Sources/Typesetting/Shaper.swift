import CPangoCairo
import FontSystem
import PageIR
import ThaiBreaking

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
    /// Where lines may end and how good each place is (the report's lexicon of compounds).
    public var breaker = ThaiBreaker() {
        didSet { if breaker != oldValue { clearCache() } }
    }
    /// Whether a word broken between syllables shows a hyphen at the line's end.
    public var hyphenate = false {
        didSet { if hyphenate != oldValue { clearCache() } }
    }

    public init(fonts: FontSystem) {
        self.fonts = fonts
        context = fonts.makeContext()
        layout = pango_layout_new(context)
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
        if let cached = cache[key] {
            missing.formUnion(cached.missing)
            return cached.lines
        }
        if let kept = previous.removeValue(forKey: key) {
            missing.formUnion(kept.missing)
            keep(kept, for: key)
            return kept.lines
        }
        if let long = oversized, long.key == key {
            oversized = nil
            missing.formUnion(long.entry.missing)
            return long.entry.lines
        }
        let (lines, found) = findingMissing {
            shapeUncached(text, style: style, width: width, indent: indent, alignment: alignment).lines
        }
        let glyphs = lines.reduce(0) { $0 + $1.runs.reduce(0) { $0 + $1.glyphs.count } }
        keep(ShapedEntry(lines: lines, missing: found, glyphs: glyphs), for: key)
        return lines
    }

    private func keep(_ entry: ShapedEntry, for key: ShapeKey) {
        if cachedGlyphs + entry.glyphs <= Self.cacheGlyphBudget {
            cache[key] = entry
            cachedGlyphs += entry.glyphs
        } else if entry.glyphs > Self.cacheGlyphBudget {
            oversized = (key, entry)
        }
    }

    /// The last text too long for the budget (a cell of a megabyte), kept until it is asked for
    /// once more (the second pass over the body) or the next report begins: its lines are in
    /// memory anyway while its row is placed, and shaping it twice would double its time.
    private var oversized: (key: ShapeKey, entry: ShapedEntry)?
    /// Whether a text too long for the cache is kept for the second pass.
    var keepsLongText: Bool { oversized != nil }

    /// Shaped text is kept for the second pass over the body (see `ReportTypesetter.typeset`),
    /// up to this many glyphs (a few megabytes), so small reports are shaped once and long ones
    /// still run in constant memory.
    static let cacheGlyphBudget = 120_000

    /// Pango's mark on the id of a glyph no font has (`PANGO_GLYPH_UNKNOWN_FLAG`); the
    /// character's code is in the low bits.
    static let unknownGlyphFlag: UInt32 = 0x1000_0000

    /// Characters no bundled font could show, met since the last `clearCache` or `beginReport`.
    public private(set) var missing = Set<Unicode.Scalar>()
    /// Those met by the text being shaped now, kept with its lines.
    private var shapingMissing = Set<Unicode.Scalar>()
    /// Texts are told apart by their UTF-8 bytes, which is what Pango shapes: hashing a
    /// `String` normalises it first (to treat canonically equal texts as one), which cost
    /// more than the rest of the lookup.
    private struct ShapeKey: Hashable {
        let text: String, style: TextStyle, width: Double?, indent: Double, alignment: Alignment

        static func == (a: ShapeKey, b: ShapeKey) -> Bool {
            a.style == b.style && a.width == b.width && a.indent == b.indent && a.alignment == b.alignment
                && a.text.hasSameBytes(as: b.text)
        }

        func hash(into hasher: inout Hasher) {
            text.hashBytes(into: &hasher)
            hasher.combine(style)
            hasher.combine(width)
            hasher.combine(indent)
            hasher.combine(alignment)
        }
    }
    private struct ShapedEntry {
        let lines: [ShapedLine]
        let missing: Set<Unicode.Scalar>
        let glyphs: Int
    }
    /// The text shaped for this report, within `cacheGlyphBudget`.
    private var cache: [ShapeKey: ShapedEntry] = [:]
    /// The break opportunities of the texts in one font broken into lines since the report
    /// began (not those whose lines came from the cache).
    public let foundBreaks = BreakOpportunityMemo()
    private var cachedGlyphs = 0
    /// The text shaped for the report before: what this report shapes again (the preview's
    /// rebuild after an edit, a batch's template texts) moves into `cache`, and the rest is
    /// forgotten when the next report begins, so memory stays within two budgets.
    private var previous: [ShapeKey: ShapedEntry] = [:]

    /// Forgets all shaped text.
    public func clearCache() {
        foundBreaks.start(breaker: breaker)
        oversized = nil
        cache.removeAll(keepingCapacity: true)
        previous.removeAll()
        cachedGlyphs = 0
        missing.removeAll()
    }

    /// Starts a report: the last report's shaped text may serve it; what it does not ask for
    /// is dropped at the start of the next. Shaping depends only on the text, its style and
    /// measure, the breaker and hyphenation (changing those clears everything), so a line
    /// taken from the last report is the line shaping would give.
    public func beginReport() {
        foundBreaks.start(breaker: breaker)
        oversized = nil
        previous = cache
        cache = [:]
        cachedGlyphs = 0
        missing.removeAll()
    }

    /// Shapes a window of a long text (`LineStream`) without the cache and without keeping its
    /// break opportunities for the web page (the page reads the whole text itself): its lines,
    /// and the bytes of `text` each one covers.
    func shapeWindow(
        _ text: String, style: TextStyle, width: Double, indent: Double, alignment: Alignment
    ) -> (lines: [ShapedLine], bytes: [Range<Int>]) {
        findingMissing {
            shapeUncached(text, style: style, width: width, indent: indent, alignment: alignment, recordBreaks: false)
        }.result
    }

    /// Runs `shape` and gives, with its result, the characters no font had that it met. They
    /// are added to `missing`, and to those of any text being shaped around it: shaping may
    /// shape other text on the way (the hyphen), which has its own cache entry.
    private func findingMissing<Result>(_ shape: () -> Result) -> (result: Result, found: Set<Unicode.Scalar>) {
        let outer = shapingMissing
        shapingMissing = []
        let result = shape()
        let found = shapingMissing
        shapingMissing = outer.union(found)
        missing.formUnion(found)
        return (result, found)
    }

    /// Shapes `text` as one line per forced break, then chooses where the lines end
    /// (`LineBreaking`) and cuts the shaped runs there: text is shaped once, whatever the width.
    /// Gives the lines and the bytes of `text` each one covers.
    private func shapeUncached(
        _ text: String, style: TextStyle, width: Double?, indent: Double,
        alignment: Alignment, recordBreaks: Bool = true
    ) -> (lines: [ShapedLine], bytes: [Range<Int>]) {
        pango_layout_set_font_description(layout, description(style))
        pango_layout_set_width(layout, -1)
        pango_layout_set_indent(layout, 0)

        let utf8 = Array(text.utf8)
        // Byte offset of each character, for matching log attributes to clusters (reserved at
        // the count of characters, a third of the bytes in Thai).
        var charStarts: [Int] = []
        charStarts.reserveCapacity(utf8.reduce(1) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) })
        for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { charStarts.append(offset) }
        charStarts.append(utf8.count)

        var (shaped, logAttrs) = shapedInPieces(utf8: utf8, charCount: charStarts.count - 1)
        return logAttrs.withUnsafeBufferPointer { buffer in
            lines(
                text, utf8: utf8, charStarts: charStarts, shaped: &shaped, attrs: buffer.baseAddress!, style: style,
                width: width, indent: indent, alignment: alignment, recordBreaks: recordBreaks)
        }
    }

    /// Cuts the shaped text into lines (`LineBreaking`) and justifies them. The glyphs of each
    /// piece of `shaped` are let go once the lines have passed it, so a long cell does not hold
    /// its shaped text and all its lines at once.
    private func lines(
        _ text: String, utf8: [UInt8], charStarts: [Int], shaped: inout ShapedText,
        attrs: UnsafePointer<PangoLogAttr>, style: TextStyle, width: Double?, indent: Double, alignment: Alignment,
        recordBreaks: Bool
    ) -> (lines: [ShapedLine], bytes: [Range<Int>]) {
        let ranges: [LineRange]
        if let width {
            ranges = lineRanges(
                text, shaped: shaped, charStarts: charStarts, attrs: attrs, style: style, width: width,
                indent: indent, justified: alignment == .justify, recordBreaks: recordBreaks)
        } else {
            ranges = shaped.paragraphs.map { LineRange(start: $0.lowerBound, end: $0.upperBound, hyphen: false) }
        }

        var lines: [ShapedLine] = []
        lines.reserveCapacity(ranges.count)
        var donePieces = 0
        let lineHeight = style.lineHeight
        for (lineIndex, range) in ranges.enumerated() {
            let startByte = charStarts[range.start]
            let endByte = charStarts[range.end]
            var runs = shaped.runs(from: startByte, to: endByte, utf8: utf8)
            // Lines go on from `endByte`: a piece that ends there is done with (pieces come in
            // text order; where they do not, one is kept until those before it are done).
            while donePieces < shaped.pieces.count, shaped.pieces[donePieces].end <= endByte {
                shaped.pieces[donePieces].release()
                donePieces += 1
            }
            var x = runs.last.map { $0.x + $0.width } ?? 0
            if range.hyphen, let hyphen = hyphenRun(style: style) {
                var run = hyphen
                run.x = x
                x += run.width
                runs.append(run)
            }
            // Spaces at the line's end take no room (as Pango sets them at a line break): they
            // stay in the text but neither count towards the width nor stand past the margin.
            var trailing = 0.0
            var trimmedEnd = endByte
            while trimmedEnd > startByte, utf8[trimmedEnd - 1] == 0x20 { trimmedEnd -= 1 }
            if trimmedEnd < endByte, !range.hyphen, let last = runs.indices.last, !runs[last].backward {
                let spaces = min(endByte - trimmedEnd, runs[last].glyphs.count)
                for g in (runs[last].glyphs.count - spaces)..<runs[last].glyphs.count {
                    trailing += runs[last].glyphs[g].advance
                    runs[last].glyphs[g].advance = 0
                }
            }
            let lineIndent = lineIndex == 0 ? indent : 0
            var line = ShapedLine(
                runs: runs, width: x - trailing, height: lineHeight, baseline: lineHeight / 2 + style.size * 0.3)
            let isLast = lineIndex == ranges.count - 1 || range.forced
            // (Lines holding right-to-left text are left ragged: the spreading walks text forwards.)
            if alignment == .justify, !isLast, let width, !line.runs.contains(where: \.backward) {
                let extra = width - lineIndent - line.width
                if extra > 0 {
                    justify(
                        &line, extra: extra, size: style.size, startByte: startByte, endByte: trimmedEnd,
                        attrs: attrs, charStarts: charStarts)
                }
            }
            for r in line.runs.indices { line.runs[r].x += lineIndent }
            line.width += lineIndent
            lines.append(line)
        }
        return (lines, ranges.map { charStarts[$0.start]..<charStarts[$0.end] })
    }

    /// A hyphen in `style`, for a word broken between syllables.
    func hyphenRun(style: TextStyle) -> TextRun? {
        shape("-", style: style, width: nil).first?.runs.first
    }

    /// The text shaped (`shapedRuns`) with its log attributes, one per character and one after
    /// the last.
    ///
    /// A text longer than `LongText.pieceBytes` is shaped in the pieces `LongText.cut` chooses,
    /// so that libthai's time stays linear in the text (see `LongText`); the attributes at a
    /// cut are the ones found with a quarter piece of text after it and half a piece before.
    /// Each piece is shaped apart, so a line across a cut has a run on either side of it.
    /// Shorter texts are shaped whole.
    private func shapedInPieces(utf8: [UInt8], charCount: Int) -> (ShapedText, [PangoLogAttr]) {
        var attrs: [PangoLogAttr] = []
        attrs.reserveCapacity(charCount + 1)
        var shaped = ShapedText()
        var chars = 0
        let pieces = LongText.pieces(of: utf8)
        for (index, piece) in pieces.enumerated() {
            LongText.withText(utf8, piece) { pango_layout_set_text(layout, $0, $1) }
            var count: Int32 = 0
            let pieceAttrs = pango_layout_get_log_attrs_readonly(layout, &count)!
            LongText.append(
                UnsafeBufferPointer(start: pieceAttrs, count: Int(count)), of: piece, last: index == pieces.count - 1,
                to: &attrs)
            let shapedPiece = shapedRuns(utf8: utf8, byteOffset: piece.bytes.lowerBound, charOffset: chars)
            if index > 0, let last = shaped.paragraphs.last, let first = shapedPiece.paragraphs.first {
                // The cut is inside a paragraph: its two halves are one.
                shaped.paragraphs[shaped.paragraphs.count - 1] = last.lowerBound..<first.upperBound
                shaped.paragraphs += shapedPiece.paragraphs.dropFirst()
            } else {
                shaped.paragraphs += shapedPiece.paragraphs
            }
            shaped.pieces += shapedPiece.pieces
            chars += Int(count) - 1
        }
        return (shaped, attrs)
    }

    /// Every run of `utf8[byteOffset...]` as the layout holds it, shaped on one line per forced
    /// break (Pango's own lines at width -1), with its clusters, ready to be cut into lines
    /// anywhere between two clusters. Offsets are into `utf8`, characters counted from
    /// `charOffset`.
    private func shapedRuns(utf8: [UInt8], byteOffset: Int, charOffset: Int) -> ShapedText {
        let scale = Double(PANGO_SCALE)
        var result = ShapedText()
        let lineCount = Int(pango_layout_get_line_count(layout))
        var charCursor = charOffset
        for lineIndex in 0..<lineCount {
            let line = pango_layout_get_line_readonly(layout, Int32(lineIndex))!
            let startByte = byteOffset + Int(line.pointee.start_index)
            let endByte = startByte + Int(line.pointee.length)
            var run = line.pointee.runs
            while let node = run {
                let glyphItem = node.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                let item = glyphItem.pointee.item!.pointee
                let glyphs = glyphItem.pointee.glyphs!.pointee
                let itemStart = byteOffset + Int(item.offset)
                let itemLength = Int(item.length)
                var piece = ShapedText.Piece(
                    start: itemStart, end: itemStart + itemLength, font: index(of: item.analysis.font),
                    backward: item.analysis.level & 1 == 1)
                // Every array at its size from the start: a long text's pieces are all held
                // until its lines are cut, and growth by doubling would leave a third unused.
                piece.glyphs.reserveCapacity(Int(glyphs.num_glyphs))
                piece.penX.reserveCapacity(Int(glyphs.num_glyphs) + 1)
                var runX = 0.0
                var clusterStarts: [Int] = []
                clusterStarts.reserveCapacity(Int(glyphs.num_glyphs))
                for g in 0..<Int(glyphs.num_glyphs) {
                    let info = glyphs.glyphs[g]
                    let advance = Double(info.geometry.width) / scale
                    var id = info.glyph
                    if id & Self.unknownGlyphFlag != 0, id != Glyph.empty {
                        // No bundled font has this character: show the font's own "missing"
                        // box (glyph 0) so the gap is visible and the text still recorded.
                        if let scalar = Unicode.Scalar(id & ~Self.unknownGlyphFlag) { shapingMissing.insert(scalar) }
                        id = 0
                    }
                    piece.glyphs.append(
                        Glyph(
                            id: id, x: runX + Double(info.geometry.x_offset) / scale,
                            y: Double(info.geometry.y_offset) / scale, advance: advance))
                    runX += advance
                    piece.penX.append(runX)
                    let cluster = Int(glyphs.log_clusters[g])
                    if g == 0 || cluster != Int(glyphs.log_clusters[g - 1]) { clusterStarts.append(g) }
                }
                // Clusters in glyph order; a right-to-left run's glyphs come in visual order,
                // its text in logical order.
                piece.clusters.reserveCapacity(clusterStarts.count)
                for (k, glyphStart) in clusterStarts.enumerated() {
                    let glyphEnd = k + 1 < clusterStarts.count ? clusterStarts[k + 1] : Int(glyphs.num_glyphs)
                    let byteStart = Int(glyphs.log_clusters[glyphStart])
                    let byteEnd: Int
                    if piece.backward {
                        byteEnd = k == 0 ? itemLength : Int(glyphs.log_clusters[clusterStarts[k - 1]])
                    } else {
                        byteEnd = k + 1 < clusterStarts.count ? Int(glyphs.log_clusters[glyphEnd]) : itemLength
                    }
                    piece.clusters.append(
                        ShapedText.PieceCluster(
                            byteStart: itemStart + byteStart, byteEnd: itemStart + byteEnd, glyphStart: glyphStart,
                            glyphEnd: glyphEnd))
                }
                result.pieces.append(piece)
                run = node.pointee.next
            }
            // The characters of this Pango line (its paragraph delimiter is not part of it).
            var endChar = charCursor
            var byte = startByte
            while byte < endByte {
                if utf8[byte] & 0xC0 != 0x80 { endChar += 1 }
                byte += 1
            }
            let lineStartChar = charCursor
            result.paragraphs.append(lineStartChar..<endChar)
            // Skip to the next line's first character.
            if lineIndex + 1 < lineCount {
                let next =
                    byteOffset
                    + Int(pango_layout_get_line_readonly(layout, Int32(lineIndex + 1))!.pointee.start_index)
                while byte < next {
                    if utf8[byte] & 0xC0 != 0x80 { endChar += 1 }
                    byte += 1
                }
            }
            charCursor = endChar
        }
        return result
    }
}

/// A text shaped as one line per paragraph: Pango's runs with their clusters, which lines cut.
struct ShapedText {
    /// Kept in 32 bits (16 bytes, not 32): a long cell's shaped text holds one per cluster,
    /// and no text the loader accepts comes near 2 GB (`InputLimits`: 20 MB of text).
    struct PieceCluster {
        private let bytes: (start: Int32, end: Int32)
        private let glyphs: (start: Int32, end: Int32)
        var byteStart: Int { Int(bytes.start) }
        var byteEnd: Int { Int(bytes.end) }
        var glyphStart: Int { Int(glyphs.start) }
        var glyphEnd: Int { Int(glyphs.end) }
        init(byteStart: Int, byteEnd: Int, glyphStart: Int, glyphEnd: Int) {
            bytes = (Int32(clamping: byteStart), Int32(clamping: byteEnd))
            glyphs = (Int32(clamping: glyphStart), Int32(clamping: glyphEnd))
        }
    }
    struct Piece {
        var start: Int
        var end: Int
        var font: Int
        var backward: Bool
        var glyphs: [Glyph] = []
        /// Pen position before each glyph, and after the last.
        var penX: [Double] = [0]
        /// In glyph order.
        var clusters: [PieceCluster] = []

        /// Lets go of the glyphs and clusters (no line will need them).
        mutating func release() {
            glyphs = []
            penX = [0]
            clusters = []
        }
    }
    var pieces: [Piece] = []
    /// Character ranges of the text's paragraphs (Pango's lines at width -1).
    var paragraphs: [Range<Int>] = []

    /// The runs of the text between two byte offsets, positioned from x = 0, with their
    /// clusters joined into written syllable parts (see `Shaper.joiningMarks`).
    func runs(from start: Int, to end: Int, utf8: [UInt8]) -> [TextRun] {
        var runs: [TextRun] = []
        var x = 0.0
        for piece in pieces where piece.end > start && piece.start < end {
            let selected: ArraySlice<PieceCluster>
            if piece.backward {
                selected = ArraySlice(piece.clusters.filter { $0.byteStart >= start && $0.byteStart < end })
            } else {
                // Clusters in text order: find the first and last by bisection.
                let lower = piece.clusters.partitionPoint { $0.byteStart < start }
                let upper = piece.clusters.partitionPoint { $0.byteStart < end }
                selected = piece.clusters[lower..<upper]
            }
            guard let first = selected.first, let last = selected.last else { continue }
            let glyphStart = min(first.glyphStart, last.glyphStart)
            let glyphEnd = max(first.glyphEnd, last.glyphEnd)
            let shift = piece.penX[glyphStart]
            var glyphs = Array(piece.glyphs[glyphStart..<glyphEnd])
            for g in glyphs.indices { glyphs[g].x -= shift }
            let textStart = min(first.byteStart, last.byteStart)
            let textEnd = max(first.byteEnd, last.byteEnd)
            var clusters = selected.map {
                Cluster(byteCount: $0.byteEnd - $0.byteStart, glyphCount: $0.glyphEnd - $0.glyphStart)
            }
            if piece.backward {
                clusters.reverse()
            } else {
                clusters = Shaper.joiningMarks(clusters, text: utf8, start: textStart)
            }
            let width = piece.penX[glyphEnd] - shift
            runs.append(
                TextRun(
                    x: x, y: 0, font: piece.font, text: String(decoding: utf8[textStart..<textEnd], as: UTF8.self),
                    glyphs: glyphs, clusters: clusters, backward: piece.backward))
            x += width
        }
        return runs
    }
}

extension Array {
    /// The first index whose element does not satisfy `belongsBefore` (which must hold for a
    /// prefix of the array).
    func partitionPoint(_ belongsBefore: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsBefore(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
