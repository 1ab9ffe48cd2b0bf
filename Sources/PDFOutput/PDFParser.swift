/// Reads the PDF file Cairo wrote: its cross-reference table, trailer and every object the
/// table lists (ISO 32000 7.3, 7.5). It reads what Cairo writes (one classic cross-reference
/// section, no object streams, no encryption) and refuses anything else with a clear error.
/// An object the table lists but the file does not hold is left out (Cairo 1.16 can list
/// objects it never writes). The file comes in segments (`CairoFile`), a long document's
/// pages deflated, and its tail too once the table is read (`CairoFile.deflatingTail`): each
/// object is read from the segment that holds it, inflated when needed.
struct PDFParser {
    struct Object {
        var value: PDFValue
        /// The raw (still encoded) data of a stream object.
        var stream: [UInt8]?
    }

    enum Failure: Error, CustomStringConvertible {
        case malformed(String, offset: Int)
        var description: String {
            switch self {
            case .malformed(let what, let offset):
                return
                    "ไฟล์ PDF จาก Cairo ไม่อยู่ในรูปที่คาด / the PDF Cairo wrote is not as expected: \(what) at byte \(offset)"
            }
        }
    }

    private(set) var file: CairoFile
    /// The deflated segment inflated last (the post-writer reads the pages in order, a few
    /// times over, and the tail's objects between them: a deflated segment is inflated again
    /// each time a read comes back to it), and the plain one read from disk last.
    private let inflated = InflatedSegment()
    private let readFromDisk = InflatedSegment()
    private let failures = ReadFailures()
    /// Where each object the cross-reference table lists starts.
    private(set) var offsets: [Int: Int] = [:]
    private(set) var trailer = PDFDict()

    init(_ bytes: [UInt8]) throws { try self.init(CairoFile(bytes)) }

    init(_ file: CairoFile) throws {
        self.file = file
        let last = try file.segments.indices.last.map { try segmentBytes($0) } ?? []
        let tail = String(decoding: last.suffix(64), as: UTF8.self)
        guard let range = tail.range(of: "startxref"),
            let xref = Int(tail[range.upperBound...].split(whereSeparator: { $0.isWhitespace }).first ?? "")
        else {
            throw Failure.malformed("no startxref", offset: file.count)
        }
        offsets = try readXref(at: xref)
        if file.count > file.plainLimit {
            // The tail's cuts made as Cairo wrote it are checked first, so that no object
            // is read from a segment that holds only part of it.
            self.file = try file.joiningCuts(objectStarts: Set(offsets.values), xref: xref)
                .deflatingTail(objectStarts: offsets.values, end: xref)
            inflated.index = -1
            inflated.bytes = []
            readFromDisk.index = -1
            readFromDisk.bytes = []
        }
    }

    /// Object `number`, read now; nil if the table does not list it or the file does not hold it.
    /// Nil too when the bytes that hold it cannot be read back (a temporary file that fails, a
    /// deflated segment that does not inflate): that failure is kept in `readFailure`, for the
    /// writer to throw rather than write a file without the object.
    func object(_ number: Int) -> Object? {
        guard let offset = offsets[number] else { return nil }
        do {
            return try readObject(number, at: offset)
        } catch let failure as SpillFile.Failure {
            failures.first = failures.first ?? failure
        } catch let failure as Deflate.Failure {
            failures.first = failures.first ?? failure
        } catch {}
        return nil
    }

    /// The first failure to read back bytes of the file (see `object`).
    var readFailure: (any Error)? { failures.first }

    /// The bytes of segment `index`, inflated if they are deflated (the last one read from disk
    /// or inflated is kept: an object's neighbours are often read next).
    private func segmentBytes(_ index: Int) throws -> [UInt8] {
        let segment = file.segments[index]
        // Each kind kept apart: reading the objects between pages does not drop a page inflated.
        let kept = segment.deflated ? inflated : readFromDisk
        guard segment.deflated || segment.isOnDisk else { return try segment.data }
        if kept.index == index { return kept.bytes }
        let bytes =
            segment.deflated
            ? try Deflate.decompress(segment.data, limit: segment.length, expected: segment.length) : try segment.data
        guard bytes.count == segment.length else {
            throw Failure.malformed(
                "a deflated page of \(bytes.count) bytes, not \(segment.length)", offset: segment.start)
        }
        kept.index = index
        kept.bytes = bytes
        return bytes
    }

    /// A lexer at byte `offset` of the file, over the segment that holds it (an object is
    /// never split between segments), with the segment's first byte in the file.
    private func lexer(at offset: Int) throws -> (lexer: PDFLexer, start: Int) {
        guard let index = file.segmentIndex(holding: offset) else {
            throw Failure.malformed("an offset outside the file", offset: offset)
        }
        let start = file.segments[index].start
        return (PDFLexer(try segmentBytes(index), at: offset - start), start)
    }

    /// The in-use entries of the cross-reference table, and the trailer.
    private mutating func readXref(at offset: Int) throws -> [Int: Int] {
        var (lexer, start) = try self.lexer(at: offset)
        guard lexer.keyword() == "xref" else { throw Failure.malformed("no xref table", offset: offset) }
        var offsets: [Int: Int] = [:]
        while true {
            let save = lexer.position
            if lexer.keyword() == "trailer" { break }
            lexer.position = save
            guard case .int(let first)? = try? lexer.value(), case .int(let count)? = try? lexer.value(), count >= 0
            else {
                throw Failure.malformed("bad xref section", offset: start + lexer.position)
            }
            for number in first..<(first + count) {
                guard case .int(let entry)? = try? lexer.value(), case .int? = try? lexer.value() else {
                    throw Failure.malformed("bad xref entry", offset: start + lexer.position)
                }
                if lexer.keyword() == "n" { offsets[number] = entry }
            }
        }
        guard case .dict(let dict) = try lexer.value() else {
            throw Failure.malformed("no trailer", offset: start + lexer.position)
        }
        trailer = dict
        return offsets
    }

    private func readObject(_ number: Int, at offset: Int) throws -> Object {
        guard offset >= 0, offset < file.count else {
            throw Failure.malformed("object \(number) outside the file", offset: offset)
        }
        var (lexer, segmentStart) = try self.lexer(at: offset)
        guard case .int(number)? = try? lexer.value(), case .int(0)? = try? lexer.value(), lexer.keyword() == "obj"
        else {
            throw Failure.malformed("object \(number) is not where the table says", offset: offset)
        }
        let value = try lexer.value()
        let save = lexer.position
        guard lexer.keyword() == "stream" else {
            lexer.position = save
            return Object(value: value, stream: nil)
        }
        // The data starts after the end of line that follows `stream`.
        if lexer.peek == 0x0D { lexer.position += 1 }
        if lexer.peek == 0x0A { lexer.position += 1 }
        let length: Int
        switch value.dict?["Length"] {
        case .int(let n)?: length = n
        case .ref(let r)?:
            guard let at = offsets[r], case .int(let n) = try readObject(r, at: at).value else {
                throw Failure.malformed("stream length of object \(number)", offset: offset)
            }
            length = n
        default: throw Failure.malformed("stream without length in object \(number)", offset: offset)
        }
        let start = lexer.position
        guard length >= 0, start + length <= lexer.bytes.count else {
            throw Failure.malformed("stream of object \(number)", offset: segmentStart + start)
        }
        return Object(value: value, stream: Array(lexer.bytes[start..<(start + length)]))
    }
}

/// A segment of Cairo's file a parser inflated or read from disk last; a parser is read from
/// one thread at a time. (At the top level: nested in `PDFParser`, the compiler reports a circular
/// reference in debug builds.)
private final class InflatedSegment {
    var index = -1
    var bytes: [UInt8] = []
}

/// The first failure of a parser to read back its file's bytes (at the top level for the same
/// reason as `InflatedSegment`).
private final class ReadFailures {
    var first: (any Error)?
}

/// The objects of a file as the post-writer sees them: read from the file on first use (objects
/// nothing reaches, such as Cairo's own structure tree, are never read), replaced or added.
final class PDFObjects {
    /// Cairo's file as parsed; nil once detached: only objects already read (or made) are there.
    private var source: Source?
    /// A box for the parser: an optional `PDFParser` stored here makes the compiler report a
    /// circular reference (through `PDFValue` and `PDFDict`) in debug builds.
    private final class Source {
        let parser: PDFParser
        init(_ parser: PDFParser) { self.parser = parser }
    }
    private var known: [Int: PDFParser.Object] = [:]
    private var absent: Set<Int> = []
    /// The first failure to read back Cairo's file (`PDFParser.object`): an object left out
    /// for it is not absent, and the file must not be written without it.
    private(set) var readFailure: (any Error)?
    /// Objects made each time they are asked for, for numbers in a range, and not kept (the
    /// pages' text streams and the parent tree's entries). A box, as `source` is.
    private final class Made {
        let numbers: Range<Int>
        let reaches: (Int) -> [Int]
        let make: (Int) throws -> PDFParser.Object
        init(
            _ numbers: Range<Int>, _ reaches: @escaping (Int) -> [Int],
            _ make: @escaping (Int) throws -> PDFParser.Object
        ) {
            self.numbers = numbers
            self.reaches = reaches
            self.make = make
        }
    }
    private var made: [Made] = []
    /// Objects written all at once, when the file writer comes to the first of them (see
    /// `provideBlock`). A box, as `source` is.
    private final class Block {
        let numbers: Range<Int>
        let write: (_ each: (Int, PDFParser.Object) throws -> Void) throws -> Void
        init(_ numbers: Range<Int>, _ write: @escaping (_ each: (Int, PDFParser.Object) throws -> Void) throws -> Void)
        {
            self.numbers = numbers
            self.write = write
        }
    }
    private var block: Block?
    /// The highest object number in use.
    private(set) var maxNumber: Int

    init(_ parser: PDFParser) {
        source = Source(parser)
        maxNumber = parser.offsets.keys.max() ?? 0
    }

    subscript(number: Int) -> PDFParser.Object? {
        get {
            if let made = made(number) {
                do { return try made.make(number) } catch {
                    if readFailure == nil { readFailure = error }
                    return nil
                }
            }
            if let object = known[number] { return object }
            guard !absent.contains(number), let object = source?.parser.object(number) else {
                absent.insert(number)
                if readFailure == nil { readFailure = source?.parser.readFailure }
                return nil
            }
            known[number] = object
            return object
        }
        set {
            known[number] = newValue
            if newValue != nil { absent.remove(number) }
            maxNumber = max(maxNumber, number)
        }
    }

    /// Whether object `number` is there (one made when asked for is not made to tell).
    func has(_ number: Int) -> Bool {
        if made(number) != nil { return true }
        if let block, block.numbers.contains(number) { return true }
        return self[number] != nil
    }

    /// Objects `numbers` are made by `make` each time they are asked for (by the file writer,
    /// once, to write them), so they are never all held at once. The writer numbers what they
    /// reach through `reaches`, without making them: the references of the object, in the
    /// order they are written, less those certain to be numbered through other objects first.
    /// Numbers in the range are not to be set. An object that cannot be made (its bytes on
    /// disk cannot be read) is missing, and the failure is `readFailure`.
    func provide(
        _ numbers: Range<Int>, reaches: @escaping (Int) -> [Int], by make: @escaping (Int) throws -> PDFParser.Object
    ) {
        made.append(Made(numbers, reaches, make))
        if !numbers.isEmpty { maxNumber = max(maxNumber, numbers.upperBound - 1) }
    }

    /// Objects `numbers`, none of them a stream, are written by `write`, which hands each
    /// (number, value) to its argument, in any order, when the file writer comes to them: the
    /// writer numbers them together, in order, when it first reaches one of them, and never
    /// looks into them for what they reach, so they may reach only objects numbered through
    /// other objects first, and each other. (The structure elements, written from records that
    /// wait on disk: `ArchivalWriter.structTreeRoot`.) Numbers in the range are not to be set.
    func provideBlock(
        _ numbers: Range<Int>, write: @escaping (_ each: (Int, PDFParser.Object) throws -> Void) throws -> Void
    ) {
        block = Block(numbers, write)
        if !numbers.isEmpty { maxNumber = max(maxNumber, numbers.upperBound - 1) }
    }

    /// The numbers of the block `number` is in (see `provideBlock`).
    func block(containing number: Int) -> Range<Int>? {
        guard let block, block.numbers.contains(number) else { return nil }
        return block.numbers
    }

    /// Writes the block (see `provideBlock`).
    func writeBlock(_ each: (Int, PDFParser.Object) throws -> Void) throws { try block?.write(each) }

    /// The range made when asked for that `number` is in (a few ranges at most).
    private func made(_ number: Int) -> Made? { made.first { $0.numbers.contains(number) } }

    /// What object `number` reaches, if it is made when asked for (see `provide`).
    func reaches(_ number: Int) -> [Int]? {
        made(number)?.reaches(number)
    }

    /// The numbers of the objects read or made so far, in order. (A function: as a computed
    /// property it makes the compiler report a circular reference in debug builds.)
    func numbersRead() -> [Int] { known.keys.sorted() }

    /// Lets object `number` go once the final file holds it (`PDFFileWriter` asks for each
    /// object once more to write it, then no more). Asked for again, an object of Cairo's file
    /// is read again while the file is attached; one made by the post-writer is gone, and one
    /// made when asked for (`provide`) is made again.
    func release(_ number: Int) {
        known[number] = nil
    }

    /// Reads every object `value` reaches, then lets Cairo's file go: only objects read or made
    /// are there after. Most of Cairo's file is its own structure tree, which the final file
    /// does not reach, so the post-writer's own tree is made without it in memory.
    func detach(keeping value: PDFValue) {
        var pending = value.references
        var seen: Set<Int> = []
        while let number = pending.popLast() {
            // Objects made when asked for hold nothing of Cairo's file.
            guard seen.insert(number).inserted, made(number) == nil, let object = self[number] else { continue }
            pending += object.value.references
        }
        source = nil
    }
}

/// Tokens and values of PDF syntax from a byte position.
struct PDFLexer {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Character classes by byte: 1 white space, 2 delimiter, 0 regular (ISO 32000 7.2.2).
    private static let classes: [UInt8] = (0..<256).map { byte in
        if [0, 9, 10, 12, 13, 32].contains(byte) { return 1 }
        if Array("()<>[]{}/%".utf8).contains(UInt8(byte)) { return 2 }
        return 0
    }
    static func isWhitespace(_ b: UInt8) -> Bool { classes[Int(b)] == 1 }
    static func isDelimiter(_ b: UInt8) -> Bool { classes[Int(b)] == 2 }
    static func isRegular(_ b: UInt8) -> Bool { classes[Int(b)] == 0 }

    mutating func skipWhitespace() {
        while let b = peek {
            if Self.isWhitespace(b) {
                position += 1
            } else if b == 0x25 {
                while let c = peek, c != 10, c != 13 { position += 1 }
            } else {
                break
            }
        }
    }

    /// A run of regular characters (a keyword or number), or nil at a delimiter.
    mutating func keyword() -> String? {
        let token = regularRun()
        return token.isEmpty ? nil : String(decoding: bytes[token], as: UTF8.self)
    }

    /// The bytes of the run of regular characters after white space.
    private mutating func regularRun() -> Range<Int> {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
        return start..<position
    }

    /// A whole number written with an optional sign and digits only, read without a string.
    private func integer(_ token: Range<Int>) -> Int? {
        var index = token.lowerBound
        var negative = false
        if index < token.upperBound, bytes[index] == 0x2D || bytes[index] == 0x2B {
            negative = bytes[index] == 0x2D
            index += 1
        }
        guard index < token.upperBound, token.count <= 18 else { return nil }
        var value = 0
        while index < token.upperBound {
            let digit = Int(bytes[index]) - 0x30
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    mutating func value() throws -> PDFValue {
        skipWhitespace()
        guard let b = peek else { throw PDFParser.Failure.malformed("unexpected end", offset: position) }
        switch b {
        case 0x2F:
            position += 1
            let start = position
            while let c = peek, !Self.isWhitespace(c), !Self.isDelimiter(c) { position += 1 }
            return .name(String(decoding: bytes[start..<position], as: UTF8.self))
        case 0x28: return .string(try literalString())
        case 0x3C:
            if position + 1 < bytes.count, bytes[position + 1] == 0x3C {
                position += 2
                var dict = PDFDict()
                while true {
                    skipWhitespace()
                    if peek == 0x3E {
                        position += 2
                        return .dict(dict)
                    }
                    guard case .name(let key) = try value() else {
                        throw PDFParser.Failure.malformed("dictionary key", offset: position)
                    }
                    dict.entries.append((key: key, value: try value()))
                }
            }
            return .string(try hexString())
        case 0x5B:
            position += 1
            var items: [PDFValue] = []
            while true {
                skipWhitespace()
                if peek == 0x5D {
                    position += 1
                    return .array(items)
                }
                items.append(try value())
            }
        default:
            let token = regularRun()
            guard !token.isEmpty else { throw PDFParser.Failure.malformed("unexpected character", offset: position) }
            if let number = integer(token) {
                // `n 0 R` is a reference.
                let save = position
                if integer(regularRun()) == 0 {
                    let r = regularRun()
                    if r.count == 1, bytes[r.lowerBound] == UInt8(ascii: "R") { return .ref(number) }
                }
                position = save
                return .int(number)
            }
            let word = String(decoding: bytes[token], as: UTF8.self)
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                guard Double(word) != nil else {
                    throw PDFParser.Failure.malformed("unknown token \(word)", offset: position)
                }
                return .real(word)
            }
        }
    }

    private mutating func literalString() throws -> [UInt8] {
        position += 1
        var out: [UInt8] = []
        var depth = 1
        while let b = peek {
            position += 1
            switch b {
            case 0x28:
                depth += 1
                out.append(b)
            case 0x29:
                depth -= 1
                if depth == 0 { return out }
                out.append(b)
            case 0x5C:
                guard let e = peek else { break }
                position += 1
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case 0x30...0x37:
                    var code = Int(e - 0x30)
                    for _ in 0..<2 {
                        guard let d = peek, (0x30...0x37).contains(d) else { break }
                        code = code * 8 + Int(d - 0x30)
                        position += 1
                    }
                    out.append(UInt8(code & 0xFF))
                case 13: if peek == 10 { position += 1 }
                case 10: break
                default: out.append(e)
                }
            default: out.append(b)
            }
        }
        throw PDFParser.Failure.malformed("unterminated string", offset: position)
    }

    private mutating func hexString() throws -> [UInt8] {
        position += 1
        var digits: [UInt8] = []
        while let b = peek {
            position += 1
            if b == 0x3E {
                if digits.count % 2 == 1 { digits.append(0) }
                return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
            }
            switch b {
            case 0x30...0x39: digits.append(b - 0x30)
            case 0x41...0x46: digits.append(b - 0x37)
            case 0x61...0x66: digits.append(b - 0x57)
            default: continue
            }
        }
        throw PDFParser.Failure.malformed("unterminated hex string", offset: position)
    }
}
