import Foundation

extension HTMLWriter {
    /// Text and quoted attribute values: `& < > " '` become references, and the characters an
    /// HTML document may not hold (controls but tab, line feed and carriage return; DEL; C1;
    /// noncharacters) become U+FFFD. Data reaches the page only as text and quoted attribute
    /// values; template column headers also reach the page's style, only through `cssString`.
    /// Links come from `escapeURL`.
    public static func escape(_ text: String) -> String {
        // Work on UTF-8 bytes: the five characters are ASCII, controls are ASCII or start with
        // 0xC2, and noncharacters start with 0xEF or 0xF0–0xF4; Thai text has none of them.
        // The bytes are scanned in the string's own storage when it has one (a native string
        // always does): a page's text is escaped piece by piece, every byte of it.
        let utf8 = text.utf8
        func mayNeedEscaping(_ byte: UInt8) -> Bool {
            reference(for: byte) != nil || mayStartReplaced(byte)
        }
        guard
            utf8.withContiguousStorageIfAvailable({ $0.contains(where: mayNeedEscaping) })
                ?? utf8.contains(where: mayNeedEscaping)
        else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        let replacement = Array("\u{FFFD}".utf8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80, let reference = reference(for: UInt8(value)) {
                out.append(
                    contentsOf: UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount))
                continue
            }
            switch value {
            case 0x09, 0x0A, 0x0D: out.append(UInt8(value))
            case 0x00..<0x20, 0x7F...0x9F, 0xFDD0...0xFDEF: out += replacement
            case _ where value & 0xFFFE == 0xFFFE: out += replacement
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character reference `escape` writes for the ASCII `byte`, if it writes one
    /// (`& < > " '`); at most six bytes.
    static func reference(for byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        case 0x27: return "&#39;"
        default: return nil
        }
    }

    /// Whether `byte` may start a character `escape` replaces by U+FFFD (a control, DEL, C1 after
    /// 0xC2, a noncharacter after 0xEF or more); tab, line feed and carriage return pass too, and
    /// are kept.
    static func mayStartReplaced(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte >= 0xEF }

    /// A relative link for an `href`: each path segment percent-encoded (only unreserved
    /// characters stay as they are, so no segment can read as a scheme, query or fragment),
    /// then escaped as an attribute value.
    public static func escapeURL(_ path: String) -> String { escape(percentEncoded(path)) }

    /// A relative path with every byte but unreserved characters and `/` percent-encoded: safe
    /// in an attribute and in a quoted CSS `url()`.
    static func percentEncoded(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        var out = ""
        for byte in path.utf8 {
            if unreserved.contains(byte) || byte == UInt8(ascii: "/") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// A quoted CSS string for a `<style>` element: ASCII letters, digits and space stay, every
    /// other ASCII character (quotes, backslash, `<`, `>`, `&`, line ends) and every control or
    /// noncharacter becomes a six-digit hex escape, so the text can neither end the string nor
    /// the element. Other characters (Thai) stay as they are.
    public static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let plainASCII =
                (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || value == 0x20
            let unsafe =
                value < 0xA0 || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
                || value == 0x2028 || value == 0x2029
            if plainASCII || !unsafe {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(format: "%06X", value)
            }
        }
        return out + "\""
    }
}
