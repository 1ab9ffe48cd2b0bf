import PageIR
import ReportModel

/// Checks of table pagination read from the page IR's structure marks. Each returns what is
/// wrong (empty: nothing), so one set of checks serves the flow engine's and the sample's tests.
public enum TableChecks {
    /// Every page a table reaches starts with its header and carries at least one body row.
    public static func headersRepeat(_ pieces: [TablePiece]) -> [String] {
        var problems: [String] = []
        for page in Set(pieces.map(\.page)).sorted() {
            let here = pieces.filter { $0.page == page }
            if here.first?.row != nil { problems.append("page \(page + 1) does not start with the header") }
            if !here.contains(where: { $0.row != nil }) { problems.append("header alone on page \(page + 1)") }
        }
        return problems
    }

    /// Every row is placed, and the parts of a split row give back each cell's text exactly once.
    public static func rowsWhole(_ pieces: [TablePiece], _ table: Table) -> [String] {
        var problems: [String] = []
        for (index, row) in table.rows.enumerated() {
            let parts = pieces.filter { $0.row == index }
            if parts.isEmpty { problems.append("row \(index) never placed") }
            guard row.kind == .body else { continue }
            for cell in row.cells.indices {
                let joined = squeeze(parts.flatMap { $0.cells.indices.contains(cell) ? $0.cells[cell] : [] }.joined())
                let source = squeeze(row.cells[cell].content.map(\.plainText).joined())
                if joined != source { problems.append("row \(index) cell \(cell) lost or doubled text") }
            }
        }
        return problems
    }

    /// A group row is never the last thing on its page: a body row follows it there.
    public static func groupRowsKeepWithNext(_ pieces: [TablePiece]) -> [String] {
        pieces.enumerated().compactMap { i, piece in
            guard piece.isGroup else { return nil }
            let next = i + 1 < pieces.count ? pieces[i + 1] : nil
            return next.map { $0.page == piece.page && $0.row != nil } == true
                ? nil : "group row \(piece.row ?? -1) left alone at the bottom of page \(piece.page + 1)"
        }
    }

    /// No glyph crosses a cell border or leaves the table.
    public static func nothingOverflows(_ pieces: [TablePiece]) -> [String] {
        var problems: [String] = []
        for piece in pieces {
            guard let first = piece.edges.first, let last = piece.edges.last else { continue }
            let inner = piece.isGroup ? [] : Array(piece.edges.dropFirst().dropLast())
            for run in piece.part.runs {
                let lefts = run.glyphs.map { run.x + $0.x }
                let rights = run.glyphs.map { run.x + $0.x + $0.advance }
                guard let left = lefts.min(), let right = rights.max() else { continue }
                if left < first - 0.01 || right > last + 0.01 { problems.append("'\(run.text)' leaves the table") }
                for edge in inner where left < edge - 0.01 && right > edge + 0.01 {
                    problems.append("'\(run.text)' crosses a border at \(edge)")
                }
            }
        }
        return problems
    }

    /// All of the above.
    public static func all(_ pieces: [TablePiece], _ table: Table) -> [String] {
        headersRepeat(pieces) + rowsWhole(pieces, table) + groupRowsKeepWithNext(pieces) + nothingOverflows(pieces)
    }
}
