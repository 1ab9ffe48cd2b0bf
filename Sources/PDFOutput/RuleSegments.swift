import PageIR

/// A page's rules as the fewest straight segments that paint the same: a table draws every
/// row's four sides, so the line between two rows comes twice and a column's edge once a row.
/// Rules of one width on one horizontal (or vertical) line that overlap or touch become one
/// segment. With butt caps and no joins (each segment its own subpath), one stroke of the
/// merged segments covers exactly what the rules covered; Cairo writes and analyses each
/// segment, so a table page has about a quarter of the path it had.
enum RuleSegments {
    struct Segment: Equatable {
        var x0: Double, y0: Double, x1: Double, y1: Double
    }

    /// The segments for each width, widths in the order they first appear; horizontal
    /// segments first (top to bottom, left to right), then vertical (left to right, top to
    /// bottom), then any slanted rule as it came.
    static func merged(_ rules: [Rule]) -> [(width: Double, segments: [Segment])] {
        var widths: [Double] = []
        for rule in rules where !widths.contains(rule.width) { widths.append(rule.width) }
        return widths.map { width in
            var horizontal: [(line: Double, from: Double, to: Double)] = []
            var vertical: [(line: Double, from: Double, to: Double)] = []
            var slanted: [Segment] = []
            for rule in rules where rule.width == width {
                if rule.y0 == rule.y1 {
                    horizontal.append((rule.y0, min(rule.x0, rule.x1), max(rule.x0, rule.x1)))
                } else if rule.x0 == rule.x1 {
                    vertical.append((rule.x0, min(rule.y0, rule.y1), max(rule.y0, rule.y1)))
                } else {
                    slanted.append(Segment(x0: rule.x0, y0: rule.y0, x1: rule.x1, y1: rule.y1))
                }
            }
            let segments =
                joined(horizontal).map { Segment(x0: $0.from, y0: $0.line, x1: $0.to, y1: $0.line) }
                + joined(vertical).map { Segment(x0: $0.line, y0: $0.from, x1: $0.line, y1: $0.to) } + slanted
            return (width, segments)
        }
    }

    /// Intervals on each line, sorted, those that overlap or touch made one.
    private static func joined(_ intervals: [(line: Double, from: Double, to: Double)]) -> [(
        line: Double, from: Double, to: Double
    )] {
        let sorted = intervals.sorted { ($0.line, $0.from, $0.to) < ($1.line, $1.from, $1.to) }
        var result: [(line: Double, from: Double, to: Double)] = []
        result.reserveCapacity(sorted.count)
        for interval in sorted {
            if let last = result.last, last.line == interval.line, interval.from <= last.to {
                result[result.count - 1].to = max(last.to, interval.to)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
