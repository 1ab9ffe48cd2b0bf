import PageIR
import ReportModel

/// What the flow engine lays out: blocks, one after another down the pages. A document class
/// turns its model into blocks; the engine knows nothing of what the blocks mean.
public enum FlowBlock: Sendable {
    case paragraph(Paragraph)
    /// A heading sticks to the start of the block after it.
    case heading(Heading)
    case table(Table, TableStyle)
    case figure(Figure)
    /// Vertical space, in points, taken wherever it falls.
    case space(Double)
    /// Paragraphs kept on one page (a signature block).
    case together([Paragraph])
    /// The items of a list: paragraphs with a `label` (their mark) hanging to the left.
    case list([Paragraph])
}

/// A paragraph: broken into lines, never leaving fewer than `minLines` lines at either side of
/// a page break (no orphan, no widow) where it has that many.
public struct Paragraph: Sendable {
    public var text: String
    public var style: TextStyle
    /// First-line indent.
    public var indent: Double
    public var alignment: Alignment
    /// Left edge of the paragraph's column, from the left margin, and its width (nil: the rest
    /// of the text width).
    public var left: Double
    public var width: Double?
    public var minLines: Int
    public var role: Structure.Role
    /// A list item's mark, set to the left of the first line, in the space left of `left`.
    public var label: String?

    public init(
        _ text: String, style: TextStyle, indent: Double = 0, alignment: Alignment = .justify, left: Double = 0,
        width: Double? = nil, minLines: Int = 2, role: Structure.Role = .paragraph, label: String? = nil
    ) {
        self.label = label
        self.text = text
        self.style = style
        self.indent = indent
        self.alignment = alignment
        self.left = left
        self.width = width
        self.minLines = minLines
        self.role = role
    }
}

public struct Heading: Sendable {
    public var text: String
    public var style: TextStyle
    public var level: Int
    /// Space above the heading, dropped at the top of a page.
    public var spaceBefore: Double
    /// Recorded as an anchor where the heading lands (contents entries, links, bookmarks).
    public var anchor: String?

    public init(_ text: String, style: TextStyle, level: Int, spaceBefore: Double, anchor: String? = nil) {
        self.text = text
        self.style = style
        self.level = level
        self.spaceBefore = spaceBefore
        self.anchor = anchor
    }
}

/// An image centred in the text width.
public struct Figure: Sendable {
    public var path: String
    public var width: Double, height: Double
    public var alt: String
    public var spaceAfter: Double
    /// Stays on one page with the start of the block after it (its caption).
    public var keepWithNext: Bool
    public init(
        path: String, width: Double, height: Double, alt: String, spaceAfter: Double, keepWithNext: Bool = false
    ) {
        self.path = path
        self.width = width
        self.height = height
        self.alt = alt
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
    }
}

/// How a table is set: cell text, header text, padding, rules and what stays together.
public struct TableStyle: Sendable {
    public var cell: TextStyle
    public var header: TextStyle
    public var paddingX: Double
    public var paddingY: Double
    public var ruleWidth: Double
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Lines of a cell kept together at each side of a row split, where the cell has that many.
    public var minLinesAtSplit: Int
    /// A table that follows a heading needs room for this many cell lines on the heading's page.
    public var keepLines: Int

    public init(
        cell: TextStyle, header: TextStyle, paddingX: Double, paddingY: Double, ruleWidth: Double,
        spaceBefore: Double, spaceAfter: Double, minLinesAtSplit: Int, keepLines: Int
    ) {
        self.cell = cell
        self.header = header
        self.paddingX = paddingX
        self.paddingY = paddingY
        self.ruleWidth = ruleWidth
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.minLinesAtSplit = minLinesAtSplit
        self.keepLines = keepLines
    }
}

/// Where an anchored heading landed: page index in its flow and the y of its top.
public struct Anchor: Sendable, Equatable {
    public let id: String
    public let page: Int
    public let y: Double
    /// The heading starts its page (so the section before it ends on the page before).
    public let atPageTop: Bool
}
