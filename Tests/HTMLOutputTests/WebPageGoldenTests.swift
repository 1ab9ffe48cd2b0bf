import Foundation
import HTMLOutput
import ReportInput
import ReportModel
import TestSupport
import Testing

/// The web pages of the two samples, compared byte for byte with the goldens under
/// `Tests/Fixtures/goldens/web/`, as the page IR's goldens are (`scripts/update-goldens` writes
/// them anew): a change to the page is reviewed as a diff. The page is written as it is
/// streamed to its file (`HTMLWriter.write`, in pieces); its break marks come from a fixed rule
/// (after every space), not the lexicon, so the goldens change only with the writer.
@Suite struct WebPageGoldenTests {
    static let folder = Repo.root.appendingPathComponent("Tests/Fixtures/goldens/web")
    static var updating: Bool { ProcessInfo.processInfo.environment["THAIREPORT_UPDATE_GOLDENS"] == "1" }

    /// Breaks after every space.
    static let afterSpaces: LineBreaks = { text in
        var offsets: [Int] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() where scalar == " " { offsets.append(offset + 1) }
        return offsets
    }

    static func check(_ name: String, _ dataFile: URL) throws {
        let report = try ReportLoader.load(dataFile: dataFile).report
        let context = PageContext(
            pdf: PDFFacts(bytes: 131_072, pages: 28), checklistCSV: true, siteURL: "https://www.example.go.th/ita/",
            lineBreaks: afterSpaces, otherYears: [2565])
        var bytes: [UInt8] = []
        _ = try HTMLWriter.write(report, context: context) { bytes += $0 }
        let page = String(decoding: bytes, as: UTF8.self)
        let file = folder.appendingPathComponent(name + ".html")
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
            return
        }
        let golden = try #require(
            try? String(contentsOf: file, encoding: .utf8),
            "no golden web/\(name).html: run scripts/update-goldens and review it")
        guard golden != page else { return }
        let got = page.split(separator: "\n", omittingEmptySubsequences: false)
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        Issue.record(
            """
            \(name): the web page differs from its golden at line \(line + 1)
              golden: \(line < want.count ? String(want[line].prefix(300)) : "(end)")
              now:    \(line < got.count ? String(got[line].prefix(300)) : "(end)")
            run scripts/update-goldens and review the diff
            """)
    }

    @Test func sample() throws { try Self.check("sample-singburi-pao", Repo.sample) }

    @Test func actionPlan() throws { try Self.check("sample-nong-bua-plan", Repo.actionPlan) }
}
