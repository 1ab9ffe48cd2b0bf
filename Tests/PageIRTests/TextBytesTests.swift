import Testing

@testable import PageIR

@Suite struct TextBytesTests {
    @Test func equalBytesHashAlikeAndCanonicalTwinsDoNot() {
        // "é" as one scalar and as e + combining acute: `==` calls them equal, their bytes differ.
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(!composed.hasSameBytes(as: decomposed))
        #expect(TextKey(composed) != TextKey(decomposed))
        #expect(TextKey(composed) == TextKey(String(decoding: Array(composed.utf8), as: UTF8.self)))
        var set = Set<TextKey>()
        set.insert(TextKey("ข้อมูล"))
        #expect(set.contains(TextKey("ข้อ" + "มูล")))
    }

    /// Texts differing in one byte anywhere, at every length up to past several words, get
    /// different digests: every byte, the tail's among them, reaches the digest.
    @Test func everyByteReachesTheDigest() {
        var digests = Set<UInt64>()
        var count = 0
        for length in 0...40 {
            let base = [UInt8](repeating: 0x41, count: length)
            digests.insert(base.withUnsafeBytes { ByteDigest.of($0) })
            count += 1
            for position in 0..<length {
                for value: UInt8 in [0x00, 0x42, 0xE0, 0xFF] {
                    var changed = base
                    changed[position] = value
                    digests.insert(changed.withUnsafeBytes { ByteDigest.of($0) })
                    count += 1
                }
            }
        }
        #expect(digests.count == count)
    }

    /// A dictionary keyed by texts finds each of many Thai texts again, and only it.
    @Test func aDictionaryOfTextsFindsEachAgain() {
        let words = ["การ", "ประเมิน", "คุณธรรม", "และ", "ความ", "โปร่งใส", " ", "ITA", "๒๕๖๔"]
        var texts: [String] = []
        for i in 0..<5_000 {
            var text = ""
            var n = i
            repeat {
                text += words[n % words.count]
                n /= words.count
            } while n > 0
            texts.append(text)
        }
        var table: [TextKey: Int] = [:]
        for (i, text) in texts.enumerated() { table[TextKey(text)] = i }
        #expect(table.count == Set(texts).count)
        for text in texts { #expect(table[TextKey(text)].map { texts[$0] } == text) }
        #expect(table[TextKey("ไม่มี")] == nil)
    }
}
