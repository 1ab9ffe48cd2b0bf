import CCairo
import Foundation
import PageIR

/// What the finished PDF holds besides the pages.
public struct PDFOptions: Sendable {
    /// Named in the document information and the XMP metadata.
    public var producer: String
    /// Write the structure tree (tagged PDF, PDF/UA-1); the file is PDF/A-2b either way.
    public var tagged: Bool
    public init(producer: String, tagged: Bool = true) {
        self.producer = producer
        self.tagged = tagged
    }
}

/// A PDF written page by page, as a page sink: each page is drawn as it comes and let go, so a
/// long report never sits in memory whole; fonts are loaded from the files the page IR names.
/// Cairo draws shading, rules and pictures (and the rare run `ClusterRun` cannot take); the
/// text is written here (`PageText`), one cluster a glyph (`ClusterGlyphs`), its own stream on
/// each page. `finish` hands what Cairo wrote, the pages' text and the fonts it shows
/// (`EmbeddedFont`) to the post-writer (`ArchivalWriter`), which writes the final file at `path`
/// with links, structure tree and archival metadata. The caller renames the file into place
/// after `finish`.
public final class PDFStream: PageSink {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let path: String
    /// The final file, created and opened at once: if the file's name is removed while pages
    /// are drawn (an interrupted build removes its temporary files), no new one appears later.
    private let file: FileHandle
    /// What Cairo writes, until the post-writer reads it: its content streams plain
    /// (`CairoPlainStreams`), in memory; a long document's pages deflated as they are done and
    /// kept on disk (`CairoFile`).
    private let drawn: CairoFileBuffer
    let options: PDFOptions
    private var marker = ContentMarker()
    /// The structure elements, made as each page is done (nil: the file is not tagged), and
    /// each page's links.
    private var structure: StructureBuilder?
    private var pageLinks: [PageLinks] = []
    /// Per entry of the layout's font table: the font at its size (for Cairo), and the cluster
    /// glyphs of its file.
    private var layoutFonts: [LayoutFont] = []
    private var clusterGlyphs: [String: ClusterGlyphs?] = [:]
    private var clusterRuns: [ClusterRunKey: ClusterRun?] = [:]
    private var clusterRunGlyphs = 0
    private var fileFaces: [FontFace: OpaquePointer] = [:]
    private var buffers = PDFWriter.DrawBuffers()
    /// The page's cluster runs, written by us (`PageText`), and each page's text stream, deflated
    /// (nil: no text), kept until the post-writer adds them after Cairo's content: in memory up
    /// to 2 MB, as Cairo's pages, then on disk.
    private var pageText = PageText()
    private let pageTextBytes = SpillingBuffer(memoryLimit: 2 << 20)
    private var pageTexts: [Range<Int>?] = []
    /// The cluster fonts drawn with, in the order first drawn: font resource `TR<index>`.
    private var textFonts: [ClusterGlyphs] = []
    private var textFontIndices: [ObjectIdentifier: Int] = [:]
    private var finished = false

    private struct FontFace: Hashable {
        let path: String
        let index: Int
    }

    private final class LayoutFont {
        /// The font file's own face at the run's size, for runs that keep Cairo's own clusters.
        let font: OpaquePointer
        /// Nil for a font that is not TrueType: its runs keep Cairo's own clusters.
        let glyphs: ClusterGlyphs?
        let size: Double
        let unitsPerPoint: Double
        init(font: OpaquePointer, glyphs: ClusterGlyphs?, size: Double) {
            self.font = font
            self.glyphs = glyphs
            self.size = size
            unitsPerPoint = Double(glyphs?.file.unitsPerEm ?? 1000) / max(size, 0.001)
        }
        deinit { cairo_scaled_font_destroy(font) }
    }

    /// The final file goes to `path`; the caller removes it on failure.
    public convenience init(path: String, options: PDFOptions) throws {
        try self.init(path: path, options: options, cairoFile: CairoFileBuffer())
    }

    /// `cairoFile` gathers what Cairo writes (tests give one that deflates pages sooner).
    init(path: String, options: PDFOptions, cairoFile: CairoFileBuffer) throws {
        self.path = path
        self.options = options
        drawn = cairoFile
        // Made with one call (Foundation's `createFile` writes an empty file beside it and renames
        // it into place first).
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PDFWriter.Failure.cairo("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        structure = options.tagged ? StructureBuilder() : nil
        CairoPlainStreams.request()
        let closure = Unmanaged.passUnretained(drawn).toOpaque()
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    // No retain and release of the bytes for each of Cairo's many calls.
                    Unmanaged<CairoFileBuffer>.fromOpaque(closure)._withUnsafeGuaranteedRef {
                        $0.append(UnsafeBufferPointer(start: data, count: Int(length)))
                    }
                    return CAIRO_STATUS_SUCCESS
                }, closure, 595.28, 841.89)
        else {
            throw PDFWriter.Failure.cairo("cannot create surface")
        }
        do { try PDFWriter.check(cairo_surface_status(surface)) } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        self.surface = surface
        cr = cairo_create(surface)
    }

    deinit {
        layoutFonts.removeAll()
        cairo_destroy(cr)
        if !finished { cairo_surface_finish(surface) }
        cairo_surface_destroy(surface)
        for face in fileFaces.values { cairo_font_face_destroy(face) }
    }

    private func loadFonts(_ fonts: [FontRef]) throws {
        while layoutFonts.count < fonts.count {
            let ref = fonts[layoutFonts.count]
            let key = FontFace(path: ref.path, index: ref.faceIndex)
            if fileFaces[key] == nil || clusterGlyphs[ref.path] == nil {
                guard let font = FontFiles.shared.file(atPath: ref.path) else {
                    throw PDFWriter.Failure.missingFont(ref.path)
                }
                if fileFaces[key] == nil {
                    guard let face = try? FreeTypeFace.cairoFace(bytes: font.bytes, index: ref.faceIndex) else {
                        throw PDFWriter.Failure.missingFont(ref.path)
                    }
                    fileFaces[key] = face
                }
                if clusterGlyphs[ref.path] == nil {
                    // A font collection's later faces, or a font with PostScript outlines, keep
                    // Cairo's own clusters (pdftotext still reads them right).
                    clusterGlyphs[ref.path] = ref.faceIndex == 0 ? font.clusterFile.map(ClusterGlyphs.init(file:)) : nil
                }
            }
            let font = try FreeTypeFace.scaledFont(fileFaces[key]!, size: ref.size)
            layoutFonts.append(LayoutFont(font: font, glyphs: clusterGlyphs[ref.path] ?? nil, size: ref.size))
        }
    }

    /// The typesetter's first pass: nothing to learn (each font's glyphs are embedded when the
    /// document is done, whenever they were first drawn), so nothing is made for pages that
    /// may not be drawn as they are.
    public func preview(_ page: Page, fonts: [FontRef]) throws {}

    /// `ClusterRun` of `run` at the origin (shown at the run's place by `PageText`), made once
    /// for each run of the document wherever it stands (the first pass over the body, the
    /// second, a repeated table header), runs of at most `clusterRunGlyphs` glyphs kept (then
    /// all are dropped and kept anew). Made again, a run registers nothing new: its clusters
    /// keep their glyphs, so a kept run is the run that would be made.
    private func clusterRun(_ run: TextRun) -> ClusterRun? {
        let font = layoutFonts[run.font]
        guard let glyphs = font.glyphs else { return nil }
        let key = ClusterRunKey(run)
        let made: ClusterRun?
        if let kept = clusterRuns[key] {
            made = kept
        } else {
            made = ClusterRun(key.run, unitsPerPoint: font.unitsPerPoint, glyphs: glyphs)
            if clusterRunGlyphs + run.glyphs.count > Self.clusterRunBudget {
                clusterRuns.removeAll(keepingCapacity: true)
                clusterRunGlyphs = 0
            }
            clusterRuns[key] = made
            clusterRunGlyphs += run.glyphs.count
        }
        return made
    }
    /// Glyphs of the runs kept by `clusterRun`: about 100 bytes each with their key. A report
    /// of the national mix draws fewer; at 200,000 a long table's peak held 3 MB more and the
    /// national mix took 0.8 % more instructions (a larger table to search, dropped less often).
    static let clusterRunBudget = 50_000

    /// Draws one page.
    public func add(_ page: Page, fonts: [FontRef]) throws {
        try loadFonts(fonts)
        var runs: [ClusterRun?] = []
        for case .text(let run) in page.items { runs.append(clusterRun(run)) }
        try draw(page, runs: runs)
    }

    /// The font resource number of `glyphs` on the pages (`TR<number>`).
    private func textFont(_ glyphs: ClusterGlyphs) -> Int {
        let key = ObjectIdentifier(glyphs)
        if let index = textFontIndices[key] { return index }
        textFonts.append(glyphs)
        textFontIndices[key] = textFonts.count - 1
        return textFonts.count - 1
    }

    private func draw(_ page: Page, runs: [ClusterRun?]) throws {
        cairo_pdf_surface_set_size(surface, page.width, page.height)
        cairo_pdf_surface_set_page_label(surface, page.label)
        cairo_set_source_rgb(cr, 0, 0, 0)
        // The page's rules are drawn last, as one path per width, in one artifact: Cairo's PDF
        // surface analyses every drawing operation of a page, a table has hundreds of rules, and
        // a rule never lies under text (it is drawn over the shading of header rows). Rules on
        // one line are drawn as one segment (`RuleSegments`).
        var rules: [Rule] = []
        var runIndex = 0
        for item in page.items {
            switch item {
            case .box: mark(decoration: true)
            case .image: mark(decoration: false)
            case .text, .rule, .begin, .end, .link: break
            }
            switch item {
            case .rule(let rule):
                rules.append(rule)
            case .begin(let structure):
                // Structure is not drawn (and does not break a path of rules): it marks content.
                marker.begin(structure)
            case .end:
                marker.end()
            case .text(let run):
                let font = layoutFonts[run.font]
                if let clusterRun = runs[runIndex], let glyphs = font.glyphs,
                    PageText.shows(clusterRun, size: font.size)
                {
                    if options.tagged {
                        if let tag = marker.endCairoContent() { cairo_tag_end(cr, tag) }
                        if let mark = marker.switchText(to: marker.owner(decoration: false)) { pageText.begin(mark) }
                    }
                    pageText.show(
                        clusterRun, x: run.x, y: run.y, font: textFont(glyphs), size: font.size, glyphs: glyphs)
                } else {
                    // A run `ClusterRun` could not take: Cairo draws it, as content of its own.
                    mark(decoration: false)
                    PDFWriter.drawClusters(run, cr: cr, font: font.font, buffers: &buffers)
                }
                runIndex += 1
                marker.text(run)
            case .box(let box):
                cairo_set_source_rgb(cr, box.gray, box.gray, box.gray)
                cairo_rectangle(cr, box.x, box.y, box.width, box.height)
                cairo_fill(cr)
                cairo_set_source_rgb(cr, 0, 0, 0)
            case .image(let image):
                try PDFWriter.drawImage(image, cr: cr)
                marker.figure(image, pageHeight: page.height)
            case .link(let link):
                // Annotations are written by the post-writer (Cairo 1.16 writes links without
                // destinations).
                marker.link(link)
            }
        }
        if !rules.isEmpty {
            mark(decoration: true)
            for (width, segments) in RuleSegments.merged(rules) {
                cairo_set_line_width(cr, width)
                for segment in segments {
                    cairo_move_to(cr, segment.x0, segment.y0)
                    cairo_line_to(cr, segment.x1, segment.y1)
                }
                cairo_stroke(cr)
            }
        }
        let (open, tags, firstTextMCID) = marker.finishPage()
        if let open { cairo_tag_end(cr, open) }
        structure?.add(tags, paths: marker.paths)
        marker.forgetPaths()
        pageLinks.append(PageLinks(links: tags.links, entryTexts: tags.entryTexts))
        if let text = pageText.stream(pageHeight: page.height, firstMCID: firstTextMCID) {
            let deflated = try Deflate.compress(text)
            let start = pageTextBytes.count
            pageTextBytes.append { $0 += deflated }
            pageTexts.append(start..<pageTextBytes.count)
        } else {
            pageTexts.append(nil)
        }
        drawn.pageBegins()
        cairo_show_page(cr)
        try PDFWriter.check(cairo_status(cr))
        try drawn.pageEnded()
    }

    /// Marks what is drawn next as content of the open structure, or as an artifact.
    private func mark(decoration: Bool) {
        guard options.tagged else { return }
        let change = marker.switchTo(marker.owner(decoration: decoration))
        guard change.begin != nil else { return }
        if let end = change.end { cairo_tag_end(cr, end) }
        if let begin = change.begin { cairo_tag_begin(cr, begin, "") }
    }

    /// Adds the bookmarks, completes Cairo's file and writes the final one (with the metadata).
    public func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
        // Every page is drawn: the runs kept for drawing are not needed while the file is finished.
        clusterRuns = [:]
        clusterRunGlyphs = 0
        PDFWriter.addOutline(surface, outline)
        finished = true
        cairo_surface_finish(surface)
        try PDFWriter.check(cairo_surface_status(surface))
        let fonts = try textFonts.map(EmbeddedFont.init)
        textFonts = []
        textFontIndices = [:]
        var writer = try ArchivalWriter(
            cairoFile: drawn.take(), pages: pageLinks, structure: structure?.finish(),
            texts: .init(bytes: pageTextBytes, pages: pageTexts), fonts: fonts,
            options: .init(metadata: metadata, producer: options.producer, tagged: options.tagged))
        // The writer holds Cairo's file, the pages' links, structure and text now; they are let
        // go with it.
        structure = nil
        pageLinks = []
        pageTexts = []
        // The final file is written as the post-writer makes it, not gathered first.
        let (file, path) = (self.file, self.path)
        try writer.write(
            to: FinalFileOutput { bytes in
                do {
                    try bytes.withUnsafeBytes { try file.write(contentsOf: $0) }
                } catch {
                    throw PDFWriter.Failure.cairo("cannot write \(path): \(error.localizedDescription)")
                }
            })
        do {
            try file.close()
        } catch {
            throw PDFWriter.Failure.cairo("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
