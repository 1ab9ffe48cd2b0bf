import Foundation
import ReportInput
import TestSupport
import Testing

/// The lexicon of compounds: the template's `lexicon.txt` and the data file's `lexicon:`.
struct LexiconTests {
    @Test func templateLexiconAndAgencyWordsReachTheReport() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample {
            $0.replacingOccurrences(of: "template: ita-2564", with: "template: ita-2564\nlexicon: [สิงห์บุรี, อบจ.]")
        }
        let loaded = try ReportLoader.load(dataFile: data)
        #expect(loaded.report.lexicon.contains("ตัวชี้วัด"))
        #expect(loaded.report.lexicon.contains("เว็บไซต์"))
        #expect(Array(loaded.report.lexicon.suffix(2)) == ["สิงห์บุรี", "อบจ."])
        #expect(loaded.inputFiles.contains { $0.hasSuffix("ita-2564/lexicon.txt") })
    }

    @Test func aTemplateWithoutALexiconAddsNoWords() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample()
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("Templates/ita-2564/lexicon.txt"))
        #expect(try ReportLoader.load(dataFile: data).report.lexicon.isEmpty)
    }

    @Test func anEntryWithASpaceIsALocatedError() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample()
        scratch.write("Templates/ita-2564/lexicon.txt", "# compounds\nตัวชี้วัด\n  สอง คำ\n")
        let error = try #require(throws: InputError.self) { try ReportLoader.load(dataFile: data) }
        let message = "\(error)"
        #expect(message.contains("lexicon.txt:3:3"), "\(message)")
        #expect(message.contains("one word without spaces"))
        #expect(message.contains("ต้องเป็นคำเดียว"))
    }

    @Test func aDataWordThatIsNotTextIsALocatedError() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample {
            $0.replacingOccurrences(of: "template: ita-2564", with: "template: ita-2564\nlexicon: [ตัว ชี้]")
        }
        let error = try #require(throws: InputError.self) { try ReportLoader.load(dataFile: data) }
        #expect("\(error)".contains("2564.yaml:4:"), "\(error)")
    }
}
