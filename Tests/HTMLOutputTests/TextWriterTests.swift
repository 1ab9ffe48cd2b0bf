import Testing

@testable import HTMLOutput

/// The one-pass writer of break marks against the piece-by-piece one it replaced: the same
/// bytes for Thai, Latin, markup characters, controls and noncharacters, with offsets unsorted,
/// repeated, at the ends and past them.
@Suite struct TextWriterTests {
    static let alphabet: [Unicode.Scalar] =
        Array(
            "กขคงจฉชซญฎดตถทนบปผพฟมยรลวศษสหอฮะาิีึืุู่้๊๋็์ำเแโใไๅๆ฿๐๑๙ abcXYZ019.,-/()%&<>\"'\t\n\u{0}\u{7}\u{7F}\u{85}\u{A0}\u{1F600}😀é"
                .unicodeScalars) + [0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFF].map { Unicode.Scalar($0)! }

    @Test func oneFastPassWritesWhatThePiecesWrote() {
        var random = SystemRandomNumberGenerator()
        var fast = 0
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...40, using: &random)
            // Most texts as pages hold them (Thai, Latin, markup characters), some with a
            // control or a noncharacter, which the piece-by-piece writer handles.
            let plain = Bool.random(using: &random)
            let pool = plain ? Array(Self.alphabet.prefix { $0 != "\t" }) : Self.alphabet
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(pool.randomElement(using: &random)!) }
            let string = String(text)
            let breaks = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                Int.random(in: -2...(length + 2), using: &random)
            }
            let writer = TextWriter(lineBreaks: { _ in breaks })
            let expected =
                string.utf8.count > 1
                ? TextWriter.markedByPieces(string, breaks: breaks.sorted()) : HTMLWriter.escape(string)
            #expect(writer(string) == expected, "\(Array(string.unicodeScalars)) \(breaks)")
            var copy = string
            if copy.withUTF8({ TextWriter.marked($0, breaks: breaks.sorted()) }) != nil { fast += 1 }
        }
        // The fast pass took the plain texts (it must not be the one left untried).
        #expect(fast > 1_000)
    }

    @Test func marksAndEscapes() {
        let writer = TextWriter(lineBreaks: { _ in [9, 4, 4, 0, 17, 30] })
        #expect(writer("งบประมาณ<เผยแพร่>") == "งบปร<wbr>ะมาณ&lt;<wbr>เผยแพร่&gt;")
        #expect(writer("a&b\"c'd") == "a&amp;b&quot;<wbr>c&#39;d")
        #expect(writer("ab\u{7}cdef") == "ab\u{FFFD}c<wbr>def")
    }
}
