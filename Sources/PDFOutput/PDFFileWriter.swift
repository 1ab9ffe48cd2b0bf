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
        // Number the objects in the order they are reached.
        var order: [Int] = []
        var numbers = ObjectNumbers(highest: objects.maxNumber)
        func visit(_ value: PDFValue) {
            switch value {
            case .ref(let number):
                guard numbers[number] == nil, objects.has(number) else { return }
                order.append(number)
                numbers[number] = order.count
            case .array(let items): items.forEach(visit)
            case .dict(let dict): dict.entries.forEach { visit($0.value) }
            default: break
            }
        }
        visit(root)
        visit(info)
        var index = 0
        while index < order.count {
            if let reached = objects.reaches(order[index]) {
                for number in reached { visit(.ref(number)) }
            } else if let object = objects[order[index]] {
                visit(object.value)
            }
            index += 1
        }

        // Streams are written as they are; every other object goes, compressed, into object
        // streams of up to `objectsPerStream` (ISO 32000 7.5.7), found through a cross-reference
        // stream (7.5.8): the structure tree alone is hundreds of small dictionaries.
        var out: [UInt8] = []  // the object being written, handed to `output` when complete
        try output.append(header)
        var entries = [(type: UInt8, field: Int, index: Int)](repeating: (0, 0, 0), count: order.count + 1)
        entries[0] = (0, 0, 0xFFFF)
        // Objects to pack: their numbers and where each ends in `packedBytes`.
        var packed: [(number: Int, end: Int)] = []
        let packedBytes = SpillingBuffer(memoryLimit: packedLimit, directory: spillDirectory)
        for old in order {
            guard let object = objects[old], let number = numbers[old] else { continue }
            // Written now, so let go: a long table's structure tree and its pages' content
            // streams are not all held until the file is done.
            objects.release(old)
            // An object numbered through what it says it reaches reaches nothing else unnumbered
            // (a reference left out of `reaches` would be written `null`).
            assert(objects.reaches(old) == nil || object.value.references.allSatisfy { numbers[$0] != nil })
            guard let stream = object.stream, case .dict(var dict) = object.value else {
                packedBytes.append { (bytes: inout [UInt8]) in
                    object.value.write(to: &bytes, numbers: numbers)
                    bytes.append(0x0A)
                }
                packed.append((number, packedBytes.count))
                continue
            }
            entries[number] = (1, output.count, 0)
            dict["Length"] = .int(stream.count)
            out.append(contentsOf: "\(number) 0 obj\n".utf8)
            PDFValue.dict(dict).write(to: &out, numbers: numbers)
            out.append(contentsOf: "\nstream\n".utf8)
            try output.append(out)
            try output.append(stream)
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: "\nendstream\nendobj\n".utf8)
            try output.append(out)
            out.removeAll(keepingCapacity: true)
        }
        var nextNumber = order.count + 1
        // Each object stream's offsets and objects, then all of them deflated side by side.
        var chunkRanges: [Range<Int>] = []
        var chunkOffsets: [[UInt8]] = []
        var chunkNumbers: [Int] = []
        var bodyRanges: [Range<Int>] = []
        for start in stride(from: 0, to: packed.count, by: objectsPerStream) {
            let chunk = packed[start..<min(start + objectsPerStream, packed.count)]
            let streamNumber = nextNumber
            nextNumber += 1
            var offsets: [UInt8] = []
            let first = start == 0 ? 0 : packed[start - 1].end
            for (index, object) in chunk.enumerated() {
                let begin = index == 0 ? first : chunk[chunk.startIndex + index - 1].end
                PDFValue.writeInteger(object.number, to: &offsets)
                offsets.append(0x20)
                PDFValue.writeInteger(begin - first, to: &offsets)
                offsets.append(0x20)
                entries[object.number] = (2, streamNumber, index)
            }
            chunkRanges.append(chunk.indices)
            chunkOffsets.append(offsets)
            chunkNumbers.append(streamNumber)
            bodyRanges.append(first..<chunk.last!.end)
        }
        // Each body is put together only while it is deflated.
        let deflated = try Concurrently.map(bodyRanges.count) {
            try Deflate.compress(chunkOffsets[$0] + packedBytes.read(bodyRanges[$0]))
        }
        for index in chunkRanges.indices {
            let (chunk, offsets, streamNumber) = (packed[chunkRanges[index]], chunkOffsets[index], chunkNumbers[index])
            let data = deflated[index]
            entries.append((1, output.count, 0))
            out.append(contentsOf: "\(streamNumber) 0 obj\n".utf8)
            PDFValue.dict(
                PDFDict([
                    ("Type", .name("ObjStm")), ("N", .int(chunk.count)), ("First", .int(offsets.count)),
                    ("Filter", .name("FlateDecode")), ("Length", .int(data.count)),
                ])
            ).write(to: &out)
            out.append(contentsOf: "\nstream\n".utf8)
            out += data
            out.append(contentsOf: "\nendstream\nendobj\n".utf8)
            try output.append(out)
            out.removeAll(keepingCapacity: true)
        }
        let id = output.identifier()
        let xrefNumber = nextNumber
        let xrefOffset = output.count
        entries.append((1, xrefOffset, 0))
        var table: [UInt8] = []
        for entry in entries {
            table.append(entry.type)
            table += (0..<4).reversed().map { UInt8(truncatingIfNeeded: entry.field >> (8 * $0)) }
            table += [UInt8(truncatingIfNeeded: entry.index >> 8), UInt8(truncatingIfNeeded: entry.index)]
        }
        let data = try Deflate.compress(table)
        out.append(contentsOf: "\(xrefNumber) 0 obj\n".utf8)
        PDFValue.dict(
            PDFDict([
                ("Type", .name("XRef")), ("Size", .int(entries.count)), ("W", .array([.int(1), .int(4), .int(2)])),
                ("Root", root.ref.flatMap { numbers[$0] }.map { .ref($0) } ?? .null),
                ("Info", info.ref.flatMap { numbers[$0] }.map { .ref($0) } ?? .null),
                ("ID", .array([.string(id), .string(id)])),
                ("Filter", .name("FlateDecode")), ("Length", .int(data.count)),
            ])
        ).write(to: &out)
        out.append(contentsOf: "\nstream\n".utf8)
        out += data
        out.append(contentsOf: "\nendstream\nendobj\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        try output.append(out)
        try output.flush()
        return packedBytes.isOnDisk
    }

    static let objectsPerStream = 200
}

/// The final file's number of each object, by its number before (from 1 to the highest in use):
/// an array, as a long table's half a million objects took twice the room in a dictionary.
struct ObjectNumbers {
    private var table: [Int32]

    init(highest: Int) { table = Array(repeating: 0, count: max(highest, 0) + 1) }

    /// nil for an object not written.
    subscript(old: Int) -> Int? {
        get { old >= 0 && old < table.count && table[old] != 0 ? Int(table[old]) : nil }
        set {
            guard old >= 0 else { return }
            if old >= table.count { table += Array(repeating: 0, count: old + 1 - table.count) }
            table[old] = Int32(newValue ?? 0)
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
