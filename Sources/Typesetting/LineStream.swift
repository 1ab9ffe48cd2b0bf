/// The lines of a text too long to hold shaped at once (a table cell of megabytes), made a
/// window at a time as pagination asks for them, so that memory holds about a window's lines
/// and not the whole text's.
///
/// Each window is `windowBytes` of the text from where the last lines given out ended, shaped
/// and broken as one text (`Shaper.shapeWindow`). Its lines that end in its last
/// `lookaheadBytes` are not given out: they were chosen knowing the window ends there, which the
/// text does not. The next window begins where the first of them began. A line's breaks are
/// thus weighed with at least `lookaheadBytes` of the text after it (dozens of lines), which is
/// as far as the total-fit breaker's choice reaches in practice; the lines are not those of the
/// whole text broken at once, and a text that is shorter than `Shaper.streamedTextBytes` is
/// still broken whole. Lines come left-aligned and without indent, as a cell's are made
/// before the cell places them.
final class LineStream {
    private let shaper: Shaper
    private let utf8: [UInt8]
    private let style: TextStyle
    private let width: Double
    /// The first byte not yet in a line given out.
    private var position = 0

    static let windowBytes = 64 * 1024
    static let lookaheadBytes = 4 * 1024

    init(_ text: String, shaper: Shaper, style: TextStyle, width: Double) {
        self.shaper = shaper
        utf8 = Array(text.utf8)
        self.style = style
        self.width = width
    }

    /// Whether every line has been given out.
    var isFinished: Bool { position >= utf8.count }

    /// The next lines of the text, in order; empty once every line has been given out.
    func next() -> [ShapedLine] {
        var size = Self.windowBytes
        while position < utf8.count {
            let last = utf8.count - position <= size
            var end = utf8.count
            if !last {
                end = position + size
                while utf8[end] & 0xC0 == 0x80 { end -= 1 }
            }
            let window = String(decoding: utf8[position..<end], as: UTF8.self)
            let (lines, bytes) = shaper.shapeWindow(window, style: style, width: width, indent: 0, alignment: .left)
            if last {
                position = utf8.count
                return lines
            }
            let keepBefore = end - position - Self.lookaheadBytes
            var count = bytes.firstIndex { $0.upperBound > keepBefore } ?? bytes.count
            if count == 0 {
                // The first line reaches into the lookahead (characters that take no room):
                // it ends where the breaker chose, unless the window ends it; then the window
                // is made larger until a line ends inside it, or the text does.
                guard bytes.count > 1 else {
                    size *= 2
                    continue
                }
                count = 1
            }
            let start = position
            position = count < bytes.count ? start + bytes[count].lowerBound : end
            return Array(lines.prefix(count))
        }
        return []
    }
}

extension Shaper {
    /// A paragraph or list item of a table cell longer than this many bytes of UTF-8 is made
    /// into lines a window at a time (`LineStream`), not shaped whole.
    static let streamedTextBytes = LineStream.windowBytes
}
