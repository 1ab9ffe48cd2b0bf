import PageIR

/// Passes pages on to another sink and counts the finished ones: the PDF's page count, for
/// the web page's link to it.
final class PageCounter: PageSink {
    let sink: PageSink
    private(set) var pages = 0

    init(_ sink: PageSink) { self.sink = sink }

    func preview(_ page: Page, fonts: [FontRef]) throws { try sink.preview(page, fonts: fonts) }

    func add(_ page: Page, fonts: [FontRef]) throws {
        try sink.add(page, fonts: fonts)
        pages += 1
    }

    func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
        try sink.finish(outline: outline, metadata: metadata)
    }
}
