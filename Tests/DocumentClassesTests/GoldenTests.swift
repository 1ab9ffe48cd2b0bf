import DocumentClasses
import Foundation
import PageIR
import ReportInput
import ReportModel
import TestSupport
import Testing

/// The page IR of the sample and of small layout fixtures, as text dumps, compared byte for byte
/// with the goldens under `Tests/Fixtures/goldens/`. `scripts/update-goldens` writes them anew
/// (`THAIREPORT_UPDATE_GOLDENS=1`), so a layout change is reviewed as a diff of the goldens.
@Suite struct GoldenTests {
    static let folder = Repo.root.appendingPathComponent("Tests/Fixtures/goldens")
    static var updating: Bool { ProcessInfo.processInfo.environment["THAIREPORT_UPDATE_GOLDENS"] == "1" }

    static func check(_ name: String, _ report: Report) throws {
        let sink = TextDumpSink()
        _ = try ITADocument(fonts: Fixtures.fonts()).typeset(report, to: sink)
        let file = folder.appendingPathComponent(name + ".txt")
        if updating {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(sink.text.utf8).write(to: file)
            return
        }
        let golden = try #require(
            try? String(contentsOf: file, encoding: .utf8),
            "no golden \(name).txt: run scripts/update-goldens and review it")
        guard golden != sink.text else { return }
        let got = sink.text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        Issue.record(
            """
            \(name): layout differs from its golden at line \(line + 1)
              golden: \(line < want.count ? String(want[line]) : "(end)")
              now:    \(line < got.count ? String(got[line]) : "(end)")
            run scripts/update-goldens and review the diff
            """)
    }

    @Test func sample() throws { try Self.check("sample-singburi-pao", Fixtures.sample) }

    @Test func actionPlan() throws {
        try Self.check("sample-nong-bua-plan", try ReportLoader.load(dataFile: Repo.actionPlan).report)
    }

    @Test(arguments: GoldenFixtures.all.map(\.0))
    func fixture(_ name: String) throws {
        try Self.check(name, GoldenFixtures.all.first { $0.0 == name }!.1)
    }

    /// Every golden file belongs to a fixture (a renamed fixture leaves no stale file behind).
    @Test func noStrayGoldens() throws {
        guard !Self.updating else { return }
        let names = Set(
            GoldenFixtures.all.map { $0.0 + ".txt" } + ["sample-singburi-pao.txt", "sample-nong-bua-plan.txt"])
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".txt")
        }
        #expect(Set(files) == names)
    }
}
