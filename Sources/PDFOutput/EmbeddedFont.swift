/// What a PDF holds of one cluster font (`ClusterGlyphs`) for the glyphs a document drew: the
/// subset font program, each glyph's width and the text each records, ready for the post-writer
/// to write as a Type 0 font (ISO 32000 9.7: a `CIDFontType2` descendant shown through
/// `Identity-H`, glyph numbers as CIDs, `/CIDToGIDMap /Identity`), as PDF/A-2 and PDF/UA-1 ask:
/// the program embedded, every glyph's text in a ToUnicode map, widths as the program's.
struct EmbeddedFont {
    /// The PostScript name with a subset tag made from the program's bytes (the same glyphs
    /// give the same name).
    let name: String
    /// The font program, deflated (zlib's fastest level, as the pages: level 6 saves about a
    /// twentieth of a program's size for twice the time), and its length plain.
    let program: [UInt8]
    let programLength: Int
    /// Widths of glyphs 1, 2, … in thousandths of an em.
    let widths: [Double]
    /// The ToUnicode map, deflated.
    let toUnicode: [UInt8]
    /// In thousandths of an em: [xMin, yMin, xMax, yMax], ascent, descent and the height of
    /// capitals (the font's own, else its ascent).
    let box: [Int]
    let ascent: Int
    let descent: Int
    let capHeight: Int

    init(_ glyphs: ClusterGlyphs) throws {
        let program = try glyphs.subset()
        let file = glyphs.file
        programLength = program.count
        self.program = try Deflate.compress(program)
        widths = glyphs.drawnWidths
        toUnicode = try Deflate.compress(Self.toUnicodeMap(glyphs))
        func thousandths(_ units: Int) -> Int {
            Int((Double(units) * 1000 / Double(max(file.unitsPerEm, 1))).rounded())
        }
        let hhea = file.tables["hhea"]!.lowerBound
        // The subset's own box (it grows with the composites it holds).
        let subset = try ClusterFontFile(program)
        let subsetHead = subset.tables["head"]!.lowerBound
        box = (0..<4).map { thousandths(program.i16(subsetHead + 36 + 2 * $0)) }
        ascent = thousandths(file.bytes.i16(hhea + 4))
        descent = thousandths(file.bytes.i16(hhea + 6))
        if let os2 = file.tables["OS/2"], os2.count >= 90, file.bytes.u16(os2.lowerBound) >= 2 {
            capHeight = thousandths(file.bytes.i16(os2.lowerBound + 88))
        } else {
            capHeight = ascent
        }
        name = Self.tag(of: program) + "+" + (file.postScriptName ?? "ThaiReportFont")
    }

    /// Six capital letters from the program's bytes (the digest the final file's identifier is
    /// made with): the subset tag ISO 32000 9.6.4 asks for, the same for the same glyphs.
    static func tag(of bytes: [UInt8]) -> String {
        var digest = FileIdentifier()
        bytes.withUnsafeBufferPointer { digest.update($0) }
        var hash = digest.bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var letters: [UInt8] = []
        for _ in 0..<6 {
            letters.append(UInt8(65 + hash % 26))
            hash /= 26
        }
        return String(decoding: letters, as: UTF8.self)
    }

    /// A ToUnicode CMap (Adobe Technical Note #5411) that gives each glyph drawn the text it
    /// records, as UTF-16BE.
    static func toUnicodeMap(_ glyphs: ClusterGlyphs) -> [UInt8] {
        var out = Array(
            """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <ffff>
            endcodespacerange

            """.utf8)
        var entries: [(UInt16, [UInt8])] = []
        for (index, glyph) in glyphs.drawn.enumerated() {
            guard let text = glyphs.text(of: glyph), !text.isEmpty else { continue }
            entries.append((UInt16(index + 1), text))
        }
        // At most 100 entries a block.
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            out.append(contentsOf: "\(block.count) beginbfchar\n".utf8)
            for (number, text) in block {
                out.append(0x3C)
                PDFNumbers.appendHex(number, to: &out)
                out.append(contentsOf: "> <".utf8)
                for unit in String(decoding: text, as: UTF8.self).utf16 { PDFNumbers.appendHex(unit, to: &out) }
                out.append(contentsOf: ">\n".utf8)
            }
            out.append(contentsOf: "endbfchar\n".utf8)
        }
        out.append(
            contentsOf: """
                endcmap
                CMapName currentdict /CMap defineresource pop
                end
                end

                """.utf8)
        return out
    }
}

extension ClusterFontFile {
    /// The font's PostScript name (`name` record 6), if it has one in a form PDF can name:
    /// printable ASCII without the characters a PDF name would have to escape.
    var postScriptName: String? {
        guard let table = tables["name"], table.count >= 6 else { return nil }
        let base = table.lowerBound
        let count = bytes.u16(base + 2)
        let strings = base + bytes.u16(base + 4)
        for index in 0..<count {
            let record = base + 6 + 12 * index
            guard record + 12 <= table.upperBound else { break }
            let (platform, nameID) = (bytes.u16(record), bytes.u16(record + 6))
            let (length, offset) = (bytes.u16(record + 8), bytes.u16(record + 10))
            guard nameID == 6, strings + offset + length <= table.upperBound else { continue }
            let raw = bytes[(strings + offset)..<(strings + offset + length)]
            // Windows names are UTF-16BE; Macintosh names are one byte a character.
            let characters: [UInt8] =
                platform == 3
                ? stride(from: raw.startIndex, to: raw.endIndex - 1, by: 2).map { raw[$0] == 0 ? raw[$0 + 1] : 0 }
                : Array(raw)
            let allowed = characters.allSatisfy { $0 > 0x20 && $0 < 0x7F && !Array("()<>[]{}/%#".utf8).contains($0) }
            if allowed, !characters.isEmpty { return String(decoding: characters.prefix(63), as: UTF8.self) }
        }
        return nil
    }
}
