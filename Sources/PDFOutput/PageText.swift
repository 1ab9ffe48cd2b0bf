/// The cluster runs of one page as PDF content operators, written here rather than by Cairo:
/// Cairo records, analyses and emits every glyph with work of its own (a third of a report's
/// time went there), while a run here is a text matrix and one `TJ` array of glyph numbers
/// with the adjustments that put each glyph where the page IR has it.
///
/// The page's text is its own content stream, drawn after Cairo's (nothing Cairo draws lies
/// over text: shading lies under it, rules beside it). It begins with `Q`, closing the `q` that
/// goes before Cairo's stream, so it starts from the page's own state whatever Cairo left.
/// Tagged, each run stands in a marked-content sequence of its owner (or an artifact); the
/// sequences are numbered after Cairo's on the page, known only when the page is done, so the
/// operators are kept by sequence until `stream`.
struct PageText {
    /// How a sequence of text is marked.
    enum Mark: Equatable {
        /// Untagged: not marked.
        case none
        case artifact
        /// Content of a structure: its tag name, and its place among the page's text sequences.
        case content(tag: String, index: Int32)
    }

    private var body: [UInt8] = []
    private var sequences: [(mark: Mark, start: Int)] = []
    /// Inside `BT`, with this font resource.
    private var open = false
    private var font = -1

    /// Whether `show` draws `run` at `size` (a sequence is begun for it only then).
    static func shows(_ run: ClusterRun, size: Double) -> Bool {
        let size = rounded(size)
        return !run.glyphs.isEmpty && size > 0 && size.isFinite
    }

    /// Starts a sequence of text marked `mark`.
    mutating func begin(_ mark: Mark) {
        endText()
        sequences.append((mark, body.count))
    }

    /// Shows `run` (made at the origin) at (`x`, `y`) in font resource `font` at `size` points:
    /// each glyph by its number in the document's subset of `glyphs`, advancing the pen by its
    /// width there (as the font's `W` array gives it).
    mutating func show(_ run: ClusterRun, x: Double, y: Double, font: Int, size: Double, glyphs: ClusterGlyphs) {
        guard Self.shows(run, size: size) else { return }
        // The size as written, so that the pen kept here is the one a reader computes.
        let size = Self.rounded(size)
        if sequences.isEmpty { sequences.append((.none, 0)) }
        if !open {
            body.append(contentsOf: "BT\n".utf8)
            open = true
        }
        if font != self.font {
            body.append(contentsOf: "/TR".utf8)
            appendInteger(font)
            body.append(contentsOf: " 1 Tf\n".utf8)
            self.font = font
        }
        var pen = 0.0
        var baseline = Double.nan
        var inArray = false
        var joinable = false
        for glyph in run.glyphs {
            let gx = glyph.x + x
            let gy = glyph.y + y
            let (number, width) = glyphs.subsetGlyph(UInt16(truncatingIfNeeded: glyph.index))
            if gy != baseline {
                // A new line: the run's start, or a glyph off the run's baseline.
                if inArray { body.append(contentsOf: "]TJ\n".utf8) }
                moveTo(x: gx, y: gy, size: size)
                body.append(0x5B)
                inArray = true
                joinable = false
                baseline = gy
                pen = line.x
            } else {
                // The adjustment, in thousandths of an em, that moves the pen from the last
                // glyph's end to this glyph; one of less than half a thousandth is left out
                // (the next is reckoned from where the pen is, so the error does not grow).
                let adjustment = ((pen - gx) * 1000 / size).rounded()
                if adjustment != 0 {
                    appendInteger(Int(adjustment))
                    pen -= adjustment / 1000 * size
                    joinable = false
                }
            }
            // Glyphs with nothing between them share one string.
            if joinable {
                body.removeLast()
            } else {
                body.append(0x3C)
            }
            appendHex(number)
            body.append(0x3E)
            joinable = true
            pen += width / 1000 * size
        }
        if inArray { body.append(contentsOf: "]TJ\n".utf8) }
    }

    /// Where the text line matrix stands, as a reader computes it from what was written, and the
    /// size it scales by (nil: no line matrix in this text object yet).
    private var line: (x: Double, y: Double) = (0, 0)
    private var lineSize: Double?

    /// Starts a line at (`x`, `y`): a move from the line before (`Td`, in text space: a few
    /// bytes) at the same size, else a new text matrix.
    private mutating func moveTo(x: Double, y: Double, size: Double) {
        if lineSize == size {
            let tx = Self.rounded((x - line.x) / size)
            let ty = Self.rounded(-(y - line.y) / size)
            appendNumber(tx)
            body.append(0x20)
            appendNumber(ty)
            body.append(contentsOf: " Td\n".utf8)
            line = (line.x + tx * size, line.y - ty * size)
        } else {
            appendNumber(size)
            body.append(contentsOf: " 0 0 ".utf8)
            appendNumber(-size)
            body.append(0x20)
            appendNumber(x)
            body.append(0x20)
            appendNumber(y)
            body.append(contentsOf: " Tm\n".utf8)
            line = (Self.rounded(x), Self.rounded(y))
            lineSize = size
        }
    }

    /// `value` as written: four decimals.
    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    private mutating func endText() {
        if open { body.append(contentsOf: "ET\n".utf8) }
        open = false
        font = -1
        lineSize = nil
    }

    /// The page's text stream, on a page `height` points high (the page IR's y runs down); its
    /// content sequences numbered from `firstMCID` in their order. Nil when the page has no
    /// text. Starts the next page's.
    mutating func stream(pageHeight height: Double, firstMCID: Int32) -> [UInt8]? {
        endText()
        defer {
            body = []
            sequences = []
        }
        guard !body.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 40 * sequences.count + 48)
        out.append(contentsOf: "Q\nq\n1 0 0 -1 0 ".utf8)
        PDFNumbers.append(height, to: &out)
        out.append(contentsOf: " cm\n0 g\n".utf8)
        for (k, sequence) in sequences.enumerated() {
            let end = k + 1 < sequences.count ? sequences[k + 1].start : body.count
            guard end > sequence.start else { continue }
            switch sequence.mark {
            case .none:
                out.append(contentsOf: body[sequence.start..<end])
                continue
            case .artifact:
                out.append(contentsOf: "/Artifact BMC\n".utf8)
            case .content(let tag, let index):
                out.append(0x2F)
                out.append(contentsOf: tag.utf8)
                out.append(contentsOf: " <</MCID ".utf8)
                out.append(contentsOf: String(firstMCID + index).utf8)
                out.append(contentsOf: ">> BDC\n".utf8)
            }
            out.append(contentsOf: body[sequence.start..<end])
            out.append(contentsOf: "EMC\n".utf8)
        }
        out.append(contentsOf: "Q\n".utf8)
        return out
    }

    private mutating func appendHex(_ value: UInt16) {
        PDFNumbers.appendHex(value, to: &body)
    }

    private mutating func appendInteger(_ value: Int) {
        PDFNumbers.append(value, to: &body)
    }

    /// `value` with at most four decimals, as PDF writes numbers (no exponent).
    private mutating func appendNumber(_ value: Double) {
        PDFNumbers.append(value, to: &body)
    }
}

/// Numbers written straight into PDF bytes: at most four decimals, no exponent, no trailing
/// zeros; glyph numbers and UTF-16 units in hexadecimal.
enum PDFNumbers {
    /// Four hexadecimal digits, lowercase, as one word appended at once (every glyph drawn is
    /// one, and every unit of a ToUnicode map).
    static func appendHex(_ value: UInt16, to out: inout [UInt8]) {
        func digit(_ nibble: UInt16) -> UInt32 { UInt32(nibble < 10 ? 0x30 + nibble : 0x57 + nibble) }
        let word =
            digit(value >> 12) | digit(value >> 8 & 0xF) << 8 | digit(value >> 4 & 0xF) << 16 | digit(value & 0xF) << 24
        withUnsafeBytes(of: word.littleEndian) { out.append(contentsOf: $0) }
    }

    static func append(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        append(value.magnitude, to: &out)
    }

    private static func append(_ value: UInt, to out: inout [UInt8]) {
        if value >= 100_000_000 {
            append(value / 100_000_000, to: &out)
            appendDigits(value % 100_000_000, count: 8, to: &out)
            return
        }
        var count = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            count += 1
        }
        appendDigits(value, count: count, to: &out)
    }

    /// The last `count` (at most eight) decimal digits of `value`, leading zeros kept, gathered
    /// in one word and appended at once (a page has a few numbers for every line).
    private static func appendDigits(_ value: UInt, count: Int, to out: inout [UInt8]) {
        var rest = value
        var word: UInt64 = 0
        for _ in 0..<count {
            word = word << 8 | UInt64(0x30 + rest % 10)
            rest /= 10
        }
        // The first digit is in the lowest byte.
        withUnsafeBytes(of: word.littleEndian) { out.append(contentsOf: $0.prefix(count)) }
    }

    static func append(_ value: Double, to out: inout [UInt8]) {
        // Beyond what a page holds, clamped; a value that rounds to zero is written 0.
        let scaled = value.isFinite ? (min(max(value, -1e12), 1e12) * 10_000).rounded() : 0
        if scaled == 0 {
            out.append(0x30)
            return
        }
        let magnitude = Int(abs(scaled))
        if scaled < 0 { out.append(0x2D) }
        append(magnitude / 10_000, to: &out)
        var fraction = magnitude % 10_000
        guard fraction != 0 else { return }
        out.append(0x2E)
        var divisor = 1000
        while fraction != 0 {
            out.append(UInt8(48 + fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }
}
