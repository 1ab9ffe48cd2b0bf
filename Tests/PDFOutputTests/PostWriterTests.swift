import Foundation
import PageIR
import TestSupport
import Testing

@testable import PDFOutput

/// The post-writer's parts on inputs made by hand: PDF syntax read and written, content streams
/// edited around strings, zlib, XMP text, the embedded profile.
@Suite struct PostWriterTests {
    func parse(_ text: String) throws -> PDFValue {
        var lexer = PDFLexer(Array(text.utf8), at: 0)
        return try lexer.value()
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(
            #"<< /A 1 /B -2.5 /C (a\(b\)c\n\101) /D <48 65 6C6C6F> /E [1 0 R 2 0 R /N true null] /F << /G false >> >>"#)
        let dict = try #require(value.dict)
        #expect(dict["A"] == .int(1))
        #expect(dict["B"] == .real("-2.5"))
        #expect(dict["C"] == .string(Array("a(b)c\nA".utf8)))
        #expect(dict["D"] == .string(Array("Hello".utf8)))
        #expect(dict["E"] == .array([.ref(1), .ref(2), .name("N"), .bool(true), .null]))
        #expect(dict["F"]?.dict?["G"] == .bool(false))
    }

    @Test func writesWhatItReads() throws {
        let value = PDFValue.dict(
            PDFDict([
                ("Type", .name("Annot")), ("Rect", .array([.number(85.04), .number(-2), .number(0.00004)])),
                ("T", .text("ไทย")), ("P", .ref(7)),
            ]))
        var out: [UInt8] = []
        value.write(to: &out)
        #expect(String(decoding: out, as: UTF8.self).contains("/Rect [85.04 -2 0]"))
        var lexer = PDFLexer(out, at: 0)
        #expect(try lexer.value() == value)
        var renumbered: [UInt8] = []
        var numbers = ObjectNumbers(highest: 7)
        numbers[7] = 3
        value.write(to: &renumbered, numbers: numbers)
        #expect(String(decoding: renumbered, as: UTF8.self).contains("/P 3 0 R"))
    }

    @Test func refusesWhatIsNotAPDF() {
        #expect(throws: PDFParser.Failure.self) { try PDFParser(Array("not a pdf".utf8)) }
        do {
            _ = try PDFParser(Array("%PDF-1.5\nstartxref\n999\n%%EOF".utf8))
            Issue.record("a file with no cross-reference table was read")
        } catch {
            #expect("\(error)".contains("the PDF Cairo wrote is not as expected"))
        }
    }

    @Test func artifactsAreMarkedOutsideStringsOnly() {
        let content = Array("/Private << /MCID 3 >> BDC (/Private << /MCID 4 >> BDC) Tj EMC /P << /MCID 5 >> BDC".utf8)
        let edited = String(decoding: ContentStreamEditor.markArtifacts(content, tag: "Private"), as: UTF8.self)
        #expect(edited == "/Artifact BMC (/Private << /MCID 4 >> BDC) Tj EMC /P << /MCID 5 >> BDC")
        let hex = Array("<2F50726976617465> Tj /Private << /MCID 9 >> BDC".utf8)
        #expect(
            String(decoding: ContentStreamEditor.markArtifacts(hex, tag: "Private"), as: UTF8.self)
                == "<2F50726976617465> Tj /Artifact BMC")
        // A hex string is passed over to its `>`; a dictionary's `<<` opens none; one left open
        // runs to the end.
        for (before, after) in [
            ("<0012>/Private << /MCID 1 >> BDC", "<0012>/Artifact BMC"),
            ("<< /Private << /MCID 2 >> BDC", "<< /Artifact BMC"),
            ("<0012 /Private << /MCID 3 >> BDC", "<0012 /Private << /MCID 3 >> BDC"),
            ("<>/Private << /MCID 4 >> BDC<", "<>/Artifact BMC<"),
        ] {
            #expect(
                String(decoding: ContentStreamEditor.markArtifacts(Array(before.utf8), tag: "Private"), as: UTF8.self)
                    == after)
        }
    }

    /// The final file goes out in order, in pieces of bounded size, counted and identified as
    /// if it had been gathered whole; a failure of the sink stops the writing.
    /// The final numbers by number before: nil for an object not written, numbers past the
    /// highest given at the start still kept, references renumbered or written `null`.
    @Test func objectNumbersRenumberReferences() {
        var numbers = ObjectNumbers(highest: 3)
        numbers[3] = 1
        numbers[10] = 2
        #expect(numbers[3] == 1 && numbers[10] == 2)
        #expect(numbers[0] == nil && numbers[2] == nil && numbers[11] == nil && numbers[-1] == nil)
        var out: [UInt8] = []
        PDFValue.array([.ref(3), .ref(10), .ref(2)]).write(to: &out, numbers: numbers)
        #expect(String(decoding: out, as: UTF8.self) == "[1 0 R 2 0 R null]")
    }

    @Test func theFileGoesOutAsItIsWritten() throws {
        var pieces: [[UInt8]] = []
        let output = FinalFileOutput { pieces.append($0) }
        var whole: [UInt8] = []
        for (index, size) in [15, 3, FinalFileOutput.pieceSize + 7, 1, FinalFileOutput.pieceSize - 2, 40].enumerated() {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
            try output.append(bytes)
            whole += bytes
            #expect(output.count == whole.count)
        }
        let identifier = output.identifier()
        try output.flush()
        #expect(pieces.joined().elementsEqual(whole))
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.count <= 2 * FinalFileOutput.pieceSize })
        var wholeAtOnce = FileIdentifier()
        whole.withUnsafeBufferPointer { wholeAtOnce.update($0) }
        #expect(identifier == wholeAtOnce.bytes)

        struct Full: Error {}
        let failing = FinalFileOutput { _ in throw Full() }
        #expect(throws: Full.self) { try failing.append([UInt8](repeating: 1, count: FinalFileOutput.pieceSize)) }
    }

    /// A marked sequence's owner is kept as a number, and its path comes back from it: each
    /// structure with the ones it was begun in, a cell begun again on the next page apart.
    @Test func pathsComeBackFromTheirInnermostStructure() {
        var marker = ContentMarker()
        let table = Structure(role: .table, id: 1)
        let row = Structure(role: .row(index: 0, isGroup: false), id: 2)
        let cell = Structure(role: .cell(column: 0, span: 1), id: 3)
        for structure in [table, row, cell] { marker.begin(structure) }
        _ = marker.switchTo(marker.owner(decoration: false))
        _ = marker.switchTo(marker.owner(decoration: true))
        let (_, first, _) = marker.finishPage()
        marker.end()
        marker.begin(cell)
        _ = marker.switchTo(marker.owner(decoration: false))
        let (_, second, _) = marker.finishPage()

        #expect(first.contents.count == 2 && first.contents[1] == -1, "the rule is an artifact")
        #expect(marker.paths.path(first.contents[0]) == [table, row, cell])
        #expect(marker.paths.path(second.contents[0]) == [table, row, cell])
        #expect(first.contents[0] != second.contents[0])
        guard case .begin(let rowIndex) = first.events[1] else {
            Issue.record("\(first.events)")
            return
        }
        #expect(marker.paths.path(rowIndex) == [table, row])
    }

    /// Every role and its numbers come back as they were begun (the paths keep them packed).
    @Test func everyRoleComesBackFromThePaths() {
        let roles: [Structure.Role] = [
            .heading(level: 3), .paragraph, .table, .headerRow(repeated: true), .headerRow(repeated: false),
            .row(index: 41, isGroup: true), .row(index: 7, isGroup: false), .cell(column: 2, span: 3, rows: 4),
            .figure(alt: "ตราสัญลักษณ์"), .list, .listItem, .listLabel, .listBody, .contentsEntry, .artifact,
        ]
        let paths = StructurePaths()
        let structures = roles.enumerated().map { Structure(role: $1, id: 1_000 + $0) }
        var parent: Int32 = -1
        for structure in structures { parent = paths.add(structure, parent: parent) }
        #expect(paths.count == roles.count)
        #expect(paths.path(parent) == structures)
        #expect(paths.structure(8) == Structure(role: .figure(alt: "ตราสัญลักษณ์"), id: 1_008))
        #expect(paths.parent(0) == -1 && paths.parent(5) == 4)
    }

    /// A file as Cairo writes one: objects numbered from 1, a cross-reference table, a trailer.
    func file(_ objects: [String]) -> [UInt8] {
        var text = "%PDF-1.5\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(text.utf8)
    }

    /// Detached from Cairo's file, the objects keep all that the catalog reaches, through
    /// objects already read and changed too, and nothing else (Cairo's own structure tree).
    @Test func detachingKeepsWhatTheCatalogReaches() throws {
        let objects = PDFObjects(
            try PDFParser(
                file([
                    "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                    "<< /Type /StructTreeRoot /K 6 0 R >>",
                    "<< /Type /Font /Subtype /TrueType >>",
                    "<< /Type /StructElem /S /P >>",
                ])))
        // The page is read and changed before, as the post-writer does with every page.
        var page = try #require(objects[3]?.value.dict)
        page["Tabs"] = .name("S")
        objects[3]?.value = .dict(page)
        var catalog = try #require(objects[1]?.value.dict)
        catalog["StructTreeRoot"] = nil
        objects.detach(keeping: .dict(catalog))
        #expect(objects[2]?.value.dict?["Type"]?.nameValue == "Pages")
        #expect(objects[3]?.value.dict?["Tabs"]?.nameValue == "S")
        #expect(objects[5]?.value.dict?["Subtype"]?.nameValue == "TrueType")
        #expect(objects[4] == nil && objects[6] == nil)
    }

    /// Objects made when asked for are made each time, not kept, count in the highest number,
    /// are numbered through what they reach, and are written like any other: the file, read
    /// back by qpdf, holds them.
    @Test func objectsMadeWhenAskedForAreWritten() throws {
        let objects = PDFObjects(
            try PDFParser(
                file([
                    "<< /Type /Catalog /Pages 2 0 R /Extra 4 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
                ])))
        var made: [Int] = []
        objects.provide(4..<7, reaches: { $0 < 6 ? [$0 + 1] : [] }) { number in
            made.append(number)
            let next: PDFValue = number < 6 ? .ref(number + 1) : .null
            return PDFParser.Object(value: .dict(PDFDict([("N", .int(number)), ("Next", next)])), stream: nil)
        }
        #expect(objects.maxNumber == 6)
        #expect(objects[5]?.value.dict?["N"] == .int(5) && objects[5] != nil)
        #expect(made == [5, 5], "made each time, not kept")
        #expect(objects[7] == nil)
        made = []
        var bytes: [UInt8] = []
        try PDFFileWriter.write(
            objects: objects, root: .ref(1), info: .null, to: FinalFileOutput { bytes += $0 })
        #expect(made == [4, 5, 6], "made once, to be written: what they reach is numbered without them")
        let json = try Self.checkedByQPDF(bytes)
        #expect(json.contains("\"/N\": 6") && json.contains("\"/N\": 4"))
    }

    /// A block of objects is numbered together when one of them is first reached, written once
    /// in the order its writer gives them, and reaches what was numbered before it: the file,
    /// read back by qpdf, holds every object with its references.
    @Test func aBlockIsNumberedTogetherAndWrittenOnce() throws {
        let objects = PDFObjects(
            try PDFParser(
                file([
                    "<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
                ])))
        var writes = 0
        // Objects 4 to 7, written last first, each naming the page and the next.
        objects.provideBlock(4..<8) { each in
            writes += 1
            for number in (4..<8).reversed() {
                let next: PDFValue = number < 7 ? .ref(number + 1) : .ref(4)
                try each(
                    number,
                    PDFParser.Object(
                        value: .dict(PDFDict([("N", .int(number)), ("Next", next), ("Page", .ref(3))])), stream: nil))
            }
        }
        #expect(objects.maxNumber == 7 && objects.has(5) && objects.block(containing: 7) == 4..<8)
        var bytes: [UInt8] = []
        try PDFFileWriter.write(
            objects: objects, root: .ref(1), info: .null, to: FinalFileOutput { bytes += $0 })
        #expect(writes == 1)
        let json = try Self.checkedByQPDF(bytes)
        // Each object of the block by its `N`, as qpdf reads it: its number, and what it names.
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let file = try #require((parsed["qpdf"] as? [Any])?.last as? [String: Any])
        var byN: [Int: (ref: String, value: [String: Any])] = [:]
        var page = ""
        for (key, object) in file {
            guard let value = (object as? [String: Any])?["value"] as? [String: Any] else { continue }
            let ref = String(key.dropFirst(4))  // "obj:4 0 R"
            if let n = value["/N"] as? Int { byN[n] = (ref, value) }
            if value["/Type"] as? String == "/Page" { page = ref }
        }
        #expect(Set(byN.keys) == [4, 5, 6, 7])
        // Numbered together when the catalog names one of them, after the page tree it names first.
        #expect(byN.keys.sorted().map { byN[$0]!.ref } == ["3 0 R", "4 0 R", "5 0 R", "6 0 R"])
        for n in 4..<8 {
            #expect(byN[n]?.value["/Next"] as? String == byN[n < 7 ? n + 1 : 4]?.ref)
            #expect(byN[n]?.value["/Page"] as? String == page && !page.isEmpty)
        }
    }

    /// `bytes` as a file that `qpdf --check` finds sound; its objects as qpdf reads them (JSON).
    static func checkedByQPDF(_ bytes: [UInt8]) throws -> String {
        let scratch = ScratchDirectory()
        let path = scratch.url.appendingPathComponent("written.pdf")
        try Data(bytes).write(to: path)
        let check = try runProcess("qpdf", ["--check", path.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        return try runProcess("qpdf", ["--json", "--json-key=qpdf", path.path]).stdout
    }

    /// The small objects that go into object streams wait on disk past the limit: the same
    /// file as when they wait in memory, which qpdf reads whole.
    @Test func packedObjectsPastTheLimitWaitOnDisk() throws {
        let count = 3000
        let kids = (0..<count).map { "\($0 + 4) 0 R" }.joined(separator: " ")
        let bodies =
            [
                "<< /Type /Catalog /Pages 2 0 R /Extra [\(kids)] >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
            ] + (0..<count).map { "<< /S /TD /N \($0) /Alt (cell \($0) of the table) >>" }
        func written(packedLimit: Int, in directory: String? = SpillFile.defaultDirectory) throws -> (
            bytes: [UInt8], onDisk: Bool
        ) {
            var bytes: [UInt8] = []
            let onDisk = try PDFFileWriter.write(
                objects: PDFObjects(try PDFParser(file(bodies))), root: .ref(1), info: .null,
                to: FinalFileOutput { bytes += $0 }, packedLimit: packedLimit, spillDirectory: directory)
            return (bytes, onDisk)
        }
        let inMemory = try written(packedLimit: 4 << 20)
        let (onDisk, wentToDisk) = try written(packedLimit: 1024)
        #expect(!inMemory.onDisk && wentToDisk)
        #expect(onDisk == inMemory.bytes)
        // Where no file can be made they stay in memory: the same file again.
        let (stayed, stayedOnDisk) = try written(packedLimit: 1024, in: "/nonexistent-folder")
        #expect(!stayedOnDisk && stayed == inMemory.bytes)
        let json = try Self.checkedByQPDF(onDisk)
        #expect(json.contains("\"/N\": 0,") && json.contains("\"/N\": \(count - 1),"))
    }

    @Test func deflateRoundTrips() throws {
        let text = Array(String(repeating: "BT /F1 12 Tf (สวัสดี) Tj ET\n", count: 500).utf8)
        let packed = try Deflate.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(try Deflate.decompress(packed) == text)
        #expect(throws: Deflate.Failure.self) { try Deflate.decompress(Array("not zlib".utf8)) }
    }

    @Test func xmpEscapesTextAndDropsControls() {
        let metadata = DocumentMetadata(title: "a <b> & \"c\"\u{1B}", author: "ผู้เขียน", subject: "s", date: "2021-03")
        let xmp = String(decoding: XMPPacket.make(metadata, producer: "p", tagged: true), as: UTF8.self)
        #expect(xmp.contains("a &lt;b&gt; &amp; &quot;c&quot;</rdf:li>"))
        #expect(!xmp.contains("\u{1B}"))
        #expect(xmp.contains("<xmp:CreateDate>2021-03-01T00:00:00Z</xmp:CreateDate>"))
        #expect(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"))
        #expect(
            !String(decoding: XMPPacket.make(metadata, producer: "p", tagged: false), as: UTF8.self)
                .contains("pdfuaid"))
    }

    @Test func datesComeFromTheReport() {
        #expect(PDFDate("2021-03").pdf == "D:20210301000000Z")
        #expect(PDFDate("2021-03-15").xmp == "2021-03-15T00:00:00Z")
        #expect(PDFDate("nonsense").pdf == "D:00010101000000Z")
    }

    @Test func embeddedProfileIsTheBundledFile() throws {
        let file = try Data(contentsOf: Repo.root.appendingPathComponent("Resources/sRGB.icc"))
        #expect(SRGBProfile.bytes == [UInt8](file))
        #expect(String(decoding: SRGBProfile.bytes[36..<40], as: UTF8.self) == "acsp")
    }
}
