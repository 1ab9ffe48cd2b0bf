import Foundation
import ReportInput
import ReportModel
import TestSupport
import Testing

/// A template read once is kept for the next report (`TemplateCache`), and never serves once
/// one of the files it was read from has changed, appeared or gone: real files on disk,
/// changed between two loads in one process.
@Suite struct TemplateCacheTests {
    typealias Case = TemplateLanguageTests.Case

    static func template(title: String, extra: String = "") -> String {
        TemplateLanguageTests.header + """
            sections:
              - number: "1"
                title: \(title)
                blocks:
                  - paragraph: ย่อหน้า
            \(extra)
            """
    }

    /// A second section that shows `chart.png` from the template's folder.
    static let picture = """
          - number: "2"
            title: ภาพ
            blocks:
              - image: chart.png
                alt: แผนภาพ
        """

    func title(_ loaded: LoadedReport) -> String { loaded.report.allSections.first?.headingText ?? "" }

    @Test func anEditedTemplateIsReadAgain() throws {
        let c = Case(template: Self.template(title: "แผนเดิม"), data: TemplateLanguageTests.data)
        let first = try c.load()
        #expect(title(first).contains("แผนเดิม"))
        #expect(try c.load().inputDigest == first.inputDigest)
        c.scratch.write("Templates/t/template.yaml", Self.template(title: "แผนใหม่"))
        let second = try c.load()
        #expect(title(second).contains("แผนใหม่"))
        #expect(second.inputDigest != first.inputDigest)
        #expect(second.inputFiles == first.inputFiles)
    }

    @Test func aLexiconAddedOrRemovedCounts() throws {
        let c = Case(template: Self.template(title: "แผน"), data: TemplateLanguageTests.data)
        #expect(try c.load().report.lexicon.isEmpty)
        let lexicon = c.scratch.write("Templates/t/lexicon.txt", "ตัวชี้วัด\n")
        let with = try c.load()
        #expect(with.report.lexicon.contains("ตัวชี้วัด"))
        #expect(with.inputFiles.contains(lexicon.path))
        try FileManager.default.removeItem(at: lexicon)
        let without = try c.load()
        #expect(without.report.lexicon.isEmpty)
        #expect(!without.inputFiles.contains(lexicon.path))
    }

    @Test func aChangedPictureChangesTheInputs() throws {
        let c = Case(template: Self.template(title: "แผน", extra: Self.picture), data: TemplateLanguageTests.data)
        let png = c.scratch.url.appendingPathComponent("Templates/t/chart.png")
        try HostileInputTests.png(width: 2, height: 2).write(to: png)
        let first = try c.load()
        #expect(first.inputFiles.contains(png.path))
        try HostileInputTests.png(width: 3, height: 3).write(to: png)
        #expect(try c.load().inputDigest != first.inputDigest)
        // A picture that is no longer sound is an error again, not a kept template.
        try Data("not a picture".utf8).write(to: png)
        #expect(c.errors().contains { $0.english.contains("chart.png") })
    }

    /// A template kept under one set of limits does not serve under tighter ones: its picture
    /// is checked again and refused.
    @Test func aKeptTemplateServesOnlyUnderTheLimitsItWasReadWith() throws {
        let c = Case(template: Self.template(title: "แผน", extra: Self.picture), data: TemplateLanguageTests.data)
        try HostileInputTests.png(width: 64, height: 64).write(
            to: c.scratch.url.appendingPathComponent("Templates/t/chart.png"))
        _ = try c.load()
        do {
            _ = try ReportLoader.load(dataFile: c.data, limits: InputLimits(maxLogoPixels: 32))
            Issue.record("a picture over the limit was accepted")
        } catch let error as InputError {
            #expect(error.diagnostics.contains { $0.english.contains("chart.png") })
        }
        _ = try c.load()
    }

    @Test func aTemplateWithAnErrorIsNeverKept() throws {
        let broken = Self.template(title: "แผน").replacingOccurrences(of: "paragraph:", with: "paragraf:")
        let c = Case(template: broken, data: TemplateLanguageTests.data)
        #expect(!c.errors().isEmpty)
        #expect(!c.errors().isEmpty)
        c.scratch.write("Templates/t/template.yaml", Self.template(title: "แผน"))
        #expect(title(try c.load()).contains("แผน"))
    }
}
