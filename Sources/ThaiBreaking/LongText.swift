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

    /// The log attributes of `text`: one per Unicode scalar and one after the last.
    public static func logAttrs(of text: String) -> [PangoLogAttr] {
        let utf8 = Array(text.utf8)
        var scalars = 0
        for byte in utf8 where byte & 0xC0 != 0x80 { scalars += 1 }
        var result: [PangoLogAttr] = []
        result.reserveCapacity(scalars + 1)
        var start = 0
        var cutAttr: PangoLogAttr?
        repeat {
            var end = utf8.count
            var nextAttr: PangoLogAttr?
            if utf8.count - start > pieceBytes { (end, nextAttr) = cut(utf8, from: start) }
            var pieceScalars = 0
            for offset in start..<end where utf8[offset] & 0xC0 != 0x80 { pieceScalars += 1 }
            var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: pieceScalars + 1)
            if end > start {
                utf8.withUnsafeBufferPointer { bytes in
                    bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        pango_get_log_attrs(
                            $0 + start, Int32(end - start), -1, pango_language_from_string("th"), &attrs,
                            Int32(attrs.count))
                    }
                }
            } else {
                pango_get_log_attrs("", 0, -1, pango_language_from_string("th"), &attrs, 1)
            }
            result.append(cutAttr ?? attrs[0])
            let last = end == utf8.count ? pieceScalars : pieceScalars - 1
            if last >= 1 { result += attrs[1...last] }
            cutAttr = nextAttr
            start = end
        } while start < utf8.count
        return result
    }
}
