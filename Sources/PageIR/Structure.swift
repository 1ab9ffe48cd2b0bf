/// What a part of a page is, in the document's logical structure: the marks a tagged PDF is
/// made from and that layout tests read instead of asking the layout engine.
public struct Structure: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        /// A heading of the given level (1 is a section).
        case heading(level: Int)
        case paragraph
        case table
        /// A header row; `repeated` on a page the table continues to.
        case headerRow(repeated: Bool)
        /// Body row `index` of its table; a group row spans every column.
        case row(index: Int, isGroup: Bool)
        /// A cell, by its first column, spanning `span` columns and `rows` rows (header cells).
        case cell(column: Int, span: Int, rows: Int = 1)
        case figure(alt: String)
        /// A list, its items, and each item's label (the bullet) and body.
        case list
        case listItem
        case listLabel
        case listBody
        /// An entry of a table of contents.
        case contentsEntry
        /// Not part of the content: page numbers, continuation cues, leaders.
        case artifact
    }

    public var role: Role
    /// Unique in the document; the parts of one structure split over pages share it. Artifacts,
    /// which are never one structure across pages, all have id 0.
    public var id: Int

    public init(role: Role, id: Int) {
        self.role = role
        self.id = id
    }
}
