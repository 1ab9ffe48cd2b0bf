import Foundation
import PageIR
import ThaiBreaking

/// The break opportunities the line breaker found in a report's texts, kept by text for the
/// web page, which offers a subset of the same breaks (`WebLineBreaks`): libthai then reads a
/// text once for both. Only texts in one font are kept, for which the layout's reading and the
/// page's own agree, so the page is the same bytes whichever made its breaks. Filled while a
/// report is laid out and emptied when the next begins or the breaker changes; an answer is
/// given only to a caller with the same breaker. At most `budget` opportunities are kept (a
/// text past it is left for the page to read itself).
public final class BreakOpportunityMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var foundBy = ThaiBreaker()
    /// The breaker that found what is kept.
    public var breaker: ThaiBreaker { lock.withLock { foundBy } }
    private var found: [TextKey: [BreakOpportunity]] = [:]
    private var kept = 0
    public static let budget = 500_000

    public init() {}

    /// Forgets every text; what is recorded next was found by `breaker`.
    func start(breaker: ThaiBreaker) {
        lock.withLock {
            foundBy = breaker
            found.removeAll(keepingCapacity: true)
            kept = 0
        }
    }

    func record(_ text: String, _ opportunities: [BreakOpportunity]) {
        lock.withLock {
            guard kept + opportunities.count <= Self.budget else { return }
            if found.updateValue(opportunities, forKey: TextKey(text)) == nil { kept += opportunities.count }
        }
    }

    /// How many texts are kept.
    public var count: Int { lock.withLock { found.count } }

    /// The opportunities found in `text` during this report's layout, if it was broken into lines.
    public func opportunities(in text: String) -> [BreakOpportunity]? {
        lock.withLock { found[TextKey(text)] }
    }
}
