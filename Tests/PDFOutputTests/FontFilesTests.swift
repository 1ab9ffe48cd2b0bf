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

    /// A copy made from a kept file is the copy made from the file read afresh.
    @Test func copiesFromAKeptFileAreTheSame() throws {
        let regular = [UInt8](try Self.font("Sarabun-Regular.ttf"))
        let kept = try #require(
            FontFiles.shared.file(atPath: Repo.fonts.appendingPathComponent("Sarabun-Regular.ttf").path))
        let composite = ClusterFontFile.Composite(
            components: [.init(glyph: 10, dx: 0, dy: 0), .init(glyph: 20, dx: 100, dy: 50)], advance: 600)
        let fromKept = try #require(kept.clusterFile).appending([composite])
        let fresh = try ClusterFontFile(regular).appending([composite])
        #expect(fromKept == fresh)
        #expect(try ClusterFontFile(fromKept).glyphCount == ClusterFontFile(regular).glyphCount + 1)
    }
}
