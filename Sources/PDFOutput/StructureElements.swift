/// The structure elements of a document as `StructureBuilder` completed them: one record each,
/// in the order completed, in a buffer that waits on disk past its limit; which element holds
/// each marked content of each page and each link annotation (the parent tree, 4 bytes an
/// entry); and the elements' type names. The post-writer writes each element's dictionary from
/// its record as the file is written (`dictionary(of:…)`): the elements are never all held.
struct StructureElements {
    enum Kid: Equatable {
        case element(Int32)
        /// Marked content `mcid` of page `page`.
        case content(page: Int, mcid: Int)
        /// Link annotation `index` (in document order) on page `page`.
        case annotation(index: Int, page: Int)
    }

    /// An element as written: its number (the order it was made in), type (by its number in
    /// `typeNames`), parent (-1: the structure tree root), attributes, alternate description
    /// and kids in order.
    struct Record: Equatable {
        var element: Int32
        var type: UInt8
        var parent: Int32
        var attributes: ElementAttributes?
        var alt: String?
        var kids: [Kid]
    }

    let records: SpillingBuffer
    /// How many elements there are (numbered from 0, the document).
    var count = 0
    var typeNames: [String] = []
    /// By page, the element that holds each marked content (by MCID), -1 for none.
    var contentOwners: [[Int32]] = []
    /// By annotation (in document order), the element that holds it.
    var annotationOwners: [Int32] = []

    init(records: SpillingBuffer) { self.records = records }

    /// Appends `record`: its length (4 bytes), then numbers as variable-length integers.
    mutating func write(_ record: Record) {
        records.append { bytes in
            let start = bytes.count
            bytes += [0, 0, 0, 0]
            Self.put(Int(record.element), &bytes)
            bytes.append(record.type)
            Self.put(Int(record.parent) + 1, &bytes)
            switch record.attributes {
            case nil: bytes.append(0)
            case .list: bytes.append(1)
            case .cell(let header, let span, let rows):
                bytes.append(header ? 3 : 2)
                Self.put(span, &bytes)
                Self.put(rows, &bytes)
            case .layout(let box):
                bytes.append(4)
                Self.put(box.count, &bytes)
                for value in box { Self.put(Int(truncatingIfNeeded: value.bitPattern), &bytes) }
            }
            let alt = record.alt.map { Array($0.utf8) }
            Self.put(alt.map { $0.count + 1 } ?? 0, &bytes)
            bytes += alt ?? []
            Self.put(record.kids.count, &bytes)
            for kid in record.kids {
                switch kid {
                case .element(let element):
                    bytes.append(0)
                    Self.put(Int(element), &bytes)
                case .content(let page, let mcid):
                    bytes.append(1)
                    Self.put(page, &bytes)
                    Self.put(mcid, &bytes)
                case .annotation(let index, let page):
                    bytes.append(2)
                    Self.put(index, &bytes)
                    Self.put(page, &bytes)
                }
            }
            let length = UInt32(bytes.count - start - 4)
            for k in 0..<4 { bytes[start + k] = UInt8(truncatingIfNeeded: length >> (8 * k)) }
        }
    }

    /// Calls `each` with every record, in the order written, reading the buffer a piece at a
    /// time.
    func forEach(_ each: (Record) throws -> Void) throws {
        var piece: [UInt8] = []
        var at = 0  // in `piece`
        var read = 0  // of `records`
        func ensure(_ needed: Int) throws -> Bool {
            if piece.count - at >= needed { return true }
            guard read < records.count else { return false }
            piece = Array(piece[at...])
            at = 0
            let more = min(max(needed - piece.count, Self.pieceSize), records.count - read)
            piece += try records.read(read..<(read + more))
            read += more
            return piece.count >= needed
        }
        while try ensure(4) {
            var length = 0
            for k in 0..<4 { length |= Int(piece[at + k]) << (8 * k) }
            guard try ensure(4 + length) else { throw SpillFile.Failure(reason: "a structure record cut short") }
            var reader = Reader(bytes: piece, at: at + 4)
            let record = try reader.record()
            guard reader.at == at + 4 + length else { throw SpillFile.Failure(reason: "a structure record misread") }
            at += 4 + length
            try each(record)
        }
    }

    static let pieceSize = 1 << 18

    private static func put(_ value: Int, _ bytes: inout [UInt8]) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private struct Reader {
        let bytes: [UInt8]
        var at: Int

        mutating func byte() throws -> UInt8 {
            guard at < bytes.count else { throw SpillFile.Failure(reason: "a structure record cut short") }
            at += 1
            return bytes[at - 1]
        }

        mutating func int() throws -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try byte()
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return Int(Int64(bitPattern: value)) }
                shift += 7
                guard shift < 64 else { throw SpillFile.Failure(reason: "a structure record misread") }
            }
        }

        mutating func record() throws -> Record {
            let element = Int32(truncatingIfNeeded: try int())
            let type = try byte()
            let parent = Int32(truncatingIfNeeded: try int() - 1)
            let attributes: ElementAttributes?
            let kind = try byte()
            switch kind {
            case 0: attributes = nil
            case 1: attributes = .list
            case 2, 3:
                let span = try int()
                attributes = .cell(header: kind == 3, span: span, rows: try int())
            default:
                let count = try int()
                attributes = .layout(
                    box: try (0..<count).map { _ in Double(bitPattern: UInt64(bitPattern: Int64(try int()))) })
            }
            let altLength = try int()
            var alt: String?
            if altLength > 0 {
                guard at + altLength - 1 <= bytes.count else {
                    throw SpillFile.Failure(reason: "a structure record cut short")
                }
                alt = String(decoding: bytes[at..<(at + altLength - 1)], as: UTF8.self)
                at += altLength - 1
            }
            let kidCount = try int()
            var kids: [Kid] = []
            kids.reserveCapacity(kidCount)
            for _ in 0..<kidCount {
                switch try byte() {
                case 0: kids.append(.element(Int32(truncatingIfNeeded: try int())))
                case 1: kids.append(.content(page: try int(), mcid: try int()))
                default: kids.append(.annotation(index: try int(), page: try int()))
                }
            }
            return Record(element: element, type: type, parent: parent, attributes: attributes, alt: alt, kids: kids)
        }
    }

    /// The dictionary of the element of `record` (ISO 32000 14.7.2): `ref(element)` is an
    /// element's object, `parent` the parent's (the root's for the document).
    func dictionary(
        of record: Record, parent: PDFValue, ref: (Int32) -> PDFValue, pageRefs: [Int], annotations: [PDFValue]
    ) -> PDFDict {
        // An element whose content is on one page names the page once and its content by number.
        var onePage: Int?
        var severalPages = false
        for case .content(let page, _) in record.kids where !severalPages {
            if onePage == nil {
                onePage = page
            } else if page != onePage {
                severalPages = true
                onePage = nil
            }
        }
        var kids: [PDFValue] = []
        kids.reserveCapacity(record.kids.count)
        for kid in record.kids {
            switch kid {
            case .element(let child): kids.append(ref(child))
            case .content(let page, let mcid):
                kids.append(
                    page == onePage
                        ? .int(mcid)
                        : .dict(PDFDict([("Type", .name("MCR")), ("Pg", .ref(pageRefs[page])), ("MCID", .int(mcid))])))
            case .annotation(let index, let page):
                kids.append(
                    .dict(
                        PDFDict([("Type", .name("OBJR")), ("Obj", annotations[index]), ("Pg", .ref(pageRefs[page]))])))
            }
        }
        // The entries at once: a dictionary grown entry by entry would hold room for eight.
        var entries: [(String, PDFValue)] = [
            ("Type", .name("StructElem")), ("S", .name(typeNames[Int(record.type)])), ("P", parent),
            ("K", kids.count == 1 ? kids[0] : .array(kids)),
        ]
        if let onePage { entries.append(("Pg", .ref(pageRefs[onePage]))) }
        if let alt = record.alt { entries.append(("Alt", .text(alt))) }
        if let attributes = record.attributes { entries.append(("A", .dict(attributes.dict))) }
        return PDFDict(entries)
    }
}
