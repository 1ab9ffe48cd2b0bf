/// A resolved table: columns, header rows and body rows, ready for layout or HTML.
public struct Table: Sendable, Equatable {
    public var kind: Kind
    public var columns: [Column]
    public var headerRows: [[Cell]]
    public var rows: [Row]
    /// Grey level behind header rows (0 black … 1 white); nil for none.
    public var headerShade: Double?

    /// Measures and steps, the OIT checklist, or a table of the template's own schema (rows
    /// from the agency's data or written in the template).
    public enum Kind: String, Sendable, Equatable { case measures, checklist, data }

    /// The alignment of the cell that starts at `column` (a cell spanning columns takes its first's).
    public func alignment(ofColumn column: Int) -> Column.Alignment {
        columns.isEmpty ? .left : columns[min(column, columns.count - 1)].alignment
    }

    public init(kind: Kind, columns: [Column], headerRows: [[Cell]], rows: [Row], headerShade: Double? = nil) {
        self.kind = kind
        self.columns = columns
        self.headerRows = headerRows
        self.rows = rows
        self.headerShade = headerShade
    }
}

public struct Column: Sendable, Equatable {
    public enum Alignment: String, Sendable, Equatable { case left, center, right }
    public var key: String
    public var header: String
    /// Share of the table width, 0…1.
    public var width: Double
    /// Narrowest the column may get, in millimetres.
    public var minWidthMM: Double
    public var alignment: Alignment
    public init(key: String, header: String, width: Double, minWidthMM: Double = 8, alignment: Alignment = .left) {
        self.key = key
        self.header = header
        self.width = width
        self.minWidthMM = minWidthMM
        self.alignment = alignment
    }
}

public struct Row: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case body
        /// Spans every column and stays with the row after it (`ตัวชี้วัดย่อยที่ ๙.๒ ...`).
        case group
        /// A subtotal or total: set in bold.
        case total
    }
    public var kind: Kind
    public var cells: [Cell]
    public init(kind: Kind = .body, cells: [Cell]) {
        self.kind = kind
        self.cells = cells
    }

    /// A group row: one cell over every column (the layout and HTML give it the full width).
    public static func group(_ text: String) -> Row { Row(kind: .group, cells: [Cell([.paragraph(text)])]) }
}

public struct Cell: Sendable, Equatable {
    public var content: [CellBlock]
    /// How many columns the cell covers (header groups such as "ข้อมูล" over two columns).
    public var columnSpan: Int
    /// How many rows the cell covers, header rows only (`ที่` beside two rows of headers); the
    /// rows below leave its columns out.
    public var rowSpan: Int
    public init(_ content: [CellBlock], columnSpan: Int = 1, rowSpan: Int = 1) {
        self.content = content
        self.columnSpan = max(1, columnSpan)
        self.rowSpan = max(1, rowSpan)
    }
    public static let empty = Cell([])
    /// A cell of paragraphs, one per line of `string`.
    public static func text(_ string: String) -> Cell {
        Cell(Cell.lines(of: string).map { .paragraph($0) })
    }

    /// The non-empty lines of a text, split on its UTF-8 bytes (splitting a String by Character
    /// would run grapheme segmentation over all of the Thai text).
    public static func lines(of string: String) -> [String] {
        func isBlank(_ bytes: some Sequence<UInt8>) -> Bool {
            bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
        var contiguous = string
        return contiguous.withUTF8 { bytes in
            // Most cells are one line: the string itself.
            guard bytes.contains(UInt8(ascii: "\n")) || bytes.last == 0x0D else {
                return isBlank(bytes) ? [] : [string]
            }
            return bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
                let text = line.last == 0x0D ? line.dropLast() : line
                return isBlank(text) ? nil : String(decoding: text, as: UTF8.self)
            }
        }
    }
    public var isEmpty: Bool { content.isEmpty }
}

public enum CellBlock: Sendable, Equatable {
    case paragraph(String)
    /// A ○ bullet list with hanging indent.
    case bullets([String])
    /// A centred ✓; the label is what a screen reader says (`มีข้อมูล`).
    case check(label: String)

    /// Plain text of the block, for dumps and search.
    public var plainText: String {
        switch self {
        case .paragraph(let text): return text
        case .bullets(let items): return items.map { "○ " + $0 }.joined(separator: "\n")
        case .check: return "✓"
        }
    }
}
