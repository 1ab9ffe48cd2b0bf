import Foundation

/// Writes a file beside its target, then renames it into place, so a reader (or a build
/// that is interrupted) only ever sees the old file or the new one. Temporary files are named
/// `.<name>.<pid>.<n>.tmp` and tracked, so an interrupted build can remove them.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "เขียนไฟล์ไม่สำเร็จ / cannot write \(path): \(reason)" }
    }

    public struct AlreadyExists: Error {}

    /// Like `write`, but never replaces a file: the finished file is linked into place, which
    /// fails if something is already there (even if it appeared meanwhile).
    public static func create(at target: URL, _ produce: (URL) throws -> Void) throws {
        try staged(target) { temporary in
            try produce(temporary)
            guard link(temporary.path, target.path) == 0 else {
                if errno == EEXIST { throw AlreadyExists() }
                throw Failure(path: target.path, reason: String(cString: strerror(errno)))
            }
            unlink(temporary.path)
        }
    }

    /// `create` with these bytes; false, writing nothing, when a file is already there.
    public static func createIfAbsent(at target: URL, bytes: Data) throws -> Bool {
        do {
            try create(at: target) { try writeBytes(bytes, to: $0) }
            return true
        } catch is AlreadyExists {
            return false
        }
    }

    /// Temporary files being written now, by any thread.
    private static let pending = PendingFiles()

    /// `write` with these bytes.
    public static func write(to target: URL, bytes: Data) throws {
        try write(to: target) { try writeBytes(bytes, to: $0) }
    }

    /// Writes `bytes` to a new file at `url` with the system's own calls. Foundation's
    /// `Data.write(to:)` also waits for the disk (`fsync`) before it returns, a millisecond or
    /// more for each of a report's half dozen files; a build's files, as a compiler's, are made
    /// again from their inputs should the machine stop, and the rename into place keeps a reader
    /// from ever seeing half a file.
    static func writeBytes(_ bytes: Data, to url: URL) throws {
        let descriptor = try newFile(at: url)
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(errno)
                }
                written += count
            }
        }
    }

    /// A new, empty file at `url` (one emptied if it is there), open for writing: one call, where
    /// Foundation's `createFile` writes an empty file beside it and renames it into place.
    static func newFile(at url: URL) throws -> Int32 {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        return descriptor
    }

    /// A system call's failure, told as the system tells it ("No space left on device").
    struct POSIXError: Error, CustomStringConvertible {
        let code: Int32
        init(_ code: Int32) { self.code = code }
        var description: String { String(cString: strerror(code)) }
    }

    public static func write(to target: URL, _ produce: (URL) throws -> Void) throws {
        try staged(target) { temporary in
            try produce(temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw Failure(path: target.path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Runs `finish` on a tracked temporary file beside `target`, removing it on failure.
    private static func staged(_ target: URL, _ finish: (URL) throws -> Void) throws {
        let directory = target.deletingLastPathComponent()
        // Most files go to a folder that is there already: one `stat` rather than Foundation's
        // walk up the path.
        var info = stat()
        if stat(directory.path, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: directory.path, reason: (error as NSError).localizedDescription)
            }
        }
        let temporary = directory.appendingPathComponent(
            ".\(target.lastPathComponent).\(getpid()).\(pending.nextNumber()).tmp")
        guard pending.insert(temporary.path) else { throw Failure(path: target.path, reason: "interrupted") }
        defer { pending.remove(temporary.path) }
        do {
            try finish(temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if error is Failure || error is AlreadyExists { throw error }
            throw Failure(path: target.path, reason: reason(error))
        }
    }

    /// Why a write failed, in the system's words: Foundation's file errors print as a dump of
    /// their dictionary ("Error Domain=NSCocoaErrorDomain Code=512 …"); the POSIX error under
    /// one says it ("File too large").
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return posix.description }
        let ns = error as NSError
        for candidate in [ns, ns.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap({ $0 })
        where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        return "\(error)"
    }

    /// Stops new writes and removes every temporary file being written (on Ctrl-C, before the
    /// process exits). A write that starts after this fails instead of leaving a file behind.
    public static func stopAndRemovePending() {
        for path in pending.stop() { unlink(path) }
    }

    /// The process that wrote a temporary file of ours (`.<name>.<pid>.<n>.tmp`), or nil.
    public static func writer(ofTemporary name: String) -> pid_t? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.hasPrefix("."), parts.count >= 5, parts.last == "tmp",
            Int(parts[parts.count - 2]) != nil, let pid = pid_t(parts[parts.count - 3])
        else { return nil }
        return pid
    }

    /// Removes temporary files that a killed build left under `directory` — only those whose
    /// writer is no longer running, so another build into the same folder is left alone.
    @discardableResult
    public static func removeLeftovers(under directory: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return 0
        }
        var removed = 0
        while let url = walker.nextObject() as? URL {
            guard let pid = writer(ofTemporary: url.lastPathComponent), pid != getpid() else { continue }
            if kill(pid, 0) == -1, errno == ESRCH, (try? FileManager.default.removeItem(at: url)) != nil {
                removed += 1
            }
        }
        return removed
    }
}

/// A locked set of paths: the temporary files being written by the build's threads.
final class PendingFiles: @unchecked Sendable {
    // Every access holds `lock`, which is why the class can be shared between threads.
    private let lock = NSLock()
    private var paths = Set<String>()
    private var counter = 0

    private var stopped = false

    func nextNumber() -> Int {
        lock.withLock {
            counter += 1
            return counter
        }
    }
    /// Registers a temporary file; false once writing has been stopped.
    func insert(_ path: String) -> Bool {
        lock.withLock {
            if stopped { return false }
            paths.insert(path)
            return true
        }
    }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
    /// Refuses further files and returns those being written.
    func stop() -> [String] {
        lock.withLock {
            stopped = true
            return Array(paths)
        }
    }
}
