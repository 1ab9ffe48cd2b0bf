import Foundation
import PageIR

/// Hands pages to another sink on a thread of its own, in order, so the PDF draws and writes
/// one page while layout makes the next: a report built alone (one file, the preview's
/// rebuild) uses both cores instead of one. A batch already keeps every core busy with
/// reports of its own and draws in line (`ReportBuilder.drawsInBackground`).
///
/// At most `capacity` pages wait, so memory stays that of a few pages. The first error of
/// the sink is thrown by the next call after it, or by `finish`; `wait` returns once the sink
/// has done everything handed to it, and must be called before the sink's file is used or
/// removed, on every path (the work handed over may still be writing to it).
final class PipelinedSink: PageSink, @unchecked Sendable {
    static let capacity = 16

    private let sink: PageSink
    private let queue = DispatchQueue(label: "thaireport.page-sink")
    private let slots = DispatchSemaphore(value: capacity)
    private let lock = NSLock()
    private var failure: Error?

    init(_ sink: PageSink) { self.sink = sink }

    func preview(_ page: Page, fonts: [FontRef]) throws {
        try hand { try $0.preview(page, fonts: fonts) }
    }

    func add(_ page: Page, fonts: [FontRef]) throws {
        try hand { try $0.add(page, fonts: fonts) }
    }

    func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
        try hand { try $0.finish(outline: outline, metadata: metadata) }
        wait()
        if let failure = firstFailure() { throw failure }
    }

    /// Returns once the sink has done everything handed to it.
    func wait() { queue.sync {} }

    private func hand(_ work: @escaping @Sendable (PageSink) throws -> Void) throws {
        if let failure = firstFailure() { throw failure }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard firstFailure() == nil else { return }
            do { try work(sink) } catch {
                lock.lock()
                if failure == nil { failure = error }
                lock.unlock()
            }
        }
    }

    private func firstFailure() -> Error? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}
