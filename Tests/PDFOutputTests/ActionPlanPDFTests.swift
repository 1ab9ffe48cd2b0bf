import FontSystem
import Foundation
import ReportInput
import TestSupport
import Testing
import ThaiReport

/// The second template of the language (an action plan: no cover, Arabic digits, a budget table
/// with header cells over two rows, nested groups, subtotals and a total, a list, a picture)
/// built for real and read back from the PDF with poppler, qpdf, pdfminer and the PDF/UA checker.
@Suite(.serialized) struct ActionPlanPDFTests {
    static let scratch = ScratchDirectory()
    static let pdf: URL = {
        let builder = ReportBuilder(fonts: try! FontSystem(directory: Repo.fonts))
        return try! builder.build(
            Repo.actionPlan, options: BuildOptions(outputDirectory: scratch.url, formats: [.pdf]))[0]
    }()
    static let facts = try! PDFFacts.read(pdf)

    static func text(page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        return try runProcess("pdftotext", range + ["-layout", pdf.path, "-"]).stdout
    }

    @Test func soundAndAccessible() throws {
        let check = try runProcess("qpdf", ["--check", Self.pdf.path])
        #expect(check.status == 0 && check.stdout.contains("No syntax or stream encoding errors found"))
        let checker = Repo.root.appendingPathComponent(".venv-tools/bin/pdfua").path
        let result = try runProcess(checker, ["check", Self.pdf.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// No cover, preface or contents: the first page is the body, its title first.
    @Test func startsWithTheBody() throws {
        let first = squeeze(try Self.text(page: 1))
        #expect(first.hasPrefix(squeeze("แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2566 – 2568")))
        #expect(first.contains(squeeze("ส่วนที่ 1 บทนำ")))
        #expect(Self.facts.outline.map(\.title) == ["ส่วนที่ 1 บทนำ", "ส่วนที่ 2 แผนปฏิบัติการ"])
        #expect(Self.facts.pages.map(\.label) == ["1", "2", "3"])
    }

    /// Every number the document prints is in Arabic digits, the generated ones included.
    @Test func arabicDigitsThroughout() throws {
        let text = try Self.text()
        #expect(!text.unicodeScalars.contains { ("\u{0E50}"..."\u{0E59}").contains($0) })
        // The page number, an artifact, in the top margin of page 2.
        #expect(squeeze(try Self.text(page: 2)).hasPrefix("-2-"))
    }

    /// Numbers, subtotals and the total as the table prints them, read off the pages.
    @Test func budgetTableAddsUp() throws {
        let lines = try Self.text().split(separator: "\n").map { squeeze(String($0)) }
        func line(_ start: String) -> String? { lines.first { $0.hasPrefix(squeeze(start)) } }
        #expect(line("1.1.1")?.hasSuffix("30,00030,00030,000") == true, "\(line("1.1.1") ?? "-")")
        #expect(line("4.2.1")?.contains("40,0001,500.5045,000") == true, "\(line("4.2.1") ?? "-")")
        #expect(line("รวมมิติที่ 1") == squeeze("รวมมิติที่ 1 55,000 55,000 60,000"))
        #expect(line("รวมทั้งสิ้น") == squeeze("รวมทั้งสิ้น 150,000 101,500.50 150,000"))
        #expect(lines.contains { $0.hasPrefix(squeeze("มิติที่ 3 การส่งเสริมบทบาท")) })
        #expect(lines.contains { $0.hasPrefix(squeeze("3.2 การรับฟังความคิดเห็น")) })
    }

    /// The header row that spans rows is repeated on every page the table reaches, once each.
    @Test func headerOverTwoRowsOnEveryTablePage() throws {
        for page in [2, 3] {
            let text = squeeze(try Self.text(page: page))
            #expect(text.components(separatedBy: squeeze("งบประมาณ (บาท)")).count == 2, "page \(page)")
            #expect(text.contains(squeeze("256625672568")), "page \(page)")
        }
        // In the tags: two header rows, the cells beside the years spanning both.
        let structure = Self.facts.structure
        let plan = try #require(structure.lastIndex { $0.type == "THead" })
        let rows = structure[(plan + 1)...].prefix { $0.depth > structure[plan].depth }.filter { $0.type == "TR" }
        #expect(rows.map(\.text) == ["ที่โครงการ/กิจกรรม/มาตรการงบประมาณ (บาท)หมายเหตุ", "256625672568"])
        let spanning = structure[(plan + 1)...].filter { $0.type == "TH" && $0.attributes?["RowSpan"] == "2" }
        #expect(spanning.prefix(3).map(\.text) == ["ที่", "โครงการ/กิจกรรม/มาตรการ", "หมายเหตุ"])
    }

    /// The list is tagged as a list with its marks as labels; the picture as a figure with its
    /// alternative text.
    @Test func listAndFigureAreTagged() throws {
        let structure = Self.facts.structure
        let labels = structure.filter { $0.type == "Lbl" }.map(\.text)
        #expect(labels == ["1)", "2)", "3)", "4)"])
        let figure = try #require(structure.first { $0.type == "Figure" })
        #expect(figure.alt?.hasPrefix("แผนภาพมิติทั้ง 4") == true)
    }
}
