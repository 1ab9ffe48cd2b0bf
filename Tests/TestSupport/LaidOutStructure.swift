import PageIR

/// The structure marks of laid-out pages read back as a tree, so layout tests check what the
/// page IR says (where each paragraph, heading, row and cell landed) rather than ask the
/// layout engine.
public struct StructurePart {
    public let structure: Structure
    /// Index of the page in the pages read.
    public let page: Int
    /// Everything between the part's `begin` and `end`, nested parts' items included.
    public let items: [PageItem]
    public let children: [StructurePart]

    public var runs: [TextRun] { items.compactMap { if case .text(let run) = $0 { return run } else { return nil } } }

    /// The text of the part, one string per baseline, in order.
    public var lines: [String] {
        var lines: [(y: Double, text: String)] = []
        for run in runs {
            if let last = lines.last, abs(last.y - run.y) < 0.5 {
                lines[lines.count - 1].text += run.text
            } else {
                lines.append((run.y, run.text))
            }
        }
        return lines.map(\.text)
    }

    var rules: [Rule] { items.compactMap { if case .rule(let rule) = $0 { return rule } else { return nil } } }
    /// x of every vertical rule, left to right (a table row's cell edges).
    public var edges: [Double] { Array(Set(rules.filter { $0.x0 == $0.x1 }.map(\.x0))).sorted() }
    public var top: Double { rules.map { min($0.y0, $0.y1) }.min() ?? 0 }
    public var bottom: Double { rules.map { max($0.y0, $0.y1) }.max() ?? 0 }
}

public enum LaidOutStructure {
    /// The outermost parts of each page, in order.
    public static func parts(_ pages: [Page]) -> [StructurePart] {
        pages.enumerated().flatMap { index, page in
            var position = 0
            return parse(page.items, from: &position, page: index)
        }
    }

    /// Every part, nested ones after their parent, in document order.
    public static func allParts(_ pages: [Page]) -> [StructurePart] {
        func walk(_ parts: [StructurePart]) -> [StructurePart] { parts.flatMap { [$0] + walk($0.children) } }
        return walk(parts(pages))
    }

    /// Parts from `position` up to the `end` of the part they are in (consumed) or the page end.
    private static func parse(_ items: [PageItem], from position: inout Int, page: Int) -> [StructurePart] {
        var parts: [StructurePart] = []
        while position < items.count {
            let item = items[position]
            position += 1
            switch item {
            case .begin(let structure):
                let start = position
                let children = parse(items, from: &position, page: page)
                let ended =
                    position > start && position <= items.count
                    && {
                        if case .end = items[position - 1] { return true }
                        return false
                    }()
                let inner = items[start..<(ended ? position - 1 : position)].filter {
                    switch $0 {
                    case .begin, .end: return false
                    default: return true
                    }
                }
                parts.append(StructurePart(structure: structure, page: page, items: inner, children: children))
            case .end:
                return parts
            default:
                continue
            }
        }
        return parts
    }

    /// The pieces of each table (one list per table, in document order): each header row and
    /// each part of a body row placed on a page.
    public static func tablePieces(_ pages: [Page]) -> [[TablePiece]] {
        var tables: [Int: [TablePiece]] = [:]
        var order: [Int] = []
        for part in allParts(pages) where part.structure.role == .table {
            if tables[part.structure.id] == nil { order.append(part.structure.id) }
            for child in part.children {
                let piece: TablePiece
                switch child.structure.role {
                case .headerRow(let repeated):
                    piece = TablePiece(part: child, row: nil, isGroup: false, repeatedHeader: repeated)
                case .row(let index, let isGroup):
                    piece = TablePiece(part: child, row: index, isGroup: isGroup, repeatedHeader: false)
                default: continue
                }
                tables[part.structure.id, default: []].append(piece)
            }
        }
        return order.map { tables[$0]! }
    }
}

/// Part of a table row placed on one page, as the page IR shows it.
public struct TablePiece {
    public let part: StructurePart
    /// Body row index, or nil for a header row.
    public let row: Int?
    public let isGroup: Bool
    public let repeatedHeader: Bool
    public var page: Int { part.page }
    /// The lines of each cell placed here.
    public var cells: [[String]] { part.children.map(\.lines) }
    public var edges: [Double] { part.edges }
    public var top: Double { part.top }
    public var bottom: Double { part.bottom }
}
