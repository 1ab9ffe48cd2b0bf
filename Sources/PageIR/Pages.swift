/// The value description of laid-out pages that every exporter draws. Positions are in PDF
/// points from the top-left corner of the page; text y is the baseline. No live layout state.
public struct LaidOutDocument: Sendable, Equatable {
    public var pages: [Page]
    /// Faces used by text runs; `TextRun.font` indexes this table.
    public var fonts: [FontRef]
    /// Bookmarks, in document order.
    public var outline: [OutlineEntry]
    public var metadata: DocumentMetadata

    public init(pages: [Page], fonts: [FontRef], outline: [OutlineEntry], metadata: DocumentMetadata) {
        self.pages = pages
        self.fonts = fonts
        self.outline = outline
        self.metadata = metadata
    }
}

/// The document information an exporter writes. The IR keeps its own copy (rather than the
/// report model's) so exporters depend on the IR alone.
public struct DocumentMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    /// ISO-8601 (`2021-03-01`), written as the PDF creation date.
    public var date: String
    public init(title: String, author: String, subject: String, date: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.date = date
    }
}

public struct OutlineEntry: Sendable, Equatable {
    public var title: String
    public var level: Int
    /// Index into `pages`.
    public var pageIndex: Int
    public var y: Double
    public init(title: String, level: Int, pageIndex: Int, y: Double) {
        self.title = title
        self.level = level
        self.pageIndex = pageIndex
        self.y = y
    }
}

public struct Page: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// The page label (the printed number, `๒`), or a name for front matter (`ปก`).
    public var label: String
    public var items: [PageItem]
    public init(width: Double, height: Double, label: String, items: [PageItem] = []) {
        self.width = width
        self.height = height
        self.label = label
        self.items = items
    }
}

public enum PageItem: Sendable, Equatable {
    case text(TextRun)
    /// The start of a piece of document structure; what follows up to the matching `end`
    /// belongs to it. A structure cut by a page break ends on one page and begins again, with
    /// the same id, on the next.
    case begin(Structure)
    /// The end of the innermost structure begun on this page.
    case end
    case rule(Rule)
    /// A filled rectangle (header shading), drawn under what follows it.
    case box(Box)
    case image(Image)
    /// A clickable area that goes to another page.
    case link(Link)
}

/// Shaped glyphs of one font, with the text they show and how they map to it, so a PDF
/// can record the real text of every cluster.
public struct TextRun: Sendable, Equatable {
    /// Origin of the run: left end of its baseline.
    public var x: Double
    public var y: Double
    /// Index into `LaidOutDocument.fonts`.
    public var font: Int
    public var text: String
    public var glyphs: [Glyph]
    /// Consecutive clusters covering `text` in order, and `glyphs` from the start — or, for a
    /// right-to-left run (`backward`, glyphs in visual order), from the end.
    public var clusters: [Cluster]
    public var backward: Bool
    public init(
        x: Double, y: Double, font: Int, text: String, glyphs: [Glyph], clusters: [Cluster], backward: Bool = false
    ) {
        self.x = x
        self.y = y
        self.font = font
        self.text = text
        self.glyphs = glyphs
        self.clusters = clusters
        self.backward = backward
    }
    /// Advance width of the run.
    public var width: Double { glyphs.last.map { $0.x + $0.advance } ?? 0 }
}

public struct Glyph: Sendable, Equatable {
    /// A glyph that takes room but draws nothing (Pango's `PANGO_GLYPH_EMPTY`, for a line break).
    public static let empty: UInt32 = 0x0FFF_FFFF

    public var id: UInt32
    /// Position relative to the run origin.
    public var x: Double
    public var y: Double
    public var advance: Double
    public init(id: UInt32, x: Double, y: Double, advance: Double) {
        self.id = id
        self.x = x
        self.y = y
        self.advance = advance
    }
}

/// `byteCount` UTF-8 bytes of text shown by `glyphCount` glyphs.
public struct Cluster: Sendable, Equatable {
    public var byteCount: Int
    public var glyphCount: Int
    public init(byteCount: Int, glyphCount: Int) {
        self.byteCount = byteCount
        self.glyphCount = glyphCount
    }
}

public struct Rule: Sendable, Equatable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public var width: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double, width: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.width = width
    }
}

public struct Box: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    /// Fill grey level, 0 black … 1 white.
    public var gray: Double
    public init(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.gray = gray
    }
}

public struct Image: Sendable, Equatable {
    public var path: String
    public var x: Double, y: Double, width: Double, height: Double
    public init(path: String, x: Double, y: Double, width: Double, height: Double) {
        self.path = path
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

public struct Link: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public var targetPage: Int
    public var targetY: Double
    public init(x: Double, y: Double, width: Double, height: Double, targetPage: Int, targetY: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.targetPage = targetPage
        self.targetY = targetY
    }
}
