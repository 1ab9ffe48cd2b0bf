import Foundation

extension String {
    /// Whether the two texts are the same UTF-8 bytes: not Unicode's canonical equivalence,
    /// which `==` tests (two spellings of one text that `==` calls equal break and shape at
    /// different offsets), and much faster than comparing the views element by element.
    public func hasSameBytes(as other: String) -> Bool {
        var (a, b) = (self, other)
        return a.withUTF8 { p in
            b.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0)
            }
        }
    }

    /// Feeds the text's UTF-8 bytes to `hasher`: what `hasSameBytes` compares (hashing a
    /// `String` itself normalises it first, which is slow).
    public func hashBytes(into hasher: inout Hasher) {
        var text = self
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// A text as a dictionary key, compared and hashed by its UTF-8 bytes (`hasSameBytes`).
public struct TextKey: Hashable, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public static func == (a: TextKey, b: TextKey) -> Bool { a.text.hasSameBytes(as: b.text) }
    public func hash(into hasher: inout Hasher) { text.hashBytes(into: &hasher) }
}
