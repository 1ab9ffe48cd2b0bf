import Foundation

/// What a logo must be before it reaches layout: a whole PNG file (every chunk present and
/// its checksum right) of bounded pixel size, so a corrupt or enormous image is reported as
/// bad input where the data names it, not as a failure while the PDF is written.
enum PNGCheck {
    enum Problem: Equatable {
        case notPNG
        case corrupt
        case tooLarge(width: UInt32, height: UInt32)
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Width and height in pixels of a PNG that `problem` found sound.
    static func size(_ data: Data) -> (width: Int, height: Int)? {
        guard data.count >= 24 else { return nil }
        let bytes = [UInt8](data.prefix(24))
        func word(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        return (word(16), word(20))
    }

    /// The first problem found, or nil when the file is a sound PNG of at most
    /// `maxPixels` × `maxPixels`.
    static func problem(_ data: Data, maxPixels: Int) -> Problem? {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { return .notPNG }
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        var offset = 8
        var index = 0
        var colorType: UInt8 = 0
        var sawPalette = false
        var sawData = false
        while true {
            guard offset + 12 <= bytes.count else { return .corrupt }
            let length = Int(word(offset))
            guard length <= bytes.count - offset - 12 else { return .corrupt }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = (offset + 8)..<(offset + 8 + length)
            guard crc32(bytes[(offset + 4)..<body.upperBound]) == word(body.upperBound) else { return .corrupt }
            if index == 0 {
                guard type == "IHDR", length == 13 else { return .corrupt }
                let width = word(body.lowerBound)
                let height = word(body.lowerBound + 4)
                let depth = bytes[body.lowerBound + 8]
                colorType = bytes[body.lowerBound + 9]
                let allowed: [UInt8: Set<UInt8>] = [
                    0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16],
                ]
                guard width > 0, height > 0, allowed[colorType]?.contains(depth) == true,
                    bytes[body.lowerBound + 10] == 0, bytes[body.lowerBound + 11] == 0,
                    bytes[body.lowerBound + 12] <= 1
                else { return .corrupt }
                if width > maxPixels || height > maxPixels { return .tooLarge(width: width, height: height) }
            } else if type == "IHDR" {
                return .corrupt
            }
            switch type {
            case "PLTE": sawPalette = true
            case "IDAT": sawData = true
            case "IEND":
                guard sawData, colorType != 3 || sawPalette else { return .corrupt }
                return nil
            default: break
            }
            offset = body.upperBound + 4
            index += 1
        }
    }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
