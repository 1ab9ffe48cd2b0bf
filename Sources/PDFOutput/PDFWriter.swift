import CCairo
import Foundation
import PageIR

/// What Cairo draws of the laid-out pages (`PDFStream`): pictures, the runs `ClusterRun` cannot
/// take (with Cairo's own cluster map), outline and page labels; the failures of drawing. The
/// text of every other run is written by `PageText` (one glyph per cluster, see `ClusterGlyphs`,
/// so pdftotext, pdfminer, pdfplumber and PDFium all give back the Thai); the document
/// information, links and structure by the post-writer (`ArchivalWriter`). Draws only: every
/// position comes from the page IR.
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

    /// Shows a run with Cairo's own cluster map (`cairo_show_text_glyphs`), for what
    /// `ClusterRun` cannot take: Cairo records each cluster's text as ToUnicode (one glyph)
    /// or ActualText (several), which pdftotext reads.
    static func drawClusters(_ run: TextRun, cr: OpaquePointer, font: OpaquePointer, buffers: inout DrawBuffers) {
        buffers.clear()
        // Clusters follow the text; a backward run takes its glyphs from the end, so its glyphs
        // are gathered in reverse and turned round at the end.
        var glyphEnd = run.backward ? run.glyphs.count : 0
        for cluster in run.clusters {
            let range =
                run.backward ? (glyphEnd - cluster.glyphCount)..<glyphEnd : glyphEnd..<(glyphEnd + cluster.glyphCount)
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
            cairo_show_text_glyphs(
                cr, text, Int32(run.text.utf8.count), buffers.glyphs, Int32(buffers.glyphs.count),
                buffers.clusters, Int32(buffers.clusters.count),
                run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(rawValue: 0))
        }
    }

    /// The empty glyph is not a glyph of the font: handed to Cairo it makes a Type 3 font.
    /// (The shaper has already replaced glyphs a font lacks with the font's own glyph 0.)
    static func isDrawable(_ id: UInt32) -> Bool { id != Glyph.empty }

    /// The finest resolution an image is embedded at, in pixels per inch of its printed size.
    public static let maxImagePPI = 300.0

    /// Draws `image` at its place, embedded at no more than `maxImagePPI` at its printed size.
    static func drawImage(_ image: Image, cr: OpaquePointer) throws {
        guard let png = cairo_image_surface_create_from_png(image.path) else {
            throw Failure.unreadableImage(image.path)
        }
        defer { cairo_surface_destroy(png) }
        guard cairo_surface_status(png) == CAIRO_STATUS_SUCCESS,
            cairo_image_surface_get_width(png) > 0, cairo_image_surface_get_height(png) > 0
        else {
            throw Failure.unreadableImage(image.path)
        }
        let source = try downsampled(png, toFit: image)
        defer { cairo_surface_destroy(source) }
        let w = Double(cairo_image_surface_get_width(source))
        let h = Double(cairo_image_surface_get_height(source))
        cairo_save(cr)
        cairo_translate(cr, image.x, image.y)
        cairo_scale(cr, image.width / w, image.height / h)
        cairo_set_source_surface(cr, source, 0, 0)
        // A filled rectangle rather than cairo_paint: Cairo 1.16 fails a page that paints inside
        // a structure tag ("invalid tag name, attributes, or nesting").
        cairo_rectangle(cr, 0, 0, w, h)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// The pixel size `image` prints at `maxImagePPI`: its size in points is 1/72 inch each.
    static func printedPixels(_ image: Image) -> (width: Int, height: Int) {
        func pixels(_ points: Double) -> Int {
            let value = (points / 72 * maxImagePPI).rounded(.up)
            return value.isFinite ? max(1, Int(min(value, 1_048_576))) : 1
        }
        return (pixels(image.width), pixels(image.height))
    }

    /// `png` itself (retained) when it has no more pixels than `image` prints at
    /// `maxImagePPI`, else a copy scaled down to that size (Cairo's good filter averages the
    /// pixels each new one covers). The caller destroys the result.
    static func downsampled(_ png: OpaquePointer, toFit image: Image) throws -> OpaquePointer {
        let width = Int(cairo_image_surface_get_width(png))
        let height = Int(cairo_image_surface_get_height(png))
        let target = printedPixels(image)
        guard width > target.width || height > target.height else { return cairo_surface_reference(png) }
        let newWidth = min(width, target.width)
        let newHeight = min(height, target.height)
        let format =
            cairo_image_surface_get_format(png) == CAIRO_FORMAT_RGB24 ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32
        guard let small = cairo_image_surface_create(format, Int32(newWidth), Int32(newHeight)) else {
            throw Failure.unreadableImage(image.path)
        }
        guard cairo_surface_status(small) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(small) else {
            cairo_surface_destroy(small)
            throw Failure.unreadableImage(image.path)
        }
        // An image surface has no structure tags: painting is safe here.
        cairo_scale(cr, Double(newWidth) / Double(width), Double(newHeight) / Double(height))
        cairo_set_source_surface(cr, png, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        // Edge pixels average with their own kind, not with transparency outside the image.
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cr)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_flush(small)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(small)
            throw Failure.cairo(String(cString: cairo_status_to_string(status)))
        }
        return small
    }

    static func addOutline(_ surface: OpaquePointer, _ outline: [OutlineEntry]) {
        var parents: [Int: Int32] = [:]  // level → last outline id at that level
        for entry in outline {
            let parent = parents[entry.level - 1] ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let link = String(format: "page=%d pos=[0 %.2f]", entry.pageIndex + 1, entry.y)
            let id = cairo_pdf_surface_add_outline(
                surface, parent, entry.title, link,
                cairo_pdf_outline_flags_t(rawValue: CAIRO_PDF_OUTLINE_FLAG_OPEN.rawValue))
            parents[entry.level] = id
            parents = parents.filter { $0.key <= entry.level }
        }
    }

    static func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Failure.cairo(String(cString: cairo_status_to_string(status)))
        }
    }
}
