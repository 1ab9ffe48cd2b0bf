import CCairo
import PageIR

/// A left-to-right text run made ready to show as one glyph per cluster (see `ClusterGlyphs`):
/// the glyphs, each at its cluster's origin; the text each records is the registry's
/// (`ClusterGlyphs.text(of:)`).
struct ClusterRun {
    var glyphs: [cairo_glyph_t] = []

    /// One glyph to draw: a cluster with glyphs and the text of the glyph-less clusters after it.
    private typealias Part = (glyphs: Range<Int>, text: Range<Int>)

    /// Nil for a run Cairo must show with its own clusters: right to left; holding a glyph the
    /// font does not have; with nothing to draw; with a cluster of glyphs but no text; with
    /// clusters that do not add up to its glyphs and text; or past the font's glyph limit.
    /// `unitsPerPoint` turns the run's positions into font units.
    init?(_ run: TextRun, unitsPerPoint: Double, glyphs registry: ClusterGlyphs) {
        guard !run.backward, unitsPerPoint.isFinite, unitsPerPoint > 0 else { return nil }
        let utf8 = Array(run.text.utf8)
        let fontGlyphs = UInt32(registry.file.glyphCount)
        guard !run.glyphs.contains(where: { $0.id >= fontGlyphs && $0.id != Glyph.empty }),
            run.clusters.reduce(0, { $0 + $1.glyphCount }) == run.glyphs.count,
            run.clusters.reduce(0, { $0 + $1.byteCount }) == utf8.count
        else { return nil }

        // A part is a cluster with glyphs and the text of the glyph-less clusters after it (the
        // space where a line breaks, a zero-width space): pdftotext would take a line ending in
        // "-" for a hyphenated word if its space were dropped. Text before the first glyph
        // joins the first part. Parts cover the text without gaps, in order.
        var parts: [Part] = []
        parts.reserveCapacity(run.clusters.count)
        var glyphStart = 0
        var byteStart = 0
        for cluster in run.clusters {
            let glyphRange = glyphStart..<(glyphStart + cluster.glyphCount)
            let textEnd = byteStart + cluster.byteCount
            glyphStart += cluster.glyphCount
            if glyphRange.contains(where: { run.glyphs[$0].id != Glyph.empty }) {
                parts.append((glyphRange, (parts.isEmpty ? 0 : byteStart)..<textEnd))
            } else if !parts.isEmpty {
                parts[parts.count - 1].text = parts[parts.count - 1].text.lowerBound..<textEnd
            }
            byteStart = textEnd
        }
        guard !parts.isEmpty, !parts.contains(where: { $0.text.isEmpty }) else { return nil }
        parts[parts.count - 1].text = parts[parts.count - 1].text.lowerBound..<utf8.count

        // Only a run that will be drawn this way registers its glyphs.
        glyphs.reserveCapacity(parts.count)
        for part in parts {
            guard add(part, of: run, text: utf8, unitsPerPoint: unitsPerPoint, registry: registry) else { return nil }
        }
    }

    /// Adds the glyph of one part; false if the font has no glyph number left for it. A part
    /// whose text is longer than one ToUnicode entry may hold records its first `maxUnits` in its
    /// glyph and the rest in empty glyphs of no width after it.
    private mutating func add(
        _ whole: Part, of run: TextRun, text utf8: [UInt8],
        unitsPerPoint: Double, registry: ClusterGlyphs
    ) -> Bool {
        // A text of at most `maxUnits` bytes is at most that many UTF-16 units: one piece.
        let pieces = whole.text.count <= Self.maxUnits ? nil : Self.pieces(of: whole.text, in: utf8)
        let part = (glyphs: whole.glyphs, text: pieces?[0] ?? whole.text)
        let id: UInt16?
        var origin: (x: Double, y: Double)
        if part.glyphs.count == 1, run.glyphs[part.glyphs.lowerBound].id != 0 {
            let glyph = run.glyphs[part.glyphs.lowerBound]
            origin = (glyph.x, glyph.y)
            id = registry.glyph(single: UInt16(glyph.id), text: utf8[part.text])
        } else {
            // The glyphs that draw (a part has at least one), counted without gathering them.
            var first = -1
            var drawable = 0
            for g in part.glyphs where run.glyphs[g].id != Glyph.empty {
                if first < 0 { first = g }
                drawable += 1
            }
            origin = (run.glyphs[first].x, run.glyphs[first].y)
            if drawable == 1, run.glyphs[first].id != 0 {
                id = registry.glyph(single: UInt16(run.glyphs[first].id), text: utf8[part.text])
            } else {
                // Several glyphs, or the font's missing-glyph box (glyph 0, for a character no
                // bundled font has): glyph 0 of a subset is its .notdef, which records no text
                // (and PDF/A forbids showing), so the box is shown as a composite of itself that
                // does.
                // The composite's origin is the pen position where the cluster starts, so its box
                // (origin to origin + advance) covers the cluster: the first glyph that advances
                // (ด of ดี, า of ำ) stands there, after whatever the cluster's glyphs before it
                // advance (the marks drawn back over the consonant before: nothing).
                if let spacing = part.glyphs.first(where: {
                    run.glyphs[$0].id != Glyph.empty && run.glyphs[$0].advance > 0
                }) {
                    let before = run.glyphs[part.glyphs.lowerBound..<spacing].reduce(0) { $0 + $1.advance }
                    origin = (run.glyphs[spacing].x - before, run.glyphs[spacing].y)
                }
                func units(_ points: Double) -> Int16? {
                    let value = (points * unitsPerPoint).rounded()
                    return value.isFinite ? Int16(clamping: Int(value)) : nil
                }
                var components: [ClusterFontFile.Component] = []
                components.reserveCapacity(drawable)
                for g in part.glyphs where run.glyphs[g].id != Glyph.empty {
                    let glyph = run.glyphs[g]
                    guard let dx = units(glyph.x - origin.x), let dy = units(-(glyph.y - origin.y)) else {
                        return false
                    }
                    components.append(.init(glyph: UInt16(glyph.id), dx: dx, dy: dy))
                }
                // The cluster's advance as shaped (kerning and positioning included).
                let shaped = run.glyphs[part.glyphs].reduce(0) { $0 + $1.advance }
                guard let advance = units(shaped) else { return false }
                id = registry.glyph(for: components, advance: Int(advance), text: Array(utf8[part.text]))
            }
        }
        guard let id else { return false }
        glyphs.append(cairo_glyph_t(index: UInt(id), x: run.x + origin.x, y: run.y + origin.y))
        if let pieces, pieces.count > 1 {
            // The rest stands where the cluster ends, so extractors keep it after the first piece.
            let end = run.glyphs[whole.glyphs].reduce(0) { $0 + $1.advance }
            for piece in pieces.dropFirst() {
                guard let rest = registry.glyph(recording: Array(utf8[piece])) else { return false }
                glyphs.append(cairo_glyph_t(index: UInt(rest), x: run.x + (origin.x + end), y: run.y + origin.y))
            }
        }
        return true
    }

    /// The longest text, in UTF-16 units, one glyph records: pdftotext reads a ToUnicode
    /// `bfchar` destination of at most 252 hex digits and drops a longer entry, with its text,
    /// as illegal.
    static let maxUnits = 63

    /// `range` of `utf8` cut at character boundaries into pieces of at most `maxUnits` UTF-16
    /// units each; the whole range when it fits.
    static func pieces(of range: Range<Int>, in utf8: [UInt8], maxUnits: Int = maxUnits) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        var units = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let lead = utf8[i]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let width = length == 4 ? 2 : 1
            if units + width > maxUnits {
                pieces.append(start..<i)
                start = i
                units = 0
            }
            units += width
            i = min(i + length, range.upperBound)
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }
}

/// A text run as `ClusterRun` reads it, apart from where it stands: the same key makes the
/// same cluster run, moved. Compared bit for bit (text by its UTF-8 bytes, positions by their
/// bits), so equal keys always hash alike.
struct ClusterRunKey: Hashable {
    let run: TextRun

    /// The key of `run` as it would stand at (0, 0).
    init(_ run: TextRun) {
        var origin = run
        origin.x = 0
        origin.y = 0
        self.run = origin
    }

    static func == (a: ClusterRunKey, b: ClusterRunKey) -> Bool {
        guard a.run.font == b.run.font, a.run.backward == b.run.backward,
            a.run.glyphs.count == b.run.glyphs.count, a.run.clusters == b.run.clusters
        else { return false }
        guard a.run.text.hasSameBytes(as: b.run.text) else { return false }
        for (g, h) in zip(a.run.glyphs, b.run.glyphs) {
            guard g.id == h.id, g.x.bitPattern == h.x.bitPattern, g.y.bitPattern == h.y.bitPattern,
                g.advance.bitPattern == h.advance.bitPattern
            else { return false }
        }
        return true
    }

    /// The font and the text's bytes only: runs of one text that differ in their glyphs are
    /// rare (the same words justified to two widths), and `==` tells them apart.
    func hash(into hasher: inout Hasher) {
        hasher.combine(run.font)
        run.text.hashBytes(into: &hasher)
    }
}
