import Foundation
import ReportModel

/// Renders the report model (not the pages) as one static, self-contained HTML page.
/// Every string from data or template goes through `escape`.
public enum HTMLWriter {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    public static let assetFiles = ["Sarabun-Regular.ttf", "Sarabun-Bold.ttf"]

    /// Copies the fonts and stylesheet the page refers to.
    public static func copyAssets(fontsDirectory: URL, to directory: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in assetFiles {
            let target = directory.appendingPathComponent(name)
            if !fm.fileExists(atPath: target.path) {
                try fm.copyItem(at: fontsDirectory.appendingPathComponent(name), to: target)
            }
        }
        try Data(stylesheet.utf8).write(to: directory.appendingPathComponent("report.css"), options: .atomic)
    }

    public static func render(_ report: Report, pdfFileName: String) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="th">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(report.metadata.title)) – \(escape(report.cover.agencyName))</title>
        <link rel="stylesheet" href="assets/report.css">
        </head>
        <body>
        <header class="cover">

        """
        for line in report.cover.titleLines { html += "<p class=\"cover-title\">\(escape(line))</p>\n" }
        html += "<p class=\"agency\">\(escape(report.cover.agencyName))</p>\n"
        if let address = report.cover.address { html += "<p class=\"address\">\(escape(address))</p>\n" }
        html += "<p><a href=\"\(escape(pdfFileName))\">ดาวน์โหลด PDF</a></p>\n</header>\n<main>\n"
        html += "<section class=\"preface\" aria-labelledby=\"preface\">\n<h2 id=\"preface\">\(escape(report.preface.heading))</h2>\n"
        for paragraph in report.preface.paragraphs { html += "<p>\(escape(paragraph))</p>\n" }
        html += "<p class=\"signature\">"
        html += (report.preface.signature.lines + [report.preface.signature.dateText]).map(escape).joined(separator: "<br>")
        html += "</p>\n</section>\n"
        html += "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">\(escape(report.contents.heading))</h2>\n<ol class=\"toc\">\n"
        for section in report.allSections {
            html += "<li class=\"level-\(section.level)\"><a href=\"#\(section.id)\">\(escape(section.contentsText))</a></li>\n"
        }
        html += "</ol>\n</nav>\n"
        for line in report.bodyTitleLines { html += "<p class=\"body-title\">\(escape(line))</p>\n" }
        for section in report.sections { html += render(section) }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func render(_ section: Section) -> String {
        let level = min(section.level + 1, 6)
        var html = "<section aria-labelledby=\"\(section.id)\">\n<h\(level) id=\"\(section.id)\">\(escape(section.headingText))</h\(level)>\n"
        for block in section.blocks {
            switch block {
            case .paragraph(let text): html += "<p class=\"body\">\(escape(text))</p>\n"
            case .heading(let text): html += "<h\(min(level + 1, 6))>\(escape(text))</h\(min(level + 1, 6))>\n"
            case .table(let table): html += render(table, caption: section.headingText)
            }
        }
        for sub in section.subsections { html += render(sub) }
        return html + "</section>\n"
    }

    static func render(_ table: Table, caption: String) -> String {
        var html = "<div class=\"table-scroll\" role=\"region\" aria-label=\"\(escape(caption))\" tabindex=\"0\">\n<table>\n"
        html += "<caption>\(escape(table.caption ?? caption))</caption>\n<thead>\n"
        for row in table.headerRows {
            html += "<tr>" + row.map { header in
                header.columnSpan > 1
                    ? "<th scope=\"colgroup\" colspan=\"\(header.columnSpan)\">\(cell(header))</th>"
                    : "<th scope=\"col\">\(cell(header))</th>"
            }.joined() + "</tr>\n"
        }
        html += "</thead>\n<tbody>\n"
        for row in table.rows {
            switch row.kind {
            case .group:
                html += "<tr class=\"group\"><th scope=\"colgroup\" colspan=\"\(table.columns.count)\">\(cell(row.cells.first ?? .empty))</th></tr>\n"
            case .body:
                html += "<tr>" + zip(row.cells, table.columns).map { cellValue, column in
                    "<td class=\"align-\(column.alignment.rawValue)\">\(cell(cellValue))</td>"
                }.joined() + "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n</div>\n"
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

    static let stylesheet = """
    @font-face { font-family: "Sarabun"; src: url("Sarabun-Regular.ttf") format("truetype"); font-weight: 400; }
    @font-face { font-family: "Sarabun"; src: url("Sarabun-Bold.ttf") format("truetype"); font-weight: 700; }
    html { font-family: "Sarabun", sans-serif; font-size: 17px; line-height: 1.6; }
    body { margin: 0 auto; max-width: 60rem; padding: 1rem; overflow-wrap: anywhere; }
    .cover { text-align: center; padding: 2rem 0; }
    .cover-title { font-size: 1.6rem; font-weight: 700; margin: 0; }
    .agency, .address { font-weight: 700; margin: 0.2rem 0; }
    .body-title { text-align: center; font-weight: 700; margin: 0; }
    p.body, .preface p { text-indent: 2.5em; text-align: justify; }
    .signature { text-align: center; margin-left: 50%; text-indent: 0 !important; }
    .toc { list-style: none; padding-left: 0; }
    .toc .level-2 { padding-left: 2em; }
    .table-scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0; }
    table { border-collapse: collapse; min-width: 40rem; font-size: 0.9rem; }
    caption { text-align: left; font-weight: 700; }
    th, td { border: 1px solid #444; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
    thead th { text-align: center; background: #eee; }
    tr.group th { background: #f6f6f6; }
    td.align-center { text-align: center; }
    td p { margin: 0 0 0.3rem; }
    td ul { margin: 0; padding-left: 1.2rem; list-style: circle; }
    @media print { .table-scroll { overflow: visible; } thead { display: table-header-group; } a { color: inherit; } }
    """
}
