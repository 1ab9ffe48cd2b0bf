import CCairo
import FontSystem
import Foundation
import PageIR
import ReportInput
import ReportModel
import TestSupport
import Testing
import ThaiReport

@testable import PDFOutput

/// What careless or hostile data can put in front of the PDF writer: a huge logo, clusters
/// longer than one ToUnicode entry.
@Suite struct HostileOutputTests {
    static func write(_ report: Report, into folder: URL) throws -> URL {
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        return try builder.write(report, options: BuildOptions(outputDirectory: folder, formats: [.pdf]))[0]
    }

    /// A PNG of `size`×`size` pixels: a gradient with a grid, so it is not all one colour.
    static func writePNG(_ url: URL, size: Int) throws {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(size), Int32(size)))
        defer { cairo_surface_destroy(surface) }
        let cr = try #require(cairo_create(surface))
        let gradient = cairo_pattern_create_linear(0, 0, Double(size), Double(size))
        cairo_pattern_add_color_stop_rgb(gradient, 0, 0.8, 0.1, 0.1)
        cairo_pattern_add_color_stop_rgb(gradient, 1, 0.1, 0.2, 0.8)
        cairo_set_source(cr, gradient)
        cairo_paint(cr)
        cairo_pattern_destroy(gradient)
        cairo_set_source_rgb(cr, 1, 1, 1)
        for step in stride(from: 0, to: size, by: max(1, size / 20)) {
            cairo_rectangle(cr, Double(step), 0, 2, Double(size))
            cairo_rectangle(cr, 0, Double(step), Double(size), 2)
        }
        cairo_fill(cr)
        cairo_destroy(cr)
        #expect(cairo_surface_write_to_png(surface, url.path) == CAIRO_STATUS_SUCCESS)
    }

    /// `pdfimages -list`: width, height and horizontal and vertical ppi of each image.
    static func images(_ pdf: URL) throws -> [(width: Int, height: Int, xPPI: Int, yPPI: Int)] {
        let list = try runProcess("pdfimages", ["-list", pdf.path])
        #expect(list.status == 0, "\(list.stderr)")
        // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        return list.stdout.split(separator: "\n").dropFirst(2).map { line in
            let fields = line.split(separator: " ")
            return (Int(fields[3])!, Int(fields[4])!, Int(fields[12])!, Int(fields[13])!)
        }
    }

    /// A 3000×3000 logo is embedded at the size it prints at 300 ppi, not at its own.
    @Test func hugeLogoIsDownsampledToItsPrintedSize() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sampleWithLogo()
        try Self.writePNG(data.deletingLastPathComponent().appendingPathComponent("logo.png"), size: 3000)
        let report = try ReportLoader.load(dataFile: data).report
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let placed = try #require(
            try builder.layout(report).pages[0].items.compactMap { item -> PageIR.Image? in
                if case .image(let image) = item { return image } else { return nil }
            }.first)
        let expected = PDFWriter.printedPixels(placed)
        #expect(expected.width < 3000 && expected.height < 3000)

        let started = ContinuousClock.now
        let pdf = try Self.write(report, into: scratch.url.appendingPathComponent("out"))
        let elapsed = ContinuousClock.now - started
        let images = try Self.images(pdf)
        try #require(images.count == 1)
        #expect(images[0].width == expected.width && images[0].height == expected.height, "\(images[0])")
        #expect(images[0].xPPI <= 301 && images[0].yPPI <= 301, "\(images[0])")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int)
        #expect(size < 1_000_000, "\(size) bytes in \(elapsed)")

        // A logo already smaller than that is embedded as it is.
        try Self.writePNG(data.deletingLastPathComponent().appendingPathComponent("logo.png"), size: 40)
        let small = try Self.images(try Self.write(report, into: scratch.url.appendingPathComponent("small")))
        #expect(small.count == 1 && small[0].width == 40 && small[0].height == 40)
    }

    /// Clusters longer than a ToUnicode entry can hold (a letter with 100 joiners, a letter with
    /// 100 combining marks, a Thai consonant with 80 tone marks) keep their whole text, and
    /// pdftotext finds nothing illegal.
    @Test func longClustersKeepTheirText() throws {
        let scratch = ScratchDirectory()
        var report = try ReportLoader.load(dataFile: Repo.sample).report
        let joiners = String(repeating: "\u{200D}", count: 100)
        let marks = String(repeating: "\u{301}", count: 100)
        let toneMarks = String(repeating: "\u{E48}", count: 80)
        let emoji = String(repeating: "👍\u{200D}", count: 39) + "👍"
        let paragraph = "ก่อน ก\(joiners)ข ต่อ e\(marks)f กลาง ม\(toneMarks)า ท้าย x\(emoji)y จบ"
        report.preface?.paragraphs[0] = paragraph
        let pdf = try Self.write(report, into: scratch.url)
        let result = try runProcess("pdftotext", ["-f", "2", "-l", "2", pdf.path, "-"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(squeeze(result.stdout).contains(squeeze(paragraph)), "\(result.stdout)")
    }

    /// Text is cut at character boundaries into pieces of at most 63 UTF-16 units.
    @Test func piecesStayWithinAToUnicodeEntry() {
        let text = Array(("ก" + String(repeating: "\u{200D}", count: 100) + String(repeating: "😀", count: 40)).utf8)
        let pieces = ClusterRun.pieces(of: 0..<text.count, in: text)
        #expect(pieces.count > 1)
        #expect(pieces.first?.lowerBound == 0 && pieces.last?.upperBound == text.count)
        for (piece, next) in zip(pieces, pieces.dropFirst()) { #expect(piece.upperBound == next.lowerBound) }
        for piece in pieces {
            let string = String(decoding: text[piece], as: UTF8.self)
            #expect(string.utf16.count <= 63 && !string.contains("\u{FFFD}"))
        }
        #expect(ClusterRun.pieces(of: 3..<9, in: Array("ข้อความ".utf8)) == [3..<9])
    }
}
