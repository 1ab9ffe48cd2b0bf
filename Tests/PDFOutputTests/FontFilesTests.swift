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

    /// A copy made from a kept file is the copy the font file gave before the own glyphs'
    /// tables were made once: its size and hash (`FileIdentifier`), recorded from the code before
    /// that change (the same three composites appended to each bundled font).
    @Test func copiesAreTheBytesTheyWere() throws {
        let composites: [ClusterFontFile.Composite] = [
            .init(components: [.init(glyph: 10, dx: 0, dy: 0), .init(glyph: 20, dx: 100, dy: 50)], advance: 600),
            .init(components: [], advance: 250),
            .init(components: [.init(glyph: 3, dx: -20, dy: 0)], advance: 0),
        ]
        for (name, count, hash) in [
            ("Sarabun-Regular.ttf", 58448, "5276f30875cbfa8b733fe8a2414f9bb0"),
            ("DejaVuSans.ttf", 625_728, "953c282f6756606ec42ae932ac3da17b"),
        ] {
            let kept = try #require(FontFiles.shared.file(atPath: Repo.fonts.appendingPathComponent(name).path))
            let copy = try #require(kept.clusterFile).appending(composites)
            var identifier = FileIdentifier()
            copy.withUnsafeBufferPointer { identifier.update($0) }
            let hex = identifier.bytes.map { String(format: "%02x", $0) }.joined()
            #expect(copy.count == count, "\(name)")
            #expect(hex == hash, "\(name)")
        }
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
        let copy = try broken.appending([.init(components: [.init(glyph: 2, dx: 0, dy: 0)], advance: 500)])
        #expect(try ClusterFontFile(copy).glyphCount == file.glyphCount + 1)
    }
}
