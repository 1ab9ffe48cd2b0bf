import CHarfBuzzSubset
import Foundation

/// Fonts for the web site: a bundled TrueType font cut down to the characters a page uses
/// (HarfBuzz's subsetter, which keeps the glyphs those characters reach through the font's
/// layout features, so Thai marks still stack) and compressed as WOFF2 (`WOFF2File`).
public enum WebFont {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String {
            "ทำฟอนต์เว็บจาก \(path) ไม่สำเร็จ / cannot make a web font of \(path): \(reason)"
        }
    }

    /// The font at `file` with only the glyphs `characters` need, as a WOFF2 file. Hinting is
    /// dropped: browsers on phones and high-density screens do not use it, and it is a third
    /// of Sarabun's bytes.
    public static func woff2(subsetting file: URL, to characters: some Sequence<Unicode.Scalar>) throws -> Data {
        let sfnt = try subset(file, to: characters)
        do {
            return try WOFF2File.encode(sfnt: sfnt)
        } catch {
            throw Failure(path: file.path, reason: "\(error)")
        }
    }

    /// The TrueType font at `file` cut to what `characters` need, before WOFF2 wraps it.
    static func subset(_ file: URL, to characters: some Sequence<Unicode.Scalar>) throws -> [UInt8] {
        let face = try Face(file)
        defer { face.destroy() }
        guard let input = hb_subset_input_create_or_fail() else {
            throw Failure(path: file.path, reason: "out of memory")
        }
        defer { hb_subset_input_destroy(input) }
        let set = hb_subset_input_unicode_set(input)
        for scalar in shapingClosure(characters) { hb_set_add(set, scalar) }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING.rawValue)
        // Only the layout features text needs (composition, local forms, ligatures, kerning,
        // mark placement): alternates, fractions and the like would bring glyphs no page shows.
        let features = hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
        hb_set_clear(features)
        for tag in Self.layoutFeatures { hb_set_add(features, tag) }
        guard let subset = hb_subset_or_fail(face.face, input) else {
            throw Failure(path: file.path, reason: "the subsetter refused the font")
        }
        defer { hb_face_destroy(subset) }
        let blob = hb_face_reference_blob(subset)
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let bytes = hb_blob_get_data(blob, &length), length > 0 else {
            throw Failure(path: file.path, reason: "the subset is empty")
        }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// The layout features a subset keeps, as OpenType tags.
    static let layoutFeatures: [UInt32] = ["ccmp", "locl", "rlig", "liga", "calt", "kern", "mark", "mkmk"].map {
        $0.unicodeScalars.reduce(0) { $0 << 8 | $1.value }
    }

    /// The characters a shaper may draw for `characters`: HarfBuzz's Thai and Lao shapers
    /// split SARA AM (ำ) into NIKHAHIT and SARA AA before looking glyphs up, and any shaper puts
    /// a dotted circle (U+25CC) under a Thai mark that has no base.
    static func shapingClosure(_ characters: some Sequence<Unicode.Scalar>) -> Set<UInt32> {
        var values = Set(characters.map(\.value))
        if values.contains(0x0E33) { values.formUnion([0x0E4D, 0x0E32]) }
        if values.contains(0x0EB3) { values.formUnion([0x0ECD, 0x0EB2]) }
        if values.contains(where: { (0x0E00...0x0EFF).contains($0) }) { values.insert(0x25CC) }
        return values
    }

    /// A HarfBuzz face read from a font file.
    private struct Face {
        let face: OpaquePointer
        init(_ file: URL) throws {
            guard let blob = hb_blob_create_from_file_or_fail(file.path) else {
                throw Failure(path: file.path, reason: "cannot read the font")
            }
            defer { hb_blob_destroy(blob) }
            guard hb_face_count(blob) > 0, let face = hb_face_create(blob, 0), hb_face_get_glyph_count(face) > 0 else {
                throw Failure(path: file.path, reason: "not a font file")
            }
            self.face = face
        }
        func destroy() { hb_face_destroy(face) }
    }
}
