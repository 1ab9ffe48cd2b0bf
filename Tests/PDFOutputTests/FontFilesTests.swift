import Foundation
import TestSupport
import Testing

@testable import PDFOutput

/// Font files kept for the process: read once while the file on disk is unchanged, read again
/// once it is replaced; real font files copied into a scratch folder.
@Suite struct FontFilesTests {
    static func font(_ name: String) throws -> Data { try Data(contentsOf: Repo.fonts.appendingPathComponent(name)) }

    @Test func aFileIsReadOnceUntilItChanges() throws {
        let scratch = ScratchDirectory()
        let path = scratch.url.appendingPathComponent("font.ttf").path
        let regular = try Self.font("Sarabun-Regular.ttf")
        try regular.write(to: URL(fileURLWithPath: path))
        let files = FontFiles()
        let first = try #require(files.file(atPath: path))
        #expect(first.bytes == [UInt8](regular))
        #expect(first.clusterFile?.glyphCount ?? 0 > 100)
        #expect(files.file(atPath: path) === first)
        // Replaced by another font (another size): read again.
        let bold = try Self.font("Sarabun-Bold.ttf")
        #expect(bold.count != regular.count)
        try bold.write(to: URL(fileURLWithPath: path))
        let second = try #require(files.file(atPath: path))
        #expect(second !== first)
        #expect(second.bytes == [UInt8](bold))
        #expect(files.file(atPath: path) === second)
        // Gone: nothing, not the file read before.
        try FileManager.default.removeItem(atPath: path)
        #expect(files.file(atPath: path) == nil)
    }

    @Test func aFileThatIsNotAFontHasNoClusterCopies() throws {
        let scratch = ScratchDirectory()
        let path = scratch.write("not-a-font.ttf", "not a font at all").path
        let file = try #require(FontFiles().file(atPath: path))
        #expect(file.clusterFile == nil)
    }

    /// A font whose glyph locations point past its glyph table is read without a crash: the
    /// glyphs it cannot find have no outline.
    @Test func glyphLocationsPastTheTableDoNotCrash() throws {
        var font = [UInt8](try Self.font("Sarabun-Regular.ttf"))
        let file = try ClusterFontFile(font)
        let loca = try #require(file.tables["loca"])
        let long = font.u16(try #require(file.tables["head"]).lowerBound + 50) == 1
        // The third glyph's end moved far past the end of the file.
        if long {
            font.setU32(loca.lowerBound + 4 * 3, 0x7FFF_0000)
        } else {
            font.setU16(loca.lowerBound + 2 * 3, 0xFFFF)
        }
        let broken = try ClusterFontFile(font)
        let composite = ClusterFontFile.Composite(components: [.init(glyph: 2, dx: 0, dy: 0)], advance: 500)
        let subset = try broken.subset([broken.glyphCount, 3], composites: [composite])
        #expect(try ClusterFontFile(subset).glyphCount == 4)  // 0, the composite, 3 and 2
    }
}
