import CCairo
import Foundation

/// One glyph per cluster, so that every text extractor reads a PDF's Thai back.
///
/// pdftotext honours a cluster's `/ActualText`, but pdfminer and pdfplumber read only each
/// glyph's ToUnicode entry, order glyphs by position and split words and lines at gaps. Thai
/// marks defeat them: a mark has no width, stacked marks sit a little apart (pdfminer starts
/// a new line between them), a mark can sit right of the next consonant's start (pdfplumber
/// puts it after that consonant), a shifted mark has no character of its own, and ำ is drawn
/// as two glyphs. Cairo cannot help at the glyph level: a glyph the font's character map
/// names always records that character (ท is "ท", never "ที่").
///
/// So each cluster of a run (a consonant with its vowel and tone marks, a Latin letter, a
/// space) is drawn as one glyph that records the cluster's whole text: the font's own glyph
/// when the cluster is one glyph, else a composite glyph, added to the font, that places the
/// cluster's glyphs exactly where the shaper put them (TrueType composites draw the font's own
/// outlines). A glyph records the text it is first shown with, and each (cluster, text) has a
/// glyph of its own. Every tool then
/// sees one character box per written syllable part, as wide as the cluster, with its text
/// in order.
///
/// The PDF writer shows these glyphs itself (`PageText`) and embeds, for each document, the
/// font of the glyphs it drew (`ClusterFontFile.subset`), numbered in the order first drawn.
/// Glyph numbers here never change while a document is written.
final class ClusterGlyphs {
    let file: ClusterFontFile
    private var composites: [ClusterFontFile.Composite] = []
    /// The text each composite records, by its index in `composites`.
    private var compositeTexts: [[UInt8]] = []
    private var glyphs: [Key: UInt16] = [:]
    /// The text each of the font's own glyphs records, once shown, by glyph number (an array:
    /// it is asked for every cluster drawn).
    private var ownGlyphText: [[UInt8]?]
    /// Each glyph's number in the document's subset and its width there, by glyph number
    /// (number 0: not drawn yet; the subset's glyph 0 is the font's). Every glyph drawn is looked
    /// up here: the accesses go unchecked, as nothing holding the array calls out.
    @exclusivity(unchecked) private var subsetEntries: [(number: UInt16, width: Double)] = []
    /// The glyphs drawn, in the order first drawn.
    private(set) var drawn: [UInt16] = []
    /// The width of each glyph drawn, by subset number less one, in thousandths of an em to three
    /// decimals: the font's `W` array, as the pen the text writer keeps had them (`PageText`).
    var drawnWidths: [Double] { drawn.map { subsetEntries[Int($0)].width } }

    struct Key: Hashable {
        var composite: ClusterFontFile.Composite
        var text: [UInt8]

        /// The components' and the text's bytes in two pieces, not field by field and byte by
        /// byte: every composite cluster drawn is looked up (equality stays field by field).
        func hash(into hasher: inout Hasher) {
            hasher.combine(composite.advance)
            hasher.combine(composite.components.count)
            composite.components.withUnsafeBufferPointer { components in
                for component in components {
                    hasher.combine(
                        UInt64(component.glyph) | UInt64(UInt16(bitPattern: component.dx)) << 16 | UInt64(
                            UInt16(bitPattern: component.dy)) << 32)
                }
            }
            text.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    init(file: ClusterFontFile) {
        self.file = file
        ownGlyphText = Array(repeating: nil, count: file.glyphCount)
    }

    convenience init(fontFile: [UInt8]) throws { self.init(file: try ClusterFontFile(fontFile)) }

    /// The composite glyph that draws `components` (font units from the cluster origin, y up)
    /// and records `text`; nil once the font holds as many glyphs as a TrueType font can.
    func glyph(for components: [ClusterFontFile.Component], advance: Int, text: [UInt8]) -> UInt16? {
        guard !components.isEmpty else { return nil }
        return register(Key(composite: .init(components: components, advance: advance), text: text))
    }

    /// An empty glyph of no width that records `text`: the rest of a cluster whose text is too
    /// long for one ToUnicode entry (see `ClusterRun.maxUnits`).
    func glyph(recording text: [UInt8]) -> UInt16? {
        register(Key(composite: .init(components: [], advance: 0), text: text))
    }

    /// The glyph number of `key`, appended to the composites if it is new; nil once the font
    /// holds as many glyphs as a TrueType font can.
    private func register(_ key: Key) -> UInt16? {
        if let known = glyphs[key] { return known }
        guard file.glyphCount + composites.count < ClusterFontFile.maxGlyphs else { return nil }
        let id = UInt16(file.glyphCount + composites.count)
        composites.append(key.composite)
        compositeTexts.append(key.text)
        glyphs[key] = id
        return id
    }

    /// The glyph for a cluster of the one glyph `own`: itself, unless it already records another
    /// text (a no-break space shown with the space's glyph), then a composite of it alone; nil
    /// for a glyph number the font does not have (the run keeps Cairo's own clusters).
    func glyph(single own: UInt16, text: ArraySlice<UInt8>) -> UInt16? {
        precondition(own != 0, "glyph 0 records no text in a subset: it is drawn as a composite")
        guard Int(own) < ownGlyphText.count else { return nil }
        if let known = ownGlyphText[Int(own)] {
            if known.elementsEqual(text) { return own }
            return glyph(for: [.init(glyph: own, dx: 0, dy: 0)], advance: file.advance(of: Int(own)), text: Array(text))
        }
        ownGlyphText[Int(own)] = Array(text)
        return own
    }

    /// The number of `glyph` in the document's subset, given on its first use in the order of
    /// use (from 1), and its width there: the glyphs are shown by these numbers.
    func subsetGlyph(_ glyph: UInt16) -> (number: UInt16, width: Double) {
        let index = Int(glyph)
        if index < subsetEntries.count {
            let entry = subsetEntries[index]
            if entry.number != 0 { return entry }
        } else {
            let unused: (number: UInt16, width: Double) = (0, 0)
            subsetEntries += repeatElement(unused, count: max(index + 1, 2 * subsetEntries.count) - subsetEntries.count)
        }
        drawn.append(glyph)
        let entry = (UInt16(drawn.count), Self.width(units: advance(of: glyph), unitsPerEm: file.unitsPerEm))
        subsetEntries[index] = entry
        return entry
    }

    /// `units` of an em of `unitsPerEm` in thousandths, to three decimals.
    static func width(units: Int, unitsPerEm: Int) -> Double {
        (Double(units) * 1_000_000 / Double(max(unitsPerEm, 1))).rounded() / 1000
    }

    /// The advance of `glyph` in font units, as the subset gives it.
    func advance(of glyph: UInt16) -> Int {
        let index = Int(glyph)
        if index < file.glyphCount { return file.advance(of: index) }
        let composite = index - file.glyphCount
        return composite < composites.count ? min(max(0, composites[composite].advance), 0xFFFF) : 0
    }

    /// The text `glyph` records (nil for a glyph of the font's own not shown yet).
    func text(of glyph: UInt16) -> [UInt8]? {
        let index = Int(glyph)
        if index < ownGlyphText.count { return ownGlyphText[index] }
        return index - file.glyphCount < compositeTexts.count ? compositeTexts[index - file.glyphCount] : nil
    }

    /// The font the document embeds: the glyphs drawn, numbered as `subsetGlyph` gave them.
    func subset() throws -> [UInt8] {
        try file.subset(drawn.map(Int.init), composites: composites)
    }
}

/// A FreeType face read from bytes in memory, with its own FreeType library, kept alive as long
/// as the Cairo font face made from it (which Cairo may keep after the PDF is done).
final class FreeTypeFace {
    /// Cairo tells user data apart by the key's address; the key itself is never written.
    nonisolated(unsafe) private static let key = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)
    private var library: FT_Library? = nil
    private var face: FT_Face? = nil
    private let bytes: UnsafeMutableRawBufferPointer

    private init(bytes: [UInt8]) {
        self.bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        self.bytes.copyBytes(from: bytes)
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
        bytes.deallocate()
    }

    /// A Cairo font face for face `index` of the font file `bytes`. The caller owns it.
    static func cairoFace(bytes: [UInt8], index: Int = 0) throws -> OpaquePointer {
        let holder = FreeTypeFace(bytes: bytes)
        guard FT_Init_FreeType(&holder.library) == 0 else { throw PDFWriter.Failure.cairo("cannot start FreeType") }
        let base = holder.bytes.baseAddress!.assumingMemoryBound(to: FT_Byte.self)
        guard FT_New_Memory_Face(holder.library, base, FT_Long(holder.bytes.count), FT_Long(index), &holder.face) == 0,
            let ftFace = holder.face
        else { throw PDFWriter.Failure.cairo("cannot read the font") }
        guard let face = cairo_ft_font_face_create_for_ft_face(ftFace, 0) else {
            throw PDFWriter.Failure.cairo("cannot make a font face")
        }
        let retained = Unmanaged.passRetained(holder).toOpaque()
        let status = cairo_font_face_set_user_data(face, key, retained) { pointer in
            if let pointer { Unmanaged<FreeTypeFace>.fromOpaque(pointer).release() }
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(face)
            Unmanaged<FreeTypeFace>.fromOpaque(retained).release()
            throw PDFWriter.Failure.cairo("cannot make a font face")
        }
        return face
    }

    /// `face` at `size` points, unhinted as layout measured it. The caller owns the result.
    static func scaledFont(_ face: OpaquePointer, size: Double) throws -> OpaquePointer {
        var fontMatrix = cairo_matrix_t()
        var ctm = cairo_matrix_t()
        cairo_matrix_init_scale(&fontMatrix, size, size)
        cairo_matrix_init_identity(&ctm)
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        guard let scaled = cairo_scaled_font_create(face, &fontMatrix, &ctm, options),
            cairo_scaled_font_status(scaled) == CAIRO_STATUS_SUCCESS
        else {
            throw PDFWriter.Failure.cairo("cannot make a scaled font")
        }
        return scaled
    }
}
