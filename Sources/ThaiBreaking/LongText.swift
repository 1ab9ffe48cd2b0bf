import CPangoCairo

/// Pango's log attributes (where lines may break, where the cursor may stand) of a long text,
/// found piece by piece.
///
/// Pango finds the breaks of a whole text at once, and libthai's dictionary takes time
/// quadratic in the length of a run of Thai with no space or other character between (a
/// 4 MB run took half a minute). A text longer than `pieceBytes` is therefore read in pieces
/// of at most that length, each cut at the last break opportunity in its third quarter as
/// Pango finds it in the piece alone: a break with at least half a piece of text before it
/// and a quarter after it (4 KB, hundreds of words), where the whole text breaks too — not
/// next to the piece's end, where libthai sees a word cut short. A piece with no opportunity
/// there (a long run of letters with no break) is cut between two characters. Shorter texts
/// are read whole, as before; a longer text's runs also end at each cut (shaping does not
/// reach across one).
public enum LongText {
    /// Texts longer than this many bytes of UTF-8 are read in pieces.
    public static let pieceBytes = 16_384

    /// Where the piece of `utf8` that starts at byte `start` ends (a character boundary,
    /// `start < end < utf8.count`), and the log attributes of the character there. Needs
    /// `utf8.count - start > pieceBytes`.
    public static func cut(_ utf8: [UInt8], from start: Int) -> (end: Int, attr: PangoLogAttr) {
        var end = start + pieceBytes
        while utf8[end] & 0xC0 == 0x80 { end -= 1 }
        var starts: [Int] = []
        for offset in start..<end where utf8[offset] & 0xC0 != 0x80 { starts.append(offset) }
        var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: starts.count + 1)
        utf8.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                pango_get_log_attrs(
                    $0 + start, Int32(end - start), -1, pango_language_from_string("th"), &attrs, Int32(attrs.count))
            }
        }
        // Not right after a line or paragraph separator: a piece ending with one would end
        // with an empty line.
        func afterSeparator(_ i: Int) -> Bool {
            let byte = utf8[starts[i] - 1]
            return byte == 0x0A || byte == 0x0D || attrs[i].is_mandatory_break != 0
        }
        let window = max(starts.count / 2, 1)..<max(starts.count - starts.count / 4, 2)
        let best =
            window.last { attrs[$0].is_line_break != 0 && !afterSeparator($0) }
            ?? window.last { attrs[$0].is_cursor_position != 0 && !afterSeparator($0) }
            ?? (window.upperBound - 1)
        return (starts[best], attrs[best])
    }

    /// One piece of a text: its bytes, and the log attributes of its first character when
    /// that is a cut (found with the text before it too; nil for the text's start).
    public struct Piece: Sendable {
        public var bytes: Range<Int>
        public var attrAtCut: PangoLogAttr?
    }

    /// The pieces `utf8` is read in: one, the whole text, up to `pieceBytes`.
    public static func pieces(of utf8: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        var start = 0
        var attrAtCut: PangoLogAttr?
        while utf8.count - start > pieceBytes {
            let (end, attr) = cut(utf8, from: start)
            pieces.append(Piece(bytes: start..<end, attrAtCut: attrAtCut))
            (start, attrAtCut) = (end, attr)
        }
        pieces.append(Piece(bytes: start..<utf8.count, attrAtCut: attrAtCut))
        return pieces
    }

    /// Appends to `result` the attributes of `piece` as Pango found them in the piece alone
    /// (`attrs`: one per character of the piece and one after): its first from the cut when it
    /// starts at one, and the one after its last character only for the text's last piece
    /// (the next piece's cut stands there).
    public static func append(
        _ attrs: UnsafeBufferPointer<PangoLogAttr>, of piece: Piece, last: Bool, to result: inout [PangoLogAttr]
    ) {
        result.append(piece.attrAtCut ?? attrs[0])
        let end = last ? attrs.count - 1 : attrs.count - 2
        if end >= 1 { result += attrs[1...end] }
    }

    /// The log attributes of `text`: one per Unicode scalar and one after the last.
    public static func logAttrs(of text: String) -> [PangoLogAttr] {
        let utf8 = Array(text.utf8)
        var result: [PangoLogAttr] = []
        let pieces = pieces(of: utf8)
        for (index, piece) in pieces.enumerated() {
            var scalars = 0
            for offset in piece.bytes where utf8[offset] & 0xC0 != 0x80 { scalars += 1 }
            var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: scalars + 1)
            withText(utf8, piece) { text, length in
                pango_get_log_attrs(text, length, -1, pango_language_from_string("th"), &attrs, Int32(attrs.count))
            }
            attrs.withUnsafeBufferPointer { append($0, of: piece, last: index == pieces.count - 1, to: &result) }
        }
        return result
    }

    /// Calls `body` with the bytes of `piece` as C text and their length.
    public static func withText<R>(
        _ utf8: [UInt8], _ piece: Piece, _ body: (UnsafePointer<CChar>, Int32) -> R
    ) -> R {
        utf8.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return body("", 0) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                body($0 + piece.bytes.lowerBound, Int32(piece.bytes.count))
            }
        }
    }
}
