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

    /// Feeds a digest of the text's UTF-8 bytes to `hasher`: what `hasSameBytes` compares
    /// (hashing a `String` itself normalises it first, which is slow). The bytes go through
    /// `ByteDigest`, sixteen at a time, rather than through `Hasher`'s SipHash, which took about
    /// three instructions a byte: the texts of layout's caches are long.
    public func hashBytes(into hasher: inout Hasher) {
        var text = self
        hasher.combine(text.withUTF8 { ByteDigest.of(UnsafeRawBufferPointer($0)) })
    }
}

/// A 64-bit digest of bytes for hash tables, sixteen bytes a step folded in by one 64 × 64 →
/// 128-bit multiplication (as wyhash does). It is seeded once a process, as `Hasher` is, and
/// the seed enters every step, so texts that collide cannot be written in advance; equal
/// digests are told apart by comparing the bytes, so a collision costs time, never a wrong
/// answer.
enum ByteDigest {
    static let seed = UInt64.random(in: .min ... .max)
    /// What each step's first word is mixed with: made from the seed, so no word can be chosen
    /// to cancel it (a zero factor would drop the step's second word).
    static let secret = seed ^ 0x8EBC_6AF0_9C88_C6E3

    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let secret = Self.secret
        var state = fold(seed ^ 0xA076_1D64_78BD_642F, UInt64(bytes.count) ^ 0xE703_7ED1_A0B4_28DB)
        var offset = 0
        while offset + 16 <= bytes.count {
            let first = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let second = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            state = fold(first ^ secret, second ^ state)
            offset += 16
        }
        if offset + 8 <= bytes.count {
            state = fold(
                bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ secret, state ^ 0x2D35_8DCC_AA6C_78A5)
            offset += 8
        }
        // The last bytes, fewer than eight, in one word (the length, in the first step, tells
        // a zero byte from none).
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            last |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        state = fold(last ^ secret, state ^ 0x5899_65CC_7537_4CC3)
        return fold(state, 0x1D8E_4E27_C47D_124F)
    }
}

/// A text as a dictionary key, compared and hashed by its UTF-8 bytes (`hasSameBytes`).
public struct TextKey: Hashable, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public static func == (a: TextKey, b: TextKey) -> Bool { a.text.hasSameBytes(as: b.text) }
    public func hash(into hasher: inout Hasher) { text.hashBytes(into: &hasher) }
}
