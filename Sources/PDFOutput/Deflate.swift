import CZlib

/// zlib's deflate and inflate (RFC 1950), for the content streams the post-writer edits.
enum Deflate {
    struct Failure: Error, CustomStringConvertible {
        let description = "ขยายหรือบีบอัดข้อมูลใน PDF ไม่สำเร็จ / cannot inflate or deflate a PDF stream"
    }

    static func compress(_ input: [UInt8], level: Int32 = 1) throws -> [UInt8] {
        var size = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &size, i.baseAddress, uLong(input.count), level)
            }
        }
        guard status == Z_OK else { throw Failure() }
        return Array(out.prefix(Int(size)))
    }

    /// Inflates `input`, refusing more than `limit` bytes of output.
    static func decompress(_ input: [UInt8], limit: Int = 256 << 20) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure() }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        return try input.withUnsafeMutableBufferPointer { i in
            stream.next_in = i.baseAddress
            stream.avail_in = uInt(i.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { c -> Int32 in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                out += chunk.prefix(chunk.count - Int(stream.avail_out))
                if status == Z_STREAM_END { return out }
                guard status == Z_OK, out.count <= limit else { throw Failure() }
            }
        }
    }
}
