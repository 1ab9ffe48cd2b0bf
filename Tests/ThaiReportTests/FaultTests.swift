import Foundation
import TestSupport
import Testing

/// Faults around a build: where it writes, the disk, the fonts. Each gives a clear message and
/// a non-zero exit, and leaves the previous outputs as they were.
@Suite struct FaultTests {
    /// Tests that run the tool under a file-size limit (`ulimit -f`): ThreadSanitizer's own
    /// runtime cannot start under one.
    static let underAFileSizeLimit = ConditionTrait.disabled(
        if: ProcessInfo.processInfo.environment["THAIREPORT_SANITIZER"] == "thread",
        "ThreadSanitizer's own runtime cannot start under a file-size limit")

    let binary = Repo.binary

    /// The sample built once as a PDF in a scratch folder: its data file, output folder and PDF bytes.
    func builtSample(_ scratch: ScratchDirectory) throws -> (data: URL, out: URL, pdf: URL, bytes: Data) {
        let data = scratch.sample()
        let out = scratch.url.appendingPathComponent("out")
        #expect(try runProcess(binary, ["build", data.path, "--out", out.path, "--format", "pdf"]).status == 0)
        let pdf = out.appendingPathComponent("2564/singburi-pao.pdf")
        return (data, out, pdf, try Data(contentsOf: pdf))
    }

    /// The year folder inside the output folder is a file: nothing can be written there.
    @Test func outputFolderThatCannotBeWritten() throws {
        let scratch = ScratchDirectory()
        let blocker = scratch.write("out/2564", "a file where the year folder should be")
        let out = blocker.deletingLastPathComponent()
        let result = try runProcess(binary, ["build", Repo.sample.path, "--out", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write"), "\(result.stderr)")
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "a file where the year folder should be")
    }

    /// `--out` naming a file is a mistake on the command line, said as such.
    @Test func outputFolderThatIsAFile() throws {
        let scratch = ScratchDirectory()
        let blocker = scratch.write("out", "a file where the output folder should be")
        let result = try runProcess(binary, ["build", Repo.sample.path, "--out", blocker.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("is a file, not a folder"), "\(result.stderr)")
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "a file where the output folder should be")
    }

    /// A full disk, made with a file-size limit on the process: the write fails, the previous
    /// PDF stays whole, no temporary file is left.
    @Test(FaultTests.underAFileSizeLimit)
    func diskFullKeepsThePreviousOutput() throws {
        let scratch = ScratchDirectory()
        let (data, out, pdf, before) = try builtSample(scratch)
        let limited = try runProcess(
            "bash",
            [
                "-c", "ulimit -f 40; exec \"$0\" build \"$1\" --out \"$2\" --format pdf --force", binary, data.path,
                out.path,
            ])
        #expect(limited.status == 1, "\(limited.stderr)")
        #expect(
            limited.stderr.contains("writing the PDF failed") || limited.stderr.contains("cannot write"),
            "\(limited.stderr)")
        #expect(try Data(contentsOf: pdf) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: pdf.deletingLastPathComponent().path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// The web page fails part way (a file size limit of 80 KB: the checklist's CSV, 48 KB, and
    /// the fonts are written, the page of about 125 KB is not): exit 1 with the page named and
    /// the system's reason, the page built before kept whole, no temporary file left.
    @Test(FaultTests.underAFileSizeLimit)
    func aPageThatFailsPartWayKeepsThePreviousPage() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample()
        let out = scratch.url.appendingPathComponent("out")
        #expect(try runProcess(binary, ["build", data.path, "--out", out.path, "--format", "html"]).status == 0)
        let page = out.appendingPathComponent("2564/singburi-pao/index.html")
        let before = try Data(contentsOf: page)
        #expect(before.count > 100_000)
        let limited = try runProcess(
            "bash",
            [
                "-c", "ulimit -f 80; exec \"$0\" build \"$1\" --out \"$2\" --format html --force", binary, data.path,
                out.path,
            ])
        #expect(limited.status == 1, "\(limited.stderr)")
        #expect(limited.stderr.contains("cannot write"), "\(limited.stderr)")
        #expect(limited.stderr.contains("index.html: File too large"), "\(limited.stderr)")
        #expect(!limited.stderr.contains("NSCocoaErrorDomain"), "\(limited.stderr)")
        #expect(try Data(contentsOf: page) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: page.deletingLastPathComponent().path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// A template whose placeholder names an indicator the catalog does not have: exit 2 with
    /// the template's line, and the PDF built before is left as it was.
    @Test func templateWithAPlaceholderThatNamesNothing() throws {
        let scratch = ScratchDirectory()
        let (data, out, pdf, before) = try builtSample(scratch)
        scratch.copyTemplate { $0.replacingOccurrences(of: "{item_count:9}", with: "{item_count:99}") }
        let result = try runProcess(binary, ["build", data.path, "--out", out.path, "--format", "pdf"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("template.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("{item_count:99}: there is no indicator or role '99' in the OIT catalog"))
        #expect(try Data(contentsOf: pdf) == before)
    }

    @Test func missingFontFile() throws {
        let scratch = ScratchDirectory()
        let fonts = scratch.url.appendingPathComponent("Fonts")
        try FileManager.default.copyItem(at: Repo.fonts, to: fonts)
        try FileManager.default.removeItem(at: fonts.appendingPathComponent("Sarabun-Bold.ttf"))
        let result = try runProcess(
            binary, ["build", Repo.sample.path, "--out", scratch.url.appendingPathComponent("out").path],
            environment: ["THAIREPORT_FONTS": fonts.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("font file not found"), "\(result.stderr)")
        #expect(result.stderr.contains("Sarabun-Bold.ttf"))
        #expect(
            !FileManager.default.fileExists(
                atPath: scratch.url.appendingPathComponent("out/2564/singburi-pao.pdf").path))
    }

    @Test func corruptFontFile() throws {
        let scratch = ScratchDirectory()
        let fonts = scratch.url.appendingPathComponent("Fonts")
        try FileManager.default.copyItem(at: Repo.fonts, to: fonts)
        let regular = fonts.appendingPathComponent("Sarabun-Regular.ttf")
        try Data(try Data(contentsOf: regular).prefix(2000)).write(to: regular)
        let result = try runProcess(
            binary, ["build", Repo.sample.path, "--out", scratch.url.appendingPathComponent("out").path],
            environment: ["THAIREPORT_FONTS": fonts.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("corrupt or unreadable"), "\(result.stderr)")
    }
}
