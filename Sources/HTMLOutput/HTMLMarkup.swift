/// The markup of an HTML page as a sequence of element tags (`<p`, `</p`, …), for checking that
/// text from the data never becomes markup: a page made with hostile text must have the same
/// sequence as the page made with plain text.
public enum HTMLMarkup {
    /// Start and end tags in order, by name (`p`, `/p`), lowercased; comments and doctype skipped.
    public static func elements(in html: String) -> [String] {
        var names: [String] = []
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count else {
                i += 1
                continue
            }
            var j = i + 1
            var name = ""
            if bytes[j] == UInt8(ascii: "/") {
                name = "/"
                j += 1
            }
            while j < bytes.count, isNameByte(bytes[j]) {
                name.unicodeScalars.append(Unicode.Scalar(bytes[j] | (isUpper(bytes[j]) ? 0x20 : 0)))
                j += 1
            }
            if name != "/", !name.isEmpty { names.append(name) }
            i = j
        }
        return names
    }

    private static func isUpper(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) }
    private static func isNameByte(_ b: UInt8) -> Bool {
        (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2D
    }
}
