/// Text as it goes into the page: escaped, with a `<wbr>` at every break opportunity the
/// page's `LineBreaks` gives. `<wbr>` adds no character, so text copied from the page (or read
/// through `innerText`) is the source text, where a U+200B would come along with it.
struct TextWriter: Sendable {
    let lineBreaks: LineBreaks?

    /// Whether the page marks its break opportunities (and so is set to wrap only at them).
    var marksBreaks: Bool { lineBreaks != nil }

    func callAsFunction(_ text: String) -> String {
        guard let lineBreaks, text.utf8.count > 1 else { return HTMLWriter.escape(text) }
        let offsets = lineBreaks(text)
        guard !offsets.isEmpty else { return HTMLWriter.escape(text) }
        let scalars = text.unicodeScalars
        var pieces: [String] = []
        var start = scalars.startIndex
        var index = start
        var position = 0
        for offset in offsets.sorted() where offset > position {
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
