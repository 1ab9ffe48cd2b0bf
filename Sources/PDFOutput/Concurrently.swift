import Foundation

/// Independent pieces of the file's last steps (content streams edited, object streams
/// deflated) done side by side on every core: the layout that fed them is over by then, so
/// the second core is free when a report is built alone.
enum Concurrently {
    /// `work(0..<count)`, side by side on every core; the results in order, or the error of
    /// the lowest index that failed (the one a loop in order would have thrown).
    static func map<T>(_ count: Int, _ work: (Int) throws -> T) throws -> [T] {
        var results = [Result<T, Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            withoutActuallyEscaping(work) { work in
                // Each iteration writes its own slot only, and `work` reads only what no one writes.
                let shared = SharedWork(work: work, slots: buffer)
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    shared.slots[i] = Result { try shared.work(i) }
                }
            }
        }
        return try results.map { try $0!.get() }
    }

    private struct SharedWork<T>: @unchecked Sendable {
        let work: (Int) throws -> T
        let slots: UnsafeMutableBufferPointer<Result<T, Error>?>
    }
}
