/// An array that grows a chunk of `chunkSize` elements at a time, never by doubling: a long
/// table's structures are kept until the structure tree is made, and an array grown by
/// doubling holds up to twice their room (130,000 structures just past 2¹⁷ held room for
/// 262,144). Appended to and read by index only.
struct ChunkedArray<Element> {
    static var chunkSize: Int { 4096 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ element: Element) {
        if count % Self.chunkSize == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    subscript(index: Int) -> Element { chunks[index / Self.chunkSize][index % Self.chunkSize] }

    mutating func removeAll() {
        chunks = []
        count = 0
    }
}
