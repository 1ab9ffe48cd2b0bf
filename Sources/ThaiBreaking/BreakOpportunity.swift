/// How good a place is to end a line, best first. A line breaker weighs each kind with its
/// `penalty`; places that are not listed are not break opportunities at all.
public enum BreakKind: Int, Comparable, Sendable, CaseIterable {
    /// After a space: where Thai writers themselves part phrases.
    case space
    /// Between two words (libthai's dictionary segmentation).
    case word
    /// After a prefix that binds to its word (`การ|ประเมิน`, `ความ|เสี่ยง`, `ผู้|บริหาร`).
    case prefix
    /// Between two words that read as one: inside a compound of the lexicon (`ตัวชี้|วัด`).
    case compound
    /// Between two syllables of one word: only for a word wider than its column.
    case syllable

    public static func < (lhs: BreakKind, rhs: BreakKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What ending a line here costs, in the demerit units of a total-fit line breaker.
    public var penalty: Double {
        switch self {
        case .space: 0
        case .word: 60
        case .prefix: 600
        case .compound: 2500
        case .syllable: 10000
        }
    }
}

/// A place where a line may end: the next line starts at `offset`, counted in Unicode scalars
/// of the text (the index of `String.unicodeScalars`, and of Pango's log attributes).
public struct BreakOpportunity: Hashable, Sendable {
    public var offset: Int
    public var kind: BreakKind
    public init(offset: Int, kind: BreakKind) {
        self.offset = offset
        self.kind = kind
    }
    public var penalty: Double { kind.penalty }
}
