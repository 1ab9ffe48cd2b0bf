/// Compounds a line should not break inside (`ตัวชี้วัด`, `เว็บไซต์`, `จัดซื้อจัดจ้าง`): words
/// libthai's dictionary splits but Thai readers keep whole. Held as a trie of Unicode scalars,
/// so finding every compound in a text costs a walk of at most the longest word from each
/// place a word may start.
public struct ThaiLexicon: Sendable, Equatable {
    struct Node: Sendable, Equatable {
        var children: [Unicode.Scalar: Int] = [:]
        var isWord = false
    }
    private(set) var nodes = [Node()]
    /// The words, in the order given, without repeats.
    public private(set) var words: [String] = []

    public init(_ words: [String] = []) {
        for word in words { insert(word) }
    }

    public mutating func insert(_ word: String) {
        let scalars = word.unicodeScalars.filter { !$0.properties.isWhitespace }
        guard !scalars.isEmpty else { return }
        var node = 0
        for scalar in scalars {
            if let next = nodes[node].children[scalar] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[scalar] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        if !nodes[node].isWord {
            nodes[node].isWord = true
            words.append(String(String.UnicodeScalarView(scalars)))
        }
    }

    public var isEmpty: Bool { words.isEmpty }

    /// The ends of every lexicon word that starts at `start` in `text`, shortest first.
    func matches(in text: [Unicode.Scalar], from start: Int) -> [Int] {
        var ends: [Int] = []
        var node = 0
        var index = start
        while index < text.count, let next = nodes[node].children[text[index]] {
            node = next
            index += 1
            if nodes[node].isWord { ends.append(index) }
        }
        return ends
    }
}
