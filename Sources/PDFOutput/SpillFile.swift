import Foundation

/// Bytes a long document's PDF needs again only at the end (Cairo's pages, deflated as each is
/// drawn; the final file's small objects until they are packed), kept on disk instead of in
/// memory: an unnamed file in the temporary folder (`$TMPDIR`, else `/tmp`), made with
/// `O_TMPFILE` so that it never has a name and the system removes it when it is closed or the
/// process ends, however it ends. On a file system without unnamed files it is made with a
/// name (`.thaireport-…`) and unlinked at once.
///
/// Written by one thread while the pages are drawn, read (`pread`, which moves no shared file
/// position) by any once they are; `size` changes only while written.
final class SpillFile: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "อ่านหรือเขียนไฟล์ชั่วคราวไม่สำเร็จ / cannot read or write a temporary file: \(reason)" }
    }

    /// (Internal for the tests.)
    let descriptor: Int32
    /// Bytes written so far: where the next bytes go.
    private(set) var size = 0

    /// The temporary folder: `$TMPDIR` when set, else `/tmp` (read once: every PDF asks).
    static let defaultDirectory: String = {
        if let directory = ProcessInfo.processInfo.environment["TMPDIR"], !directory.isEmpty { return directory }
        return "/tmp"
    }()

    /// Linux's `__O_TMPFILE` (`O_TMPFILE` is it with `O_DIRECTORY`; the C macro does not reach Swift).
    private static let unnamedFile: Int32 = 0o20_000_000

    /// Nil when no temporary file can be made in `directory` (the caller keeps the bytes in
    /// memory). `unnamed`: try `O_TMPFILE` first (false only to test the named way).
    init?(directory: String = SpillFile.defaultDirectory, unnamed: Bool = true) {
        var made = unnamed ? open(directory, O_RDWR | O_DIRECTORY | Self.unnamedFile | O_CLOEXEC, 0o600) : -1
        if made < 0 {
            var template = Array((directory + "/.thaireport-XXXXXX").utf8CString)
            made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard made >= 0 else { return nil }
            _ = fcntl(made, F_SETFD, FD_CLOEXEC)
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        }
        descriptor = made
    }

    deinit { close(descriptor) }

    /// Writes `bytes` at the end; where they start.
    func append(_ bytes: [UInt8]) throws -> Int {
        let start = size
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(start + done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw Failure(reason: String(cString: strerror(errno))) }
                done += written
            }
        }
        size += bytes.count
        return start
    }

    /// `count` bytes from `offset`, as written.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= size else {
            throw Failure(reason: "bytes \(offset)..<\(offset + count) of \(size)")
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let got = pread(
                    descriptor, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {
                    throw Failure(
                        reason: got == 0 ? "the file is shorter than written" : String(cString: strerror(errno)))
                }
                initialized += got
            }
        }
    }
}

/// Bytes appended in order and read back by range, held in memory up to `memoryLimit` and from
/// then on in an unnamed temporary file (`SpillFile`), in pieces of `writeSize`. The final
/// file's small objects wait in one until they are packed into object streams at its end: a
/// long table's hundred thousand structure elements are tens of megabytes. A buffer that stays
/// under the limit (every report of ordinary length) never touches the disk; one whose file
/// cannot be made or written stays in memory.
final class SpillingBuffer {
    let memoryLimit: Int
    static let writeSize = 1 << 18

    /// Bytes not in the file yet (all of them until the limit is passed).
    private var held: [UInt8] = []
    private var spill: SpillFile?
    /// Bytes in the file.
    private var spilled = 0
    private var stayInMemory = false

    /// Where the file is made; nil: the bytes stay in memory.
    private let directory: String?

    init(memoryLimit: Int = 4 << 20, directory: String? = SpillFile.defaultDirectory) {
        self.memoryLimit = memoryLimit
        self.directory = directory
    }

    var count: Int { spilled + held.count }

    /// Whether some of the bytes are on disk.
    var isOnDisk: Bool { spilled > 0 }

    /// Appends by letting `write` add to the bytes held (`PDFValue.write(to:)` writes into an
    /// array); past the limit they are moved to the file a piece at a time. When the file
    /// cannot be made or written (a full disk), the bytes stay in memory from then on.
    func append(_ write: (inout [UInt8]) -> Void) {
        write(&held)
        guard !stayInMemory, held.count >= (spill == nil ? memoryLimit : Self.writeSize) else { return }
        if spill == nil { spill = directory.flatMap { SpillFile(directory: $0) } }
        guard let spill, (try? spill.append(held)) != nil else {
            stayInMemory = true
            return
        }
        spilled += held.count
        // The room the bytes grew to before the first piece went is let go: later pieces are
        // `writeSize`.
        if held.capacity > 2 * Self.writeSize {
            held = []
            held.reserveCapacity(Self.writeSize + (64 << 10))
        } else {
            held.removeAll(keepingCapacity: true)
        }
    }

    /// Bytes `range`, from memory or from the file.
    func read(_ range: Range<Int>) throws -> ArraySlice<UInt8> {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw SpillFile.Failure(reason: "bytes \(range) of \(count)")
        }
        if range.lowerBound >= spilled { return held[(range.lowerBound - spilled)..<(range.upperBound - spilled)] }
        let fromFile = try spill!.read(
            at: range.lowerBound, count: min(range.upperBound, spilled) - range.lowerBound)
        guard range.upperBound > spilled else { return fromFile[...] }
        var joined = fromFile
        joined.append(contentsOf: held[0..<(range.upperBound - spilled)])
        return joined[...]
    }
}
