import ReportModel
import SiteLayout
import ThaiText

extension HTMLWriter {
    /// One report on the year page.
    public struct YearEntry: Sendable, Equatable {
        public var agencyID: String
        public var agencyName: String
        public var title: String
        public var fiscalYear: Int
        public var hasPDF: Bool
        public var hasHTML: Bool
        /// What the PDF link says about the file, when known.
        public var pdf: PDFFacts?
        /// The website the report is published on (nil: the agency's name).
        public var siteName: String?
        public init(
            agencyID: String, agencyName: String, title: String, fiscalYear: Int, hasPDF: Bool, hasHTML: Bool,
            pdf: PDFFacts? = nil, siteName: String? = nil
        ) {
            self.agencyID = agencyID
            self.agencyName = agencyName
            self.title = title
            self.fiscalYear = fiscalYear
            self.hasPDF = hasPDF
            self.hasHTML = hasHTML
            self.pdf = pdf
            self.siteName = siteName
        }
    }

    /// The year page (`SiteLayout.Place.yearPage`): every report of the fiscal year, with links to
    /// its page and PDF, titled with the site the reports are published on.
    public static func renderYearPage(
        year: Int, entries: [YearEntry], siteURL: String? = nil, lineBreaks: LineBreaks? = nil
    ) -> String {
        let text = TextWriter(lineBreaks: lineBreaks)
        let fiscalYear = fiscalYearText(year)
        let place = SiteLayout.Place.yearPage(year: year)
        let sites = Set(entries.map { $0.siteName ?? $0.agencyName })
        // One site: the page is that site's; reports of several agencies: the page names none.
        let site = sites.count == 1 ? sites.first! : nil
        let heading = "รายงาน\(fiscalYear)"
        let title = site.map { "\(heading) – \($0)" } ?? heading
        var head = PageHead(
            title: title,
            description:
                "\(heading) จำนวน \(ThaiDigits.format(entries.count)) รายงาน"
                + (site.map { " ของ\($0)" } ?? ""),
            place: place, year: year,
            fonts: Dictionary(
                uniqueKeysWithValues: SiteLayout.FontFace.allCases.map {
                    ($0, SiteLayout.Place.yearFont($0, year: year))
                }
            ),
            siteURL: siteURL, siteName: site ?? heading)
        head.metadata = [("name", "dcterms.language", "th")]
        if let site { head.metadata.append(("name", "dcterms.publisher", site)) }
        head.bodyClass = text.marksBreaks ? "breaks" : nil
        var html = head.render()
        html += "<header class=\"cover\">\n"
        if let site { html += "<p class=\"site\"><strong>\(text(site))</strong></p>\n" }
        html += "<h1>\(text(heading))</h1>\n<p>จำนวน \(ThaiDigits.format(entries.count)) รายงาน</p>\n</header>\n"
        html += "<main>\n<ol class=\"reports\">\n"
        for entry in entries {
            let pageLink = SiteLayout.link(from: place, to: .reportPage(agencyID: entry.agencyID, year: year))
            let pdfLink = SiteLayout.link(from: place, to: .reportPDF(agencyID: entry.agencyID, year: year))
            html += "<li>\n<h2>\(text(entry.agencyName))</h2>\n"
            html +=
                entry.hasHTML
                ? "<p><a href=\"\(escapeURL(pageLink))\">\(text(entry.title))</a></p>\n"
                : "<p>\(text(entry.title))</p>\n"
            if entry.hasPDF {
                let facts = (entry.pdf ?? PDFFacts(bytes: nil, pages: nil)).label()
                html +=
                    "<p class=\"downloads\"><a href=\"\(escapeURL(pdfLink))\" type=\"application/pdf\">\(text("รายงานฉบับพิมพ์")) <wbr><span class=\"file\">(\(text(facts)))</span></a></p>\n"
            }
            html += "</li>\n"
        }
        html += "</ol>\n</main>\n</body>\n</html>\n"
        return html
    }

    /// The site's front page (`SiteLayout.Place.siteIndex`): each fiscal year with a link to its
    /// year page, and each agency with its reports of every year. Its stylesheet, icon and
    /// fonts are in the newest year's assets.
    public static func renderSiteIndex(_ entries: [YearEntry], lineBreaks: LineBreaks? = nil) -> String {
        let text = TextWriter(lineBreaks: lineBreaks)
        let place = SiteLayout.Place.siteIndex
        let years = Set(entries.map(\.fiscalYear)).sorted(by: >)
        let newest = years.first ?? 0
        let heading = "รายงานทุกปี"
        var head = PageHead(
            title: heading,
            description:
                "รายงาน \(ThaiDigits.format(years.count)) ปีงบประมาณ จำนวน \(ThaiDigits.format(entries.count)) รายงาน",
            place: place, year: newest,
            fonts: Dictionary(
                uniqueKeysWithValues: SiteLayout.FontFace.allCases.map {
                    ($0, SiteLayout.Place.siteIndexFont($0, year: newest))
                }),
            siteName: heading)
        head.metadata = [("name", "dcterms.language", "th")]
        head.bodyClass = text.marksBreaks ? "breaks" : nil
        var html = head.render()
        html += "<header class=\"cover\">\n<h1>\(text(heading))</h1>\n</header>\n<main>\n<h2>ปีงบประมาณ</h2>\n<ul>\n"
        for year in years {
            let link = SiteLayout.link(from: place, to: .yearPage(year: year))
            let count = entries.filter { $0.fiscalYear == year }.count
            html +=
                "<li><a href=\"\(escapeURL(link))\">\(text(fiscalYearText(year)))</a> (\(ThaiDigits.format(count)) รายงาน)</li>\n"
        }
        html += "</ul>\n<h2>หน่วยงาน</h2>\n<ul>\n"
        let agencies = Dictionary(grouping: entries, by: \.agencyID).sorted {
            ($0.value[0].agencyName, $0.key) < ($1.value[0].agencyName, $1.key)
        }
        for (id, reports) in agencies {
            let name = reports.max { $0.fiscalYear < $1.fiscalYear }?.agencyName ?? id
            let links = reports.sorted { $0.fiscalYear < $1.fiscalYear }.map { entry -> String in
                let label = text(ThaiDigits.format(entry.fiscalYear))
                guard entry.hasHTML else { return label }
                let link = SiteLayout.link(from: place, to: .reportPage(agencyID: id, year: entry.fiscalYear))
                return "<a href=\"\(escapeURL(link))\">\(label)</a>"
            }
            html += "<li>\(text(name)): \(links.joined(separator: " · "))</li>\n"
        }
        return html + "</ul>\n</main>\n</body>\n</html>\n"
    }
}
