/// What Thai official documents never part at a line end, applied to the candidates of
/// `ThaiBreaker`:
///
/// - `พ.ศ.` and `ค.ศ.` stay whole and with the year after them (`พ.ศ. ๒๕๖๔`);
/// - a number stays whole (`๑,๒๐๐.๕๐`, `๑๒/๒๕๖๔`) and with its unit (`๓๐ คน`, `๖ เดือน`);
/// - both ends of a range stay together (`๒๕๖๓ - ๒๕๖๕`);
/// - `ๆ`, `ฯ`, closing brackets and punctuation never start a line;
/// - opening brackets never end one.
enum BreakRules {
    static let closing = Set(")]}”’»,.;:!?%…ๆฯ".unicodeScalars)
    static let opening = Set("([{“‘«".unicodeScalars)
    static let dashes = Set("-–—".unicodeScalars)
    /// Units counted with a number.
    static let units: [[Unicode.Scalar]] = [
        "บาท", "ปี", "เดือน", "วัน", "คน", "ราย", "ครั้ง", "แห่ง", "ฉบับ", "เรื่อง", "ชั่วโมง", "นาที",
        "ประกาศ", "โครงการ", "กิจกรรม", "หน่วยงาน", "ชุด", "เล่ม", "หลัง", "กิโลเมตร", "เมตร", "ล้าน",
        "พัน", "หมื่น", "แสน", "ร้อย",
    ].map { Array($0.unicodeScalars) }
    static let eras: [[Unicode.Scalar]] = ["พ.ศ.", "ค.ศ."].map { Array($0.unicodeScalars) }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(s) || ("\u{0E50}"..."\u{0E59}").contains(s)
    }
    static func isNumberPart(_ s: Unicode.Scalar) -> Bool { isDigit(s) || ".,/:".unicodeScalars.contains(s) }
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{00A0}" }

    static func apply(_ text: [Unicode.Scalar], _ kinds: inout [BreakKind?]) {
        let n = text.count
        func forbid(_ range: Range<Int>) {
            for i in range where i > 0 && i < n { kinds[i] = nil }
        }
        /// The end of the spaces from `i`.
        func skipSpaces(_ i: Int) -> Int {
            var j = i
            while j < n, isSpace(text[j]) { j += 1 }
            return j
        }
        var i = 0
        while i < n {
            let s = text[i]
            if closing.contains(s) { forbid(i..<(i + 1)) }
            if opening.contains(s) { forbid((i + 1)..<(i + 2)) }
            // พ.ศ. / ค.ศ.: whole, and with the number after it.
            if let era = eras.first(where: { i + $0.count <= n && text[i..<(i + $0.count)].elementsEqual($0) }) {
                let end = i + era.count
                let next = skipSpaces(end)
                forbid((i + 1)..<(next < n && isDigit(text[next]) ? next + 1 : end))
                i = end
                continue
            }
            if isDigit(s) {
                // The whole number, then what belongs to it.
                var end = i
                while end < n, isNumberPart(text[end]) { end += 1 }
                while end > i + 1, !isDigit(text[end - 1]) { end -= 1 }  // a closing full stop is not part
                forbid((i + 1)..<end)
                let next = skipSpaces(end)
                if next < n, dashes.contains(text[next]) {
                    // A range: the dash and the next number stay with this one.
                    let after = skipSpaces(next + 1)
                    if after < n, isDigit(text[after]) { forbid(end..<(after + 1)) }
                } else if units.contains(where: {
                    next + $0.count <= n && text[next..<(next + $0.count)].elementsEqual($0)
                }) {
                    forbid(end..<(next + 1))
                }
                i = end
                continue
            }
            i += 1
        }
    }
}
