import Foundation

/// The bundled font files as the PDF writer reads them, kept for the whole process: a batch
/// writes thousands of reports with the same few fonts, and the preview rewrites one report on
/// every save. Each file is read, and parsed for its cluster glyphs (`ClusterFontFile`),
/// once for the process rather than for every PDF (twice at most when two threads first ask for
/// it at the same moment: one reading is kept).
///
/// A kept file serves only while the file on disk is the one read: same size, modification
/// time, inode and device (a font replaced while the preview runs is read again). At most
/// `capacity` files are kept; past that, all are let go and read again as needed.
final class FontFiles: @unchecked Sendable {
    static let shared = FontFiles()
    static let capacity = 32

    final class File: Sendable {
        let bytes: [UInt8]
        /// The file parsed for cluster glyphs; nil for a font that cannot have them (a
        /// font collection, PostScript outlines, a variable font).
        let clusterFile: ClusterFontFile?

        init(bytes: [UInt8]) {
            self.bytes = bytes
            clusterFile = try? ClusterFontFile(bytes)
        }
    }

    private struct Identity: Equatable {
        var size: Int64, seconds: Int, nanoseconds: Int, inode: UInt64, device: UInt64
    }

    private let lock = NSLock()
    private var files: [String: (identity: Identity, file: File)] = [:]

    /// The font file at `path`; nil if it cannot be read.
    func file(atPath path: String) -> File? {
        guard let identity = Self.identity(of: path) else { return Self.read(path) }
        if let kept = lock.withLock({ files[path] }), kept.identity == identity { return kept.file }
        guard let file = Self.read(path) else { return nil }
        // Kept only if the file did not change while it was read.
        if Self.identity(of: path) == identity {
            lock.withLock {
                if files.count >= Self.capacity { files.removeAll() }
                files[path] = (identity, file)
            }
        }
        return file
    }

    private static func read(_ path: String) -> File? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return File(bytes: [UInt8](data))
    }

    private static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(
            size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
            inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }
}
