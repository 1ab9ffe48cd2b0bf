import FlyingFox
import FlyingSocks
import Foundation

/// The `text/event-stream` body of `/events`: the current status at once, then one event per
/// build, each `data: <status JSON>` (https://html.spec.whatwg.org/#server-sent-events).
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let state: PreviewState

    func makeAsyncIterator() -> Iterator { Iterator(state: state) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let state: PreviewState
        var generation = 0
        var pending: [UInt8] = Array("retry: 500\n\n".utf8)

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                try Task.checkCancellation()
                guard let status = await state.next(after: generation), !Task.isCancelled else { return nil }
                generation = status.generation
                let json = (try? JSONEncoder().encode(status)) ?? Data("{}".utf8)
                pending = Array("data: ".utf8) + Array(json) + Array("\n\n".utf8)
            }
            let chunk = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
