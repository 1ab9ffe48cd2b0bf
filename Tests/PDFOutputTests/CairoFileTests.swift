import DocumentClasses
import FontSystem
import Foundation
import ReportInput
import TestSupport
import Testing

@testable import PDFOutput

/// Cairo's file gathered with a long document's pages deflated as they are done: by hand (the
/// buffer's segments, read back by the parser), and the sample report written with its pages
/// deflated from the first (the limit at nothing), read back with qpdf and compared byte for
/// byte with the file written plain.
@Suite struct CairoFileTests {
    /// What `buffer` is handed, as Cairo's write callback hands it: in small pieces.
    static func write(_ text: String, to buffer: CairoFileBuffer) {
        let bytes = Array(text.utf8)
        var at = 0
        while at < bytes.count {
            let end = min(at + 7, bytes.count)
            bytes[at..<end].withUnsafeBufferPointer { buffer.append($0) }
            at = end
        }
    }

    /// A file as Cairo writes one: a header, each "page" of whole objects written while the page
    /// is shown (a stream whose length is an object after it), then the page tree and the
    /// cross-reference table. Gives the file gathered by `buffer` and the same file whole.
    /// `tailObjects` more objects of about 200 bytes after the pages, as Cairo writes its own
    /// structure tree there.
    static func file(into buffer: CairoFileBuffer, pages: Int, tailObjects: Int = 0) -> (
        gathered: CairoFile, whole: [UInt8]
    ) {
        var text = "%PDF-1.5\n"
        var offsets: [Int: Int] = [:]
        var number = 1
        func object(_ body: String) {
            offsets[number] = text.utf8.count
            text += "\(number) 0 obj\n\(body)\nendobj\n"
            number += 1
        }
        write(text, to: buffer)
        var contents: [Int] = []
        for page in 0..<pages {
            buffer.pageBegins()
            let before = text.utf8.count
            // The second page's content crosses pieces of the buffer (64 KB, then larger).
            let rules = page == 1 ? 9000 : page + 1
            let content = "BT /F1 12 Tf (page \(page)) Tj ET\n" + String(repeating: "0 0 m 10 10 l S\n", count: rules)
            contents.append(number)
            object("<< /Length \(number + 1) 0 R >>\nstream\n\(content)endstream")
            object("   \(content.utf8.count)")
            write(String(decoding: Array(text.utf8)[before...], as: UTF8.self), to: buffer)
            try! buffer.pageEnded()
        }
        let before = text.utf8.count
        for index in 0..<tailObjects {
            // A stream that holds what looks like the start of an object, so only the table's
            // offsets can tell where objects start.
            object(
                index % 2 == 0
                    ? "<< /S /TD /P 1 0 R /K [\(index) \(index + 1)] /Alt (cell \(index) of the table) >>"
                    : "<< /Length 26 >>\nstream\nendobj\n\(String(format: "%06d", index)) 0 obj\n<< >>\nendstream")
        }
        let kids = contents.map { "\($0 + 100) 0 R" }.joined(separator: " ")
        object("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        let xref = text.utf8.count
        text += "xref\n0 \(number)\n0000000000 65535 f \n"
        for n in 1..<number { text += String(format: "%010ld 00000 n \n", offsets[n]!) }
        text += "trailer\n<< /Size \(number) /Root \(number - 1) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        write(String(decoding: Array(text.utf8)[before...], as: UTF8.self), to: buffer)
        return (buffer.take(), Array(text.utf8))
    }

    /// In the temporary folder; told to stay in memory; in a folder where no file can be made
    /// (they stay in memory).
    @Test(arguments: [SpillFile.defaultDirectory, nil, "/nonexistent-folder"])
    func pagesPastTheLimitAreDeflatedAndReadBack(spillDirectory: String?) throws {
        let (gathered, whole) = Self.file(into: CairoFileBuffer(rawLimit: 0, spillDirectory: spillDirectory), pages: 3)
        // The header plain, each page deflated, the rest plain; every segment closed while the
        // pages were drawn kept on disk when a file can be made there, what was written after
        // them in memory.
        let spills = spillDirectory == SpillFile.defaultDirectory
        #expect(gathered.segments.map(\.deflated) == [false, true, true, true, false])
        #expect(gathered.segments.map(\.isOnDisk) == [spills, spills, spills, spills, false])
        #expect(gathered.count == whole.count)
        for segment in gathered.segments {
            let bytes = try segment.deflated ? Deflate.decompress(segment.data) : segment.data
            #expect(bytes[...] == whole[segment.start..<(segment.start + segment.length)])
        }
        #expect(gathered.segmentIndex(holding: 0) == 0)
        #expect(gathered.segmentIndex(holding: gathered.segments[2].start) == 2)
        #expect(gathered.segmentIndex(holding: gathered.segments[2].start - 1) == 1)
        #expect(gathered.segmentIndex(holding: whole.count - 1) == 4)
        #expect(gathered.segmentIndex(holding: whole.count) == nil)
        #expect(gathered.segmentIndex(holding: -1) == nil)
        // Every object reads back as from the whole file, streams and their lengths too.
        let plain = try PDFParser(whole)
        let segmented = try PDFParser(gathered)
        #expect(segmented.offsets == plain.offsets)
        for number in plain.offsets.keys.sorted() {
            let expected = try #require(plain.object(number))
            let read = try #require(segmented.object(number))
            #expect(read.value == expected.value)
            #expect(read.stream == expected.stream)
        }
        #expect(try #require(segmented.object(1)?.stream).starts(with: Array("BT /F1 12 Tf (page 0)".utf8)))
    }

    /// What Cairo writes after the last page of a long document is deflated in pieces as it is
    /// written, each cut after an object and checked against the cross-reference table once
    /// the parser has read it; every object reads back as from the whole file.
    @Test func aLongFilesTailIsDeflatedInPiecesWhereObjectsStart() throws {
        let (gathered, whole) = Self.file(
            into: CairoFileBuffer(rawLimit: 0, tailPiece: 16 << 10), pages: 2, tailObjects: 12000)
        let plain = try PDFParser(whole)
        let tailStart = try #require(plain.offsets[5])  // the first object after the pages
        #expect(gathered.segments.filter { $0.start >= tailStart && $0.deflated }.count >= 20, "cut as written")
        #expect(
            gathered.segments.filter { $0.deflated }.allSatisfy { $0.isOnDisk }, "pieces cut as written kept on disk")
        let parser = try PDFParser(gathered)
        let tail = parser.file.segments.filter { $0.start >= tailStart }
        #expect(tail.count >= 20)
        #expect(tail.allSatisfy { $0.deflated && $0.endChecked })
        // The cross-reference table and trailer, read already, a piece of their own.
        #expect(try Deflate.decompress(tail.last!.data).starts(with: Array("xref\n".utf8)))
        #expect(parser.file.count == whole.count)
        let objectStarts = Set(plain.offsets.values)
        for segment in tail.dropLast() {
            let startsAnObject =
                objectStarts.contains(segment.start) && CairoFile.isObjectStart(whole[segment.start...])
            #expect(startsAnObject, "a piece starts at byte \(segment.start), not where an object starts")
        }
        for segment in parser.file.segments {
            let bytes = try segment.deflated ? Deflate.decompress(segment.data) : segment.data
            let same = bytes[...] == whole[segment.start..<(segment.start + segment.length)]
            #expect(same, "the segment at byte \(segment.start) is not the file's bytes")
        }
        for number in plain.offsets.keys.sorted() {
            let read = parser.object(number)
            let expected = plain.object(number)
            let same = read != nil && read?.value == expected?.value && read?.stream == expected?.stream
            #expect(same, "object \(number) does not read back as from the whole file")
        }
        // A file under its limit keeps its tail plain.
        let (short, _) = Self.file(into: CairoFileBuffer(), pages: 2, tailObjects: 6000)
        #expect(short.segments.count == 1)
        #expect(try PDFParser(short).file.segments.count == 1)
    }

    /// A stream whose data ends a piece of writing with `endobj` is cut there as Cairo writes
    /// it; the parser finds no object starting at the cut and joins the two segments again.
    @Test func aCutInsideAStreamIsJoinedAgain() throws {
        let buffer = CairoFileBuffer(rawLimit: 0, tailPiece: 64)
        var text = ""
        var offsets: [Int] = []
        func write(_ chunk: String) {
            text += chunk
            Array(chunk.utf8).withUnsafeBufferPointer { buffer.append($0) }
        }
        write("%PDF-1.5\n")
        let filler = String(repeating: "0 0 m 10 10 l S\n", count: 8)
        // A page first, deflated as it is done: what follows is Cairo's tail.
        buffer.pageBegins()
        let pageOffset = text.utf8.count
        write("4 0 obj\n<< /Length \(filler.utf8.count) >>\nstream\n\(filler)endstream\nendobj\n")
        try buffer.pageEnded()
        let data = filler + "\nendobj\n" + filler
        offsets.append(text.utf8.count)
        // The stream's data ends a piece of writing with `endobj`: a cut the table disowns.
        write("1 0 obj\n<< /Length \(data.utf8.count) >>\nstream\n" + filler + "\nendobj\n")
        write(filler + "\nendstream\nendobj\n")
        offsets.append(text.utf8.count)
        write("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 /Note (\(filler)) >>\nendobj\n")
        offsets.append(text.utf8.count)
        write("3 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        let xref = text.utf8.count
        var table = "xref\n0 5\n0000000000 65535 f \n"
        for offset in offsets + [pageOffset] { table += String(format: "%010ld 00000 n \n", offset) }
        write(table + "trailer\n<< /Size 5 /Root 3 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        let gathered = buffer.take()
        let whole = Array(text.utf8)
        let cutInside =
            offsets[0] + "1 0 obj\n<< /Length \(data.utf8.count) >>\nstream\n".utf8.count
            + (filler + "\nendobj\n").utf8.count
        #expect(gathered.segments.contains { $0.start + $0.length == cutInside && !$0.endChecked }, "cut inside")
        let parser = try PDFParser(gathered)
        #expect(!parser.file.segments.contains { $0.start + $0.length == cutInside }, "joined again")
        #expect(parser.file.segments.allSatisfy { $0.endChecked })
        let plain = try PDFParser(whole)
        #expect(gathered.segments.filter { $0.deflated }.count >= 2, "the page, and the tail cut")
        for number in 1...4 {
            let read = try #require(parser.object(number))
            #expect(read.value == plain.object(number)?.value && read.stream == plain.object(number)?.stream)
        }
        #expect(try #require(parser.object(1)?.stream) == Array(data.utf8))
    }

    /// Bytes of a segment on disk that cannot be read back (the file cut short under it): the
    /// object there is left out as if absent, but the failure is kept for the writer to throw.
    @Test func aSegmentThatCannotBeReadBackIsAFailureNotAGap() throws {
        let (gathered, _) = Self.file(into: CairoFileBuffer(rawLimit: 0), pages: 2)
        let parser = try PDFParser(gathered)
        let file = try #require(gathered.segments.first { $0.isOnDisk }?.spillFile)
        #expect(ftruncate(file.descriptor, 0) == 0)
        let objects = PDFObjects(parser)
        #expect(objects.readFailure == nil)
        #expect(objects[1] == nil)
        let failure = try #require(objects.readFailure as? SpillFile.Failure)
        #expect(failure.description.contains("cannot read or write a temporary file"))
    }

    @Test func belowTheLimitTheFileIsOnePlainSegment() throws {
        let (gathered, whole) = Self.file(into: CairoFileBuffer(), pages: 3)
        #expect(gathered.segments.count == 1)
        #expect(try gathered.segments[0].data == whole)
        #expect(!gathered.segments[0].deflated)
    }

    @Test func bytesThatAreNotWholeObjectsStayPlain() throws {
        let buffer = CairoFileBuffer(rawLimit: 0)
        Self.write("%PDF-1.5\n", to: buffer)
        buffer.pageBegins()
        Self.write("1 0 obj\n<< /Length 2 0 R >>\nstream\nhalf a stream", to: buffer)
        try buffer.pageEnded()
        buffer.pageBegins()
        Self.write("\nendstream\nendobj\n", to: buffer)
        try buffer.pageEnded()
        let file = buffer.take()
        #expect(file.segments.map(\.deflated) == [false])
        #expect(
            try file.segments[0].data
                == Array("%PDF-1.5\n1 0 obj\n<< /Length 2 0 R >>\nstream\nhalf a stream\nendstream\nendobj\n".utf8))
        #expect(CairoFileBuffer.isWholeObjects(Array(" 12 0 obj\n<< >>\nendobj\n".utf8)[...]))
        #expect(!CairoFileBuffer.isWholeObjects(Array("12 0 R endobj".utf8)[...]))
        #expect(!CairoFileBuffer.isWholeObjects(Array("obj\nendobj\n".utf8)[...]))
        #expect(!CairoFileBuffer.isWholeObjects(Array("%PDF-1.5\n1 0 obj\n<< >>\nendobj\n".utf8)[...]))
        #expect(!CairoFileBuffer.isWholeObjects(Array("1 0 obj\n(notendobj\n".utf8)[...]))
    }

    /// The sample written with its pages deflated as they are done, from the first (no plain
    /// bytes allowed; the first page's bytes begin with the file's header and stay plain), and
    /// what Cairo writes after the last page deflated in pieces of 4 KB: a sound file (qpdf),
    /// the same bytes as the file written plain.
    @Test func theSampleWithItsPagesDeflatedIsTheSameFile() throws {
        let scratch = ScratchDirectory()
        let report = try ReportLoader.load(dataFile: Repo.sample).report
        let document = ITADocument(fonts: try FontSystem(directory: Repo.fonts))
        var files: [[UInt8]] = []
        var deflated: [Int] = []
        var pages: [Int] = []
        for (name, limit) in [("plain.pdf", Int.max), ("deflated.pdf", 0)] {
            let path = scratch.url.appendingPathComponent(name).path
            let buffer = CairoFileBuffer(rawLimit: limit, tailPiece: 4096)
            let stream = try PDFStream(path: path, options: PDFOptions(producer: "test"), cairoFile: buffer)
            _ = try document.typeset(report, to: stream)
            deflated.append(buffer.pagesDeflated)
            let check = try runProcess("qpdf", ["--check", path])
            #expect(check.status == 0, "\(name): \(check.stdout)\(check.stderr)")
            pages.append(
                Int(
                    try runProcess("qpdf", ["--show-npages", path]).stdout.trimmingCharacters(
                        in: .whitespacesAndNewlines)) ?? 0)
            files.append(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let same = files[0] == files[1]
        #expect(same, "the file written with its pages and tail deflated is not the file written plain")
        #expect(pages[1] > 20)
        #expect(deflated == [0, pages[1] - 1])
    }
}
