import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files the data names (logo, CSV), read safely: the real path (every symbolic link
/// followed) must lie inside the data file's folder, and only a regular file is read, so data
/// can neither publish a file from elsewhere on the machine nor hang the build on a named pipe
/// or a device.
enum InputFile {
    #if canImport(Glibc)
        static let systemRead = Glibc.read
    #else
        static let systemRead = Darwin.read
    #endif

    enum Kind {
        case regular, directory, fifo, device, socket, other

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFCHR, S_IFBLK: self = .device
            case S_IFSOCK: self = .socket
            default: self = .other
            }
        }

        var names: (thai: String, english: String) {
            switch self {
            case .regular: ("ไฟล์", "a file")
            case .directory: ("โฟลเดอร์", "a folder")
            case .fifo: ("ท่อส่งข้อมูล (FIFO)", "a named pipe (FIFO)")
            case .device: ("อุปกรณ์", "a device")
            case .socket: ("ซ็อกเก็ต", "a socket")
            case .other: ("ไฟล์พิเศษ", "a special file")
            }
        }
    }

    enum Resolution {
        /// The file's real path, inside the folder.
        case inside(String)
        case missing
        case outside(String)
        case special(Kind)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where `url` really is, checked against the real path of `folder`.
    static func resolve(_ url: URL, inside folder: URL) -> Resolution {
        guard let real = realPath(url.path) else { return .missing }
        guard let root = realPath(folder.path) else { return .missing }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard real.hasPrefix(prefix) else { return .outside(real) }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        let kind = Kind(mode: info.st_mode)
        return kind == .regular ? .inside(real) : .special(kind)
    }

    enum ReadFailure: Error {
        case unreadable
        case special(Kind)
        case tooLarge
    }

    /// The bytes of a regular file, at most `maxBytes`. Opened without following a final
    /// symbolic link and checked after opening, so what is read is what was checked.
    static func read(_ path: String, maxBytes: Int) -> Result<Data, ReadFailure> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable) }
        let kind = Kind(mode: info.st_mode)
        guard kind == .regular else { return .failure(.special(kind)) }
        guard Int(info.st_size) <= maxBytes else { return .failure(.tooLarge) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable)
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if data.count > maxBytes { return .failure(.tooLarge) }
        }
        return .success(data)
    }
}

/// A file's size from the system (`stat`): Foundation's `attributesOfItem` also looks up the
/// owner's and group's names, reading the system's user and group lists each time (every report
/// of a batch asks for a few sizes).
public enum FileSize {
    /// The size of the file at `path` (a link followed), nil if it cannot be read.
    public static func of(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
