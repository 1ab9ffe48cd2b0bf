import FontSystem
import Foundation
import ReportInput
import ReportModel
import TestSupport
import Testing
import ThaiReport

/// The sample's PDF as a published document: sound (qpdf), linked, tagged (PDF/UA-1) and
/// archival (PDF/A-2b), read back from the file with qpdf, pikepdf, pdfminer.six, pdftotext
/// and the pdfua checker.
@Suite(.serialized) struct ArchivalPDFTests {
    static let scratch = ScratchDirectory()
    static let report = try! ReportLoader.load(dataFile: Repo.sample).report

    static func build(_ data: URL, tagged: Bool = true, into folder: String) throws -> URL {
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let options = BuildOptions(
            outputDirectory: scratch.url.appendingPathComponent(folder), formats: [.pdf], taggedPDF: tagged)
        return try builder.build(data, options: options)[0]
    }

    static let pdf = try! build(Repo.sample, into: "tagged")
    static let facts = try! PDFFacts.read(pdf)

    func pageText(_ pdf: URL, _ index: Int) throws -> String {
        squeeze(try runProcess("pdftotext", ["-f", "\(index + 1)", "-l", "\(index + 1)", pdf.path, "-"]).stdout)
    }

    @Test func qpdfFindsNothingWrong() throws {
        let untagged = try Self.build(Repo.sample, tagged: false, into: "untagged")
        let other = try Self.build(Repo.root.appendingPathComponent("Samples/ban-suan-sample/2564.yaml"), into: "other")
        for pdf in [Self.pdf, untagged, other] {
            let check = try runProcess("qpdf", ["--check", pdf.path])
            #expect(check.status == 0, "\(pdf.lastPathComponent): \(check.stdout)\(check.stderr)")
            #expect(!check.stdout.contains("WARNING") && !check.stderr.contains("WARNING"))
            #expect(check.stdout.contains("No syntax or stream encoding errors found"))
        }
    }

    /// Each contents entry is a link annotation that goes to the page where its section starts.
    @Test func contentsLinksGoToTheirSections() throws {
        let links = Self.facts.pages[2].annots
        let sections = Self.report.allSections
        #expect(links.count == sections.count)
        for (link, section) in zip(links, sections) {
            #expect(link.Subtype == "/Link")
            #expect(link.F == 4, "links must print (PDF/A)")
            let page = try #require(link.DestPage, "\(section.number) has no destination")
            #expect(
                try pageText(Self.pdf, page).contains(squeeze(section.headingText)),
                "\(section.number) → page \(page + 1)")
            #expect(squeeze(link.Contents ?? "").hasPrefix(squeeze(section.contentsText)))
        }
        for (index, page) in Self.facts.pages.enumerated() where index != 2 { #expect(page.annots.isEmpty) }
    }

    @Test func outlineEntriesGoToTheirPages() throws {
        #expect(Self.facts.outline.count == Self.report.allSections.count + 2)
        for entry in Self.facts.outline {
            let page = try #require(entry.page)
            #expect(try pageText(Self.pdf, page).contains(squeeze(entry.title)), "'\(entry.title)' → page \(page + 1)")
        }
        #expect(Self.facts.pages.map(\.label).prefix(5) == ["ปก", "คำนำ", "สารบัญ", "๑", "๒"])
    }

    /// Headings, paragraphs and table cells of the model each appear once, in reading order,
    /// with their text; every piece of content is in the tree once or is an artifact.
    @Test func structureTreeHoldsTheDocumentInReadingOrder() throws {
        let elements = Self.facts.structure
        #expect(elements.first?.type == "Document")
        let headings = elements.filter { $0.type.hasPrefix("H") && $0.type.count == 2 }.map { squeeze($0.text) }
        var expected = [Self.report.preface!.heading, Self.report.contents!.heading]
        for section in Self.report.allSections {
            expected.append(section.headingText)
            for case .heading(let text) in section.blocks { expected.append(text) }
        }
        #expect(headings == expected.map(squeeze))

        let paragraphs = elements.filter { $0.type == "P" }.map { squeeze($0.text) }
        var body = Self.report.preface!.paragraphs
        for section in Self.report.allSections { for case .paragraph(let text) in section.blocks { body.append(text) } }
        let found = body.map(squeeze).compactMap { paragraphs.firstIndex(of: $0) }
        #expect(found.count == body.count, "paragraphs missing from the tree")
        #expect(found == found.sorted(), "paragraphs out of reading order")

        let tables = Self.report.allSections.flatMap {
            $0.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        }
        let rows = elements.filter { $0.type == "TR" }
        #expect(elements.filter { $0.type == "Table" }.count == tables.count)
        #expect(rows.count == tables.reduce(0) { $0 + $1.headerRows.count + $1.rows.count })
        let modelRows = tables.flatMap { table in
            table.headerRows.map { $0.map { squeeze($0.content.map(\.plainText).joined()) } }
                + table.rows.map { row in row.cells.map { squeeze($0.content.map(\.plainText).joined()) } }
        }
        var treeRows: [[String]] = []
        for (index, element) in elements.enumerated() where element.type == "TR" {
            let cells = elements[(index + 1)...].prefix { $0.depth > element.depth }.filter {
                $0.depth == element.depth + 1
            }
            treeRows.append(cells.map { squeeze($0.text) })
        }
        // Every cell, empty ones too, in order.
        #expect(treeRows == modelRows)
        #expect(elements.filter { $0.type == "TH" }.allSatisfy { $0.attributes?["Scope"] == "/Column" })

        #expect(Self.facts.mcids_referenced == Self.facts.mcids_distinct, "content in two elements")
        #expect(Self.facts.mcids_with_text <= Self.facts.mcids_distinct)
        #expect(Self.facts.unmarked_text.isEmpty, "content neither tagged nor artifact: \(Self.facts.unmarked_text)")
        // The ○ lists of the cells: one L per list, an LI per item with its bullet and body.
        let items = tables.flatMap { $0.rows.flatMap { $0.cells.flatMap { $0.content } } }.compactMap {
            if case .bullets(let items) = $0 { items } else { nil }
        }
        #expect(elements.filter { $0.type == "L" }.count == items.count)
        #expect(elements.filter { $0.type == "LI" }.count == items.reduce(0) { $0 + $1.count })
        #expect(elements.filter { $0.type == "Lbl" }.allSatisfy { $0.text == "○" })
        let bodies = elements.filter { $0.type == "LBody" }.map { squeeze($0.text) }
        #expect(bodies == items.flatMap { $0 }.map(squeeze))
        let toc = elements.filter { $0.type == "TOCI" }
        #expect(toc.count == Self.report.allSections.count)
        #expect(elements.filter { $0.type == "Link" }.allSatisfy { $0.objects == 1 })
    }

    /// The tree's links, read back both ways with pikepdf: every element names as its parent
    /// the node that holds it, and the parent tree names, for every marked content and link
    /// annotation, the element that holds it; every marked content of the pages' streams is
    /// held, no kid is null. The elements are made only as the file is written
    /// (`PDFObjects.provide`), numbered ahead. A copy with one parent and one parent-tree entry
    /// changed shows that the check sees it.
    @Test func structureElementsAndParentTreeAgree() throws {
        let script = Repo.root.appendingPathComponent("Tests/Tools/structure_links.py").path
        func counts(_ pdf: URL) throws -> [String: Int] {
            let result = try runProcess(Tools.python, [script, pdf.path])
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONDecoder().decode([String: Int].self, from: Data(result.stdout.utf8))
        }
        let other = try Self.build(Repo.root.appendingPathComponent("Samples/ban-suan-sample/2564.yaml"), into: "links")
        for pdf in [Self.pdf, other] {
            let found = try counts(pdf)
            #expect((found["elements"] ?? 0) > 500 && (found["contents"] ?? 0) > 300, "\(found)")
            for key in [
                "wrongParent", "contentsHeldTwice", "nullKids", "parentTreeWrong", "parentTreeMissing",
                "annotationParentWrong", "annotationsWithoutParent", "markedNotHeld",
            ] {
                #expect(found[key] == 0, "\(key): \(found)")
            }
            #expect(found["markedInPages"] == found["contents"], "\(found)")
            #expect(found["annotations"] == (pdf == Self.pdf ? Self.report.allSections.count : found["annotations"]))
        }
        let broken = Self.scratch.url.appendingPathComponent("broken-links.pdf")
        let made = try runProcess(Tools.python, [script, Self.pdf.path, "--break", broken.path])
        #expect(made.status == 0, "\(made.stderr)")
        let found = try counts(broken)
        #expect(found["wrongParent"] == 1 && found["parentTreeWrong"] == 1, "\(found)")
    }

    /// Page numbers, continuation cues, leaders, the contents' column label and table headers
    /// repeated on later pages are artifacts.
    @Test func marginalsAreArtifacts() throws {
        let artifacts = Self.facts.artifacts
        for page in 4..<Self.facts.pages.count {
            let number = "- \(ThaiDigitsForTests.format(page - 2)) -"
            #expect(artifacts.contains { $0.page == page && $0.text.contains(number) }, "page number \(number)")
        }
        #expect(artifacts.contains { $0.page == 3 && $0.text.contains("/๒. ผลการดำเนินการ...") })
        let elements = Self.facts.structure
        #expect(!elements.contains { $0.text.contains("- ๒ -") || $0.text.contains("....") })
    }

    @Test func archivalMetadataAgrees() throws {
        let facts = Self.facts
        #expect(facts.header.hasPrefix("%PDF-1.7\n%"))
        #expect(facts.catalog.Lang == "th-TH")
        #expect(facts.catalog.DisplayDocTitle && facts.catalog.Marked && facts.catalog.StructTreeRoot)
        #expect(facts.xmp["pdfaid:part"] == "2" && facts.xmp["pdfaid:conformance"] == "B")
        #expect(facts.xmp["pdfuaid:part"] == "1")
        #expect(facts.xmp["dc:title"] == facts.info["Title"])
        #expect(facts.xmp["dc:description"] == facts.info["Subject"])
        #expect(facts.xmp["dc:creator"] == "['\(facts.info["Author"] ?? "")']")
        #expect(facts.xmp["pdf:Producer"] == facts.info["Producer"])
        #expect(facts.xmp["xmp:CreatorTool"] == facts.info["Creator"])
        #expect(
            facts.xmp["xmp:CreateDate"] == "2021-03-01T00:00:00Z" && facts.info["CreationDate"] == "D:20210301000000Z")
        #expect(facts.xmp["xmp:ModifyDate"] == "2021-03-01T00:00:00Z" && facts.info["ModDate"] == "D:20210301000000Z")
        #expect(
            facts.info["Title"] == Self.report.metadata.title && facts.info["Author"] == Self.report.metadata.author)
        let intent = try #require(facts.catalog.OutputIntents.first)
        #expect(intent.S == "/GTS_PDFA1" && intent.N == 3 && intent.Identifier == "sRGB IEC61966-2.1")
        let icc = try Data(contentsOf: Repo.root.appendingPathComponent("Resources/sRGB.icc"))
        #expect(intent.profile == icc.map { String(format: "%02x", $0) }.joined())
        #expect(facts.id.count == 2 && facts.id[0] == facts.id[1] && facts.id[0].count == 32)
        for (index, page) in facts.pages.enumerated() {
            #expect(page.Tabs == "/S" && page.StructParents == index)
        }
    }

    @Test func pdfuaCheckerFindsNothing() throws {
        let checker = Repo.root.appendingPathComponent(".venv-tools/bin/pdfua").path
        let result = try runProcess(checker, ["check", Self.pdf.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Without tags the file is still sound, linked and archival, with no structure to claim.
    @Test func untaggedIsStillArchival() throws {
        let facts = try PDFFacts.read(try Self.build(Repo.sample, tagged: false, into: "untagged-facts"))
        #expect(!facts.catalog.StructTreeRoot && !facts.catalog.Marked)
        #expect(facts.structure.isEmpty)
        #expect(facts.xmp["pdfaid:conformance"] == "B" && facts.xmp["pdfuaid:part"] == nil)
        #expect(facts.pages[2].annots.count == Self.report.allSections.count)
        #expect(facts.pages[2].annots.allSatisfy { $0.DestPage != nil && $0.StructParent == nil })
    }

    /// Cairo is asked to leave its content streams plain (`CairoPlainStreams`): the post-writer
    /// deflates every stream of the file, tagged or not, with a logo image or not; only the XMP
    /// metadata stays plain, as PDF/A advises.
    @Test func everyStreamButTheMetadataIsDeflated() throws {
        let local = ScratchDirectory()
        let files = [
            Self.pdf, try Self.build(Repo.sample, tagged: false, into: "untagged-streams"),
            try Self.build(local.sampleWithLogo(), into: "logo-streams"),
        ]
        for pdf in files {
            let facts = try PDFFacts.read(pdf)
            #expect(facts.plain_streams == ["/Metadata"], "\(pdf.path)")
        }
    }

    /// A cover logo is a figure with the agency's name as alternate text.
    @Test func logoIsAFigureWithAltText() throws {
        let local = ScratchDirectory()
        let data = local.sampleWithLogo()
        let facts = try PDFFacts.read(try Self.build(data, into: "logo"))
        let figure = try #require(facts.structure.first { $0.type == "Figure" })
        #expect(figure.alt == Self.report.cover?.agencyName)
        #expect(figure.attributes?["BBox"] != nil)
    }
}

/// Thai digits, for expected page numbers.
enum ThaiDigitsForTests {
    static func format(_ n: Int) -> String {
        String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value - 48 + 0x0E50)!) })
    }
}
