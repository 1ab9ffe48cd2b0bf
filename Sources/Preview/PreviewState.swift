import Foundation

/// The preview's shared state: the last build's status, the files the site may serve, and the
/// pages waiting for the next build (server-sent events). Every request reads it; only the
/// build loop writes it.
actor PreviewState {
    private(set) var status: PreviewStatus?
    /// Site path (`/site/2564/agency/index.html`) → file. Nothing outside it is ever served.
    private(set) var files: [String: URL] = [:]
    private var waiters: [Int: CheckedContinuation<PreviewStatus?, Never>] = [:]
    private var nextWaiter = 0
    private var closed = false

    func publish(_ status: PreviewStatus, files: [String: URL]?) {
        guard !closed else { return }
        self.status = status
        if let files { self.files = files }
        let waiting = waiters
        waiters = [:]
        for waiter in waiting.values { waiter.resume(returning: status) }
    }

    /// The status after `generation` (at once if there is one already); nil once closed.
    func next(after generation: Int) async -> PreviewStatus? {
        if closed { return nil }
        if let status, status.generation > generation { return status }
        return await withCheckedContinuation { continuation in
            waiters[nextWaiter] = continuation
            nextWaiter += 1
        }
    }

    /// Ends every wait, and every event stream with it (the server is stopping).
    func close() {
        closed = true
        let waiting = waiters
        waiters = [:]
        for waiter in waiting.values { waiter.resume(returning: nil) }
    }
}
