import CPangoCairo
import PageIR

/// A left-to-right text run made ready to show as one glyph per cluster (see `ClusterGlyphs`):
/// the glyphs, each at its cluster's origin, and the text each records.
struct ClusterRun {
    var glyphs: [cairo_glyph_t] = []
    var text: [UInt8] = []
    var clusters: [cairo_text_cluster_t] = []

    /// Nil for a run Cairo must show with its own clusters: right to left, holding the font's
    /// missing-glyph box (which has no place in a composite), or past the font's glyph limit.
    /// `unitsPerPoint` turns the run's positions into font units.
    init?(_ run: TextRun, unitsPerPoint: Double, glyphs registry: ClusterGlyphs) {
        guard !run.backward else { return nil }
        let utf8 = Array(run.text.utf8)
        let fontGlyphs = UInt32(registry.file.glyphCount)
        guard !run.glyphs.contains(where: { $0.id == 0 || ($0.id >= fontGlyphs && $0.id != Glyph.empty) }) else { return nil }
        glyphs.reserveCapacity(run.clusters.count)
        clusters.reserveCapacity(run.clusters.count)
        text = utf8

        // A part is a cluster with glyphs and the text of the glyph-less clusters after it (the
        // space where a line breaks, a zero-width space): pdftotext would take a line ending in
        // "-" for a hyphenated word if its space were dropped. Text before the first glyph
        // joins the first part. Parts cover the text without gaps, in order.
        var part: (glyphs: Range<Int>, text: Range<Int>)? = nil
        var glyphStart = 0, byteStart = 0
        for cluster in run.clusters {
            let glyphRange = glyphStart..<(glyphStart + cluster.glyphCount)
            let textEnd = byteStart + cluster.byteCount
            glyphStart += cluster.glyphCount
            if glyphRange.contains(where: { run.glyphs[$0].id != Glyph.empty }) {
                if let done = part, !add(done, of: run, text: utf8, unitsPerPoint: unitsPerPoint, registry: registry) { return nil }
                part = (glyphRange, (part == nil ? 0 : byteStart)..<textEnd)
            } else if part != nil {
                part!.text = part!.text.lowerBound..<textEnd
            }
            byteStart = textEnd
        }
        guard var last = part else { return nil }   // nothing to draw
        last.text = last.text.lowerBound..<utf8.count
        guard add(last, of: run, text: utf8, unitsPerPoint: unitsPerPoint, registry: registry),
              !clusters.contains(where: { $0.num_bytes == 0 }) else { return nil }
    }

    /// Adds the glyph of one part; false if the font has no glyph number left for it.
    private mutating func add(_ part: (glyphs: Range<Int>, text: Range<Int>), of run: TextRun, text utf8: [UInt8],
                              unitsPerPoint: Double, registry: ClusterGlyphs) -> Bool {
        let id: UInt16?
        var origin: (x: Double, y: Double)
        if part.glyphs.count == 1 {
            let glyph = run.glyphs[part.glyphs.lowerBound]
            origin = (glyph.x, glyph.y)
            id = registry.glyph(single: UInt16(glyph.id), text: utf8[part.text])
        } else {
            let drawable = part.glyphs.filter { run.glyphs[$0].id != Glyph.empty }
            origin = (run.glyphs[drawable[0]].x, run.glyphs[drawable[0]].y)
            if drawable.count == 1 {
                id = registry.glyph(single: UInt16(run.glyphs[drawable[0]].id), text: utf8[part.text])
            } else {
                // The composite's origin is the pen position where the cluster starts, so its box
                // (origin to origin + advance) covers the cluster: the first glyph that advances
                // (ด of ดี, า of ำ) stands there, behind any marks before it.
                if let spacing = drawable.firstIndex(where: { run.glyphs[$0].advance > 0 }) {
                    let glyph = run.glyphs[drawable[spacing]]
                    origin = (glyph.x - drawable[..<spacing].reduce(0) { $0 + run.glyphs[$1].advance }, glyph.y)
                }
                var advance = 0
                let components = drawable.map { g -> ClusterFontFile.Component in
                    let glyph = run.glyphs[g]
                    advance += registry.file.advance(of: Int(glyph.id))
                    return .init(glyph: UInt16(glyph.id),
                                 dx: Int16(clamping: Int(((glyph.x - origin.x) * unitsPerPoint).rounded())),
                                 dy: Int16(clamping: Int((-(glyph.y - origin.y) * unitsPerPoint).rounded())))
                }
                id = registry.glyph(for: components, advance: advance, text: Array(utf8[part.text]))
            }
        }
        guard let id else { return false }
        glyphs.append(cairo_glyph_t(index: UInt(id), x: run.x + origin.x, y: run.y + origin.y))
        clusters.append(cairo_text_cluster_t(num_bytes: Int32(part.text.count), num_glyphs: 1))
        return true
    }
}
