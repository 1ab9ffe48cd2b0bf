import Foundation
import TestSupport
import Testing

/// A build killed at any moment leaves every previous output whole and no partial file.
@Suite(.serialized) struct InterruptionTests {
    let binary = Repo.binary
    static let agencies = 30

    /// Many agencies (copies of the sample under other ids) and a template.
    func workspace(_ scratch: ScratchDirectory) {
        scratch.copyTemplate()
        let text = try! String(contentsOf: Repo.sample, encoding: .utf8)
        for n in 1...Self.agencies {
            scratch.write(
                "Samples/agency-\(n)/2564.yaml",
                text.replacingOccurrences(of: "id: singburi-pao", with: "id: agency-\(n)"))
        }
    }

    func pdfs(_ out: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for n in 1...Self.agencies {
            let url = out.appendingPathComponent("2564/agency-\(n).pdf")
            if let data = FileManager.default.contents(atPath: url.path) { result[url.lastPathComponent] = data }
        }
        return result
    }

    func temporaries(_ out: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = walker?.nextObject() as? URL {
            if url.lastPathComponent.hasSuffix(".tmp") { found.append(url.lastPathComponent) }
        }
        return found
    }

    @Test(arguments: [SIGINT, SIGKILL]) func interruptedBuildKeepsOutputsWhole(signal: Int32) throws {
        let scratch = ScratchDirectory()
        workspace(scratch)
        let samples = scratch.url.appendingPathComponent("Samples").path
        let out = scratch.url.appendingPathComponent("out")
        let fresh = scratch.url.appendingPathComponent("fresh")
        let first = try runProcess(binary, ["build", samples, "--out", out.path, "--format", "pdf"])
        #expect(first.status == 0, "the first build failed: \(first.stderr.suffix(2_000))")
        let old = pdfs(out)
        #expect(old.count == Self.agencies)

        // Every report changes; what a finished build would write goes to `fresh`.
        scratch.copyTemplate {
            $0.replacingOccurrences(
                of: "closing_line: ปีงบประมาณ พ.ศ.{fiscal_year}", with: "closing_line: ปีงบประมาณ {fiscal_year}")
        }
        let second = try runProcess(binary, ["build", samples, "--out", fresh.path, "--format", "pdf"])
        #expect(second.status == 0, "the build into a fresh folder failed: \(second.stderr.suffix(2_000))")
        let new = pdfs(fresh)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["build", samples, "--out", out.path, "--format", "pdf", "--jobs", "2"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the build is part-way through, then stop it.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, pdfs(out).filter({ new[$0.key] == $0.value }).count < 3 { usleep(20_000) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        let now = pdfs(out)
        let replaced = now.filter { new[$0.key] == $0.value }.count
        #expect(replaced >= 3 && replaced < Self.agencies, "the build was not stopped part-way (\(replaced) replaced)")
        for (name, data) in now {
            #expect(data == old[name] || data == new[name], "\(name) is neither the old nor the new file")
        }
        #expect(now.count == Self.agencies)
        if signal == SIGINT {
            #expect(process.terminationStatus == 128 + SIGINT)
            #expect(temporaries(out).isEmpty, "left behind: \(temporaries(out))")
        }
        // The next build cleans up whatever a killed build left and finishes the job.
        #expect(try runProcess(binary, ["build", samples, "--out", out.path, "--format", "pdf"]).status == 0)
        #expect(temporaries(out).isEmpty)
        #expect(pdfs(out) == new)
    }

    /// On a terminal, one line that rewrites itself: done / total, the reports being built, time left.
    @Test func progressOnATerminal() throws {
        let scratch = ScratchDirectory()
        workspace(scratch)
        let result = try runProcess(
            binary,
            [
                "build", scratch.url.appendingPathComponent("Samples").path, "--out",
                scratch.url.appendingPathComponent("out").path, "--format", "pdf", "--jobs", "2",
            ],
            environment: ["THAIREPORT_PROGRESS": "terminal"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\r\u{1B}[K[0/\(Self.agencies)] · agency-"))
        #expect(result.stderr.contains("[\(Self.agencies)/\(Self.agencies)]"))
        #expect(result.stderr.contains("s left"))
        #expect(!result.stderr.contains("building \(Self.agencies) report(s)"))  // the plain-log header
    }

    @Test func exitStatusesAndFailureListing() throws {
        let scratch = ScratchDirectory()
        workspace(scratch)
        scratch.write("Samples/broken/2564.yaml", "template: ita-2564\nfiscal_year: 2564\nagency: {id: broken}\n")
        let samples = scratch.url.appendingPathComponent("Samples").path
        let result = try runProcess(
            binary, ["build", samples, "--out", scratch.url.appendingPathComponent("out").path, "--format", "pdf"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken/2564.yaml:3:9: error:"))
        #expect(result.stderr.contains("built \(Self.agencies), skipped 0, failed 1"))
        // Not a terminal: one plain line per report.
        #expect(result.stderr.contains("[\(Self.agencies + 1)/\(Self.agencies + 1)]"))
        #expect(!result.stderr.contains("\u{1B}[K"))
        let none = try runProcess(
            binary, ["build", samples, "--year", "2599", "--out", scratch.url.appendingPathComponent("out").path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no data files found"))
    }
}
