import Testing

@testable import PDFOutput

/// The post-writer's side-by-side work (`Concurrently`): results in order, the first error
/// thrown, and streams deflated side by side read back as they went in.
struct ConcurrentlyTests {
    @Test func resultsComeInOrder() throws {
        let squares = try Concurrently.map(1_000) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(try Concurrently.map(0) { $0 }.isEmpty)
    }

    struct Odd: Error, Equatable { let value: Int }

    @Test func anErrorIsThrown() {
        #expect(throws: Odd.self) {
            _ = try Concurrently.map(64) { i -> Int in
                if i == 37 { throw Odd(value: i) }
                return i
            }
        }
    }

    @Test func streamsDeflatedSideBySideInflateToWhatWentIn() throws {
        let texts = (0..<40).map { i in Array(String(repeating: "BT /F\(i) 12 Tf (ก\(i)) Tj ET\n", count: 200 + i).utf8)
        }
        let deflated = try Concurrently.map(texts.count) { try Deflate.compress(texts[$0]) }
        for (text, data) in zip(texts, deflated) { #expect(try Deflate.decompress(data) == text) }
    }
}
