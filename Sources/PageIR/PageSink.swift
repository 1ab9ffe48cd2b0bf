/// Where laid-out pages go, in order: an exporter (the PDF writer) or a collector (the text
/// dump, tests). Layout calls `preview` for every page of its first pass before it `add`s the
/// first finished page, then `finish` once. Any call may throw; layout stops and rethrows.
public protocol PageSink: AnyObject {
    /// A page as first measured (without page numbers and cues), so an exporter can learn the
    /// document's text before it draws. `fonts` is the font table so far (it only grows).
    func preview(_ page: Page, fonts: [FontRef]) throws
    /// A finished page.
    func add(_ page: Page, fonts: [FontRef]) throws
    /// The end of the document: its bookmarks and information.
    func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws
}

extension PageSink {
    public func preview(_ page: Page, fonts: [FontRef]) throws {}
}

/// A sink that keeps the whole document in memory, for tests and tools that inspect layout.
public final class PageCollector: PageSink {
    public private(set) var pages: [Page] = []
    public private(set) var fonts: [FontRef] = []
    public private(set) var document: LaidOutDocument?

    public init() {}

    public func add(_ page: Page, fonts: [FontRef]) throws {
        pages.append(page)
        self.fonts = fonts
    }

    public func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
        document = LaidOutDocument(pages: pages, fonts: fonts, outline: outline, metadata: metadata)
    }
}
