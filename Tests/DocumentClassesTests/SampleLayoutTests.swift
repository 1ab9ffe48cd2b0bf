import DocumentClasses
import Foundation
import PageIR
import ReportModel
import TestSupport
import Testing
import ThaiReport
import ThaiText

/// Layout of the sample report, checked on the page IR and by reading the PDF back.
@Suite struct SampleLayoutTests {
    let document = Fixtures.document
    var bodyOffset: Int { Fixtures.bodyOffset(document) }

    /// Body page index of a section's heading.
    func bodyPage(_ id: String) -> Int { Fixtures.places(document, Fixtures.sample)[id]!.pageIndex - bodyOffset }

    /// Whether a section's heading is the first text of its page (body text and headings only).
    func atPageTop(_ id: String) -> Bool {
        let place = Fixtures.places(document, Fixtures.sample)[id]!
        let page = document.pages[place.pageIndex]
        let first = LaidOutStructure.parts([page]).first { $0.structure.role != .artifact && !$0.runs.isEmpty }
        return first?.structure.role == .heading(level: 1) && first!.runs.first!.y - place.y < 30
    }

    @Test func frontMatterThenBody() {
        #expect(document.pages.prefix(3).map(\.label) == ["ปก", "คำนำ", "สารบัญ"])
        #expect(bodyOffset == 3)
        #expect(document.pages[3...].map(\.label) == (1...(document.pages.count - 3)).map { ThaiDigits.format($0) })
    }

    /// As in the reference: body page ๑ holds the title and all of section ๑; section ๒ starts page ๒.
    @Test func sectionOneFillsTheFirstBodyPage() {
        #expect(bodyPage("section-1") == 0)
        #expect(bodyPage("section-2") == 1)
        #expect(atPageTop("section-2"))
    }

    /// The reference's contents: ๒.๑ from page ๒, ๒.๒ from ๓, ๒.๓ from ๖, ๒.๔ from ๑๐.
    /// (The style's sizes and line spacing were set to reproduce these breaks.)
    @Test func sectionsStartWhereTheReferenceSays() {
        #expect(
            ["section-2-1", "section-2-2", "section-2-3", "section-2-4"].map { bodyPage($0) + 1 } == [2, 3, 6, 10])
    }

    @Test func firstBodyPageNumberedWhenTheStyleSaysSo() throws {
        var report = Fixtures.sample
        report.style.numberFirstBodyPage = true
        let document = try Fixtures.layout(report)
        let first = document.pages[Fixtures.bodyOffset(document)]
        let numbers = first.items.compactMap { item -> String? in
            if case .text(let run) = item, run.y < 60 { return run.text } else { return nil }
        }
        #expect(numbers == ["- ๑ -"])
    }

    @Test func pageNumbersCentredAtTheTopFromPageTwo() {
        for (index, page) in document.pages.enumerated() {
            let numbers = page.items.compactMap { item -> TextRun? in
                if case .text(let run) = item, run.text.hasPrefix("- "), run.y < 60 { return run } else { return nil }
            }
            let body = index - bodyOffset
            if body >= 1 {
                #expect(numbers.map(\.text) == ["- \(ThaiDigits.format(body + 1)) -"], "page \(index + 1)")
                if let run = numbers.first {
                    #expect(abs(run.x + run.width / 2 - (page.width - 85.04 - 56.69) / 2 - 85.04) < 1)
                }
            } else {
                #expect(numbers.isEmpty, "page \(index + 1) must not be numbered")
            }
        }
    }

    /// Bottom right of every body page but the last: `/` + the first words of the next page + `...`.
    @Test func continuationCues() {
        let bodyPages = Array(document.pages[bodyOffset...])
        for (index, page) in bodyPages.enumerated() {
            let cues = page.items.compactMap { item -> TextRun? in
                if case .text(let run) = item, run.text.hasPrefix("/"), run.y > page.height - 60 {
                    return run
                } else {
                    return nil
                }
            }
            if index == bodyPages.count - 1 {
                #expect(cues.isEmpty)
                continue
            }
            guard let cueRun = cues.first else {
                Issue.record("no cue on body page \(index + 1)")
                continue
            }
            // A cue may be several runs (Thai and Latin faces): take the whole line.
            let line = page.items.compactMap { item -> TextRun? in
                if case .text(let run) = item, abs(run.y - cueRun.y) < 0.1 { return run } else { return nil }
            }
            let cue = TextRun(
                x: line.map(\.x).min()!, y: cueRun.y, font: 0, text: line.map(\.text).joined(),
                glyphs: [Glyph(id: 0, x: 0, y: 0, advance: line.map { $0.x + $0.width }.max()! - line.map(\.x).min()!)],
                clusters: [])
            #expect(cue.text.hasSuffix("..."))
            #expect(abs(cue.x + cue.width - (page.width - 56.69)) < 1, "cue is not flush right")
            let words = squeeze(String(cue.text.dropFirst().dropLast(3)))
            let next = squeeze(
                TextDump.pageText(bodyPages[index + 1]).replacingOccurrences(
                    of: "- \(ThaiDigits.format(index + 2)) -", with: ""))
            #expect(!words.isEmpty && next.contains(words), "cue '\(cue.text)' does not quote page \(index + 2)")
        }
        // The reference's cue before section ๒.
        let first = bodyPages[0].items.compactMap { item -> String? in
            if case .text(let r) = item, r.y > bodyPages[0].height - 60 { return r.text } else { return nil }
        }
        #expect(first.joined() == "/๒. ผลการดำเนินการ...")
    }

    @Test func emptyLabelsAndTitlesLayOut() throws {
        var report = Fixtures.sample
        report.contents = ContentsPage(heading: "", pageLabel: "", closingLine: "")
        report.bodyTitleLines = [""]
        let document = try Fixtures.layout(report)
        #expect(document.pages.count == Fixtures.document.pages.count)
    }

    @Test func outlineHasEverySection() {
        let titles = document.outline.map(\.title)
        for section in Fixtures.sample.allSections { #expect(titles.contains(section.headingText)) }
        for entry in document.outline { #expect(entry.pageIndex < document.pages.count) }
    }

    @Test func dumpIsStableAndReadable() throws {
        let dump = TextDump.dump(document)
        // Laid out again by a document of its own, into the dump sink: the same text.
        let sink = TextDumpSink()
        _ = try ITADocument(fonts: Fixtures.fonts()).typeset(Fixtures.sample, to: sink)
        #expect(dump == sink.text)
        #expect(dump.contains("page 4 [๑] 595.3x841.9\n"))
        #expect(dump.contains("\"๑. หลักการและเหตุผล\""))
        #expect(dump.hasPrefix("font 0 Sarabun-"))
        #expect(!dump.contains(Repo.root.path))
    }

    /// Page numbers, cues, leaders and the contents' column label are artifacts, and nothing else.
    @Test func marginalsAreArtifacts() {
        let label = Fixtures.sample.contents?.pageLabel
        for (index, page) in document.pages.enumerated() {
            for part in LaidOutStructure.allParts([page]) where part.structure.role == .artifact {
                let text = part.lines.joined()
                let known =
                    text.wholeMatch(of: /- [๐-๙]+ -/) != nil || (text.hasPrefix("/") && text.hasSuffix("..."))
                    || text.allSatisfy { $0 == "." } || text == label
                #expect(known, "page \(index + 1): '\(text)' is an artifact")
            }
        }
    }
}

/// The contents page, read back from the PDF, gives the pages the headings really land on.
@Suite struct ContentsTests {
    @Test func contentsNumbersMatchWhereHeadingsLand() throws {
        let scratch = ScratchDirectory()
        let builder = ReportBuilder(fonts: Fixtures.fonts())
        let pdf = try builder.build(Repo.sample, options: BuildOptions(outputDirectory: scratch.url, formats: [.pdf]))[
            0
        ].path
        let pageCount = Fixtures.document.pages.count
        let offset = Fixtures.bodyOffset(Fixtures.document)
        let bodyTexts = try (offset..<pageCount).map { index in
            squeeze(try runProcess("pdftotext", ["-f", "\(index + 1)", "-l", "\(index + 1)", pdf, "-"]).stdout)
        }
        let sections = Fixtures.sample.allSections
        // Body page (1-based) of each heading, found in the PDF text.
        let found = sections.map { section in
            bodyTexts.firstIndex { $0.contains(squeeze(section.headingText)) }.map { $0 + 1 }
        }
        #expect(found.allSatisfy { $0 != nil }, "\(found)")

        let contents = try runProcess("pdftotext", ["-layout", "-f", "\(offset)", "-l", "\(offset)", pdf, "-"]).stdout
        var printed: [(Int, Int)] = []
        for line in contents.split(separator: "\n") where !line.contains("พ.ศ.") {
            guard let match = line.range(of: "[๐-๙]+( - [๐-๙]+)?\\s*$", options: .regularExpression) else { continue }
            let numbers = line[match].split(separator: "-").map {
                Int(ThaiDigits.toASCII($0.trimmingCharacters(in: .whitespaces)))!
            }
            printed.append((numbers[0], numbers.last!))
        }
        let listed = sections.filter { !$0.blocks.isEmpty }
        #expect(printed.count == listed.count, "\(contents)")
        for (section, (first, last)) in zip(listed, printed) {
            let index = sections.firstIndex(of: section)!
            #expect(
                first == found[index], "\(section.number): contents says \(first), heading is on \(found[index] ?? -1)")
            let nextStart = sections[(index + 1)...].first { $0.level <= section.level }.flatMap {
                sections.firstIndex(of: $0)
            }.flatMap { found[$0] }
            if let nextStart {
                #expect(
                    last == nextStart || last == nextStart - 1,
                    "\(section.number) ends \(last), next starts \(nextStart)")
            } else {
                #expect(last == pageCount - offset)
            }
        }
    }

    @Test func contentsEntriesLinkToTheirPages() {
        let document = Fixtures.document
        let links = document.pages[2].items.compactMap { if case .link(let l) = $0 { return l } else { return nil } }
        let places = Fixtures.places(document, Fixtures.sample)
        #expect(links.count == Fixtures.sample.allSections.count)
        for (link, section) in zip(links, Fixtures.sample.allSections) {
            #expect(link.targetPage == places[section.id]!.pageIndex)
            #expect(squeeze(TextDump.pageText(document.pages[link.targetPage])).contains(squeeze(section.headingText)))
        }
    }
}

/// The sample's tables, paginated: the same checks as the flow engine's own tests.
@Suite struct SampleTableTests {
    @Test func everyTablePaginatesCleanly() {
        let tables = Fixtures.sample.allSections.flatMap {
            $0.blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        }
        let pieces = LaidOutStructure.tablePieces(Fixtures.document.pages)
        #expect(pieces.count == tables.count)
        for (index, (table, tablePieces)) in zip(tables, pieces).enumerated() {
            #expect(TableChecks.all(tablePieces, table) == [], "table \(index + 1)")
        }
    }
}
