/// WOFF2's transform of a TrueType font's `glyf` and `loca` tables (W3C WOFF File Format 2.0,
/// section 5.1): the outlines split into streams of like values (contour counts, point counts,
/// point flags, coordinates as variable-length triplets of deltas, composite records,
/// bounding boxes, instructions), which Brotli compresses far better than the interleaved
/// table, and `loca` left out for the decoder to rebuild. The layout follows Google's
/// reference encoder (`woff2/src/transform.cc`), which every browser's decoder reads.
struct GlyfTransform {
    typealias Malformed = WOFF2File.Malformed

    private var contourCounts: [UInt8] = []
    private var pointCounts: [UInt8] = []
    private var flags: [UInt8] = []
    private var coordinates: [UInt8] = []
    private var composites: [UInt8] = []
    private var boxBitmap: [UInt8]
    private var boxes: [UInt8] = []
    private var instructions: [UInt8] = []
    /// One bit a glyph: the glyph's first point carried OVERLAP_SIMPLE. Written only if a glyph has it.
    private var overlapBitmap: [UInt8] = []
    private let glyphCount: Int

    private init(glyphCount: Int) {
        self.glyphCount = glyphCount
        boxBitmap = [UInt8](repeating: 0, count: ((glyphCount + 31) >> 5) << 2)
    }

    /// The transformed `glyf` table of a font whose glyphs `glyf` holds at the offsets `loca` gives
    /// (`longOffsets`: `head.indexToLocFormat` is 1).
    static func transformed(glyf: ArraySlice<UInt8>, loca: ArraySlice<UInt8>, glyphCount: Int, longOffsets: Bool)
        throws -> [UInt8]
    {
        let offsetSize = longOffsets ? 4 : 2
        guard loca.count >= offsetSize * (glyphCount + 1) else {
            throw Malformed(reason: "the loca table is shorter than the glyph count needs")
        }
        func offset(_ glyph: Int) -> Int {
            let at = loca.startIndex + offsetSize * glyph
            if longOffsets {
                return Int(loca[at]) << 24 | Int(loca[at + 1]) << 16 | Int(loca[at + 2]) << 8 | Int(loca[at + 3])
            }
            return (Int(loca[at]) << 8 | Int(loca[at + 1])) * 2
        }
        var encoder = GlyfTransform(glyphCount: glyphCount)
        for glyph in 0..<glyphCount {
            let start = offset(glyph)
            let end = offset(glyph + 1)
            guard start <= end, end <= glyf.count else { throw Malformed(reason: "glyph \(glyph) runs past glyf") }
            try encoder.encode(glyph: glyph, glyf[(glyf.startIndex + start)..<(glyf.startIndex + end)])
        }
        return encoder.table(longOffsets: longOffsets)
    }

    private mutating func encode(glyph: Int, _ data: ArraySlice<UInt8>) throws {
        guard !data.isEmpty else {
            put16(&contourCounts, 0)
            return
        }
        var reader = Reader(data)
        let contours = Int(Int16(bitPattern: try reader.u16()))
        let box = [try reader.u16(), try reader.u16(), try reader.u16(), try reader.u16()]
        if contours < 0 {
            try encodeComposite(glyph: glyph, box: box, &reader)
        } else if contours > 0 {
            try encodeSimple(glyph: glyph, contours: contours, box: box, &reader)
        } else {
            put16(&contourCounts, 0)
        }
    }

    private mutating func encodeSimple(glyph: Int, contours: Int, box: [UInt16], _ reader: inout Reader) throws {
        var ends: [Int] = []
        ends.reserveCapacity(contours)
        for _ in 0..<contours { ends.append(Int(try reader.u16())) }
        let pointCount = ends[contours - 1] + 1
        let instructionLength = Int(try reader.u16())
        let program = try reader.bytes(instructionLength)
        // Flags, run-length coded: bit 3 repeats the flag the next byte's count of times.
        var pointFlags: [UInt8] = []
        pointFlags.reserveCapacity(pointCount)
        while pointFlags.count < pointCount {
            let flag = try reader.u8()
            pointFlags.append(flag)
            if flag & 0x08 != 0 {
                let repeats = Int(try reader.u8())
                guard pointFlags.count + repeats <= pointCount else {
                    throw Malformed(reason: "glyph \(glyph) repeats a flag past its last point")
                }
                pointFlags += repeatElement(flag, count: repeats)
            }
        }
        // Coordinates: a byte with its sign in the flag (short), nothing (the same as the last)
        // or a signed 16-bit delta.
        func deltas(short: UInt8, same: UInt8) throws -> [Int] {
            var values: [Int] = []
            values.reserveCapacity(pointCount)
            for flag in pointFlags {
                if flag & short != 0 {
                    let value = Int(try reader.u8())
                    values.append(flag & same != 0 ? value : -value)
                } else if flag & same != 0 {
                    values.append(0)
                } else {
                    values.append(Int(Int16(bitPattern: try reader.u16())))
                }
            }
            return values
        }
        let dx = try deltas(short: 0x02, same: 0x10)
        let dy = try deltas(short: 0x04, same: 0x20)

        if pointFlags[0] & 0x40 != 0 {
            if overlapBitmap.isEmpty { overlapBitmap = [UInt8](repeating: 0, count: (glyphCount + 7) >> 3) }
            overlapBitmap[glyph >> 3] |= 0x80 >> UInt8(glyph & 7)
        }
        put16(&contourCounts, contours)
        // The decoder computes the box from the points; it is stored only where it differs.
        var x = 0
        var y = 0
        var minX = Int.max
        var minY = Int.max
        var maxX = Int.min
        var maxY = Int.min
        for index in 0..<pointCount {
            x = Int(Int16(truncatingIfNeeded: x + dx[index]))
            y = Int(Int16(truncatingIfNeeded: y + dy[index]))
            minX = min(minX, x)
            minY = min(minY, y)
            maxX = max(maxX, x)
            maxY = max(maxY, y)
        }
        let computed = [minX, minY, maxX, maxY].map { UInt16(bitPattern: Int16(truncatingIfNeeded: $0)) }
        if computed != box { putBox(glyph: glyph, box) }
        var previous = -1
        for end in ends {
            guard end > previous else {
                throw Malformed(reason: "glyph \(glyph) has contour ends out of order")
            }
            put255(&pointCounts, end - previous)
            previous = end
        }
        for index in 0..<pointCount {
            putTriplet(onCurve: pointFlags[index] & 0x01 != 0, dx[index], dy[index])
        }
        put255(&coordinates, instructionLength)
        instructions += program
    }

    private mutating func encodeComposite(glyph: Int, box: [UInt16], _ reader: inout Reader) throws {
        let start = reader.position
        var hasInstructions = false
        var more = true
        while more {
            let flags = try reader.u16()
            more = flags & 0x0020 != 0
            hasInstructions = hasInstructions || flags & 0x0100 != 0
            var size = 2 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 {
                size += 2
            } else if flags & 0x0040 != 0 {
                size += 4
            } else if flags & 0x0080 != 0 {
                size += 8
            }
            _ = try reader.bytes(size)
        }
        put16(&contourCounts, -1)
        putBox(glyph: glyph, box)
        composites += reader.data[start..<reader.position]
        if hasInstructions {
            let length = Int(try reader.u16())
            put255(&coordinates, length)
            instructions += try reader.bytes(length)
        }
    }

    private func table(longOffsets: Bool) -> [UInt8] {
        var table: [UInt8] = []
        put16(&table, 0)  // reserved
        put16(&table, overlapBitmap.isEmpty ? 0 : 1)  // option flags: the overlap bitmap follows
        put16(&table, glyphCount)
        put16(&table, longOffsets ? 1 : 0)
        for stream in [contourCounts, pointCounts, flags, coordinates, composites] { put32(&table, stream.count) }
        put32(&table, boxBitmap.count + boxes.count)
        put32(&table, instructions.count)
        for stream in [contourCounts, pointCounts, flags, coordinates, composites, boxBitmap, boxes, instructions] {
            table += stream
        }
        return table + overlapBitmap
    }

    private mutating func putBox(glyph: Int, _ box: [UInt16]) {
        boxBitmap[glyph >> 3] |= 0x80 >> UInt8(glyph & 7)
        for value in box { put16(&boxes, Int(value)) }
    }

    /// A point as a flag byte (its on-curve bit and which of 128 forms the delta takes) and
    /// one to four bytes of the delta's magnitude, the reference encoder's choice of form.
    private mutating func putTriplet(onCurve: Bool, _ x: Int, _ y: Int) {
        let absX = abs(x)
        let absY = abs(y)
        let curve = onCurve ? 0 : 128
        let xSign = x < 0 ? 0 : 1
        let ySign = y < 0 ? 0 : 1
        let signs = xSign + 2 * ySign
        if x == 0 && absY < 1280 {
            flags.append(UInt8(curve + ((absY & 0xF00) >> 7) + ySign))
            coordinates.append(UInt8(absY & 0xFF))
        } else if y == 0 && absX < 1280 {
            flags.append(UInt8(curve + 10 + ((absX & 0xF00) >> 7) + xSign))
            coordinates.append(UInt8(absX & 0xFF))
        } else if absX < 65 && absY < 65 {
            flags.append(UInt8(curve + 20 + ((absX - 1) & 0x30) + (((absY - 1) & 0x30) >> 2) + signs))
            coordinates.append(UInt8((((absX - 1) & 0xF) << 4) | ((absY - 1) & 0xF)))
        } else if absX < 769 && absY < 769 {
            flags.append(UInt8(curve + 84 + 12 * (((absX - 1) & 0x300) >> 8) + (((absY - 1) & 0x300) >> 6) + signs))
            coordinates.append(UInt8((absX - 1) & 0xFF))
            coordinates.append(UInt8((absY - 1) & 0xFF))
        } else if absX < 4096 && absY < 4096 {
            flags.append(UInt8(curve + 120 + signs))
            coordinates += [UInt8(absX >> 4), UInt8(((absX & 0xF) << 4) | (absY >> 8)), UInt8(absY & 0xFF)]
        } else {
            flags.append(UInt8(curve + 124 + signs))
            coordinates += [UInt8(absX >> 8), UInt8(absX & 0xFF), UInt8(absY >> 8), UInt8(absY & 0xFF)]
        }
    }

    /// 255UInt16 (MicroType Express): one byte below 253, else a code byte and one or two more.
    private func put255(_ stream: inout [UInt8], _ value: Int) {
        if value < 253 {
            stream.append(UInt8(value))
        } else if value < 506 {
            stream += [255, UInt8(value - 253)]
        } else if value < 762 {
            stream += [254, UInt8(value - 506)]
        } else {
            stream += [253, UInt8(value >> 8), UInt8(value & 0xFF)]
        }
    }

    private func put16(_ stream: inout [UInt8], _ value: Int) {
        stream += [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    private func put32(_ stream: inout [UInt8], _ value: Int) {
        stream += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    /// Big-endian reads from one glyph's bytes, refusing to run past them.
    private struct Reader {
        let data: ArraySlice<UInt8>
        var position: Int

        init(_ data: ArraySlice<UInt8>) {
            self.data = data
            position = data.startIndex
        }

        mutating func u8() throws -> UInt8 {
            guard position < data.endIndex else { throw Malformed(reason: "a glyph ends before its data") }
            defer { position += 1 }
            return data[position]
        }

        mutating func u16() throws -> UInt16 {
            guard position + 2 <= data.endIndex else { throw Malformed(reason: "a glyph ends before its data") }
            defer { position += 2 }
            return UInt16(data[position]) << 8 | UInt16(data[position + 1])
        }

        mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
            guard position + count <= data.endIndex else { throw Malformed(reason: "a glyph ends before its data") }
            defer { position += count }
            return data[position..<position + count]
        }
    }
}
