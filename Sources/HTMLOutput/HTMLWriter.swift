import Foundation
import ReportModel
import SiteLayout
import ThaiText

/// Renders the report model (not the pages) as a static, accessible page, and the year page
/// that lists every report of a fiscal year. Every string from data or template goes through
/// `escape` (or `TextWriter`, which escapes); nothing refers outside the site.
///
/// The report page reads top down as a citizen looks for things: where it belongs (a link back
/// to the year page), what it is and when it was published, the downloads, the contents, then
/// the preface and the report.
public enum HTMLWriter {
    /// The site's stylesheet, as published: without its comments and indentation.
    public static var stylesheet: String { Stylesheet.minified }

    /// The site's icon (SVG).
    public static var favicon: String { Favicon.svg }

    /// The id of a section's heading, from its position among its siblings (`section-2-1` for
    /// the first subsection of the second section), never from the template or data: ids and
    /// `href="#…"` hold only `a-z`, digits and `-`.
    static func sectionID(_ position: [Int]) -> String {
        "section-" + position.map { String($0 + 1) }.joined(separator: "-")
    }

    static func fiscalYearText(_ year: Int, digits: DigitStyle = .thai) -> String {
        "ปีงบประมาณ พ.ศ.\(digits.format(year))"
    }

    /// The report page, written at `SiteLayout.Place.reportPage`; `linkingPDF`: whether it links
    /// to the report's PDF (false when there is no current PDF).
    public static func render(_ report: Report, linkingPDF: Bool) -> String {
        render(report, context: PageContext(pdf: linkingPDF ? PDFFacts(bytes: nil, pages: nil) : nil))
    }

    /// The report page, written at `SiteLayout.Place.reportPage`.
    public static func render(_ report: Report, context: PageContext) -> String {
        var page = ""
        let output = PageOutput { page += String(decoding: $0, as: UTF8.self) }
        ReportPageWriter(report: report, context: context).write(to: output)
        // Appending to a string fails never.
        _ = try? output.finish()
        return page
    }

    /// The report page (`SiteLayout.Place.reportPage`) handed to `output` in pieces as it is
    /// written, never whole (a report of long tables makes a page of tens of megabytes); the
    /// characters each web font of the page must hold. Throws what `output` throws, once the
    /// page is done.
    public static func write(
        _ report: Report, context: PageContext, to output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws -> [SiteLayout.FontFace: Set<Unicode.Scalar>] {
        let pieces = PageOutput(output)
        ReportPageWriter(report: report, context: context).write(to: pieces)
        return try pieces.finish()
    }

    /// The OIT checklist of the report as CSV (nil when it has none), for
    /// `SiteLayout.Place.reportChecklist`.
    public static func checklistCSV(_ report: Report) -> String? {
        ChecklistCSV.make(report)
    }

    /// The characters each web font of a page written by this module must hold.
    public static func characters(ofPage html: String) -> [SiteLayout.FontFace: Set<Unicode.Scalar>] {
        PageCharacters.faces(of: html)
    }
}

/// The report page; see `HTMLWriter`.
struct ReportPageWriter {
    let report: Report
    let context: PageContext
    let text: TextWriter
    let labels = LabelStyles()
    let place: SiteLayout.Place

    init(report: Report, context: PageContext) {
        self.report = report
        self.context = context
        text = TextWriter(lineBreaks: context.lineBreaks)
        place = .reportPage(agencyID: report.agencyID, year: report.fiscalYear)
    }

    /// The agency: the metadata's author (a report need not have a cover).
    var agencyName: String { report.metadata.author }
    var siteName: String { report.metadata.siteName ?? agencyName }

    func write(to output: PageOutput) {
        let fiscalYear = HTMLWriter.fiscalYearText(report.fiscalYear, digits: report.digits)
        let year = report.fiscalYear
        // The page's style holds the label rules of its tables: made before the page is
        // written, in the order the tables are written, so each table is named as it is then.
        for table in tables(of: report.sections) {
            _ = TableWriter(table: table, labelledBy: "", text: text, labels: labels).labelClass()
        }
        let title = "\(report.metadata.title) \(fiscalYear) – \(agencyName)"
        let description = "\(report.metadata.title) \(fiscalYear) ของ\(agencyName)"
        var head = PageHead(
            title: title, description: description, place: place, year: year,
            fonts: Dictionary(
                uniqueKeysWithValues: SiteLayout.FontFace.allCases.map {
                    ($0, SiteLayout.Place.reportFont($0, agencyID: report.agencyID, year: year))
                }),
            siteURL: context.siteURL, siteName: siteName)
        head.metadata = [
            ("name", "dcterms.title", "\(report.metadata.title) \(fiscalYear)"),
            ("name", "dcterms.creator", agencyName),
            ("name", "dcterms.publisher", siteName),
            ("name", "dcterms.issued", report.metadata.date),
            ("name", "dcterms.language", "th"),
            ("property", "article:published_time", report.metadata.date),
        ]
        head.style = labels.css
        head.bodyClass = text.marksBreaks ? "breaks" : nil
        output.append(head.render())

        output.append(header(fiscalYear: fiscalYear) + "<main>\n")
        if let contents = report.contents {
            output.append(
                "<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">\(text(contents.heading))</h2>\n"
                    + contentsList(report.sections, at: []) + "</nav>\n")
        }
        if let preface = report.preface {
            var html =
                "<section class=\"preface\" aria-labelledby=\"preface\">\n<h2 id=\"preface\">\(text(preface.heading))</h2>\n"
            for paragraph in preface.paragraphs { html += "<p class=\"text\">\(text(paragraph))</p>\n" }
            if let signature = preface.signature {
                html += "<p class=\"signature\">"
                html += (signature.lines + [signature.dateText].compactMap { $0 }).map { text($0) }.joined(
                    separator: "<br>")
                html += "</p>\n"
            }
            output.append(html + "</section>\n")
        }
        output.append("<div class=\"report\">\n")
        if !report.bodyTitleLines.isEmpty {
            output.append("<p class=\"report-title\"><strong>\(lines(report.bodyTitleLines))</strong></p>\n")
        }
        for (index, section) in report.sections.enumerated() { write(section, at: [index], to: output) }
        output.append(
            "</div>\n</main>\n<footer>\n<p>\(text(agencyName)) · \(text(fiscalYear))</p>\n</footer>\n</body>\n</html>\n"
        )
    }

    /// The tables of `sections` and their subsections, in the order the page writes them.
    func tables(of sections: [Section]) -> [Table] {
        sections.flatMap { section in
            section.blocks.compactMap { block -> Table? in
                if case .table(let table) = block { return table } else { return nil }
            } + tables(of: section.subsections)
        }
    }

    /// Lines of a title that the PDF sets one under another, as one line that may break where
    /// they did: a space between them, as Thai separates phrases (a title line may end in a
    /// name or a year that would otherwise run into the next line's first word).
    func lines(_ lines: [String]) -> String { lines.map { text($0) }.joined(separator: " ") }

    func header(fiscalYear: String) -> String {
        let year = report.fiscalYear
        let yearPage = SiteLayout.link(from: place, to: .yearPage(year: year))
        var html = """
            <header class="cover">
            <nav class="breadcrumb" aria-label="ตำแหน่งในเว็บไซต์"><ol><li><a href="\(HTMLWriter.escapeURL(yearPage))">\(text(siteName)) · รายงาน\(text(fiscalYear))</a></li><li aria-current="page">\(text(agencyName))</li></ol></nav>
            <h1>\(lines(report.cover?.titleLines ?? [report.metadata.title]))</h1>
            <p class="agency"><strong>\(text(agencyName))</strong></p>

            """
        if let address = report.cover?.address { html += "<p class=\"address\">\(text(address))</p>\n" }
        html += "<p class=\"fiscal-year\"><strong>\(text(fiscalYear))</strong></p>\n"
        // The date the document carries: its signature's, or the end of its fiscal year.
        let published = report.metadata.dateText.isEmpty ? report.metadata.date : report.metadata.dateText
        html +=
            "<p class=\"published\">เผยแพร่ <time datetime=\"\(HTMLWriter.escape(report.metadata.date))\">\(text(published))</time></p>\n"
        if !context.otherYears.isEmpty {
            let links = context.otherYears.map { other in
                let link = SiteLayout.link(from: place, to: .reportPage(agencyID: report.agencyID, year: other))
                let label = HTMLWriter.fiscalYearText(other, digits: report.digits)
                return "<a href=\"\(HTMLWriter.escapeURL(link))\">\(text(label))</a>"
            }
            html +=
                "<nav class=\"other-years\" aria-label=\"รายงานปีอื่นของหน่วยงาน\"><p>รายงานปีอื่น: \(links.joined(separator: " · "))</p></nav>\n"
        }
        var downloads: [String] = []
        if let pdf = context.pdf {
            let link = SiteLayout.link(from: place, to: .reportPDF(agencyID: report.agencyID, year: year))
            downloads.append(
                "<li><a href=\"\(HTMLWriter.escapeURL(link))\" type=\"application/pdf\">\(text("รายงานฉบับพิมพ์")) <wbr><span class=\"file\">(\(text(pdf.label(digits: report.digits))))</span></a></li>"
            )
        }
        if context.checklistCSV {
            let link = SiteLayout.link(from: place, to: .reportChecklist(agencyID: report.agencyID, year: year))
            downloads.append(
                "<li><a href=\"\(HTMLWriter.escapeURL(link))\" type=\"text/csv\" download=\"\(HTMLWriter.escape("\(report.agencyID)-\(year)-oit.csv"))\">\(text("ตารางการเปิดเผยข้อมูล OIT")) <wbr><span class=\"file\">(CSV)</span></a></li>"
            )
        }
        if !downloads.isEmpty {
            html +=
                "<ul class=\"downloads\" aria-label=\"ดาวน์โหลด\">\n" + downloads.joined(separator: "\n") + "\n</ul>\n"
        }
        return html + "</header>\n"
    }

    /// The contents entries of `sections`, the children of the section at `parent`.
    func contentsList(_ sections: [Section], at parent: [Int]) -> String {
        var html = "<ol>\n"
        for (index, section) in sections.enumerated() {
            let position = parent + [index]
            html += "<li><a href=\"#\(HTMLWriter.sectionID(position))\">\(text(section.contentsText))</a>"
            if !section.subsections.isEmpty { html += "\n" + contentsList(section.subsections, at: position) }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// A section at `position` (its index among its siblings, from the top level down).
    func write(_ section: Section, at position: [Int], to output: PageOutput) {
        let level = min(section.level + 1, 6)
        let id = HTMLWriter.sectionID(position)
        output.append("<section>\n<h\(level) id=\"\(id)\">\(text(section.headingText))</h\(level)>\n")
        // A table is named by the heading above it: the section's, or the indicator's.
        var label = id
        var headings = 0
        for block in section.blocks {
            switch block {
            case .paragraph(let paragraph): output.append("<p class=\"text\">\(text(paragraph))</p>\n")
            case .heading(let heading):
                headings += 1
                label = "\(id)-indicator-\(headings)"
                let sub = min(level + 1, 6)
                output.append("<h\(sub) id=\"\(label)\">\(text(heading))</h\(sub)>\n")
            case .table(let table):
                TableWriter(table: table, labelledBy: label, text: text, labels: labels).write(to: output)
            case .list(let items):
                output.append(
                    "<ul class=\"marked\">"
                        + items.map {
                            "<li><span class=\"mark\" aria-hidden=\"true\">\(HTMLWriter.escape($0.mark))</span> \(text($0.text))</li>"
                        }.joined() + "</ul>\n")
            case .note(let noteLabel, let note):
                output.append("<p class=\"note\"><strong>\(text(noteLabel))</strong> \(text(note))</p>\n")
            case .image(let image): output.append(figure(image))
            }
        }
        for (index, sub) in section.subsections.enumerated() { write(sub, at: position + [index], to: output) }
        output.append("</section>\n")
    }

    /// A picture, embedded in the page (a data URL) so the page needs no file beside it; when
    /// the file cannot be read any more, its alternative text stands in its place.
    func figure(_ image: Image) -> String {
        var html = "<figure>"
        if let bytes = FileManager.default.contents(atPath: image.path) {
            html +=
                "<img src=\"data:image/png;base64,\(bytes.base64EncodedString())\" alt=\"\(HTMLWriter.escape(image.alt))\" width=\"\(image.pixelWidth)\" height=\"\(image.pixelHeight)\">"
        } else {
            html += "<p>\(text(image.alt))</p>"
        }
        if let caption = image.caption { html += "<figcaption>\(text(caption))</figcaption>" }
        return html + "</figure>\n"
    }
}
