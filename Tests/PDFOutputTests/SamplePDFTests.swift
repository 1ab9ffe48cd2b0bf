import FontSystem
import Foundation
import PageIR
import ReportInput
import TestSupport
import Testing
import ThaiReport
import Typesetting

/// The sample report built for real (Pango, Cairo, the bundled fonts) and read back with poppler.
@Suite(.serialized) struct SamplePDFTests {
    static let scratch = ScratchDirectory()
    static let pdf: URL = {
        let builder = ReportBuilder(fonts: try! FontSystem(directory: Repo.fonts))
        let written = try! builder.build(
            Repo.sample, options: BuildOptions(outputDirectory: scratch.url, formats: [.pdf]))
        return written[0]
    }()

    @Test func writesWhereTheCLIPromises() {
        #expect(Self.pdf.path.hasSuffix("/2564/singburi-pao.pdf"))
        // No temporary file is left behind.
        #expect(Self.scratch.files() == ["2564/.reports/singburi-pao.json", "2564/singburi-pao.pdf"])
    }

    @Test func embedsOnlyTheBundledFaces() throws {
        let result = try runProcess("pdffonts", [Self.pdf.path])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            let name = String(columns[0].split(separator: "+").last ?? "")
            #expect(["Sarabun-Regular", "Sarabun-Bold", "DejaVuSans"].contains(name), "unexpected font: \(row)")
            #expect(!row.contains("Type 3"), "Cairo fell back to a Type 3 font: \(row)")
            #expect(row.contains(" yes yes yes "), "not embedded as a subset with ToUnicode: \(row)")
        }
    }

    /// Each face's glyphs, its clusters among them, are one subset of the document's.
    @Test func eachFaceIsEmbeddedOnce() throws {
        let rows = try runProcess("pdffonts", [Self.pdf.path]).stdout.split(separator: "\n").dropFirst(2)
        let cidFaces = rows.filter { $0.contains("CID TrueType") }.map {
            $0.split(separator: " ")[0].split(separator: "+").last!
        }
        #expect(cidFaces.count == Set(cidFaces).count, "a face embedded more than once: \(cidFaces)")
    }

    @Test func metadataComesFromTheData() throws {
        let info = try runProcess("pdfinfo", [Self.pdf.path]).stdout
        #expect(info.contains("Title:           รายงานผลการดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"))
        #expect(info.contains("Author:          องค์การบริหารส่วนจังหวัดสิงห์บุรี"))
        #expect(info.contains("CreationDate:    Mon Mar  1 00:00:00 2021"))
        #expect(info.contains("Page size:       595.276 x 841.89 pts (A4)"))
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let other = ScratchDirectory()
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let second = try builder.build(Repo.sample, options: BuildOptions(outputDirectory: other.url, formats: [.pdf]))[
            0]
        #expect(try Data(contentsOf: second) == Data(contentsOf: Self.pdf))
    }

    /// The text extractors a reader's tools are built on: poppler (honours ActualText),
    /// pdfminer.six and pdfplumber (read each glyph's ToUnicode entry, order glyphs by position),
    /// and PDFium (Chromium's PDF viewer).
    enum Extractor: String, CaseIterable, CustomTestStringConvertible {
        case pdftotext, pdfminer, pdfplumber, pdfium
        var testDescription: String { rawValue }

        /// The text of each page.
        func pages(of pdf: URL) throws -> [String] {
            let result: ProcessResult
            switch self {
            case .pdftotext:
                result = try runProcess("pdftotext", [pdf.path, "-"])
            case .pdfminer:
                result = try runProcess(
                    Tools.python,
                    [
                        "-c",
                        """
                        import sys
                        from pdfminer.high_level import extract_text
                        sys.stdout.write(extract_text(sys.argv[1]))
                        """, pdf.path,
                    ])
            case .pdfplumber:
                result = try runProcess(
                    Tools.python,
                    [
                        "-c",
                        """
                        import sys, pdfplumber
                        with pdfplumber.open(sys.argv[1]) as pdf:
                            sys.stdout.write("\\f".join((page.extract_text() or "") for page in pdf.pages))
                        """, pdf.path,
                    ])
            case .pdfium:
                result = try runProcess(
                    Tools.python,
                    [
                        "-c",
                        """
                        import sys, pypdfium2
                        pdf = pypdfium2.PdfDocument(sys.argv[1])
                        sys.stdout.write("\\f".join(page.get_textpage().get_text_range() for page in pdf))
                        """, pdf.path,
                    ])
            }
            #expect(result.status == 0, "\(rawValue): \(result.stderr)")
            return result.stdout.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\u{0C}")
        }
    }

    /// Each extractor's pages of the sample, read once (none if it could not be run).
    static let extracted: [Extractor: [String]] = {
        var pages: [Extractor: [String]] = [:]
        for extractor in Extractor.allCases { pages[extractor] = (try? extractor.pages(of: pdf)) ?? [] }
        return pages
    }()

    /// Every extractor gives back every body paragraph whole: same characters in the same order
    /// (sara am intact, marks in logical order, no replacement character). Spaces and line
    /// breaks are not compared here.
    @Test(arguments: Extractor.allCases) func paragraphsSurviveExtraction(_ extractor: Extractor) throws {
        let text = try #require(Self.extracted[extractor]).joined(separator: "\n")
        let haystack = squeeze(text)
        #expect(haystack.contains("ำ"))
        #expect(!text.contains("\u{FFFD}"), "\(extractor.rawValue) found glyphs with no text")
        let report = try ReportLoader.load(dataFile: Repo.sample).report
        let texts = report.preface!.paragraphs + ModelFixtures.bodyTexts(report, tables: false)
        let missing = texts.filter { !haystack.contains(squeeze($0)) }
        #expect(missing.isEmpty, "not extracted intact: \(missing.prefix(3))")
    }

    /// No space is inserted inside a word: wherever an extractor puts a space the source has
    /// none, the two sides must meet at a word boundary. pdftotext shows one there only in a
    /// very loose justified line; the others measure their word gap differently (pdfplumber:
    /// 3 pt), so they show one wherever justification opened a wider gap between two words.
    /// They also read a table row's cells as one line, so only pdftotext's reading of tables
    /// can be checked this way.
    @Test(arguments: Extractor.allCases) func noSpaceInsertedInsideWords(_ extractor: Extractor) throws {
        let report = try ReportLoader.load(dataFile: Repo.sample).report
        let source = report.preface!.paragraphs + ModelFixtures.bodyTexts(report, tables: extractor == .pdftotext)
        let all = source.joined(separator: "\n")
        let shaper = Shaper(fonts: try FontSystem(directory: Repo.fonts))
        let style = TextStyle(family: "Sarabun", size: 11)
        let extracted = Self.extracted[extractor]!.joined(separator: "\n")
        var insideWords: [String] = []
        var atBoundaries = 0
        for line in extracted.split(separator: "\n") {
            let tokens = line.split(separator: " ").map(String.init)
            for (a, b) in zip(tokens, tokens.dropFirst()) where !a.allSatisfy({ $0 == "." }) {
                guard !all.contains(a + " " + b), let text = source.first(where: { $0.contains(a + b) }) else {
                    continue
                }
                let joint = text.distance(from: text.startIndex, to: text.range(of: a + b)!.lowerBound) + a.count
                let offsets = Set(
                    shaper.breakOpportunities(in: text, style: style).map {
                        // Pango counts characters as Unicode scalars; Swift counts graphemes.
                        text.unicodeScalars.prefix($0).reduce(into: "") { $0.unicodeScalars.append($1) }.count
                    })
                if offsets.contains(joint) { atBoundaries += 1 } else { insideWords.append("\(a) \(b)") }
            }
        }
        #expect(insideWords.isEmpty, "\(insideWords.count) spaces inserted inside words, e.g. \(insideWords.prefix(5))")
        if extractor == .pdftotext {
            #expect(atBoundaries < 5, "\(atBoundaries) spaces at word boundaries: justification too loose")
        }
    }

    /// Every laid-out run of text, table cells included, comes back from its own page, whole,
    /// with every extractor.
    @Test(arguments: Extractor.allCases) func everyLineSurvivesExtractionOnItsPage(_ extractor: Extractor) throws {
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let document = try builder.layout(try ReportLoader.load(dataFile: Repo.sample).report)
        let pages = Self.extracted[extractor]!
        #expect(pages.count >= document.pages.count)
        var missing: [String] = []
        for (index, page) in document.pages.enumerated() {
            let haystack = squeeze(pages[index])
            // pdftotext joins a line that ends in "-" with the next and drops the hyphen.
            for case .text(let run) in page.items
            where !haystack.contains(squeeze(run.text))
                && !(run.text.hasSuffix("-") && haystack.contains(squeeze(String(run.text.dropLast()))))
            {
                missing.append("page \(index + 1): \(run.text)")
            }
        }
        #expect(missing.isEmpty, "\(missing.count) lines not extracted: \(missing.prefix(5))")
    }
}
