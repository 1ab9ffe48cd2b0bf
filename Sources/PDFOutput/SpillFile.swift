import Foundation

/// Bytes a long document's PDF needs again only at the end (Cairo's pages, deflated as each is
/// drawn), kept on disk instead of in memory: an unnamed temporary file (`tmpfile`, in the
/// system's temporary folder), which the system removes when it is closed or the process ends,
/// however it ends, so nothing is ever left behind.
///
/// Written by one thread while the pages are drawn, read (`pread`, which moves no shared file
/// position) by any once they are; `size` changes only while written.
final class SpillFile: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "อ่านหรือเขียนไฟล์ชั่วคราวไม่สำเร็จ / cannot read or write a temporary file: \(reason)" }
    }

    private let file: UnsafeMutablePointer<FILE>
    /// (Internal for the tests.)
    let descriptor: Int32
    /// Bytes written so far: where the next bytes go.
    private(set) var size = 0

    /// Nil when no temporary file can be made (the caller keeps the bytes in memory).
    init?() {
        guard let file = tmpfile() else { return nil }
        self.file = file
        descriptor = fileno(file)
    }

    deinit { fclose(file) }

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
