import Foundation

/// Templates read before in this process, kept for the next report that names them: a batch
/// builds hundreds of reports of one template, and the preview rebuilds one report on every
/// save.
///
/// An entry serves only when every file its reading read (the template, its lexicon, its
/// pictures) holds the very bytes it held then, and the lexicon that was absent is still
/// absent: each is read again, compared and recorded as an input of the report, as a fresh
/// reading records it. Only a template read without any diagnostic is kept, so a kept one says
/// all a fresh reading would; it serves only under the limits it was read with (pictures are
/// checked against them), and the text and values it counted are counted again against the
/// report's limits (where they no longer fit, the template is read afresh and says so). At
/// most `capacity` templates are kept, the one read longest ago dropped first.
final class TemplateCache: @unchecked Sendable {
    static let shared = TemplateCache()
    static let capacity = 8

    struct Entry {
        var template: Template
        var expectedID: String
        /// The limits it was read under.
        var limits: InputLimits
        /// Every file the reading read, in order, with its bytes and their digest.
        var files: [DiagnosticSink.RecordedFile]
        /// A file the reading looked for and did not find.
        var absent: [String]
        var textBytes: Int
        var nodes: Int
    }
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    /// The template kept for `path` and `expectedID` whose files are unchanged, recorded into
    /// `sink`; nil when there is none.
    func template(at path: String, expectedID: String, sink: DiagnosticSink) -> Template? {
        lock.lock()
        let entry = entries[path]
        lock.unlock()
        guard let entry, entry.expectedID == expectedID, entry.limits == sink.limits,
            sink.fits(textBytes: entry.textBytes, nodes: entry.nodes),
            !entry.absent.contains(where: { FileManager.default.fileExists(atPath: $0) })
        else { return nil }
        var read: [Data] = []
        for file in entry.files {
            // A file whose size changed is not read at all (it may have grown past any limit).
            let size = FileSize.of(file.path)
            guard size == file.bytes.count, let bytes = FileManager.default.contents(atPath: file.path),
                bytes == file.bytes
            else { return nil }
            read.append(bytes)
        }
        for (file, bytes) in zip(entry.files, read) { sink.record(file.path, bytes, fileDigest: file.digest) }
        sink.spend(textBytes: entry.textBytes, nodes: entry.nodes)
        return entry.template
    }

    func keep(_ entry: Entry, at path: String) {
        lock.lock()
        defer { lock.unlock() }
        if entries[path] == nil {
            order.append(path)
            if order.count > Self.capacity { entries[order.removeFirst()] = nil }
        }
        entries[path] = entry
    }
}
