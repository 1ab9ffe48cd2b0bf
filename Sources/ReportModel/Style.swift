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

    /// Google's Sarabun draws its glyphs about 1.5 times larger than TH SarabunPSK at the same
    /// point size. See README "Font sizes" for how the factor was measured.
    public static let sarabunFactor = 0.70

    public init() {}

    /// The point size to hand to the font for a size the user gave as a Word size.
    public func fontPoints(_ wordSize: Double) -> Double { wordSize * fontSizeFactor }

    /// Line pitch as a multiple of the bundled font's size, from a multiple of the Word size.
    public func leading(_ spacing: Double) -> Double { spacing / fontSizeFactor }
}
