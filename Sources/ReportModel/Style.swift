/// Page and type style of a report. Sizes are given as users know them from Word with
/// TH SarabunPSK; `fontSizeFactor` maps them to the bundled face (see `FontSystem`).
public struct Style: Sendable, Equatable {
    public var pageWidthMM: Double = 210
    public var pageHeightMM: Double = 297
    public var marginTopMM: Double = 25
    public var marginBottomMM: Double = 20
    public var marginLeftMM: Double = 30
    public var marginRightMM: Double = 20
    public var fontFamily: String = "Sarabun"
    /// Sizes in "Word TH SarabunPSK points".
    public var bodySize: Double = 16
    public var headingSize: Double = 16
    public var titleSize: Double = 20
    public var coverTitleSize: Double = 26
    public var tableSize: Double = 14
    public var firstLineIndentMM: Double = 25
    /// Line pitch as a multiple of the Word size (see README "Font sizes" for how it was set).
    public var lineSpacing: Double = 1.5
    /// Line pitch inside table cells, as a multiple of the Word size.
    public var tableLineSpacing: Double = 1.3
    /// Body page ๑ carries no printed number by custom.
    public var numberFirstBodyPage: Bool = false
    /// Multiply a Word TH SarabunPSK size by this to get the same look in `fontFamily`.
    public var fontSizeFactor: Double = Style.sarabunFactor
    /// Spacing, tables, cover, contents and cues: the constants of the page layout.
    public var layout = Layout()

    /// Google's Sarabun draws its glyphs about 1.5 times larger than TH SarabunPSK at the same
    /// point size. See README "Font sizes" for how the factor was measured.
    public static let sarabunFactor = 0.70

    public init() {}

    /// The point size to hand to the font for a size the user gave as a Word size.
    public func fontPoints(_ wordSize: Double) -> Double { wordSize * fontSizeFactor }

    /// Line pitch as a multiple of the bundled font's size, from a multiple of the Word size.
    public func leading(_ spacing: Double) -> Double { spacing / fontSizeFactor }
}

extension Style {
    /// The layout's constants. Space "in lines" is a multiple of the body text's line pitch.
    /// Each can be set in a template's `style.layout` (see `docs/data-format.md`).
    public struct Layout: Sendable, Equatable {
        /// Below the body title and the preface heading, in lines.
        public var titleSpaceAfter: Double = 0.5
        /// Above a section heading (dropped at a page top), in lines.
        public var sectionSpaceBefore: Double = 0.4
        /// Above a heading inside a section, in lines.
        public var subheadingSpaceBefore: Double = 0.3
        /// Above the preface's signature block, in lines.
        public var signatureSpaceBefore: Double = 1
        /// Below the contents heading, in lines.
        public var contentsHeadingSpaceAfter: Double = 0.3
        /// Above the contents' closing line, in lines.
        public var contentsClosingSpaceBefore: Double = 1
        /// Lines of a paragraph kept at either side of a page break, and of a cell at a row split.
        public var minLinesAtBreak: Int = 2
        /// A table after a heading needs room for this many cell lines on the heading's page.
        public var tableKeepLines: Int = 5
        /// Cell padding, points.
        public var cellPaddingX: Double = 3
        public var cellPaddingY: Double = 2
        /// Width of table rules, points.
        public var ruleWidth: Double = 0.5
        /// Space above and below a table, points.
        public var tableSpaceBefore: Double = 4
        public var tableSpaceAfter: Double = 6
        /// The cover logo's side, and the space below it in points.
        public var logoSizeMM: Double = 35
        public var logoSpaceAfter: Double = 12
        /// Where the cover title starts when there is no logo, and where the agency's name
        /// stands, as fractions of the text height from its top.
        public var coverTitleTop: Double = 0.18
        public var coverAgencyTop: Double = 0.62
        /// Contents: indent per level below the first, the room kept for leaders before the
        /// page numbers (points), the gap at either end of a leader (points), and the distance
        /// between leader dots as a multiple of a dot's width.
        public var contentsIndentMM: Double = 8
        public var contentsLeaderRoom: Double = 16
        public var leaderGap: Double = 4
        public var leaderPitch: Double = 1.6
        /// The signature block's column: left edge and width as fractions of the text width.
        public var signatureLeft: Double = 0.5
        public var signatureWidth: Double = 0.5
        /// The continuation cue quotes what fits in this fraction of the text width, and stands
        /// this many points below the text area.
        public var cueWidth: Double = 0.45
        public var cueGap: Double = 2
        /// Table header rows: their Word size and line pitch (a multiple of that size); 0 keeps
        /// the cells' size and pitch. A smaller header keeps long column titles to few lines.
        public var tableHeaderSize: Double = 0
        public var tableHeaderLineSpacing: Double = 0
        /// A word wider than its column is broken between syllables; this shows a hyphen there.
        public var hyphenateSyllables = false

        public init() {}
    }
}
