import ReportModel

/// Reads a template's `style`: page, sizes, and `layout`, the constants of the page layout
/// (spacing, tables, cover, contents, cues). Every key is optional; what is not given keeps
/// the default of `Style`.
enum StyleReader {
    /// The families of the bundled fonts (`FontSystem.requiredFiles`): output never uses fonts
    /// installed on the machine, so no other family can be set.
    static let knownFontFamilies = ["Sarabun", "DejaVu Sans"]

    static func read(_ value: YAMLValue, sink: DiagnosticSink) -> Style {
        var style = Style()
        guard
            let map = value.mapping(
                sink, what: "style",
                allowed: [
                    "page", "font_family", "body_size_pt", "heading_size_pt", "title_size_pt", "cover_title_size_pt",
                    "table_size_pt", "first_line_indent_mm", "number_first_body_page", "layout",
                ])
        else { return style }
        if let page = map.optional("page")?.mapping(
            sink, what: "style.page",
            allowed: [
                "width_mm", "height_mm", "margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm",
            ])
        {
            let fields: [(String, WritableKeyPath<Style, Double>, ClosedRange<Double>)] = [
                ("width_mm", \.pageWidthMM, 50...2000), ("height_mm", \.pageHeightMM, 50...2000),
                ("margin_top_mm", \.marginTopMM, 0...500), ("margin_bottom_mm", \.marginBottomMM, 0...500),
                ("margin_left_mm", \.marginLeftMM, 0...500), ("margin_right_mm", \.marginRightMM, 0...500),
            ]
            for (key, path, range) in fields {
                if let v = page.optional(key)?.number(sink, what: key, in: range) { style[keyPath: path] = v }
            }
        }
        if let value = map.optional("font_family"), let family = value.string(sink, what: "font_family") {
            if let known = knownFontFamilies.first(where: { $0.lowercased() == family.lowercased() }) {
                style.fontFamily = known
            } else {
                let names = knownFontFamilies.joined(separator: ", ")
                sink.error(
                    value.location, thai: "ไม่รู้จักฟอนต์ '\(family)' (ใช้ได้เฉพาะฟอนต์ที่มากับโปรแกรม: \(names))",
                    english: "unknown font_family '\(family)' (only the bundled fonts can be used: \(names))")
            }
        }
        let sizes: [(String, WritableKeyPath<Style, Double>)] = [
            ("body_size_pt", \.bodySize), ("heading_size_pt", \.headingSize), ("title_size_pt", \.titleSize),
            ("cover_title_size_pt", \.coverTitleSize), ("table_size_pt", \.tableSize),
            ("first_line_indent_mm", \.firstLineIndentMM),
        ]
        for (key, path) in sizes {
            if let v = map.optional(key)?.number(sink, what: key, in: 1...200) { style[keyPath: path] = v }
        }
        if let v = map.optional("number_first_body_page")?.bool(sink, what: "number_first_body_page") {
            style.numberFirstBodyPage = v
        }
        if let layout = map.optional("layout") { style.layout = self.layout(layout, sink: sink) }
        if style.marginLeftMM + style.marginRightMM >= style.pageWidthMM - 20
            || style.marginTopMM + style.marginBottomMM >= style.pageHeightMM - 40
        {
            sink.error(
                map.location, thai: "ขอบกระดาษกว้างเกินไป ไม่เหลือพื้นที่พิมพ์", english: "the margins leave no room to print")
        }
        return style
    }

    /// `style.layout` keys (constants: key paths are not `Sendable`, the arrays never change), each with the `Style.Layout` field it sets and the values it takes.
    nonisolated(unsafe) static let layoutNumbers:
        [(String, WritableKeyPath<Style.Layout, Double>, ClosedRange<Double>)] = [
            ("title_space_after_lines", \.titleSpaceAfter, 0...10),
            ("section_space_before_lines", \.sectionSpaceBefore, 0...10),
            ("subheading_space_before_lines", \.subheadingSpaceBefore, 0...10),
            ("signature_space_before_lines", \.signatureSpaceBefore, 0...10),
            ("contents_heading_space_after_lines", \.contentsHeadingSpaceAfter, 0...10),
            ("contents_closing_space_before_lines", \.contentsClosingSpaceBefore, 0...10),
            ("cell_padding_x_pt", \.cellPaddingX, 0...50), ("cell_padding_y_pt", \.cellPaddingY, 0...50),
            ("rule_width_pt", \.ruleWidth, 0...10),
            ("table_space_before_pt", \.tableSpaceBefore, 0...200),
            ("table_space_after_pt", \.tableSpaceAfter, 0...200),
            ("logo_size_mm", \.logoSizeMM, 1...200), ("logo_space_after_pt", \.logoSpaceAfter, 0...200),
            ("cover_title_top", \.coverTitleTop, 0...1), ("cover_agency_top", \.coverAgencyTop, 0...1),
            ("contents_indent_mm", \.contentsIndentMM, 0...50),
            ("contents_leader_room_pt", \.contentsLeaderRoom, 0...200),
            ("leader_gap_pt", \.leaderGap, 0...50), ("leader_pitch", \.leaderPitch, 1...10),
            ("signature_left", \.signatureLeft, 0...0.9), ("signature_width", \.signatureWidth, 0.1...1),
            ("cue_width", \.cueWidth, 0.05...1), ("cue_gap_pt", \.cueGap, 0...50),
            ("table_header_size_pt", \.tableHeaderSize, 0...200),
            ("table_header_line_spacing", \.tableHeaderLineSpacing, 0...5),
        ]
    nonisolated(unsafe) static let layoutCounts: [(String, WritableKeyPath<Style.Layout, Int>)] = [
        ("min_lines_at_break", \.minLinesAtBreak),
        ("table_keep_lines", \.tableKeepLines),
    ]

    static func layout(_ value: YAMLValue, sink: DiagnosticSink) -> Style.Layout {
        var layout = Style.Layout()
        let keys = Set(layoutNumbers.map(\.0) + layoutCounts.map(\.0) + ["hyphenate_syllables"])
        guard let map = value.mapping(sink, what: "style.layout", allowed: keys) else { return layout }
        for (key, path, range) in layoutNumbers {
            if let v = map.optional(key)?.number(sink, what: key, in: range) { layout[keyPath: path] = v }
        }
        if let v = map.optional("hyphenate_syllables")?.bool(sink, what: "hyphenate_syllables") {
            layout.hyphenateSyllables = v
        }
        for (key, path) in layoutCounts {
            guard let entry = map.optional(key), let v = entry.number(sink, what: key, in: 1...20) else { continue }
            if let count = Int(exactly: v) {
                layout[keyPath: path] = count
            } else {
                sink.error(entry.location, thai: "\(key) ต้องเป็นจำนวนเต็ม", english: "\(key) must be a whole number")
            }
        }
        if layout.signatureLeft + layout.signatureWidth > 1 {
            sink.error(
                map.location, thai: "ลายเซ็นล้นขอบขวา (signature_left + signature_width เกิน 1)",
                english: "the signature runs past the right margin (signature_left + signature_width is over 1)")
        }
        return layout
    }
}
