import FontSystem
import Foundation
import ReportInput
import TestSupport
import Testing

@testable import ThaiReport

/// Batch builds: discovery, parallel equals serial, incremental, failure isolation.
@Suite struct BatchBuildTests {
    /// A folder with the two samples (and the template) under `Samples/`.
    func samples(_ scratch: ScratchDirectory) -> URL {
        scratch.copyTemplate()
        for agency in ["singburi-pao", "ban-suan-sample"] {
            let text = try! String(
                contentsOf: Repo.root.appendingPathComponent("Samples/\(agency)/2564.yaml"), encoding: .utf8)
            scratch.write("Samples/\(agency)/2564.yaml", text)
        }
        return scratch.url.appendingPathComponent("Samples")
    }

    func run(_ files: [URL], out: URL, force: Bool = false, jobs: Int? = nil) -> BatchResult {
        let options = BatchBuilder.Options(build: BuildOptions(outputDirectory: out), force: force, jobs: jobs)
        return BatchBuilder(options: options, fontsDirectory: Repo.fonts).run(files)
    }

    func contents(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) {
                result[String(url.path.dropFirst(folder.path.count))] = data
            }
        }
        return result
    }

    @Test func discoversDataFilesOfAYear() throws {
        let scratch = ScratchDirectory()
        scratch.write("a/x/2564.yaml", "")
        scratch.write("a/y/2565.yaml", "")
        scratch.write("a/z/deep/2564.yaml", "")
        scratch.write("a/.hidden/2564.yaml", "")
        scratch.write("a/notes.yaml", "")
        scratch.write("a/x/25640.yaml", "")
        let root = scratch.url.appendingPathComponent("a").path
        let all = try DataFiles.discover([root]).map { String($0.path.dropFirst(root.count)) }
        #expect(all == ["/x/2564.yaml", "/y/2565.yaml", "/z/deep/2564.yaml"])
        let year = try DataFiles.discover([root, root + "/x/2564.yaml"], year: 2564).map {
            String($0.path.dropFirst(root.count))
        }
        #expect(year == ["/x/2564.yaml", "/z/deep/2564.yaml"])
        #expect(throws: DataFiles.Missing.self) { try DataFiles.discover([root + "/nope"]) }
    }

    /// A worker that cannot start (its font system fails) leaves the reports to the others;
    /// when no worker starts, every report fails with the reason.
    @Test func aWorkerThatCannotStartLeavesItsReportsToTheOthers() throws {
        struct NoFonts: Error, CustomStringConvertible { let description = "no fonts for this worker" }
        let scratch = ScratchDirectory()
        let files = try DataFiles.discover([samples(scratch).path], year: 2564)
        func options(_ name: String) -> BatchBuilder.Options {
            BatchBuilder.Options(
                build: BuildOptions(outputDirectory: scratch.url.appendingPathComponent(name)), jobs: 2)
        }
        // Worker 0 starts once worker 1 has failed (or after 5 s, should the two run one after
        // the other), so the failing worker meets every report still waiting.
        let failed = DispatchSemaphore(value: 0)
        let oneShort = BatchBuilder(options: options("one"), fontsDirectory: Repo.fonts) { worker in
            if worker == 1 {
                failed.signal()
                throw NoFonts()
            }
            _ = failed.wait(timeout: .now() + 5)
            return try FontSystem(directory: Repo.fonts)
        }.run(files)
        #expect(oneShort.built.count == 2, "\(oneShort.failed)")
        #expect(oneShort.failed.isEmpty && oneShort.exitStatus == 0)
        #expect(oneShort.warnings.contains { $0.message.contains("a worker could not start") })
        let pdf = scratch.url.appendingPathComponent("one/2564/singburi-pao.pdf")
        #expect(FileManager.default.fileExists(atPath: pdf.path))

        let noneStart = BatchBuilder(options: options("none"), fontsDirectory: Repo.fonts) { _ in throw NoFonts() }
            .run(files)
        #expect(noneStart.built.isEmpty && noneStart.failed.count == 2)
        #expect(noneStart.failed.allSatisfy { $0.1.contains("no fonts for this worker") })
        #expect(noneStart.exitStatus == 1)
    }

    @Test func parallelOutputEqualsSerialOutput() throws {
        let scratch = ScratchDirectory()
        let files = try DataFiles.discover([samples(scratch).path], year: 2564)
        #expect(files.count == 2)
        let serial = scratch.url.appendingPathComponent("serial")
        let parallel = scratch.url.appendingPathComponent("parallel")
        let one = run(files, out: serial, jobs: 1)
        let two = run(files, out: parallel, jobs: 2)
        #expect(one.built.count == 2 && two.built.count == 2)
        let a = contents(serial)
        let b = contents(parallel)
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.contains("/2564/index.html"))
        for (key, data) in a { #expect(b[key] == data, "\(key) differs between serial and parallel builds") }
    }

    @Test func unchangedReportsAreSkippedAndChangedOnesRebuilt() throws {
        let scratch = ScratchDirectory()
        let folder = samples(scratch)
        let files = try DataFiles.discover([folder.path])
        let out = scratch.url.appendingPathComponent("out")
        #expect(run(files, out: out).built.count == 2)
        #expect(run(files, out: out).skipped.count == 2)

        // Data of one agency changes: only it is rebuilt.
        let data = folder.appendingPathComponent("ban-suan-sample/2564.yaml")
        try
            (String(contentsOf: data, encoding: .utf8).replacingOccurrences(
                of: "จัดประชุมแล้ว ๒ ครั้ง", with: "จัดประชุมแล้ว ๓ ครั้ง")).write(to: data, atomically: true, encoding: .utf8)
        let afterData = run(files, out: out)
        #expect(afterData.built == [data] && afterData.skipped.count == 1)

        // The template changes: every report is rebuilt.
        scratch.copyTemplate {
            $0.replacingOccurrences(
                of: "closing_line: ปีงบประมาณ พ.ศ.{fiscal_year}", with: "closing_line: ปีงบประมาณ {fiscal_year}")
        }
        #expect(run(files, out: out).built.count == 2)

        // An output removed: rebuilt. --force: rebuilt.
        try FileManager.default.removeItem(at: out.appendingPathComponent("2564/singburi-pao.pdf"))
        #expect(run(files, out: out).built.count == 1)
        #expect(run(files, out: out, force: true).built.count == 2)
    }

    /// Built as HTML only after a change, the PDF is stale: the page does not link to it, and the
    /// next full build rebuilds it instead of skipping the report.
    @Test func aStalePDFIsNotLinkedAndIsRebuilt() throws {
        let scratch = ScratchDirectory()
        let folder = samples(scratch)
        let files = try DataFiles.discover([folder.appendingPathComponent("ban-suan-sample").path])
        let out = scratch.url.appendingPathComponent("out")
        #expect(run(files, out: out).built.count == 1)
        let data = files[0]
        try
            (String(contentsOf: data, encoding: .utf8).replacingOccurrences(
                of: "จัดประชุมแล้ว ๒ ครั้ง", with: "จัดประชุมแล้ว ๔ ครั้ง")).write(to: data, atomically: true, encoding: .utf8)
        let htmlOnly = BatchBuilder(
            options: .init(build: BuildOptions(outputDirectory: out, formats: [.html])), fontsDirectory: Repo.fonts
        ).run(files)
        #expect(htmlOnly.built.count == 1)
        let page = try String(
            contentsOf: out.appendingPathComponent("2564/ban-suan-sample/index.html"), encoding: .utf8)
        #expect(!page.contains("ban-suan-sample.pdf"))
        let full = run(files, out: out)
        #expect(full.built.count == 1 && full.skipped.isEmpty)
        let again = try String(
            contentsOf: out.appendingPathComponent("2564/ban-suan-sample/index.html"), encoding: .utf8)
        #expect(again.contains("../ban-suan-sample.pdf"))
    }

    @Test func oneBrokenFileDoesNotStopTheOthers() throws {
        let scratch = ScratchDirectory()
        let folder = samples(scratch)
        scratch.write("Samples/broken/2564.yaml", "template: ita-2564\nfiscal_year: [2564]\n")
        let result = run(try DataFiles.discover([folder.path]), out: scratch.url.appendingPathComponent("out"))
        #expect(result.built.count == 2)
        #expect(result.failed.count == 1)
        #expect(result.failed.first?.message.contains("broken/2564.yaml:2:14: error:") == true)
        #expect(result.exitStatus == 2)
    }

    @Test func twoFilesForTheSameAgencyAndYearConflict() throws {
        let scratch = ScratchDirectory()
        let folder = samples(scratch)
        let text = try String(contentsOf: folder.appendingPathComponent("singburi-pao/2564.yaml"), encoding: .utf8)
        scratch.write("Samples/copy/2564.yaml", text)
        let result = run(try DataFiles.discover([folder.path]), out: scratch.url.appendingPathComponent("out"), jobs: 1)
        #expect(result.built.count == 2)
        #expect(result.failed.count == 1)
        #expect(result.failed.first?.message.contains("already built from") == true)
    }

    @Test func anUnwritableOutputIsAFaultNotBadInput() throws {
        let scratch = ScratchDirectory()
        let folder = samples(scratch)
        let out = scratch.url.appendingPathComponent("out")
        try Data("a file where a folder should be".utf8).write(to: out)
        let result = run(try DataFiles.discover([folder.path]), out: out)
        #expect(result.failed.count >= 2)
        #expect(result.exitStatus == 1)
    }

    @Test func newDataFilePassesCheckAndIsNeverOverwritten() throws {
        let scratch = ScratchDirectory()
        scratch.copyTemplate()
        let template = try TemplateLoader.load(
            id: "ita-2564", templatesRoot: scratch.url.appendingPathComponent("Templates"))
        let folder = scratch.url.appendingPathComponent("Samples")
        let file = try DataFileWriter.write(
            template: template, agencyID: "ban-mai", name: "องค์การบริหารส่วนตำบลบ้านใหม่ \"ทดสอบ\"", year: 2564,
            folder: folder, create: AtomicFile.createIfAbsent)
        let loaded = try ReportLoader.load(dataFile: file)
        #expect(loaded.report.cover?.agencyName == "องค์การบริหารส่วนตำบลบ้านใหม่ \"ทดสอบ\"")
        #expect(loaded.warnings.count == 43)  // every OIT item still needs its responsible unit
        let text = try String(contentsOf: file, encoding: .utf8)
        for code in 1...43 { #expect(text.contains("  O\(code): {")) }
        #expect(text.contains("# ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน"))
        #expect(throws: DataFileWriter.Exists.self) {
            try DataFileWriter.write(
                template: template, agencyID: "ban-mai", name: "อื่น", year: 2564, folder: folder,
                create: AtomicFile.createIfAbsent)
        }
        #expect(throws: DataFileWriter.InvalidID.self) {
            try DataFileWriter.write(
                template: template, agencyID: "../x", name: "อื่น", year: 2564, folder: folder,
                create: AtomicFile.createIfAbsent)
        }
    }
}
