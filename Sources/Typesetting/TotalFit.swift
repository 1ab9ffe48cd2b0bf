/// Chooses the line breaks of a paragraph together, as Knuth and Plass's total-fit algorithm
/// does for TeX: every way of breaking the paragraph at its candidates is weighed by its
/// demerits — for each line, (line penalty + badness)² + penalty² of its break — plus a
/// penalty for a runt last line, and the least is kept. Greedy filling, by contrast, takes
/// the last candidate that fits on each line, whatever it leaves for the next.
///
/// Badness grows with the cube of how far a line must stretch: for justified text, its spare
/// width over what Thai distributed justification can spread without opening holes
/// (`stretch`); for ragged text, its spare width over a fixed share of the line. A line wider
/// than its measure is never chosen: callers offer candidates close enough together
/// (`Shaper` splits a word wider than its column at syllables first).
///
/// Linear: a line from an earlier candidate grows as the candidate moves on, so the active
/// candidates (the starts of a line still in reach) form a window that slides forwards, and
/// the window is bounded (`maxActive`); each candidate is weighed against the window only.
struct TotalFit {
    struct Candidate {
        /// Where the next line starts (a character offset).
        var position: Int
        var penalty: Double
        /// Width a line ending here takes besides its text (a hyphen).
        var extraWidth: Double = 0
    }

    /// Width of the text between two character offsets, spaces at its end left out.
    var naturalWidth: (Int, Int) -> Double
    /// How much a justified line between two candidates (by index) can stretch without holes.
    var stretch: (Int, Int) -> Double
    var firstWidth: Double
    var width: Double
    var justified: Bool
    /// The last line of a paragraph of more than one line that holds one unbreakable unit
    /// narrower than this share of the measure is a runt.
    var runtShare = 0.5
    var runtDemerits = 1_000_000.0
    var linePenalty = 10.0
    var maxActive = 256

    /// Indices of the candidates each line ends at, in order; the last is always the last
    /// candidate (the paragraph's end, which must be `candidates.last`). `candidates[0]` is
    /// the paragraph's start.
    func breaks(_ candidates: [Candidate]) -> [Int] {
        guard candidates.count > 2 else { return candidates.count == 2 ? [1] : [] }
        struct Node {
            var candidate: Int
            var demerits: Double
            var previous: Int
        }
        var nodes = [Node(candidate: 0, demerits: 0, previous: -1)]
        nodes.reserveCapacity(candidates.count)
        var windowStart = 0
        let last = candidates.count - 1
        for j in 1...last {
            var best = Double.infinity
            var bestFrom = -1
            var n = windowStart
            while n < nodes.count {
                let from = nodes[n]
                let a = candidates[from.candidate].position
                let measure = from.candidate == 0 ? firstWidth : width
                let natural = naturalWidth(a, candidates[j].position)
                if natural > measure + 0.01 {
                    // Too wide now, and wider for every later candidate: leaves the window.
                    if n == windowStart { windowStart += 1 }
                    n += 1
                    continue
                }
                let used = natural + candidates[j].extraWidth
                var demerits: Double
                if j == last {
                    demerits = linePenalty * linePenalty
                    if from.candidate > 0, j - from.candidate == 1, natural < runtShare * measure {
                        demerits += runtDemerits
                    }
                } else {
                    let slack = max(measure - used, 0)
                    let room = justified ? max(stretch(from.candidate, j), 0.001) : measure * 0.4
                    let ratio = slack / room
                    let badness = min(100 * ratio * ratio * ratio, 10_000)
                    demerits = (linePenalty + badness) * (linePenalty + badness)
                    demerits += candidates[j].penalty * candidates[j].penalty
                }
                let total = from.demerits + demerits
                if total < best {
                    best = total
                    bestFrom = n
                }
                n += 1
            }
            if bestFrom < 0 {
                // Nothing reaches this candidate: break at the latest node anyway (an overfull
                // line), so layout always moves on.
                bestFrom = nodes.count - 1
                best = nodes[bestFrom].demerits + 1e12
            }
            nodes.append(Node(candidate: j, demerits: best, previous: bestFrom))
            if nodes.count - windowStart > maxActive { windowStart = nodes.count - maxActive }
        }
        var result: [Int] = []
        var n = nodes.count - 1
        while n > 0 {
            result.append(nodes[n].candidate)
            n = nodes[n].previous
        }
        return result.reversed()
    }
}
