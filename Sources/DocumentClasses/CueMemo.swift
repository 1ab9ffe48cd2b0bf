import PageIR
import ThaiBreaking
import Typesetting

/// Continuation cues already made, by the line they quote, kept from one report to the next:
/// the reports of a batch share most of their pages' first lines (the OIT checklist is the
/// same catalog for every agency), and finding a cue's words takes several shapings (the words
/// that fit are found by bisection). A cue depends on the quoted line, the cue's width and
/// style, which are its key, and on the breaker's lexicon and hyphenation, which clear the memo
/// when a report brings others. At most `limit` cues are kept (a quoted line is one line of
/// text); past that the memo starts again.
final class CueMemo {
    struct Key: Hashable {
        let quoted: TextKey
        let width: Double
        let style: TextStyle
    }

    static let limit = 1_024

    /// The cue line for each key; nil where the quoted line gives no cue.
    private var lines: [Key: ShapedLine?] = [:]
    private var breaker: ThaiBreaker?
    private var hyphenate = false
    /// Cues made and cues found kept, since the memo was made (for tests).
    private(set) var made = 0
    private(set) var reused = 0

    /// Forgets every cue if this report breaks lines differently from the last one.
    func beginReport(breaker: ThaiBreaker, hyphenate: Bool) {
        if breaker != self.breaker || hyphenate != self.hyphenate {
            lines.removeAll()
            (self.breaker, self.hyphenate) = (breaker, hyphenate)
        }
    }

    /// The cue for `key`: kept, or made by `make` and kept.
    func line(_ key: Key, make: () -> ShapedLine?) -> ShapedLine? {
        if let kept = lines[key] {
            reused += 1
            return kept
        }
        let line = make()
        made += 1
        if lines.count >= Self.limit { lines.removeAll(keepingCapacity: true) }
        lines[key] = .some(line)
        return line
    }
}
