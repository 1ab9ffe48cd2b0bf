import ThaiText

/// The one document tree both outputs read. Plain values only: the PDF typesetter and the HTML
/// writer both start here, and neither needs to know where the text came from.
///
/// Cover, preface and contents are each optional: a template decides which a document has.
public struct Report: Sendable, Equatable {
    public var agencyID: String
    /// Buddhist-era fiscal year, e.g. 2564.
    public var fiscalYear: Int
    public var metadata: Metadata
    public var cover: Cover?
    public var preface: Preface?
    public var contents: ContentsPage?
    /// Title lines at the top of the first body page.
    public var bodyTitleLines: [String]
    public var sections: [Section]
    public var style: Style
    /// The digits of everything the document generates (page numbers among them).
    public var digits: DigitStyle
    /// Compounds a line should not break inside: the template's lexicon and the agency's words.
    public var lexicon: [String] = []

    public init(
        agencyID: String, fiscalYear: Int, metadata: Metadata, cover: Cover?,
        preface: Preface?, contents: ContentsPage?, bodyTitleLines: [String], sections: [Section], style: Style,
        digits: DigitStyle = .thai
    ) {
        self.agencyID = agencyID
        self.fiscalYear = fiscalYear
        self.metadata = metadata
        self.cover = cover
        self.preface = preface
        self.contents = contents
        self.bodyTitleLines = bodyTitleLines
        self.sections = sections
        self.style = style
        self.digits = digits
    }

    /// Every section in document order, depth first.
    public var allSections: [Section] {
        sections.flatMap { [$0] + $0.allSubsections }
    }
}

public struct Metadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    /// ISO-8601 date the report is dated (from the data, so output is reproducible).
    public var date: String
    /// The same date as the document prints it (`มีนาคม ๒๕๖๔`); empty when not given.
    public var dateText: String = ""
    /// The name of the website the report is published on (`agency.site_name`); nil: the
    /// agency's name.
    public var siteName: String?
    public init(title: String, author: String, subject: String, date: String, siteName: String? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.date = date
        self.siteName = siteName
    }
}

public struct Cover: Sendable, Equatable {
    public var titleLines: [String]
    public var agencyName: String
    public var address: String?
    /// Absolute path of a PNG logo, if the agency gave one.
    public var logoPath: String?
    public init(titleLines: [String], agencyName: String, address: String?, logoPath: String?) {
        self.titleLines = titleLines
        self.agencyName = agencyName
        self.address = address
        self.logoPath = logoPath
    }
}

public struct Preface: Sendable, Equatable {
    public var heading: String
    public var paragraphs: [String]
    public var signature: Signature?
    public init(heading: String, paragraphs: [String], signature: Signature?) {
        self.heading = heading
        self.paragraphs = paragraphs
        self.signature = signature
    }
}

/// The right-hand block under the preface: the signing units and the date, e.g. `มีนาคม ๒๕๖๔`
/// (nil when the agency gave none).
public struct Signature: Sendable, Equatable {
    public var lines: [String]
    public var dateText: String?
    public init(lines: [String], dateText: String?) {
        self.lines = lines
        self.dateText = dateText
    }
}

/// What the contents page prints around the generated entries.
public struct ContentsPage: Sendable, Equatable {
    public var heading: String
    public var pageLabel: String
    public var closingLine: String?
    public init(heading: String, pageLabel: String, closingLine: String?) {
        self.heading = heading
        self.pageLabel = pageLabel
        self.closingLine = closingLine
    }
}

/// A section of the body: `๒.๑ ผลการดำเนินการ...`, `ส่วนที่ 2 ...` or an unnumbered title.
public struct Section: Sendable, Equatable {
    /// Stable id used for anchors, links and bookmarks (`section-2-1`).
    public var id: String
    /// The number as printed (`๒.๑`), empty for an unnumbered section.
    public var number: String
    public var title: String
    /// Title in the contents, when it differs from the heading.
    public var contentsTitle: String
    /// 1 for a top-level section, 2 below it, and so on.
    public var level: Int
    /// The number as the heading prints it (`๑.`, `ส่วนที่ ๒`), empty when none is printed.
    public var label: String
    /// The heading as printed, number and title (`๑. หลักการและเหตุผล`, `ส่วนที่ ๒ ...`).
    public var headingText: String
    /// The contents entry as printed.
    public var contentsText: String
    public var blocks: [Block]
    public var subsections: [Section]

    /// `label` is the number as the template's heading format prints it (`๑.`, `ส่วนที่ ๒`),
    /// empty for an unnumbered section; it comes before the title and the contents title.
    public init(
        id: String, number: String, label: String? = nil, title: String, contentsTitle: String? = nil, level: Int,
        blocks: [Block], subsections: [Section] = []
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.contentsTitle = contentsTitle ?? title
        self.level = level
        let label = label ?? (number.isEmpty ? "" : level == 1 ? "\(number)." : number)
        self.label = label
        headingText = label.isEmpty ? title : "\(label) \(title)"
        contentsText = label.isEmpty ? self.contentsTitle : "\(label) \(self.contentsTitle)"
        self.blocks = blocks
        self.subsections = subsections
    }

    public var allSubsections: [Section] { subsections.flatMap { [$0] + $0.allSubsections } }
}

public enum Block: Sendable, Equatable {
    /// Body text, first line indented, justified.
    case paragraph(String)
    /// A bold sub-heading that is not in the contents (`ตัวชี้วัดที่ (๖) ...`).
    case heading(String)
    case table(Table)
    /// Items with a hanging mark (`○`, `•`, `๑)`): the marks are given, already numbered.
    case list([ListItem])
    /// A set-off remark (`หมายเหตุ ...`), its label bold.
    case note(label: String, text: String)
    case image(Image)
}

/// One item of a list: its mark as printed and its text.
public struct ListItem: Sendable, Equatable {
    public var mark: String
    public var text: String
    public init(mark: String, text: String) {
        self.mark = mark
        self.text = text
    }
}

/// A picture in the body: a PNG file, centred, with its alternative text and an optional caption.
public struct Image: Sendable, Equatable {
    /// Absolute path of the PNG.
    public var path: String
    public var alt: String
    public var caption: String?
    /// Printed width in millimetres; the height follows the picture's proportions.
    public var widthMM: Double
    /// Pixel size, for the proportions.
    public var pixelWidth: Int
    public var pixelHeight: Int
    public init(path: String, alt: String, caption: String?, widthMM: Double, pixelWidth: Int, pixelHeight: Int) {
        self.path = path
        self.alt = alt
        self.caption = caption
        self.widthMM = widthMM
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
    }
}
