/// Writing an sfnt (TrueType) file: the table directory, checksums and big-endian words.
extension ClusterFontFile {
    /// An sfnt file of `tables`, directory sorted by tag, each table on a 4-byte boundary.
    static func sfnt(_ tables: [String: [UInt8]]) -> [UInt8] {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var file: [UInt8] = []
        file.appendU32(0x0001_0000)
        var power = 1
        var log = 0
        while power * 2 <= tags.count {
            power *= 2
            log += 1
        }
        file.appendU16(tags.count)
        file.appendU16(16 * power)
        file.appendU16(log)
        file.appendU16(16 * (tags.count - power))
        var offset = 12 + 16 * tags.count
        for tag in tags {
            let table = tables[tag]!
            file.append(contentsOf: Array(tag.utf8))
            file.appendU32(checksum(table))
            file.appendU32(offset)
            file.appendU32(table.count)
            offset += (table.count + 3) & ~3
        }
        for tag in tags {
            file.append(contentsOf: tables[tag]!)
            file.pad4()
        }
        return file
    }

    /// The sum of the table's big-endian 32-bit words, the last padded with zeros, read four
    /// bytes at a time (every subset's tables are summed).
    static func checksum(_ table: [UInt8]) -> Int {
        table.withUnsafeBytes { bytes in
            var sum: UInt32 = 0
            let whole = bytes.count & ~3
            var i = 0
            while i < whole {
                sum = sum &+ UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                i += 4
            }
            if whole < bytes.count {
                var word: UInt32 = 0
                for k in 0..<4 { word = word << 8 | UInt32(whole + k < bytes.count ? bytes[whole + k] : 0) }
                sum = sum &+ word
            }
            return Int(sum)
        }
    }
}

extension Array where Element == UInt8 {
    func u16(_ o: Int) -> Int { Int(self[o]) << 8 | Int(self[o + 1]) }
    func i16(_ o: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(o)))) }
    func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
    /// Appends `v` as a big-endian 16-bit word (values past 16 bits are clamped, not wrapped).
    mutating func appendU16(_ v: Int) {
        let w = Swift.min(Swift.max(v, 0), 0xFFFF)
        append(UInt8(w >> 8))
        append(UInt8(w & 0xFF))
    }
    mutating func appendI16(_ v: Int) { appendU16(Int(UInt16(bitPattern: Int16(clamping: v)))) }
    mutating func appendU32(_ v: Int) {
        append(UInt8((v >> 24) & 0xFF))
        append(UInt8((v >> 16) & 0xFF))
        append(UInt8((v >> 8) & 0xFF))
        append(UInt8(v & 0xFF))
    }
    mutating func setU16(_ o: Int, _ v: Int) {
        let w = Swift.min(Swift.max(v, 0), 0xFFFF)
        self[o] = UInt8(w >> 8)
        self[o + 1] = UInt8(w & 0xFF)
    }
    mutating func setI16(_ o: Int, _ v: Int) {
        let w = UInt16(bitPattern: Int16(clamping: v))
        self[o] = UInt8(w >> 8)
        self[o + 1] = UInt8(w & 0xFF)
    }
    mutating func setU32(_ o: Int, _ v: Int) {
        self[o] = UInt8((v >> 24) & 0xFF)
        self[o + 1] = UInt8((v >> 16) & 0xFF)
        self[o + 2] = UInt8((v >> 8) & 0xFF)
        self[o + 3] = UInt8(v & 0xFF)
    }
    mutating func pad4() { while count % 4 != 0 { append(0) } }
}
