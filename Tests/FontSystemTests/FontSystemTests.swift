import CPangoCairo
import FontSystem
import Foundation
import TestSupport
import Testing

/// The bundled fonts as Pango sees them: only the files in `Fonts/`, resolved to file and size.
@Suite struct FontSystemTests {
    /// The font Pango picks for `text` in a description such as `Sarabun Bold 11.2`.
    func resolved(_ text: String, _ description: String) throws -> (path: String, faceIndex: Int, size: Double) {
        let fonts = try FontSystem(directory: Repo.fonts)
        let context = fonts.makeContext()
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        let layout = pango_layout_new(context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let desc = pango_font_description_from_string(description)
        defer { pango_font_description_free(desc) }
        pango_layout_set_font_description(layout, desc)
        pango_layout_set_text(layout, text, -1)
        let line = try #require(pango_layout_get_line_readonly(layout, 0))
        let run = try #require(line.pointee.runs).pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
        return try #require(FontSystem.resolve(run.pointee.item.pointee.analysis.font))
    }

    @Test func thaiTextResolvesToTheBundledFace() throws {
        let font = try resolved("ทดสอบ", "Sarabun Bold 11.2")
        #expect(font.path == Repo.fonts.appendingPathComponent("Sarabun-Bold.ttf").path)
        #expect(font.faceIndex == 0)
        // Pango's size in its units (1/1024 pt), as Cairo draws it.
        #expect(font.size == (11.2 * 1024).rounded() / 1024)
    }

    @Test func symbolsFallBackToTheBundledSymbolFace() throws {
        let font = try resolved("✓", "Sarabun 11.2")
        #expect(font.path.hasSuffix("/DejaVuSans.ttf"))
        #expect(font.path.hasPrefix(Repo.fonts.path))
    }

    @Test func aMissingFontIsAClearError() throws {
        let scratch = ScratchDirectory()
        #expect(throws: FontSystem.Failure.self) { try FontSystem(directory: scratch.url) }
        do { _ = try FontSystem(directory: scratch.url) } catch {
            #expect("\(error)".contains("font file not found"))
            #expect("\(error)".contains("ไม่พบไฟล์ฟอนต์"))
        }
    }

    @Test func aCorruptFontIsAClearError() throws {
        let scratch = ScratchDirectory()
        for name in FontSystem.requiredFiles {
            try FileManager.default.copyItem(
                at: Repo.fonts.appendingPathComponent(name), to: scratch.url.appendingPathComponent(name))
        }
        try Data("not a font".utf8).write(to: scratch.url.appendingPathComponent("DejaVuSans.ttf"))
        do {
            _ = try FontSystem(directory: scratch.url)
            Issue.record("a corrupt font was accepted")
        } catch {
            #expect("\(error)".contains("corrupt or unreadable"))
        }
    }
}
