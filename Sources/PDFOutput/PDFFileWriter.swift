import Foundation

/// Writes a PDF file from objects (ISO 32000 7.5): the header, every object reached from the
/// catalog and the document information, renumbered from 1 in the order they are reached, and
/// a cross-reference stream with a file identifier made from the content.
enum PDFFileWriter {
    static let header: [UInt8] = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]

    /// The file written to `output` as it is made: only the objects that go into object streams
    /// wait until the end (they are written after the streams), not the whole file; past
    /// `packedLimit` bytes they wait on disk (`SpillingBuffer`, in `spillDirectory`). Whether
    /// some of them did.
    @discardableResult
    static func write(
        objects: PDFObjects, root: PDFValue, info: PDFValue, to output: FinalFileOutput,
        packedLimit: Int = 4 << 20, spillDirectory: String? = SpillFile.defaultDirectory
    ) throws -> Bool {
        // Number the objects in the order they are reached (a block, `PDFObjects.provideBlock`,
        // all at once: it stands in `order` by its first number).
        var order: [Int] = []
        var numbers = ObjectNumbers(highest: objects.maxNumber)
        var numbered = 0
        func visit(_ value: PDFValue) {
            switch value {
            case .ref(let number):
                guard numbers[number] == nil, objects.has(number) else { return }
                if let block = objects.block(containing: number) {
                    order.append(block.lowerBound)
                    for member in block {
                        numbered += 1
                        numbers[member] = numbered
                    }
                    return
                }
                order.append(number)
                numbered += 1
                numbers[number] = numbered
            case .array(let items): items.forEach(visit)
            case .dict(let dict): dict.entries.forEach { visit($0.value) }
            default: break
            }
        }
        visit(root)
        visit(info)
        var index = 0
        while index < order.count {
            if objects.block(containing: order[index]) != nil {
                // A block reaches nothing it does not find numbered.
            } else if let reached = objects.reaches(order[index]) {
                for number in reached { visit(.ref(number)) }
            } else if let object = objects[order[index]] {
                visit(object.value)
            }
            index += 1
        }

        // Streams are written as they are; every other object goes, compressed, into object
        // streams of up to `objectsPerStream` (ISO 32000 7.5.7), found through a cross-reference
        // stream (7.5.8): the structure tree alone is hundreds of small dictionaries. The object
        // streams are numbered after every object, in order, so each packed object's entry is
        // known when it is packed.
        var out: [UInt8] = []  // the object being written, handed to `output` when complete
        /// Writes stream object `number`: its dictionary with the data's length (references
        /// renumbered through `numbers`), then the data as it is.
        func writeStream(_ number: Int, _ dict: PDFDict, _ data: [UInt8], numbers: ObjectNumbers? = nil) throws {
            var dict = dict
            dict["Length"] = .int(data.count)
            out.append(contentsOf: "\(number) 0 obj\n".utf8)
            PDFValue.dict(dict).write(to: &out, numbers: numbers)
            out.append(contentsOf: "\nstream\n".utf8)
            try output.append(out)
            try output.append(data)
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: "\nendstream\nendobj\n".utf8)
            try output.append(out)
            out.removeAll(keepingCapacity: true)
        }
        try output.append(header)
        var entries = CrossReference(objects: numbered)
        let packing = ObjectPacking(
            firstStreamNumber: numbered + 1,
            bytes: SpillingBuffer(memoryLimit: packedLimit, directory: spillDirectory),
            offsets: SpillingBuffer(memoryLimit: packedLimit, directory: spillDirectory))
        for old in order {
            if objects.block(containing: old) != nil {
                try objects.writeBlock { old, object in
                    guard let number = numbers[old] else { return }
                    assert(
                        object.value.references.allSatisfy { numbers[$0] != nil }, "a block reaches unnumbered objects")
                    entries[number] = packing.pack(number) { object.value.write(to: &$0, numbers: numbers) }
                }
                continue
            }
            guard let object = objects[old], let number = numbers[old] else { continue }
            // Written now, so let go: a long table's structure tree and its pages' content
            // streams are not all held until the file is done.
            objects.release(old)
            // An object numbered through what it says it reaches reaches nothing else unnumbered
            // (a reference left out of `reaches` would be written `null`).
            assert(objects.reaches(old) == nil || object.value.references.allSatisfy { numbers[$0] != nil })
            guard let stream = object.stream, case .dict(let dict) = object.value else {
                entries[number] = packing.pack(number) { object.value.write(to: &$0, numbers: numbers) }
                continue
            }
            entries[number] = try .inFile(at: output.count)
            try writeStream(number, dict, stream, numbers: numbers)
        }
        packing.endStream()
        // The object streams, deflated side by side a few at a time (each body is put together
        // only while it is deflated), written in order.
        let streams = packing.streams
        for batch in stride(from: 0, to: streams.count, by: Self.streamsAtOnce) {
            let range = batch..<min(batch + Self.streamsAtOnce, streams.count)
            let deflated = try Concurrently.map(range.count) { i -> [UInt8] in
                let stream = streams[range.lowerBound + i]
                return try Deflate.compress(
                    Array(try packing.offsets.read(stream.offsets)) + packing.bytes.read(stream.body))
            }
            for (index, data) in zip(range, deflated) {
                let stream = streams[index]
                entries.append(try .inFile(at: output.count))
                try writeStream(
                    packing.firstStreamNumber + index,
                    PDFDict([
                        ("Type", .name("ObjStm")), ("N", .int(stream.count)), ("First", .int(stream.offsets.count)),
                        ("Filter", .name("FlateDecode")),
                    ]), data)
            }
        }
        let nextNumber = packing.firstStreamNumber + streams.count
        // An object that could not be made is not written as missing.
        if let failure = objects.readFailure { throw failure }
        let id = output.identifier()
        let xrefNumber = nextNumber
        let xrefOffset = output.count
        entries.append(try .inFile(at: xrefOffset))
        try writeStream(
            xrefNumber,
            PDFDict([
                ("Type", .name("XRef")), ("Size", .int(entries.count)), ("W", .array([.int(1), .int(4), .int(2)])),
                ("Root", root.ref.flatMap { numbers[$0] }.map { .ref($0) } ?? .null),
                ("Info", info.ref.flatMap { numbers[$0] }.map { .ref($0) } ?? .null),
                ("ID", .array([.string(id), .string(id)])), ("Filter", .name("FlateDecode")),
            ]), try Deflate.compress(entries.table()))
        try output.append(Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8))
        try output.flush()
        return packing.bytes.isOnDisk
    }

    static let objectsPerStream = 200
    /// Object streams deflated together: enough to keep every core busy, few enough that the
    /// deflated streams of a long table are not all held at once.
    static let streamsAtOnce = 32
}

/// The entries of a cross-reference stream (ISO 32000 7.5.8.3), 8 bytes each: written with
/// `W [1 4 2]`, so a file is at most 4 GB.
struct CrossReference {
    struct Entry {
        var type: UInt8
        var index: UInt16
        var field: UInt32

        /// An object written at `offset` of the file.
        static func inFile(at offset: Int) throws -> Entry {
            guard let field = UInt32(exactly: offset) else {
                throw PDFParser.Failure.malformed(
                    "a file past 4 GB, which its cross-reference cannot hold", offset: offset)
            }
            return Entry(type: 1, index: 0, field: field)
        }

        /// Object `index` of object stream `stream`.
        static func packed(in stream: Int, index: Int) -> Entry {
            Entry(type: 2, index: UInt16(truncatingIfNeeded: index), field: UInt32(truncatingIfNeeded: stream))
        }
    }

    private var entries: [Entry]

    /// Room for objects 1 to `objects`, their object streams and the cross-reference stream.
    init(objects: Int) {
        entries = []
        entries.reserveCapacity(objects + 2 + objects / PDFFileWriter.objectsPerStream + 1)
        entries.append(Entry(type: 0, index: 0xFFFF, field: 0))
        entries += repeatElement(Entry(type: 0, index: 0, field: 0), count: objects)
    }

    subscript(number: Int) -> Entry {
        get { entries[number] }
        set { entries[number] = newValue }
    }

    mutating func append(_ entry: Entry) { entries.append(entry) }

    var count: Int { entries.count }

    /// The stream's data: each entry's type, field and index, big-endian.
    func table() -> [UInt8] {
        var table: [UInt8] = []
        table.reserveCapacity(entries.count * 7)
        for entry in entries {
            table.append(entry.type)
            for shift in stride(from: 24, through: 0, by: -8) {
                table.append(UInt8(truncatingIfNeeded: entry.field >> shift))
            }
            table += [UInt8(truncatingIfNeeded: entry.index >> 8), UInt8(truncatingIfNeeded: entry.index)]
        }
        return table
    }
}

/// The small objects of the final file, packed into object streams as they come: each object's
/// bytes in `bytes`, and for each stream its header (each object's number and offset) in
/// `offsets`, both waiting on disk past their limit; only a few numbers a stream are held.
final class ObjectPacking {
    let firstStreamNumber: Int
    let bytes: SpillingBuffer
    let offsets: SpillingBuffer
    /// Each object stream: its header in `offsets`, its objects in `bytes`, how many.
    private(set) var streams: [(offsets: Range<Int>, body: Range<Int>, count: Int)] = []
    private var header: [UInt8] = []
    private var count = 0
    private var bodyStart = 0

    init(firstStreamNumber: Int, bytes: SpillingBuffer, offsets: SpillingBuffer) {
        self.firstStreamNumber = firstStreamNumber
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Packs object `number`, written by `write`; returns its cross-reference entry.
    func pack(_ number: Int, write: (inout [UInt8]) -> Void) -> CrossReference.Entry {
        let offset = bytes.count - bodyStart
        bytes.append { (out: inout [UInt8]) in
            write(&out)
            out.append(0x0A)
        }
        PDFValue.writeInteger(number, to: &header)
        header.append(0x20)
        PDFValue.writeInteger(offset, to: &header)
        header.append(0x20)
        let entry = CrossReference.Entry.packed(in: firstStreamNumber + streams.count, index: count)
        count += 1
        if count == PDFFileWriter.objectsPerStream { endStream() }
        return entry
    }

    /// Ends the object stream being filled, if it holds any object.
    func endStream() {
        guard count > 0 else { return }
        let start = offsets.count
        offsets.append { $0 += header }
        streams.append((start..<offsets.count, bodyStart..<bytes.count, count))
        header.removeAll(keepingCapacity: true)
        count = 0
        bodyStart = bytes.count
    }
}

/// The final file's number of each object, by its number before (from 1 to the highest in use):
/// arrays of 4,096 numbers made as they are first set, as a long table's half a million objects
/// took twice the room in a dictionary, and most of the numbers of Cairo's file (its own
/// structure tree) are never written.
struct ObjectNumbers {
    private var chunks: [[Int32]] = []
    private static let chunkBits = 12

    init(highest: Int) { chunks.reserveCapacity((max(highest, 0) >> Self.chunkBits) + 1) }

    /// nil for an object not written.
    subscript(old: Int) -> Int? {
        get {
            guard old >= 0 else { return nil }
            let chunk = old >> Self.chunkBits
            guard chunk < chunks.count, !chunks[chunk].isEmpty else { return nil }
            let number = chunks[chunk][old & ((1 << Self.chunkBits) - 1)]
            return number != 0 ? Int(number) : nil
        }
        set {
            guard old >= 0 else { return }
            let chunk = old >> Self.chunkBits
            if chunk >= chunks.count { chunks += Array(repeating: [], count: chunk + 1 - chunks.count) }
            if chunks[chunk].isEmpty { chunks[chunk] = Array(repeating: 0, count: 1 << Self.chunkBits) }
            chunks[chunk][old & ((1 << Self.chunkBits) - 1)] = Int32(newValue ?? 0)
        }
    }
}

/// A file identifier (16 bytes) made from the content, so the same content gets the same
/// identifier: two 64-bit FNV-1a hashes with different offsets, fed as the file is written.
struct FileIdentifier {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var (a, b) = (self.a, self.b)
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        (self.a, self.b) = (a, b)
    }

    var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
    }
}

/// Where the post-writer's file goes, in order: counted (for the cross-reference offsets),
/// hashed (for the file identifier) and handed to `sink` in pieces of about 256 KB.
final class FinalFileOutput {
    private(set) var count = 0
    private var identifierSoFar = FileIdentifier()
    private var pending: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void
    static let pieceSize = 1 << 18

    init(sink: @escaping ([UInt8]) throws -> Void) { self.sink = sink }

    func append(_ bytes: [UInt8]) throws {
        count += bytes.count
        bytes.withUnsafeBufferPointer { identifierSoFar.update($0) }
        if pending.isEmpty && bytes.count >= Self.pieceSize {
            try sink(bytes)
            return
        }
        pending += bytes
        if pending.count >= Self.pieceSize { try flush() }
    }

    /// The identifier of everything appended so far.
    func identifier() -> [UInt8] { identifierSoFar.bytes }

    func flush() throws {
        guard !pending.isEmpty else { return }
        try sink(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

/// Edits a page's content stream without disturbing its strings.
enum ContentStreamEditor {
    /// `/<tag> << /MCID n >> BDC` becomes `/Artifact BMC` (ISO 32000 14.8.2.2).
    static func markArtifacts(_ content: [UInt8], tag: String) -> [UInt8] {
        let pattern = Array("/\(tag) << /MCID ".utf8)
        let close = Array(" >> BDC".utf8)
        let replacement = Array("/Artifact BMC".utf8)
        return content.withUnsafeBufferPointer { bytes in
            func matches(_ what: [UInt8], at offset: Int) -> Bool {
                guard offset + what.count <= bytes.count else { return false }
                for k in 0..<what.count where bytes[offset + k] != what[k] { return false }
                return true
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var copied = 0  // bytes before this are in `out`
            var i = 0
            var depth = 0  // inside a literal string: its parenthesis depth
            var inHex = false
            while i < bytes.count {
                let byte = bytes[i]
                if depth > 0 {
                    if byte == 0x5C {  // an escaped character
                        i += 2
                        continue
                    }
                    if byte == 0x28 { depth += 1 } else if byte == 0x29 { depth -= 1 }
                } else if inHex {
                    // Most of a page's bytes are glyph numbers in hex strings: on to the string's end.
                    let rest = bytes.count - i
                    let end = memchr(bytes.baseAddress! + i, 0x3E, rest)
                    i =
                        end.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress! }
                        ?? bytes.count
                    inHex = false
                } else if byte == 0x28 {
                    depth = 1
                } else if byte == 0x3C, i + 1 < bytes.count, bytes[i + 1] != 0x3C, i == 0 || bytes[i - 1] != 0x3C {
                    inHex = true
                } else if byte == 0x2F, matches(pattern, at: i) {
                    var j = i + pattern.count
                    while j < bytes.count, (0x30...0x39).contains(bytes[j]) { j += 1 }
                    if j > i + pattern.count, matches(close, at: j) {
                        out.append(contentsOf: bytes[copied..<i])
                        out.append(contentsOf: replacement)
                        i = j + close.count
                        copied = i
                        continue
                    }
                }
                i += 1
            }
            out.append(contentsOf: bytes[min(copied, bytes.count)...])
            return out
        }
    }
}
