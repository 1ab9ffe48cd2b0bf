import CCairo

/// Cluster runs drawn one after another in one font, with nothing drawn and no marked content
/// begun between them — the lines of a table cell or a paragraph — gathered and shown by one
/// `cairo_show_text_glyphs`. Cairo records, analyses and writes each call with work of its own
/// besides each glyph's, and a page of narrow table columns has about a hundred lines of ten
/// glyphs; one call per cell writes the same text operators (each glyph at its own place,
/// each cluster with its own text).
struct TextBatch {
    private var font: OpaquePointer?
    private var text: [UInt8] = []
    private var glyphs: [cairo_glyph_t] = []
    private var clusters: [cairo_text_cluster_t] = []

    /// Adds `run`, made at the origin, at (`x`, `y`) in `font`, first showing what was gathered
    /// in another font (each glyph stands at the run's place plus its own offset: what the run
    /// made at that place would hold, as adding is exact in either order). `font` is not
    /// retained: it must live until `show`, as the PDF stream's fonts do (cluster fonts are
    /// remade only between batches of pages, and every page ends with `show`).
    mutating func add(_ run: ClusterRun, x: Double, y: Double, font: OpaquePointer, cr: OpaquePointer) {
        guard !run.glyphs.isEmpty else { return }
        if self.font != font { show(cr) }
        self.font = font
        text += run.text
        for glyph in run.glyphs { glyphs.append(cairo_glyph_t(index: glyph.index, x: glyph.x + x, y: glyph.y + y)) }
        clusters += run.clusters
    }

    /// Shows what was gathered (each run's clusters cover its text and glyphs, so the joined
    /// arrays do too) and starts again; keeps the arrays' room for the next.
    mutating func show(_ cr: OpaquePointer) {
        guard let font, !glyphs.isEmpty else {
            self.font = nil
            return
        }
        cairo_set_scaled_font(cr, font)
        text.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                cairo_show_text_glyphs(
                    cr, chars.baseAddress, Int32(chars.count), glyphs, Int32(glyphs.count),
                    clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
        self.font = nil
        text.removeAll(keepingCapacity: true)
        glyphs.removeAll(keepingCapacity: true)
        clusters.removeAll(keepingCapacity: true)
    }
}
