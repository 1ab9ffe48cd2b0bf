import Foundation
import ReportModel
import SiteLayout
import ThaiText

/// Renders the report model (not the pages) as a static, accessible page, and the year page
/// that lists every report of a fiscal year. Every string from data or template goes through
/// `escape`; nothing refers outside the site.
public enum HTMLWriter {
    /// Text and quoted attribute values: `& < > " '` become references, and the characters an
    /// HTML document may not hold (controls but tab, line feed and carriage return; DEL; C1;
    /// noncharacters) become U+FFFD. Data reaches the page only as text and quoted attribute
    /// values: no style or script carries it, and links come from `escapeURL`.
    public static func escape(_ text: String) -> String {
        // Work on UTF-8 bytes: the five characters are ASCII, controls are ASCII or start with
        // 0xC2, and noncharacters start with 0xEF or 0xF0–0xF4; Thai text has none of them.
        let utf8 = text.utf8
        guard
            utf8.contains(where: { byte in
                byte < 0x20 || byte == 0x7F || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22
                    || byte == 0x27 || byte == 0xC2 || byte >= 0xEF
            })
        else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        let replacement = Array("\u{FFFD}".utf8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(UInt8(value))
            case 0x00..<0x20, 0x7F...0x9F, 0xFDD0...0xFDEF: out += replacement
            case _ where value & 0xFFFE == 0xFFFE: out += replacement
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A relative link for an `href`: each path segment percent-encoded (only unreserved
    /// characters stay as they are, so no segment can read as a scheme, query or fragment),
    /// then escaped as an attribute value.
    public static func escapeURL(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        var out = ""
        for byte in path.utf8 {
            if unreserved.contains(byte) || byte == UInt8(ascii: "/") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return escape(out)
    }

    /// The id of a section's heading, from its position among its siblings (`section-2-1` for
    /// the first subsection of the second section), never from the template or data: ids and
    /// `href="#…"` hold only `a-z`, digits and `-`.
    static func sectionID(_ position: [Int]) -> String {
        "section-" + position.map { String($0 + 1) }.joined(separator: "-")
    }

    /// Fonts the pages refer to, from the bundled set, beside the stylesheet in the year's assets.
    public static let fontFiles = ["Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "DejaVuSans.ttf"]

    /// The site's stylesheet.
    public static var stylesheet: String { Stylesheet.css }

    /// `<!DOCTYPE html>` to `<body>`: the page's (already escaped) title and its stylesheet.
    static func documentStart(title: String, stylesheet: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="th">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <link rel="stylesheet" href="\(escapeURL(stylesheet))">
        </head>
        <body>

        """
    }

    static func fiscalYearText(_ year: Int, digits: DigitStyle = .thai) -> String {
        "ปีงบประมาณ พ.ศ.\(digits.format(year))"
    }

    /// The report page, written at `SiteLayout.Place.reportPage`; `linkingPDF`: whether it links
    /// to the report's PDF (false when there is no current PDF).
    /// `otherYears`: the same agency's reports of other fiscal years, linked from the page.
    public static func render(_ report: Report, linkingPDF: Bool, otherYears: [Int] = []) -> String {
        let fiscalYear = fiscalYearText(report.fiscalYear, digits: report.digits)
        let place = SiteLayout.Place.reportPage(agencyID: report.agencyID, year: report.fiscalYear)
        let agencyName = report.metadata.author
        var html = documentStart(
            title: "\(escape(report.metadata.title)) \(escape(fiscalYear)) – \(escape(agencyName))",
            stylesheet: SiteLayout.link(from: place, to: .stylesheet(year: report.fiscalYear)))
        html += "<header class=\"cover\">\n"
        if let cover = report.cover {
            html += """
                <h1>\(cover.titleLines.map(escape).joined(separator: "<br>"))</h1>
                <p class="agency">\(escape(cover.agencyName))</p>

                """
            if let address = cover.address { html += "<p class=\"address\">\(escape(address))</p>\n" }
        } else {
            html += "<h1>\(escape(report.metadata.title))</h1>\n<p class=\"agency\">\(escape(agencyName))</p>\n"
        }
        html += "<p class=\"fiscal-year\">\(escape(fiscalYear))</p>\n"
        if linkingPDF {
            let pdf = SiteLayout.link(from: place, to: .reportPDF(agencyID: report.agencyID, year: report.fiscalYear))
            html += "<p class=\"download\"><a href=\"\(escapeURL(pdf))\">ดาวน์โหลดรายงานฉบับ PDF</a></p>\n"
        }
        if !otherYears.isEmpty {
            html += "<nav class=\"other-years\" aria-label=\"รายงานปีอื่นของหน่วยงาน\"><p>รายงานปีอื่น: "
            html += otherYears.map { year in
                let link = SiteLayout.link(from: place, to: .reportPage(agencyID: report.agencyID, year: year))
                return "<a href=\"\(escapeURL(link))\">\(escape(fiscalYearText(year, digits: report.digits)))</a>"
            }.joined(separator: " · ")
            html += "</p></nav>\n"
        }
        html += "</header>\n<main>\n"

        if let preface = report.preface {
            html +=
                "<section class=\"preface\" aria-labelledby=\"preface\">\n<h2 id=\"preface\">\(escape(preface.heading))</h2>\n"
            for paragraph in preface.paragraphs { html += "<p class=\"text\">\(escape(paragraph))</p>\n" }
            if let signature = preface.signature {
                html += "<p class=\"signature\">"
                html += (signature.lines + [signature.dateText].compactMap { $0 }).map(escape).joined(separator: "<br>")
                html += "</p>\n"
            }
            html += "</section>\n"
        }

        if let contents = report.contents {
            html +=
                "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">\(escape(contents.heading))</h2>\n"
            html += contentsList(report.sections, at: []) + "</nav>\n"
        }

        html += "<div class=\"report\">\n"
        if !report.bodyTitleLines.isEmpty {
            html += "<p class=\"report-title\">\(report.bodyTitleLines.map(escape).joined(separator: "<br>"))</p>\n"
        }
        for (index, section) in report.sections.enumerated() { html += render(section, at: [index]) }
        html +=
            "</div>\n</main>\n<footer>\n<p>\(escape(agencyName)) · \(escape(fiscalYear))</p>\n</footer>\n</body>\n</html>\n"
        return html
    }

    /// The contents entries of `sections`, the children of the section at `parent`.
    static func contentsList(_ sections: [Section], at parent: [Int]) -> String {
        var html = "<ol>\n"
        for (index, section) in sections.enumerated() {
            let position = parent + [index]
            html += "<li><a href=\"#\(sectionID(position))\">\(escape(section.contentsText))</a>"
            if !section.subsections.isEmpty { html += "\n" + contentsList(section.subsections, at: position) }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// A section at `position` (its index among its siblings, from the top level down).
    static func render(_ section: Section, at position: [Int]) -> String {
        let level = min(section.level + 1, 6)
        let id = sectionID(position)
        var html =
            "<section aria-labelledby=\"\(id)\">\n<h\(level) id=\"\(id)\">\(escape(section.headingText))</h\(level)>\n"
        var caption = section.headingText
        for block in section.blocks {
            switch block {
            case .paragraph(let text): html += "<p class=\"text\">\(escape(text))</p>\n"
            case .heading(let text):
                caption = text
                html += "<h\(min(level + 1, 6))>\(escape(text))</h\(min(level + 1, 6))>\n"
            case .table(let table): html += render(table, caption: caption)
            case .list(let items):
                html +=
                    "<ul class=\"marked\">"
                    + items.map {
                        "<li><span class=\"mark\" aria-hidden=\"true\">\(escape($0.mark))</span> \(escape($0.text))</li>"
                    }.joined() + "</ul>\n"
            case .note(let label, let text):
                html += "<p class=\"note\"><strong>\(escape(label))</strong> \(escape(text))</p>\n"
            case .image(let image): html += figure(image)
            }
        }
        for (index, sub) in section.subsections.enumerated() { html += render(sub, at: position + [index]) }
        return html + "</section>\n"
    }

    static func render(_ table: Table, caption: String) -> String {
        let label = caption
        var html =
            "<div class=\"table-scroll\" role=\"region\" aria-label=\"ตาราง: \(escape(label))\" tabindex=\"0\">\n<table class=\"\(table.kind.rawValue)\">\n"
        html += "<caption>\(escape(label))</caption>\n<thead>\n"
        for row in table.headerRows {
            html +=
                "<tr>"
                + row.map { header in
                    let rows = header.rowSpan > 1 ? " rowspan=\"\(header.rowSpan)\"" : ""
                    return header.columnSpan > 1
                        ? "<th scope=\"colgroup\" colspan=\"\(header.columnSpan)\"\(rows)>\(cell(header))</th>"
                        : "<th scope=\"col\"\(rows)>\(cell(header))</th>"
                }.joined() + "</tr>\n"
        }
        html += "</thead>\n<tbody>\n"
        // Codes head their rows in the checklist; elsewhere every cell is data.
        let rowHeaders = table.kind == .checklist
        for (index, row) in table.rows.enumerated() {
            switch row.kind {
            case .group:
                if index > 0 { html += "</tbody>\n<tbody>\n" }
                html +=
                    "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"\(table.columns.count)\">\(cell(row.cells.first ?? .empty))</th></tr>\n"
            case .body, .total:
                var column = 0
                html +=
                    (row.kind == .total ? "<tr class=\"total\">" : "<tr>")
                    + row.cells.map { value -> String in
                        defer { column += value.columnSpan }
                        let align = table.alignment(ofColumn: column).rawValue
                        let span = value.columnSpan > 1 ? " colspan=\"\(value.columnSpan)\"" : ""
                        if rowHeaders && column == 0 { return "<th scope=\"row\"\(span)>\(cell(value))</th>" }
                        return "<td class=\"\(align)\"\(span)>\(cell(value))</td>"
                    }.joined() + "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// A picture, embedded in the page (a data URL) so the page needs no file beside it; when
    /// the file cannot be read any more, its alternative text stands in its place.
    static func figure(_ image: Image) -> String {
        var html = "<figure>"
        if let bytes = FileManager.default.contents(atPath: image.path) {
            html +=
                "<img src=\"data:image/png;base64,\(bytes.base64EncodedString())\" alt=\"\(escape(image.alt))\" width=\"\(image.pixelWidth)\" height=\"\(image.pixelHeight)\">"
        } else {
            html += "<p>\(escape(image.alt))</p>"
        }
        if let caption = image.caption { html += "<figcaption>\(escape(caption))</figcaption>" }
        return html + "</figure>\n"
    }

    static func cell(_ cell: Cell) -> String {
        cell.content.map { block -> String in
            switch block {
            case .paragraph(let text): return "<p>\(escape(text))</p>"
            case .bullets(let items): return "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
            case .check(let label): return "<span class=\"check\" role=\"img\" aria-label=\"\(escape(label))\">✓</span>"
            }
        }.joined()
    }

    /// One report on the year page.
    public struct YearEntry: Sendable, Equatable {
        public var agencyID: String
        public var agencyName: String
        public var title: String
        public var fiscalYear: Int
        public var hasPDF: Bool
        public var hasHTML: Bool
        public init(agencyID: String, agencyName: String, title: String, fiscalYear: Int, hasPDF: Bool, hasHTML: Bool) {
            self.agencyID = agencyID
            self.agencyName = agencyName
            self.title = title
            self.fiscalYear = fiscalYear
            self.hasPDF = hasPDF
            self.hasHTML = hasHTML
        }
    }

    /// The year page (`SiteLayout.Place.yearPage`): every report of the fiscal year, with links to
    /// its page and PDF.
    public static func renderYearPage(year: Int, entries: [YearEntry]) -> String {
        let fiscalYear = fiscalYearText(year)
        let place = SiteLayout.Place.yearPage(year: year)
        var html = documentStart(
            title: "รายงาน \(escape(fiscalYear))", stylesheet: SiteLayout.link(from: place, to: .stylesheet(year: year))
        )
        html += """
            <main>
            <h1>รายงาน \(escape(fiscalYear))</h1>
            <p>จำนวน \(ThaiDigits.format(entries.count)) รายงาน</p>
            <div class="table-scroll" role="region" aria-label="รายการรายงาน" tabindex="0">
            <table class="year">
            <caption>รายงานทุกหน่วยงาน \(escape(fiscalYear))</caption>
            <thead><tr><th scope="col">ที่</th><th scope="col">หน่วยงาน</th><th scope="col">รายงาน</th><th scope="col">ดาวน์โหลด</th></tr></thead>
            <tbody>

            """
        for (index, entry) in entries.enumerated() {
            let pageLink = SiteLayout.link(from: place, to: .reportPage(agencyID: entry.agencyID, year: year))
            let pdfLink = SiteLayout.link(from: place, to: .reportPDF(agencyID: entry.agencyID, year: year))
            let page =
                entry.hasHTML ? "<a href=\"\(escapeURL(pageLink))\">\(escape(entry.title))</a>" : escape(entry.title)
            let pdf = entry.hasPDF ? "<a href=\"\(escapeURL(pdfLink))\">PDF</a>" : ""
            html +=
                "<tr><td class=\"center\">\(ThaiDigits.format(index + 1))</td><th scope=\"row\">\(escape(entry.agencyName))</th><td>\(page)</td><td>\(pdf)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n</main>\n</body>\n</html>\n"
        return html
    }

    /// The site's front page (`SiteLayout.Place.siteIndex`): each fiscal year with a link to its
    /// year page, and each agency with its reports of every year.
    public static func renderSiteIndex(_ entries: [YearEntry]) -> String {
        let place = SiteLayout.Place.siteIndex
        let years = Set(entries.map(\.fiscalYear)).sorted(by: >)
        // The pages of every year share one stylesheet; the newest year's serves here.
        var html = documentStart(
            title: "รายงานทุกปี",
            stylesheet: SiteLayout.link(from: place, to: .stylesheet(year: years.first ?? 0)))
        html += "<main>\n<h1>รายงานทุกปี</h1>\n<h2>ปีงบประมาณ</h2>\n<ul>\n"
        for year in years {
            let link = SiteLayout.link(from: place, to: .yearPage(year: year))
            let count = entries.filter { $0.fiscalYear == year }.count
            html +=
                "<li><a href=\"\(escapeURL(link))\">\(escape(fiscalYearText(year)))</a> (\(ThaiDigits.format(count)) รายงาน)</li>\n"
        }
        html += "</ul>\n<h2>หน่วยงาน</h2>\n<ul>\n"
        let agencies = Dictionary(grouping: entries, by: \.agencyID).sorted {
            ($0.value[0].agencyName, $0.key) < ($1.value[0].agencyName, $1.key)
        }
        for (id, reports) in agencies {
            let name = reports.max { $0.fiscalYear < $1.fiscalYear }?.agencyName ?? id
            let links = reports.sorted { $0.fiscalYear < $1.fiscalYear }.map { entry -> String in
                let label = escape(ThaiDigits.format(entry.fiscalYear))
                guard entry.hasHTML else { return label }
                let link = SiteLayout.link(from: place, to: .reportPage(agencyID: id, year: entry.fiscalYear))
                return "<a href=\"\(escapeURL(link))\">\(label)</a>"
            }
            html += "<li>\(escape(name)): \(links.joined(separator: " · "))</li>\n"
        }
        return html + "</ul>\n</main>\n</body>\n</html>\n"
    }
}
