import Foundation

/// A PDF object as the post-writer reads and writes it (ISO 32000 7.3). Dictionaries keep their
/// keys in order, so a file is written the same way every time.
enum PDFValue: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A real number, kept as written (or as formatted when made here).
    case real(String)
    /// A name, without its slash, as written (`#xx` escapes left as they are).
    case name(String)
    /// A string's bytes (literal or hexadecimal; written back as hexadecimal).
    case string([UInt8])
    case array([PDFValue])
    case dict(PDFDict)
    case ref(Int)

    /// A real number with at most four decimals and no exponent, as PDF wants.
    static func number(_ value: Double) -> PDFValue {
        guard value.isFinite, abs(value) < 1e9 else { return .int(0) }
        let scaled = Int((value * 10_000).rounded())
        if scaled % 10_000 == 0 { return .int(scaled / 10_000) }
        var fraction = String(abs(scaled) % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return .real((scaled < 0 ? "-" : "") + "\(abs(scaled) / 10_000).\(fraction)")
    }

    /// A text string: PDFDocEncoding-safe ASCII as is, anything else as UTF-16BE with a BOM.
    static func text(_ string: String) -> PDFValue {
        if string.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return .string(Array(string.utf8))
        }
        return .string([0xFE, 0xFF] + string.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }

    var dict: PDFDict? { if case .dict(let d) = self { return d } else { return nil } }
    /// The numbers of the objects the value refers to, in the order they are written.
    var references: [Int] {
        switch self {
        case .ref(let number): return [number]
        case .array(let items): return items.flatMap(\.references)
        case .dict(let dict): return dict.entries.flatMap { $0.value.references }
        default: return []
        }
    }
    var ref: Int? { if case .ref(let r) = self { return r } else { return nil } }
    var int: Int? { if case .int(let i) = self { return i } else { return nil } }
    var nameValue: String? { if case .name(let n) = self { return n } else { return nil } }
    var array: [PDFValue]? { if case .array(let a) = self { return a } else { return nil } }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Writes the value; `numbers`, if given, renumbers references (a reference to an object not
    /// in it is written `null`).
    func write(to out: inout [UInt8], numbers: ObjectNumbers? = nil) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): Self.writeInteger(i, to: &out)
        case .real(let r): out.append(contentsOf: r.utf8)
        case .name(let n):
            out.append(0x2F)
            out.append(contentsOf: n.utf8)
        case .string(let bytes):
            out.append(0x3C)
            for byte in bytes {
                out.append(Self.hexDigits[Int(byte >> 4)])
                out.append(Self.hexDigits[Int(byte & 0xF)])
            }
            out.append(0x3E)
        case .array(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x20) }
                item.write(to: &out, numbers: numbers)
            }
            out.append(0x5D)
        case .dict(let dict): dict.write(to: &out, numbers: numbers)
        case .ref(let number):
            guard let written = numbers.map({ $0[number] }) ?? number else {
                out.append(contentsOf: "null".utf8)
                return
            }
            Self.writeInteger(written, to: &out)
            out.append(contentsOf: " 0 R".utf8)
        }
    }

    static func writeInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}

/// A PDF dictionary with its keys in order.
struct PDFDict: Equatable {
    var entries: [(key: String, value: PDFValue)] = []

    init(_ entries: [(String, PDFValue)] = []) { self.entries = entries.map { (key: $0.0, value: $0.1) } }

    static func == (a: PDFDict, b: PDFDict) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    subscript(key: String) -> PDFValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }

    func write(to out: inout [UInt8], numbers: ObjectNumbers? = nil) {
        out.append(contentsOf: "<<".utf8)
        for (key, value) in entries {
            out.append(contentsOf: " /".utf8)
            out.append(contentsOf: key.utf8)
            out.append(0x20)
            value.write(to: &out, numbers: numbers)
        }
        out.append(contentsOf: " >>".utf8)
    }
}
