/// The file Cairo wrote, as the post-writer reads it: its bytes in order, in segments, some of
/// them deflated.
///
/// Cairo leaves its content streams plain (`CairoPlainStreams`), so its file is several times
/// the size it had deflated. A report of ordinary length is one plain segment. A long one
/// (a table of thousands of rows) would hold every page's content plain until the post-writer
/// is done; so once `CairoFileBuffer` holds `rawLimit` plain bytes, what Cairo writes while
/// each further page is shown (the page's content stream and the objects that go with it:
/// whole objects) is deflated as the page is done, kept on disk (`SpillFile`), and read and
/// inflated again when the post-writer reads an object there (`PDFParser`). What Cairo writes
/// after the last page (its fonts, its own structure tree, as long as the table's cells: 16 MB
/// for 13 MB of rows, and the cross-reference table) is deflated in pieces as it is written
/// (kept on disk too), each cut where what Cairo had written ended `endobj`
/// (`CairoFileBuffer`), and the parser checks every such cut against the cross-reference table
/// (`joiningCuts`); what is left plain is deflated in pieces once the parser has read where its
/// objects start (`deflatingTail`).
struct CairoFile {
    struct Segment {
        /// Where its first byte is in the file.
        let start: Int
        /// How many bytes of the file it holds.
        let length: Int
        /// Those bytes, or those bytes deflated: in memory, or on disk (`SpillFile`).
        private let held: Held
        let deflated: Bool
        /// False when it was cut where the bytes so far ended `endobj`, which a stream's data
        /// may do too: an object or the cross-reference table must start where it ends.
        var endChecked = true

        private enum Held {
            case memory([UInt8])
            case disk(SpillFile, offset: Int, count: Int)
        }

        init(start: Int, length: Int, data: [UInt8], deflated: Bool) {
            self.start = start
            self.length = length
            held = .memory(data)
            self.deflated = deflated
        }

        /// `data` written to `spill` when it can be (kept in memory when it cannot).
        init(start: Int, length: Int, data: [UInt8], deflated: Bool, spill: SpillFile?) {
            self.start = start
            self.length = length
            if let spill, let offset = try? spill.append(data) {
                held = .disk(spill, offset: offset, count: data.count)
            } else {
                held = .memory(data)
            }
            self.deflated = deflated
        }

        /// The segment's bytes (deflated if it is), read from disk if they are there.
        var data: [UInt8] {
            get throws {
                switch held {
                case .memory(let bytes): return bytes
                case .disk(let file, let offset, let count): return try file.read(at: offset, count: count)
                }
            }
        }

        /// Whether the bytes are on disk.
        var isOnDisk: Bool { spillFile != nil }

        /// The file the bytes are in, if they are on disk.
        var spillFile: SpillFile? {
            if case .disk(let file, _, _) = held { return file } else { return nil }
        }
    }

    let segments: [Segment]
    /// Past this many bytes the file is long: its tail is deflated too (`deflatingTail`).
    let plainLimit: Int
    /// The tail's pieces are at least this long (each inflated again when an object in it is read).
    let tailPiece: Int

    init(segments: [Segment], plainLimit: Int, tailPiece: Int = 256 << 10) {
        self.segments = segments
        self.plainLimit = plainLimit
        self.tailPiece = tailPiece
    }

    /// A file held whole.
    init(_ bytes: [UInt8]) {
        self.init(
            segments: [Segment(start: 0, length: bytes.count, data: bytes, deflated: false)], plainLimit: .max)
    }

    var count: Int { segments.last.map { $0.start + $0.length } ?? 0 }

    /// The segment holding byte `offset` of the file; nil outside the file.
    func segmentIndex(holding offset: Int) -> Int? {
        guard offset >= 0, offset < count else { return nil }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The file with its last segment, if it is plain, deflated in pieces: up to `end` (the
    /// cross-reference table) pieces of at least `tailPiece` bytes (more when one object is
    /// larger, a font file), each ending only where an object starts: at an offset of
    /// `objectStarts` (the table's) where the file says `n 0 obj`, so no object is cut in two;
    /// then the table and trailer, from `end`, as a piece of their own (read once, by the
    /// parser, before: 20 bytes an object, megabytes for a long table). The pieces are deflated
    /// side by side on every core.
    func deflatingTail(objectStarts: some Sequence<Int>, end: Int) throws -> CairoFile {
        guard let last = segments.last, !last.deflated, last.start <= end, end <= last.start + last.length,
            last.length > tailPiece
        else { return self }
        let bytes = try last.data
        var cuts = [last.start]
        for start in objectStarts.filter({ $0 > last.start && $0 < end }).sorted()
        where start - cuts[cuts.count - 1] >= tailPiece && Self.isObjectStart(bytes[(start - last.start)...]) {
            cuts.append(start)
        }
        cuts += [end, last.start + last.length]
        let pieces = try Concurrently.map(cuts.count - 1) { index in
            try Deflate.compress(bytes[(cuts[index] - last.start)..<(cuts[index + 1] - last.start)])
        }
        var result = Array(segments.dropLast())
        for (index, data) in pieces.enumerated() where cuts[index + 1] > cuts[index] {
            result.append(.init(start: cuts[index], length: cuts[index + 1] - cuts[index], data: data, deflated: true))
        }
        return CairoFile(segments: result, plainLimit: plainLimit, tailPiece: tailPiece)
    }

    /// The file with every segment whose end is not checked joined to the one after it,
    /// unless an object (by the cross-reference table: `objectStarts`) or the table itself
    /// (`xref`) starts where it ends: no object is then split between segments. A cut that
    /// fell inside a stream is undone, the two segments deflated again as one.
    func joiningCuts(objectStarts: Set<Int>, xref: Int) throws -> CairoFile {
        guard segments.contains(where: { !$0.endChecked }) else { return self }
        var result: [Segment] = []
        for segment in segments {
            guard let last = result.last, !last.endChecked else {
                result.append(segment)
                continue
            }
            let end = last.start + last.length
            if objectStarts.contains(end) || end == xref {
                result[result.count - 1].endChecked = true
                result.append(segment)
                continue
            }
            func plain(_ s: Segment) throws -> [UInt8] {
                s.deflated ? try Deflate.decompress(s.data, limit: s.length, expected: s.length) : try s.data
            }
            let bytes = try plain(last) + plain(segment)
            var joined = Segment(
                start: last.start, length: bytes.count, data: try Deflate.compress(bytes), deflated: true)
            joined.endChecked = segment.endChecked
            result[result.count - 1] = joined
        }
        return CairoFile(segments: result, plainLimit: plainLimit, tailPiece: tailPiece)
    }

    /// Whether `bytes` begin `n 0 obj`.
    static func isObjectStart(_ bytes: ArraySlice<UInt8>) -> Bool {
        var at = bytes.startIndex
        while at < bytes.endIndex, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
        return at > bytes.startIndex && bytes[at...].starts(with: " 0 obj".utf8)
    }
}

/// The bytes Cairo's write callback hands over, gathered into a `CairoFile`.
///
/// Plain bytes go into pieces of raw memory (64 KB, then the size so far, up to 1 MB), put
/// together at their size when a segment closes: an array grown by doubling as Cairo writes
/// would hold up to twice the file. Cairo calls the callback for every number and operator it
/// prints when it does not deflate: about a million calls for a dozen reports, so a call is a
/// bounds check and a copy. The stream keeps the buffer alive as long as the surface.
final class CairoFileBuffer {
    /// Plain bytes held before the pages that follow are deflated: over a hundred pages of tables.
    /// A report of ordinary length holds far less, and is never deflated twice.
    let rawLimit: Int
    /// Segments closed: deflated pages, and the plain bytes before each.
    private var closed: [CairoFile.Segment] = []
    /// The plain bytes since the last closed segment: full pieces, then `piece` up to `used`.
    private var full: [UnsafeMutableBufferPointer<UInt8>] = []
    private var piece = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var used = 0
    /// Where the plain bytes since the last closed segment start in the file.
    private var rawStart = 0
    /// Bytes in the file so far, and how many of them are held plain.
    private var total = 0
    private var rawHeld = 0
    private var pageStart = 0
    /// Between `pageBegins` and `pageEnded`: what Cairo writes then is deflated as a whole.
    private var inPage = false
    static let largestPiece = 1 << 20

    /// The size of the pieces a long file's tail is deflated in (`CairoFile.deflatingTail`).
    let tailPiece: Int

    /// Where the closed segments go (made when the first is closed; nil until then, or when
    /// no temporary file can be made and they stay in memory).
    private var spill: SpillFile?
    /// The folder `spill` is made in; nil: the segments stay in memory.
    private let spillDirectory: String?

    init(rawLimit: Int = 2 << 20, tailPiece: Int = 256 << 10, spillDirectory: String? = SpillFile.defaultDirectory) {
        self.rawLimit = rawLimit
        self.tailPiece = tailPiece
        self.spillDirectory = spillDirectory
    }

    /// The file closed segments are written to, made when first needed.
    private func spillFile() -> SpillFile? {
        if spill == nil, let spillDirectory { spill = SpillFile(directory: spillDirectory) }
        return spill
    }

    deinit { releaseRaw() }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var source = bytes.baseAddress, !bytes.isEmpty else { return }
        total += bytes.count
        rawHeld += bytes.count
        if bytes.count <= piece.count - used {
            (piece.baseAddress! + used).initialize(from: source, count: bytes.count)
            used += bytes.count
        } else {
            var remaining = bytes.count
            while remaining > 0 {
                if used == piece.count {
                    if piece.baseAddress != nil { full.append(piece) }
                    piece = .allocate(capacity: min(Self.largestPiece, max(1 << 16, total - rawStart)))
                    used = 0
                }
                let taken = min(remaining, piece.count - used)
                (piece.baseAddress! + used).initialize(from: source, count: taken)
                used += taken
                source += taken
                remaining -= taken
            }
        }
        if !inPage, rawHeld > rawLimit, total - rawStart >= tailPiece { cutAfterObject() }
    }

    /// Cairo is about to write the page it was asked to show.
    func pageBegins() {
        pageStart = total
        inPage = true
    }

    /// Past `rawLimit`, outside a page (what Cairo writes when the file is finished: its fonts,
    /// its own structure tree), the plain bytes are deflated as a segment once there are
    /// `tailPiece` of them and they end `endobj` (whole objects, as far as the ends tell; the
    /// parser checks the cut against the cross-reference table, `CairoFile.joiningCuts`).
    /// Cairo's own tree for a long table is as long as its cells, and was held plain.
    private func cutAfterObject() {
        // Called on every write past the limit: the last bytes are looked at first, in place.
        let word = Self.objectEnd
        guard used >= word.count, piece[(used - word.count)..<used].elementsEqual(word),
            holdsWholeObjects(from: rawStart)
        else { return }
        let run = takeRaw()
        // Deflated if zlib can; plain otherwise (the bytes are taken already).
        let deflated = try? Deflate.compress(run)
        var segment = CairoFile.Segment(
            start: rawStart, length: run.count, data: deflated ?? run, deflated: deflated != nil, spill: spillFile())
        segment.endChecked = false
        closed.append(segment)
        rawHeld -= run.count
        rawStart = total
    }

    /// Pages deflated so far.
    private(set) var pagesDeflated = 0

    /// Cairo has written the page: past `rawLimit`, what it wrote for the page is deflated,
    /// if it is whole objects (`isWholeObjects`: it starts `n 0 obj` and ends `endobj`, as
    /// every page but the first does, whose bytes start with the file's header); else it
    /// stays plain. Only the ends are looked at before the bytes are taken.
    func pageEnded() throws {
        inPage = false
        guard rawHeld > rawLimit, total > pageStart, pageStart >= rawStart, holdsWholeObjects(from: pageStart)
        else { return }
        let run = takeRaw()
        let split = pageStart - rawStart
        let page = run[split...]
        let deflated = try Deflate.compress(page)
        if split > 0 {
            closed.append(
                .init(start: rawStart, length: split, data: Array(run[..<split]), deflated: false, spill: spillFile()))
        }
        closed.append(.init(start: pageStart, length: page.count, data: deflated, deflated: true, spill: spillFile()))
        pagesDeflated += 1
        rawHeld -= page.count
        rawStart = total
    }

    private static let objectEnd = Array("endobj\n".utf8)

    /// Whether the plain bytes from byte `start` of the file to the last written are whole
    /// objects (`isWholeObjects`): only their first and last 64 bytes are looked at.
    private func holdsWholeObjects(from start: Int) -> Bool {
        let ends = min(64, total - start)
        return Self.isWholeObjects(
            head: rawBytes(from: start, count: ends)[...], tail: rawBytes(from: total - ends, count: ends)[...])
    }

    /// Everything written, the buffer emptied.
    func take() -> CairoFile {
        let run = takeRaw()
        var segments = closed
        if !run.isEmpty || segments.isEmpty {
            segments.append(.init(start: rawStart, length: run.count, data: run, deflated: false))
        }
        closed = []
        rawStart = total
        rawHeld = 0
        // The segments hold the file as long as they need it; the buffer lets it go.
        spill = nil
        return CairoFile(segments: segments, plainLimit: rawLimit, tailPiece: tailPiece)
    }

    /// `count` plain bytes from byte `start` of the file (both within the plain bytes held
    /// since the last closed segment), copied out of the pieces.
    private func rawBytes(from start: Int, count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var pieceStart = rawStart
        for buffer in full + [UnsafeMutableBufferPointer(rebasing: piece[..<used])] {
            let from = max(start, pieceStart)
            let to = min(start + count, pieceStart + buffer.count)
            if from < to { bytes += buffer[(from - pieceStart)..<(to - pieceStart)] }
            pieceStart += buffer.count
        }
        return bytes
    }

    /// The plain bytes since the last closed segment in one array; each piece let go once copied.
    private func takeRaw() -> [UInt8] {
        let count = total - rawStart
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for fullPiece in full {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[initialized...]).initialize(from: fullPiece)
                initialized += fullPiece.count
                fullPiece.deallocate()
            }
            full = []
            if used > 0 {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[initialized...]).initialize(
                    from: UnsafeMutableBufferPointer(rebasing: piece[..<used]))
                initialized += used
            }
            assert(initialized == count)
        }
        releaseRaw()
        return bytes
    }

    private func releaseRaw() {
        for fullPiece in full { fullPiece.deallocate() }
        full = []
        piece.deallocate()
        piece = UnsafeMutableBufferPointer(start: nil, count: 0)
        used = 0
    }

    /// Whether bytes that begin with `head` and end with `tail` (their first and last bytes,
    /// at most 64 each) are whole objects as Cairo writes them: `n 0 obj` at the start and
    /// `endobj` at the end, white space around. Only the ends are looked at: it tells what
    /// Cairo wrote for a page from the file's header and from an object cut in two.
    static func isWholeObjects(head: ArraySlice<UInt8>, tail: ArraySlice<UInt8>) -> Bool {
        var at = head.startIndex
        while at < head.endIndex, PDFLexer.isWhitespace(head[at]) { at += 1 }
        guard CairoFile.isObjectStart(head[at...]) else { return false }
        var end = tail.endIndex
        while end > tail.startIndex, PDFLexer.isWhitespace(tail[end - 1]) { end -= 1 }
        let word = Array("endobj".utf8)
        guard end - tail.startIndex >= word.count else { return false }
        let before = end - word.count
        return tail[before..<end].elementsEqual(word)
            && (before == tail.startIndex || !PDFLexer.isRegular(tail[before - 1]))
    }

    static func isWholeObjects(_ bytes: ArraySlice<UInt8>) -> Bool {
        isWholeObjects(head: bytes.prefix(64), tail: bytes.suffix(64))
    }
}
