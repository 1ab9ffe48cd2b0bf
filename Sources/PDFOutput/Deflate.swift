import CZlib

/// zlib's deflate and inflate (RFC 1950), for the content streams the post-writer edits.
enum Deflate {
    struct Failure: Error, CustomStringConvertible {
        let description = "ขยายหรือบีบอัดข้อมูลใน PDF ไม่สำเร็จ / cannot inflate or deflate a PDF stream"
    }

    /// Level 1 (the fastest): the post-writer runs on every build, and the files it deflates are
    /// small; level 6 saves about a tenth of their size for twice the time.
    static func compress(_ input: [UInt8], level: Int32 = 1, strategy: Int32 = Z_DEFAULT_STRATEGY) throws -> [UInt8] {
        try compress(input[...], level: level, strategy: strategy)
    }

    /// `compress` of a slice, read in place (zlib never writes through its input pointer).
    static func compress(
        _ input: ArraySlice<UInt8>, level: Int32 = 1, strategy: Int32 = Z_DEFAULT_STRATEGY
    ) throws -> [UInt8] {
        var stream = z_stream()
        // zlib clears its hash table (64 KB at memory level 8) for every stream: most of the work
        // for a page's text of a few KB. A smaller table for a small input (16 KB at level 6)
        // makes the output about 1 % larger.
        let memoryLevel: Int32 = input.count < 32_768 ? 6 : 8
        guard
            deflateInit2_(
                &stream, level, Z_DEFLATED, 15, memoryLevel, strategy, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
                == Z_OK
        else { throw Failure() }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        // Deflated into room for the worst case, then copied out at its size: a page's content
        // deflates to a fifth or less, and the file keeps every page's until it is written.
        let room = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bound, 1))
        defer { room.deallocate() }
        let status = input.withUnsafeBufferPointer { i in
            stream.next_in = UnsafeMutablePointer(mutating: i.baseAddress)
            stream.avail_in = uInt(i.count)
            stream.next_out = room.baseAddress
            stream.avail_out = uInt(bound)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw Failure() }
        return Array(room[0..<(bound - Int(stream.avail_out))])
    }

    /// Inflates `input`, refusing more than `limit` bytes of output; `expected`, the size it
    /// inflates to if known, saves a second try with more room.
    static func decompress(_ input: [UInt8], limit: Int = 256 << 20, expected: Int? = nil) throws -> [UInt8] {
        var capacity = min(expected ?? max(input.count * 8, 4096), limit)
        while true {
            var status = Z_OK
            let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var size = uLong(capacity)
                status = input.withUnsafeBufferPointer { i in
                    uncompress(buffer.baseAddress, &size, i.baseAddress, uLong(input.count))
                }
                count = status == Z_OK ? Int(size) : 0
            }
            if status == Z_OK { return out }
            guard status == Z_BUF_ERROR, capacity < limit else { throw Failure() }
            capacity = min(capacity * 4, limit)
        }
    }
}
