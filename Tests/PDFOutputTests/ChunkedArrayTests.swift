import Testing

@testable import PDFOutput

/// Elements appended across many chunks read back by index, in order; emptied, it starts anew.
@Suite struct ChunkedArrayTests {
    @Test func elementsReadBackAcrossChunks() {
        var array = ChunkedArray<Int32>()
        let count = 3 * ChunkedArray<Int32>.chunkSize + 17
        for value in 0..<Int32(count) { array.append(value &* 7) }
        #expect(array.count == count)
        for index in [0, 1, ChunkedArray<Int32>.chunkSize - 1, ChunkedArray<Int32>.chunkSize, count - 1] {
            #expect(array[index] == Int32(index) &* 7, "\(index)")
        }
        #expect((0..<count).allSatisfy { array[$0] == Int32($0) &* 7 })
        array.removeAll()
        #expect(array.count == 0)
        array.append(5)
        #expect(array.count == 1 && array[0] == 5)
    }
}
