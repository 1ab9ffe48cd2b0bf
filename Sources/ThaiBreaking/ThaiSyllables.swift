/// Where a Thai word may be broken between syllables, for a word wider than its column: never
/// inside a character cluster (a consonant with its vowels and tone marks, a leading vowel
/// with its consonant, a consonant silenced by ์ with the one before it), never before a bare
/// consonant (most often a final, as ม in สัม) nor after one (most often the first of a
/// cluster, as ป in ประ). `ประชาสัมพันธ์` may break as `ประ|ชา|สัมพันธ์`, never as
/// `ประชาสัมพัน|ธ์`. Text that is not Thai may break between any two characters.
enum ThaiSyllables {
    static func isConsonant(_ s: Unicode.Scalar) -> Bool { (0x0E01...0x0E2E).contains(s.value) }
    static func isLeadingVowel(_ s: Unicode.Scalar) -> Bool { (0x0E40...0x0E44).contains(s.value) }
    /// Vowels and marks written after, above or below a consonant, and ๆ ฯ.
    static func isAttached(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x0E30 || s.value == 0x0E31 || (0x0E32...0x0E3A).contains(s.value)
            || (0x0E45...0x0E4E).contains(s.value)
            || s == "ๆ" || s == "ฯ"
    }
    static func isVowel(_ s: Unicode.Scalar) -> Bool {
        (0x0E30...0x0E39).contains(s.value) || s.value == 0x0E47 || isLeadingVowel(s)
    }
    static let karan: Unicode.Scalar = "\u{0E4C}"

    /// Thai character clusters of `text[range]`, as their start offsets.
    static func clusters(in text: [Unicode.Scalar], range: Range<Int>) -> [Int] {
        var starts: [Int] = []
        var i = range.lowerBound
        while i < range.upperBound {
            starts.append(i)
            var j = i
            if isLeadingVowel(text[j]) { j += 1 }
            if j < range.upperBound, isConsonant(text[j]) || !ThaiBreaker.isThai(text[j]) { j += 1 }
            while j < range.upperBound, isAttached(text[j]) { j += 1 }
            // A consonant (or two) silenced by ์ belongs to this cluster.
            if j + 1 < range.upperBound, isConsonant(text[j]), text[j + 1] == karan {
                j += 2
            } else if j + 2 < range.upperBound, isConsonant(text[j]), isConsonant(text[j + 1]), text[j + 2] == karan {
                j += 3
            }
            while j < range.upperBound, isAttached(text[j]) { j += 1 }
            i = max(j, i + 1)
        }
        return starts
    }

    static func breaks(in text: [Unicode.Scalar], range: Range<Int>) -> [Int] {
        let starts = clusters(in: text, range: range)
        func isBare(_ k: Int) -> Bool {
            let end = k + 1 < starts.count ? starts[k + 1] : range.upperBound
            let cluster = text[starts[k]..<end]
            return ThaiBreaker.isThai(cluster.first!) && !cluster.contains(where: isVowel)
        }
        var result: [Int] = []
        for k in 1..<max(starts.count, 1) {
            let here = text[starts[k]]
            let before = text[starts[k] - 1]
            if !ThaiBreaker.isThai(here) || !ThaiBreaker.isThai(before) {
                result.append(starts[k])
            } else if isLeadingVowel(here) || (!isBare(k) && !isBare(k - 1)) {
                result.append(starts[k])
            }
        }
        return result
    }
}
