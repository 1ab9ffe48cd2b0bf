import ReportModel

/// The lines of one table cell, each with where it stands, made as pagination asks for them.
///
/// Most cells are shaped whole when their row is resolved. A paragraph or list item longer
/// than `Shaper.streamedTextBytes` comes from a `LineStream` instead: its lines are made when a
/// page first needs them and let go (`release(before:)`) once a page has drawn them, so a cell
/// of megabytes, split over thousands of pages, holds about a window of lines at a time.
/// Lines are numbered from the cell's first whatever has been let go.
final class CellLines {
    struct Line {
        var line: ShapedLine
        /// Offset from the cell's text edge (alignment and a list item's hanging indent).
        var xOffset: Double
        /// Where the line belongs in a bulleted list (nil for other lines).
        var listLine: TableResolver.ListLine?
    }

    /// What makes the lines not yet made, in order.
    enum Source {
        case lines([Line])
        /// A long paragraph's or list item's lines, placed in `inner` points with the column's
        /// alignment (a list item's with its bullet hung before the first).
        case stream(LineStream, inner: Double, alignment: Column.Alignment, hanging: TableResolver.Hanging?)
    }

    private var sources: [Source]
    /// How many lines the stream being read has given.
    private var streamed = 0
    private var made: [Line] = []
    /// The number of the first line in `made` (those before it are let go).
    private var firstMade = 0

    init(_ sources: [Source]) {
        self.sources = sources.reversed()
    }

    /// Line `index`, or nil past the cell's last line. Lines before those let go cannot be asked for.
    func line(_ index: Int) -> Line? {
        precondition(index >= firstMade, "line \(index) of a cell was let go")
        while index - firstMade >= made.count {
            guard makeMore() else { return nil }
        }
        return made[index - firstMade]
    }

    /// Whether the cell has a line `index`.
    func has(_ index: Int) -> Bool { line(index) != nil }

    /// How many lines the cell has from `index` on, counting no further than `limit`.
    func count(from index: Int, upTo limit: Int) -> Int {
        var n = 0
        while n < limit, has(index + n) { n += 1 }
        return n
    }

    /// How many lines are made and not let go.
    var heldLines: Int { made.count }

    /// Every line of the cell not let go (all are made; for header cells, which are never let
    /// go, and tests).
    var allLines: [Line] {
        while makeMore() {}
        return made
    }

    /// The height of the cell's lines not let go.
    var height: Double { allLines.reduce(0) { $0 + $1.line.height } }

    /// Lets go of the lines before `index`: they are on a page already.
    func release(before index: Int) {
        let drop = min(max(index - firstMade, 0), made.count)
        guard drop > 0 else { return }
        made.removeFirst(drop)
        firstMade += drop
    }

    /// Makes the next lines from the sources; false when there are none left.
    private func makeMore() -> Bool {
        while let source = sources.last {
            switch source {
            case .lines(let lines):
                sources.removeLast()
                made += lines
                if !lines.isEmpty { return true }
            case .stream(let stream, let inner, let alignment, let hanging):
                let lines = stream.next()
                if stream.isFinished { sources.removeLast() }
                for line in lines {
                    made.append(
                        TableResolver.place(line, index: streamed, hanging: hanging, inner: inner, alignment: alignment)
                    )
                    streamed += 1
                }
                if stream.isFinished { streamed = 0 }
                if !lines.isEmpty { return true }
            }
        }
        return false
    }
}
