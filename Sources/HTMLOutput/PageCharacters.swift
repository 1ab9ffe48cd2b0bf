import SiteLayout

/// The characters each web font of a page must hold: the page's text as the browser shows it
/// (text between tags, character references decoded, the labels in the page's style and the
/// stylesheet's generated marks), the text set in bold for the bold face, ✓ and ○ for the
/// symbols face. What the page's `<head>` holds besides its style is never drawn.
enum PageCharacters {
    /// Elements the stylesheet sets in bold (a `th` with `scope="row"` is not).
    static let boldElements: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "strong", "th"]
    static let symbols: Set<Unicode.Scalar> = ["\u{2713}", "\u{25CB}"]
    /// What marks a header cell of a row, which is not set in bold.
    static let rowScope = Array(#"scope="row""#.utf8)

    /// Read over the page's UTF-8 bytes: tags, character references and the style's escapes are
    /// ASCII, so only text is decoded into characters.
    static func faces(of html: String) -> [SiteLayout.FontFace: Set<Unicode.Scalar>] {
        var html = html
        html.makeContiguousUTF8()
        var scanner = Scanner()
        html.utf8.withContiguousStorageIfAvailable { scanner.scan($0) }!
        return scanner.faces
    }

    /// Reads a page piece by piece (`PageOutput`): what it carries from one piece to the next
    /// is which elements are open. Each piece must hold whole tags, characters and references
    /// (every piece the page's writers hand on does).
    struct Scanner {
        private var regular = ScalarSet(Stylesheet.generatedText.unicodeScalars)
        private var bold = ScalarSet()
        private var inBody = false
        private var inStyle = false
        private var boldOpen: [TagName] = []

        /// The characters of the pieces read so far, by the face that must hold them.
        var faces: [SiteLayout.FontFace: Set<Unicode.Scalar>] {
            let (regularSet, boldSet) = (regular.set, bold.set)
            return [
                .regular: regularSet.subtracting(symbols),
                .bold: boldSet.subtracting(symbols),
                .symbols: regularSet.intersection(symbols).union(boldSet.intersection(symbols)),
            ]
        }

        /// Every character `bytes` shows, and those shown in bold.
        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            var i = 0
            func add(_ scalar: Unicode.Scalar) {
                regular.insert(scalar)
                if !boldOpen.isEmpty { bold.insert(scalar) }
            }
            /// The character that starts at `index` (the bytes are valid UTF-8) and its length.
            func character(at index: Int) -> (Unicode.Scalar, Int) {
                let lead = UInt32(bytes[index])
                guard lead >= 0x80 else { return (Unicode.Scalar(UInt8(lead)), 1) }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = lead & (0x7F >> UInt32(length))
                for k in 1..<length { value = value << 6 | UInt32(bytes[index + k] & 0x3F) }
                return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
            }
            while i < count {
                let c = bytes[i]
                if c == UInt8(ascii: "<") {
                    var j = i + 1
                    while j < count, bytes[j] != UInt8(ascii: ">") { j += 1 }
                    let body = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<min(j, count)])
                    let closing = body.first == UInt8(ascii: "/")
                    // The element's name: ASCII letters and digits after any `/` (every name the
                    // page writes), lowercased.
                    let name = TagName(body.drop(while: { $0 == UInt8(ascii: "/") }))
                    if name == .body {
                        inBody = !closing
                    } else if name == .style {
                        inStyle = !closing
                    } else if TagName.bold.contains(name) {
                        if closing {
                            if let last = boldOpen.lastIndex(of: name) { boldOpen.remove(at: last) }
                        } else if body.firstRange(of: rowScope) == nil {
                            boldOpen.append(name)
                        }
                    }
                    i = j + 1
                    continue
                }
                if inStyle {
                    // Only what the page's style draws: its quoted strings (the table labels).
                    if c == UInt8(ascii: "\"") {
                        var j = i + 1
                        while j < count, bytes[j] != UInt8(ascii: "\"") {
                            // `cssString` writes ASCII punctuation as six hex digits.
                            if bytes[j] == UInt8(ascii: "\\"), j + 6 < count,
                                let value = UInt32(
                                    String(decoding: bytes[(j + 1)...(j + 6)], as: UTF8.self), radix: 16),
                                let decoded = Unicode.Scalar(value)
                            {
                                add(decoded)
                                j += 7
                                continue
                            }
                            let (scalar, length) = character(at: j)
                            add(scalar)
                            j += length
                        }
                        i = j + 1
                        continue
                    }
                } else if inBody {
                    if c == UInt8(ascii: "&") {
                        var j = i + 1
                        while j < count, j - i < 8, bytes[j] != UInt8(ascii: ";") { j += 1 }
                        if let decoded = reference(UnsafeBufferPointer(rebasing: bytes[(i + 1)..<min(j, count)])) {
                            add(decoded)
                            i = j + 1
                            continue
                        }
                    }
                    if !(c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\t")) {
                        let (scalar, length) = character(at: i)
                        add(scalar)
                        i += length
                        continue
                    }
                }
                i += 1
            }
        }
    }

    /// The character a reference the page writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`)
    /// stands for, given what is between `&` and `;`.
    private static func reference(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": "&"
        case "lt": "<"
        case "gt": ">"
        case "quot": "\""
        case "#39": "'"
        default: nil
        }
    }
}

/// An element's name as the page writes it (ASCII letters and digits, lowercased), packed in a
/// number: the names that matter are at most eight letters, a longer one matches none of them.
struct TagName: Equatable {
    private let packed: UInt64

    init<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        var packed: UInt64 = 0
        var length = 0
        for byte in bytes {
            let lower: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): lower = byte + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): lower = byte
            default: lower = 0
            }
            if lower == 0 { break }
            if length == 8 {
                packed = .max
                break
            }
            packed |= UInt64(lower) << UInt64(8 * length)
            length += 1
        }
        self.packed = packed
    }

    static let body = TagName("body".utf8)
    static let style = TagName("style".utf8)
    static let bold = PageCharacters.boldElements.map { TagName($0.utf8) }
}

/// A set of Unicode scalars kept as a bitmap for the Basic Multilingual Plane: a page's tens
/// of thousands of characters are added without hashing each one.
struct ScalarSet {
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    private var beyond = Set<Unicode.Scalar>()

    init() {}
    init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar { for s in scalars { insert(s) } }

    mutating func insert(_ scalar: Unicode.Scalar) {
        let value = Int(scalar.value)
        if value < 0x10000 { bits[value >> 6] |= 1 << UInt64(value & 63) } else { beyond.insert(scalar) }
    }

    var set: Set<Unicode.Scalar> {
        var result = beyond
        for (word, value) in bits.enumerated() where value != 0 {
            for bit in 0..<64 where value & (1 << UInt64(bit)) != 0 {
                if let scalar = Unicode.Scalar(UInt32(word * 64 + bit)) { result.insert(scalar) }
            }
        }
        return result
    }
}
