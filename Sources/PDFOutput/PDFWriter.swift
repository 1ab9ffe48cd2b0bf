import CPangoCairo
import FontSystem
import Foundation
import PageIR

/// Draws laid-out pages into a PDF with Cairo: embedded font subsets, the real text of every
/// glyph cluster (one glyph per cluster, see `ClusterGlyphs`, so pdftotext, pdfminer,
/// pdfplumber and PDFium all give back the Thai), outline, internal links, page labels and
/// metadata.
/// Draws only: every position comes from the page IR.
public enum PDFWriter {
    public enum Failure: Error, CustomStringConvertible {
        case cairo(String)
        case missingFont(String)
        case unreadableImage(String)
        public var description: String {
            switch self {
            case .unreadableImage(let path): return "อ่านรูปภาพไม่ได้ / cannot read the image \(path)"
            case .cairo(let status): return "เขียน PDF ไม่สำเร็จ / writing the PDF failed: \(status)"
            case .missingFont(let name): return "โหลดฟอนต์ไม่ได้ / cannot load font: \(name)"
            }
        }
    }

    /// Reused glyph and cluster arrays for `drawClusters`, so a page does not allocate per run.
    struct DrawBuffers {
        var glyphs: [cairo_glyph_t] = []
        var clusters: [cairo_text_cluster_t] = []
        mutating func clear() {
            glyphs.removeAll(keepingCapacity: true)
            clusters.removeAll(keepingCapacity: true)
        }
    }

    /// Shows a run with one glyph per cluster, each recording its cluster's text.
    static func draw(_ run: ClusterRun, font: OpaquePointer, cr: OpaquePointer) {
        guard !run.glyphs.isEmpty else { return }
        cairo_set_scaled_font(cr, font)
        run.text.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                cairo_show_text_glyphs(cr, chars.baseAddress, Int32(chars.count), run.glyphs, Int32(run.glyphs.count),
                                       run.clusters, Int32(run.clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
    }

    /// Shows a run with Cairo's own cluster map (`cairo_show_text_glyphs`), for what
    /// `ClusterRun` cannot take: Cairo records each cluster's text as ToUnicode (one glyph)
    /// or ActualText (several), which pdftotext reads.
    static func drawClusters(_ run: TextRun, cr: OpaquePointer, font: OpaquePointer, buffers: inout DrawBuffers) {
        buffers.clear()
        // Clusters follow the text; a backward run takes its glyphs from the end, so its glyphs
        // are gathered in reverse and turned round at the end.
        var glyphEnd = run.backward ? run.glyphs.count : 0
        for cluster in run.clusters {
            let range = run.backward ? (glyphEnd - cluster.glyphCount)..<glyphEnd : glyphEnd..<(glyphEnd + cluster.glyphCount)
            glyphEnd = run.backward ? range.lowerBound : range.upperBound
            var kept: Int32 = 0
            func take(_ g: Int) {
                let glyph = run.glyphs[g]
                guard Self.isDrawable(glyph.id) else { return }
                buffers.glyphs.append(cairo_glyph_t(index: UInt(glyph.id), x: run.x + glyph.x, y: run.y + glyph.y))
                kept += 1
            }
            if run.backward { for g in range.reversed() { take(g) } } else { for g in range { take(g) } }
            if kept == 0 && cluster.byteCount == 0 { continue }
            if kept == 0, let last = buffers.clusters.indices.last {
                // A cluster with no visible glyph (a space at a line end) joins the one before it.
                buffers.clusters[last].num_bytes += Int32(cluster.byteCount)
                continue
            }
            buffers.clusters.append(cairo_text_cluster_t(num_bytes: Int32(cluster.byteCount), num_glyphs: kept))
        }
        if run.backward { buffers.glyphs.reverse() }
        guard !buffers.glyphs.isEmpty else { return }
        cairo_set_scaled_font(cr, font)
        run.text.withCString { text in
            cairo_show_text_glyphs(cr, text, Int32(run.text.utf8.count), buffers.glyphs, Int32(buffers.glyphs.count),
                                   buffers.clusters, Int32(buffers.clusters.count),
                                   run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(rawValue: 0))
        }
    }

    /// The empty glyph is not a glyph of the font: handed to Cairo it makes a Type 3 font.
    /// (The shaper has already replaced glyphs a font lacks with the font's own glyph 0.)
    static func isDrawable(_ id: UInt32) -> Bool { id != Glyph.empty }

    static func drawImage(_ image: Image, cr: OpaquePointer) throws {
        guard let png = cairo_image_surface_create_from_png(image.path) else { throw Failure.unreadableImage(image.path) }
        defer { cairo_surface_destroy(png) }
        let w = Double(cairo_image_surface_get_width(png)), h = Double(cairo_image_surface_get_height(png))
        guard cairo_surface_status(png) == CAIRO_STATUS_SUCCESS, w > 0, h > 0 else { throw Failure.unreadableImage(image.path) }
        cairo_save(cr)
        cairo_translate(cr, image.x, image.y)
        cairo_scale(cr, image.width / w, image.height / h)
        cairo_set_source_surface(cr, png, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    static func setMetadata(_ surface: OpaquePointer, _ metadata: DocumentMetadata) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ThaiReport")
        // Dates come from the data, never the clock, so the same input gives the same bytes.
        let date = pdfDate(metadata.date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
    }

    /// `2021-03` → `2021-03-01T00:00:00Z` (the form Cairo expects).
    static func pdfDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        let year = parts.first.map(String.init) ?? "2000"
        let month = parts.count > 1 ? String(parts[1]) : "01"
        let day = parts.count > 2 ? String(parts[2]) : "01"
        return "\(year)-\(month)-\(day)T00:00:00Z"
    }

    static func addOutline(_ surface: OpaquePointer, _ outline: [OutlineEntry]) {
        var parents: [Int: Int32] = [:]   // level → last outline id at that level
        for entry in outline {
            let parent = parents[entry.level - 1] ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let link = String(format: "page=%d pos=[0 %.2f]", entry.pageIndex + 1, entry.y)
            let id = cairo_pdf_surface_add_outline(surface, parent, entry.title, link,
                                                   cairo_pdf_outline_flags_t(rawValue: CAIRO_PDF_OUTLINE_FLAG_OPEN.rawValue))
            parents[entry.level] = id
            parents = parents.filter { $0.key <= entry.level }
        }
    }

    static func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else { throw Failure.cairo(String(cString: cairo_status_to_string(status))) }
    }
}

/// A PDF written page by page: pages are drawn in small batches (`batchSize`) and released,
/// so a long report never sits in memory whole. The caller renames the file into place after
/// `finish`; a failure may leave a partial file at `path`, never at the final name.
public final class PDFStream {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let fonts: FontSystem
    /// Per entry of the layout's font table: Pango's font, the cluster glyphs of its file, and
    /// the cluster font at its size (remade when the cluster font gains glyphs).
    private var layoutFonts: [LayoutFont] = []
    private var clusterGlyphs: [String: ClusterGlyphs?] = [:]
    private var buffers = PDFWriter.DrawBuffers()
    private var finished = false

    private final class LayoutFont {
        let font: OpaquePointer
        /// Nil for a font that is not TrueType: its runs keep Cairo's own clusters.
        let glyphs: ClusterGlyphs?
        let unitsPerPoint: Double
        var scaled: OpaquePointer? = nil
        var generation = 0
        init(font: OpaquePointer, glyphs: ClusterGlyphs?) {
            self.font = font; self.glyphs = glyphs
            var matrix = cairo_matrix_t()
            cairo_scaled_font_get_font_matrix(font, &matrix)
            unitsPerPoint = Double(glyphs?.file.unitsPerEm ?? 1000) / max(matrix.xx, 0.001)
        }
        deinit { if let scaled { cairo_scaled_font_destroy(scaled) } }
        /// The cluster font at this size, up to date with the glyphs it must draw.
        func clusterFont() throws -> OpaquePointer {
            guard let glyphs else { throw PDFWriter.Failure.cairo("no cluster font") }
            if let scaled, generation == glyphs.generation { return scaled }
            let made = try glyphs.scaledFont(like: font)
            if let scaled { cairo_scaled_font_destroy(scaled) }
            scaled = made
            generation = glyphs.generation
            return made
        }
    }

    public init(path: String, fonts: FontSystem) throws {
        guard let surface = cairo_pdf_surface_create(path, 595.28, 841.89) else { throw PDFWriter.Failure.cairo("cannot create surface") }
        do { try PDFWriter.check(cairo_surface_status(surface)) } catch { cairo_surface_destroy(surface); throw error }
        self.surface = surface
        self.fonts = fonts
        cr = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cr)
        if !finished { cairo_surface_finish(surface) }
        cairo_surface_destroy(surface)
    }

    private func loadFonts(_ fontNames: [String]) throws {
        while layoutFonts.count < fontNames.count {
            let name = fontNames[layoutFonts.count]
            guard let font = fonts.scaledFont(for: name), let file = fonts.fontFile(for: name) else { throw PDFWriter.Failure.missingFont(name) }
            let glyphs: ClusterGlyphs?
            if let known = clusterGlyphs[file.path] {
                glyphs = known
            } else {
                guard let data = FileManager.default.contents(atPath: file.path) else { throw PDFWriter.Failure.missingFont(file.path) }
                // A font collection's later faces, or a font with PostScript outlines, keep
                // Cairo's own clusters (pdftotext still reads them right).
                glyphs = file.index == 0 ? try? ClusterGlyphs(fontFile: [UInt8](data)) : nil
                clusterGlyphs[file.path] = glyphs
            }
            layoutFonts.append(LayoutFont(font: font, glyphs: glyphs))
        }
    }

    /// Pages taken but not drawn yet, with their runs made ready (nil: Cairo's own clusters).
    private var pending: [(page: Page, runs: [ClusterRun?])] = []
    /// Pages are drawn in batches of this many: a batch that brings clusters no earlier page
    /// had remakes the cluster fonts once, and each copy of a font is a font subset of its own
    /// in the PDF (and memory until the PDF is finished). Pages seen in `preview` bring none.
    static let batchSize = 8

    /// Learns the clusters of a page that will be added later (the typesetter's first pass),
    /// so that the cluster fonts are made once for the whole document. Draws nothing.
    public func preview(_ page: Page, fontNames: [String]) throws {
        try loadFonts(fontNames)
        for case .text(let run) in page.items {
            let font = layoutFonts[run.font]
            if let glyphs = font.glyphs { _ = ClusterRun(run, unitsPerPoint: font.unitsPerPoint, glyphs: glyphs) }
        }
    }

    /// Takes one page. `fontNames` is the layout's font table (run font indices refer to it).
    /// The page is drawn with the next batch, at the latest by `finish`.
    public func add(_ page: Page, fontNames: [String]) throws {
        try loadFonts(fontNames)
        var runs: [ClusterRun?] = []
        for item in page.items {
            guard case .text(let run) = item else { continue }
            let font = layoutFonts[run.font]
            runs.append(font.glyphs.flatMap { ClusterRun(run, unitsPerPoint: font.unitsPerPoint, glyphs: $0) })
        }
        pending.append((page, runs))
        if pending.count >= Self.batchSize { try drawPending() }
    }

    private func drawPending() throws {
        guard !pending.isEmpty else { return }
        for case let glyphs? in clusterGlyphs.values { try glyphs.prepare() }
        for (page, runs) in pending { try draw(page, runs: runs) }
        pending.removeAll()
    }

    private func draw(_ page: Page, runs: [ClusterRun?]) throws {
        cairo_pdf_surface_set_size(surface, page.width, page.height)
        cairo_pdf_surface_set_page_label(surface, page.label)
        cairo_set_source_rgb(cr, 0, 0, 0)
        // Consecutive rules of one width are stroked as one path: Cairo's PDF surface analyses
        // every drawing operation of a page, and a table has hundreds of rules.
        var pathWidth: Double? = nil
        func strokePending() {
            if pathWidth != nil { cairo_stroke(cr); pathWidth = nil }
        }
        var runIndex = 0
        for item in page.items {
            if case .rule(let rule) = item {
                if pathWidth != rule.width { strokePending(); cairo_set_line_width(cr, rule.width); pathWidth = rule.width }
                cairo_move_to(cr, rule.x0, rule.y0)
                cairo_line_to(cr, rule.x1, rule.y1)
                continue
            }
            strokePending()
            switch item {
            case .rule: break
            case .text(let run):
                if let clusterRun = runs[runIndex] {
                    PDFWriter.draw(clusterRun, font: try layoutFonts[run.font].clusterFont(), cr: cr)
                } else {
                    PDFWriter.drawClusters(run, cr: cr, font: layoutFonts[run.font].font, buffers: &buffers)
                }
                runIndex += 1
            case .box(let box):
                cairo_set_source_rgb(cr, box.gray, box.gray, box.gray)
                cairo_rectangle(cr, box.x, box.y, box.width, box.height)
                cairo_fill(cr)
                cairo_set_source_rgb(cr, 0, 0, 0)
            case .image(let image):
                try PDFWriter.drawImage(image, cr: cr)
            case .link(let link):
                let attributes = String(format: "rect=[%.2f %.2f %.2f %.2f] page=%d pos=[0 %.2f]",
                                        link.x, link.y, link.width, link.height, link.targetPage + 1, link.targetY)
                cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
                cairo_tag_end(cr, CAIRO_TAG_LINK)
            }
        }
        strokePending()
        cairo_show_page(cr)
        try PDFWriter.check(cairo_status(cr))
    }

    /// Adds the bookmarks and metadata and completes the file.
    public func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
        try drawPending()
        PDFWriter.setMetadata(surface, metadata)
        PDFWriter.addOutline(surface, outline)
        finished = true
        cairo_surface_finish(surface)
        try PDFWriter.check(cairo_surface_status(surface))
    }
}
