import Foundation

/// Notices a change to any of the report's input files (data, template, CSV tables, logo) by
/// polling their size and modification time: portable, and cheap for a handful of files.
struct InputWatcher {
    struct Stamp: Equatable {
        var size: Int
        var modified: TimeInterval
        var exists: Bool
    }

    private var stamps: [String: Stamp] = [:]

    static func stamp(_ path: String) -> Stamp {
        var info = stat()
        guard stat(path, &info) == 0 else { return Stamp(size: -1, modified: 0, exists: false) }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return Stamp(size: Int(info.st_size), modified: modified, exists: true)
    }

    /// Starts watching `paths` as they are now.
    mutating func watch(_ paths: [String]) {
        stamps = Dictionary(uniqueKeysWithValues: paths.map { ($0, Self.stamp($0)) })
    }

    /// Whether any watched file changed since `watch`.
    func changed() -> Bool { stamps.contains { Self.stamp($0.key) != $0.value } }

    /// Waits until the watched files stop changing (two looks `interval` apart agree), so a file
    /// an editor writes in several steps (emptied, then written) is read once it is whole.
    func settle(interval: useconds_t = 50_000) {
        var last = stamps.keys.map(Self.stamp)
        while true {
            usleep(interval)
            let now = stamps.keys.map(Self.stamp)
            if now == last { return }
            last = now
        }
    }
}
