/// Text as it goes into the page: escaped, with a `<wbr>` at every break opportunity the
/// page's `LineBreaks` gives. `<wbr>` adds no character, so text copied from the page (or read
/// through `innerText`) is the source text, where a U+200B would come along with it.
struct TextWriter: Sendable {
    let lineBreaks: LineBreaks?

    /// Whether the page marks its break opportunities (and so is set to wrap only at them).
    var marksBreaks: Bool { lineBreaks != nil }

    /// A `<wbr>` goes before the character at each offset (in Unicode scalars) strictly inside
    /// the text; the text is escaped as `HTMLWriter.escape` escapes it.
    func callAsFunction(_ text: String) -> String {
        guard let lineBreaks, text.utf8.count > 1 else { return HTMLWriter.escape(text) }
        let offsets = lineBreaks(text)
        guard !offsets.isEmpty else { return HTMLWriter.escape(text) }
        let sorted = offsets.isSorted ? offsets : offsets.sorted()
        var utf8 = text
        return utf8.withUTF8 { bytes in
            Self.marked(bytes, breaks: sorted) ?? Self.markedByPieces(text, breaks: sorted)
        }
    }

    /// One pass over the bytes (every text of a page goes through here): nil if a byte may
    /// need more than the five ASCII references (`HTMLWriter.mayStartReplaced`), which
    /// `markedByPieces` handles.
    static func marked(_ bytes: UnsafeBufferPointer<UInt8>, breaks: [Int]) -> String? {
        var escapes = 0
        for byte in bytes {
            if HTMLWriter.mayStartReplaced(byte) { return nil }
            if HTMLWriter.reference(for: byte) != nil { escapes += 1 }
        }
        let wbr: StaticString = "<wbr>"
        // A reference takes at most five bytes more than its character.
        let capacity = bytes.count + escapes * 5 + breaks.count * wbr.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: capacity) { out in
            var written = 0
            func put(_ literal: StaticString) {
                for i in 0..<literal.utf8CodeUnitCount { out[written + i] = literal.utf8Start[i] }
                written += literal.utf8CodeUnitCount
            }
            var next = 0
            // Offsets at or before the first character mark nothing.
            while next < breaks.count, breaks[next] <= 0 { next += 1 }
            var scalar = -1
            for byte in bytes {
                if byte & 0xC0 != 0x80 {
                    scalar += 1
                    if next < breaks.count, breaks[next] == scalar {
                        put(wbr)
                        while next < breaks.count, breaks[next] <= scalar { next += 1 }
                    }
                }
                if let reference = HTMLWriter.reference(for: byte) {
                    put(reference)
                } else {
                    out[written] = byte
                    written += 1
                }
            }
            return written
        }
    }

    /// The text cut at the breaks, each piece escaped, joined by `<wbr>`.
    static func markedByPieces(_ text: String, breaks: [Int]) -> String {
        let scalars = text.unicodeScalars
        var pieces: [String] = []
        var start = scalars.startIndex
        var index = start
        var position = 0
        for offset in breaks where offset > position {
            while position < offset, index < scalars.endIndex {
                index = scalars.index(after: index)
                position += 1
            }
            guard index < scalars.endIndex else { break }
            pieces.append(String(scalars[start..<index]))
            start = index
        }
        pieces.append(String(scalars[start...]))
        return pieces.map(HTMLWriter.escape).joined(separator: "<wbr>")
    }
}

extension Array where Element: Comparable {
    fileprivate var isSorted: Bool { zip(self, dropFirst()).allSatisfy { $0 <= $1 } }
}
