import CFontconfig
import CPangoCairo
import Foundation

/// The bundled fonts, loaded as a Fontconfig application font set and handed to Pango's Cairo
/// font map, so shaping and fallback never see a font installed on the machine.
///
/// Not thread-safe (Pango font maps are not): each thread of a batch makes its own.
public final class FontSystem {
    /// The faces every build needs; `FontSystem` refuses to start without them.
    public static let requiredFiles = [
        "Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf", "Sarabun-BoldItalic.ttf",
        // Sarabun has no ✓ (U+2713) or ○ (U+25CB): DejaVu Sans supplies them.
        "DejaVuSans.ttf",
    ]

    public enum Failure: Error, CustomStringConvertible {
        case missingFont(String)
        case unreadableFont(String)
        public var description: String {
            switch self {
            case .missingFont(let path): return "ไม่พบไฟล์ฟอนต์ / font file not found: \(path)"
            case .unreadableFont(let path):
                return "ไฟล์ฟอนต์เสียหายหรืออ่านไม่ได้ / font file is corrupt or unreadable: \(path)"
            }
        }
    }

    public let directory: URL
    let config: OpaquePointer
    /// The Pango font map (a PangoCairoFcFontMap), owned by this object.
    public let fontMap: UnsafeMutablePointer<PangoFontMap>

    public init(directory: URL) throws {
        self.directory = directory
        guard let config = FcConfigCreate() else { throw Failure.unreadableFont(directory.path) }
        for name in FontSystem.requiredFiles {
            let path = directory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                FcConfigDestroy(config)
                throw Failure.missingFont(path)
            }
            // FcConfigAppFontAddFile accepts files it cannot parse: a font is read if the
            // application set has more faces after it (one parse of each file, not two).
            let before = FontSystem.applicationFaces(config)
            let ok = path.withCString {
                FcConfigAppFontAddFile(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self))
            }
            guard ok == FcTrue, FontSystem.applicationFaces(config) > before else {
                FcConfigDestroy(config)
                throw Failure.unreadableFont(path)
            }
        }
        self.config = config
        // Make a bundled-fonts configuration the process's current one, so nothing loads the
        // machine's own configuration and scans its fonts (Cairo and Pango ask for the current
        // configuration when they set a font up). Fontconfig keeps a reference to it.
        FontSystem.currentOnce.run { FcConfigSetCurrent(config) }
        let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)!
        pango_fc_font_map_set_config(OpaquePointer(map), config)
        // One Pango unit per 1/1024 point: with 72 dpi, font sizes are in PDF points.
        pango_cairo_font_map_set_resolution(OpaquePointer(map), 72)
        self.fontMap = map
    }

    /// How many faces the configuration's application font set holds.
    static func applicationFaces(_ config: OpaquePointer) -> Int32 {
        FcConfigGetFonts(config, FcSetApplication)?.pointee.nfont ?? 0
    }

    /// Runs its block once per process, whichever thread gets there first.
    final class Once: @unchecked Sendable {
        // `done` is only read and written under `lock`.
        private let lock = NSLock()
        private var done = false
        func run(_ body: () -> Void) {
            lock.withLock {
                if !done {
                    done = true
                    body()
                }
            }
        }
    }
    static let currentOnce = Once()

    deinit {
        g_object_unref(fontMap)
        FcConfigDestroy(config)
    }

    /// A Pango context for layout: Thai language, unhinted metrics so positions do not
    /// depend on a device.
    public func makeContext() -> OpaquePointer {
        let context = pango_font_map_create_context(fontMap)!
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_language(context, pango_language_from_string("th"))
        // Pango rounds glyph positions to whole units by default; a PDF wants the font's own.
        pango_context_set_round_glyph_positions(context, 0)
        return context
    }

    /// The file, face index and size (points per em) a font Pango chose for some text stands
    /// for: what the page IR records, so exporters need neither Pango nor this font system.
    public static func resolve(_ font: UnsafeMutablePointer<PangoFont>) -> (path: String, faceIndex: Int, size: Double)?
    {
        let fcFont = UnsafeMutableRawPointer(font).assumingMemoryBound(to: PangoFcFont.self)
        guard let pattern = pango_fc_font_get_pattern(fcFont) else { return nil }
        var file: UnsafeMutablePointer<FcChar8>? = nil
        guard FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
        var index: Int32 = 0
        if FcPatternGetInteger(pattern, FC_INDEX, 0, &index) != FcResultMatch { index = 0 }
        // The size Cairo draws with (Pango's size rounded to its units), not the size asked for.
        guard let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font)) else { return nil }
        var matrix = cairo_matrix_t()
        cairo_scaled_font_get_font_matrix(scaled, &matrix)
        let path = String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self))
        return (path, Int(index), matrix.xx)
    }

    /// The first folder holding the bundled fonts: `$THAIREPORT_FONTS`, then a `Fonts` folder
    /// beside or above the executable, then above the working directory.
    public static func locateDirectory() -> URL? {
        let fm = FileManager.default
        func holdsFonts(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent(requiredFiles[0]).path)
        }
        if let env = ProcessInfo.processInfo.environment["THAIREPORT_FONTS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
                .deletingLastPathComponent(),
            Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: fm.currentDirectoryPath),
        ].compactMap { $0 }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = directory.appendingPathComponent("Fonts")
                if holdsFonts(candidate) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}
