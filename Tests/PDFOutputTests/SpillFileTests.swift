import Foundation
import TestSupport
import Testing

@testable import PDFOutput

/// The unnamed temporary file a long document's deflated pages wait in: bytes read back as
/// written, wherever they are; a read outside what was written refused; the file never has a
/// name another process could find, and is gone with the last reference.
@Suite struct SpillFileTests {
    @Test func bytesReadBackAsWritten() throws {
        let spill = try #require(SpillFile())
        let first = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let second = Array("endobj\n".utf8)
        #expect(try spill.append(first) == 0)
        #expect(try spill.append(second) == first.count)
        #expect(try spill.append([]) == first.count + second.count)
        #expect(spill.size == first.count + second.count)
        #expect(try spill.read(at: first.count, count: second.count) == second)
        #expect(try spill.read(at: 0, count: first.count) == first)
        #expect(try spill.read(at: 1000, count: 10) == Array(first[1000..<1010]))
        #expect(throws: SpillFile.Failure.self) { try spill.read(at: first.count, count: second.count + 1) }
        #expect(throws: SpillFile.Failure.self) { try spill.read(at: -1, count: 1) }
    }

    /// Made the named way (a file system without unnamed files): unlinked at once, so the
    /// folder holds nothing of it, and the bytes read back.
    @Test func aNamedFileIsUnlinkedAtOnce() throws {
        let scratch = ScratchDirectory()
        let spill = try #require(SpillFile(directory: scratch.url.path, unnamed: false))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(spill.descriptor)")
        #expect(link.contains(".thaireport-") && link.hasSuffix("(deleted)"), "\(link)")
        #expect(try spill.append(Array("page".utf8)) == 0)
        #expect(try spill.read(at: 0, count: 4) == Array("page".utf8))
    }

    @Test func noFileInAFolderThatIsNotThere() {
        #expect(SpillFile(directory: "/nonexistent-folder") == nil)
    }

    /// The file is unlinked from the start (`/proc/self/fd` names it "(deleted)"), and its
    /// descriptor is closed with the last reference.
    @Test func theFileHasNoNameAndGoesWithItsLastReference() throws {
        var spill: SpillFile? = try #require(SpillFile())
        _ = try spill?.append(Array("page".utf8))
        let link = "/proc/self/fd/\(try #require(spill?.descriptor))"
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: link)
        #expect(target.hasSuffix("(deleted)"), "\(target)")
        spill = nil
        // (Another test may have opened a file under the same number since: not this one.)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) != target)
    }
}

/// Bytes appended in order and read back by range: in memory under the limit, on disk past it,
/// every range the same bytes wherever it lies (in the file, in memory, across the two).
@Suite struct SpillingBufferTests {
    static func filled(_ buffer: SpillingBuffer, pieces: Int) throws -> [UInt8] {
        var all: [UInt8] = []
        for piece in 0..<pieces {
            let bytes = (0..<(100 + piece % 37)).map { UInt8(truncatingIfNeeded: piece &* 7 &+ $0) }
            buffer.append { $0 += bytes }
            all += bytes
        }
        return all
    }

    @Test func underTheLimitNothingGoesToDisk() throws {
        let buffer = SpillingBuffer(memoryLimit: 1 << 20)
        let all = try Self.filled(buffer, pieces: 500)
        #expect(!buffer.isOnDisk)
        #expect(buffer.count == all.count)
        #expect(try Array(buffer.read(0..<all.count)) == all)
    }

    @Test func pastTheLimitEveryRangeReadsBack() throws {
        let buffer = SpillingBuffer(memoryLimit: 4096)
        // More than the limit and one piece written to the file, and some left in memory.
        let all = try Self.filled(buffer, pieces: 3000)
        #expect(buffer.isOnDisk)
        #expect(buffer.count == all.count)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = Int.random(in: 0...all.count, using: &generator)
            let b = Int.random(in: 0...all.count, using: &generator)
            let range = min(a, b)..<max(a, b)
            #expect(try Array(buffer.read(range)) == Array(all[range]), "\(range)")
        }
        #expect(try Array(buffer.read(0..<all.count)) == all)
        #expect(try Array(buffer.read((all.count - 10)..<all.count)) == Array(all.suffix(10)))
        #expect(throws: SpillFile.Failure.self) { try buffer.read(0..<(all.count + 1)) }
    }

    /// Where no file can be made the bytes stay in memory, and read back the same.
    @Test func withoutAFileTheBytesStayInMemory() throws {
        let buffer = SpillingBuffer(memoryLimit: 4096, directory: "/nonexistent-folder")
        let all = try Self.filled(buffer, pieces: 300)
        #expect(!buffer.isOnDisk)
        #expect(try Array(buffer.read(0..<all.count)) == all)
        #expect(try Array(buffer.read(5000..<9000)) == Array(all[5000..<9000]))
    }
}
