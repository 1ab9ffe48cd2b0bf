import FontSystem
import Foundation
import PageIR
import ReportInput
import TestSupport
import Testing
import ThaiReport

/// Page labels, outline and images, read from the PDF file itself.
@Suite struct PDFStructureTests {
    @Test func pageLabelsMatchThePrintedNumbers() throws {
        let scratch = ScratchDirectory()
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let loaded = try ReportLoader.load(dataFile: Repo.sample)
        let document = try builder.layout(loaded.report)
        let pdf = try builder.write(
            loaded.report, options: BuildOptions(outputDirectory: scratch.url, formats: [.pdf]))[0]
        let facts = try PDFFacts.read(pdf)
        let labels = facts.pages.map { $0.label ?? "" }
        #expect(labels == document.pages.map(\.label))
        #expect(labels.prefix(5) == ["ปก", "คำนำ", "สารบัญ", "๑", "๒"])
        // One bookmark per section, plus the preface and the contents.
        let titles = facts.outline.map(\.title)
        #expect(titles.contains("๒.๔ " + loaded.report.allSections.last!.title))
        #expect(titles.count == loaded.report.allSections.count + 2)
    }

    @Test func coverLogoIsDrawn() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sampleWithLogo()
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let report = try ReportLoader.load(dataFile: data).report
        let images = try builder.layout(report).pages[0].items.compactMap {
            if case .image(let i) = $0 { return i } else { return nil }
        }
        #expect(images.count == 1)
        let pdf = try builder.write(
            report, options: BuildOptions(outputDirectory: scratch.url.appendingPathComponent("out"), formats: [.pdf]))[
                0]
        let list = try runProcess("pdfimages", ["-list", pdf.path]).stdout
        #expect(list.split(separator: "\n").count == 3, "\(list)")  // header, rule, one image
    }
}
