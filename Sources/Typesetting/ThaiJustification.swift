import CPangoCairo
import PageIR

/// Thai text on the page: clusters that keep a consonant with its marks (so a PDF can record
/// each written syllable part's text), break opportunities, and distributed justification.
extension Shaper {
    /// Pango gives a Thai vowel or tone mark its own cluster, drawn back over its consonant.
    /// Joining each mark to the cluster before it makes a cluster one written syllable part
    /// (consonant and marks), which is what a PDF needs to record its text in order.
    static func joiningMarks(_ clusters: [Cluster], text: [UInt8], start: Int) -> [Cluster] {
        var joined: [Cluster] = []
        joined.reserveCapacity(clusters.count)
        var byte = start
        for cluster in clusters {
            defer { byte += cluster.byteCount }
            if !joined.isEmpty, cluster.byteCount > 0, startsWithMark(text, at: byte) {
                joined[joined.count - 1].byteCount += cluster.byteCount
                joined[joined.count - 1].glyphCount += cluster.glyphCount
            } else {
                joined.append(cluster)
            }
        }
        return joined
    }

    /// Whether the UTF-8 character at `offset` is a non-spacing combining mark (Thai ั ิ ี ่ ้ …).
    static func startsWithMark(_ text: [UInt8], at offset: Int) -> Bool {
        // Fast paths: ASCII is never a mark; Thai's marks are U+0E31, U+0E34–U+0E3A and
        // U+0E47–U+0E4E (E0 B8 B1, E0 B8 B4…BA, E0 B9 87…8E), and Thai's other letters are not.
        let lead = text[offset]
        if lead < 0x80 { return false }
        if lead == 0xE0, offset + 2 < text.count {
            let second = text[offset + 1]
            let third = text[offset + 2]
            if second == 0xB8 { return third == 0xB1 || (0xB4...0xBA).contains(third) }
            if second == 0xB9 { return (0x87...0x8E).contains(third) }
        }
        var iterator = text[offset...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.generalCategory == .nonspacingMark
    }

    /// The widest gap justification opens between two clusters of a word: text extractors
    /// read a gap of 0.1 em as a space.
    static let maxClusterGap = 0.07

    /// Character offsets in `text` where a line may break (word boundaries for Thai, from libthai).
    public func breakOpportunities(in text: String, style: TextStyle) -> [Int] {
        pango_layout_set_font_description(layout, description(style))
        pango_layout_set_width(layout, -1)
        pango_layout_set_indent(layout, 0)
        pango_layout_set_text(layout, text, -1)
        var count: Int32 = 0
        let attrs = pango_layout_get_log_attrs_readonly(layout, &count)!
        return (1..<max(Int(count) - 1, 1)).filter { attrs[$0].is_line_break != 0 }
    }

    /// Thai distributed justification: the spare width is spread evenly over the gaps between
    /// clusters, so a line of few long words shows no hole; where that would open a letter gap
    /// wider than `maxClusterGap`, the rest goes to the word boundaries (Pango's line-break
    /// opportunities, from libthai).
    func justify(
        _ line: inout ShapedLine, extra: Double, size: Double, startByte: Int, endByte: Int,
        attrs: UnsafePointer<PangoLogAttr>, charStarts: [Int]
    ) {
        var gaps: [Int] = []  // byte offsets where a new word starts
        var lo = 0
        var hi = charStarts.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if charStarts[mid] < startByte + 1 { lo = mid + 1 } else { hi = mid }
        }
        var charIndex = lo
        while charIndex < charStarts.count - 1, charStarts[charIndex] < endByte {
            if attrs[charIndex].is_line_break != 0 { gaps.append(charStarts[charIndex]) }
            charIndex += 1
        }
        let clusterCount = line.runs.reduce(0) { $0 + $1.clusters.count }
        guard clusterCount > 1 else { return }
        // Every gap between clusters takes an equal share, up to `maxClusterGap`; word boundaries
        // take their share instead (not in addition), plus whatever the clusters could not take.
        let gapCount = Double(clusterCount - 1)
        let wordGaps = Double(gaps.count)
        let clusterStep = gaps.isEmpty ? extra / gapCount : min(extra / gapCount, Self.maxClusterGap * size)
        let wordStep = gaps.isEmpty ? 0 : (extra - clusterStep * (gapCount - wordGaps)) / wordGaps
        // Runs keep their origins; each glyph moves by the space added before its cluster.
        var byte = startByte
        var gapIndex = 0
        var clusterIndex = 0
        for r in line.runs.indices {
            var glyphIndex = 0
            for cluster in line.runs[r].clusters {
                while gapIndex < gaps.count, gaps[gapIndex] <= byte { gapIndex += 1 }
                let shift = Double(gapIndex) * wordStep + Double(clusterIndex - gapIndex) * clusterStep
                for g in glyphIndex..<(glyphIndex + cluster.glyphCount) { line.runs[r].glyphs[g].x += shift }
                glyphIndex += cluster.glyphCount
                byte += cluster.byteCount
                if byte < endByte { clusterIndex += 1 }
            }
        }
        line.width += extra
    }
}
