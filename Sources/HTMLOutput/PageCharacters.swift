import SiteLayout

/// The characters each web font of a page must hold: the page's text as the browser shows it
/// (text between tags, character references decoded, the labels in the page's style and the
/// stylesheet's generated marks), the text set in bold for the bold face, ✓ and ○ for the
/// symbols face. What the page's `<head>` holds besides its style is never drawn.
enum PageCharacters {
    /// Elements the stylesheet sets in bold (a `th` with `scope="row"` is not).
    static let boldElements: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "strong", "th"]
    static let symbols: Set<Unicode.Scalar> = ["\u{2713}", "\u{25CB}"]

    static func faces(of html: String) -> [SiteLayout.FontFace: Set<Unicode.Scalar>] {
        var regular = ScalarSet(Stylesheet.generatedText.unicodeScalars)
        var bold = ScalarSet()
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var inBody = false
        var inStyle = false
        var boldOpen: [String] = []
        func add(_ scalar: Unicode.Scalar) {
            regular.insert(scalar)
            if !boldOpen.isEmpty { bold.insert(scalar) }
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "<" {
                var j = i + 1
                while j < scalars.count, scalars[j] != ">" { j += 1 }
                let body = scalars[(i + 1)..<min(j, scalars.count)]
                let closing = body.first == "/"
                // The element's name: ASCII letters and digits after any `/` (every name the
                // page writes), lowercased.
                var name = ""
                for scalar in body.drop(while: { $0 == "/" }) {
                    guard ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    else { break }
                    name.unicodeScalars.append(scalar.lowercasedASCII)
                }
                switch name {
                case "body": inBody = !closing
                case "style": inStyle = !closing
                default:
                    if boldElements.contains(name) {
                        if closing {
                            if let last = boldOpen.lastIndex(of: name) { boldOpen.remove(at: last) }
                        } else if !String(String.UnicodeScalarView(body)).contains("scope=\"row\"") {
                            boldOpen.append(name)
                        }
                    }
                }
                i = j + 1
                continue
            }
            if inStyle {
                // Only what the page's style draws: its quoted strings (the table labels).
                if c == "\"" {
                    var j = i + 1
                    while j < scalars.count, scalars[j] != "\"" {
                        // `cssString` writes ASCII punctuation as six hex digits.
                        if scalars[j] == "\\", j + 6 < scalars.count,
                            let value = UInt32(String(String.UnicodeScalarView(scalars[(j + 1)...(j + 6)])), radix: 16),
                            let decoded = Unicode.Scalar(value)
                        {
                            add(decoded)
                            j += 7
                            continue
                        }
                        add(scalars[j])
                        j += 1
                    }
                    i = j + 1
                    continue
                }
            } else if inBody {
                if c == "&" {
                    var j = i + 1
                    while j < scalars.count, j - i < 8, scalars[j] != ";" { j += 1 }
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<min(j, scalars.count)]))
                    if let decoded = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "#39": "'"][name] {
                        add(decoded.unicodeScalars.first!)
                        i = j + 1
                        continue
                    }
                }
                if !(c == "\n" || c == "\r" || c == "\t") { add(c) }
            }
            i += 1
        }
        let (regularSet, boldSet) = (regular.set, bold.set)
        return [
            .regular: regularSet.subtracting(symbols),
            .bold: boldSet.subtracting(symbols),
            .symbols: regularSet.intersection(symbols).union(boldSet.intersection(symbols)),
        ]
    }
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

extension Unicode.Scalar {
    /// The scalar with A–Z made a–z.
    fileprivate var lowercasedASCII: Unicode.Scalar {
        ("A"..."Z").contains(self) ? Unicode.Scalar(value + 32)! : self
    }
}
