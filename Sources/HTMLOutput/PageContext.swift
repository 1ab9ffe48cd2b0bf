import ThaiText

/// What a page says besides the report itself: the files beside it, where the site is
/// published and where Thai text may break. The build knows these (it wrote the PDF, it has the
/// PDF's Thai breaker); the HTML writer only prints them.
public struct PageContext: Sendable {
    /// The report's PDF when the page links to it (only a PDF made from the same inputs).
    public var pdf: PDFFacts?
    /// Whether the OIT checklist is offered as a CSV file beside the page.
    public var checklistCSV: Bool
    /// The web address of the output folder (`https://www.example.go.th/ita/`), for the
    /// canonical link and `og:url`; nil: the page names no address of its own.
    public var siteURL: String?
    /// Where a Thai text may break; nil: the browser's own breaking.
    public var lineBreaks: LineBreaks?
    /// The same agency's reports of other fiscal years, which the page links to.
    public var otherYears: [Int]

    public init(
        pdf: PDFFacts? = nil, checklistCSV: Bool = false, siteURL: String? = nil, lineBreaks: LineBreaks? = nil,
        otherYears: [Int] = []
    ) {
        self.pdf = pdf
        self.checklistCSV = checklistCSV
        self.siteURL = siteURL
        self.lineBreaks = lineBreaks
        self.otherYears = otherYears
    }
}

/// What the download link says about the PDF: `PDF, ๑๓๔ KB, ๒๖ หน้า`.
public struct PDFFacts: Sendable, Equatable {
    /// The file's size in bytes; nil when not known.
    public var bytes: Int?
    /// Its page count; nil when not known.
    public var pages: Int?
    public init(bytes: Int?, pages: Int?) {
        self.bytes = bytes
        self.pages = pages
    }

    /// `PDF, ๑๓๔ KB, ๒๖ หน้า`: the type, the size in kilobytes (1,024 bytes, rounded up) and the
    /// page count, in the digits of the document's other generated numbers.
    func label(digits: DigitStyle = .thai) -> String {
        var facts = ["PDF"]
        if let bytes { facts.append("\(digits.format(max(1, (bytes + 1023) / 1024))) KB") }
        if let pages { facts.append("\(digits.format(pages)) หน้า") }
        return facts.joined(separator: ", ")
    }
}

/// The line-break opportunities of a text, as offsets in Unicode scalars: a line may start
/// before the scalar at each offset (0 and the text's length excluded). The PDF's Thai breaker
/// gives them, so the web page breaks where the PDF may.
public typealias LineBreaks = @Sendable (String) -> [Int]
