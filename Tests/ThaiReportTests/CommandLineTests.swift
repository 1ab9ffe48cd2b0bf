import Foundation
import TestSupport
import Testing

/// The `thaireport` executable as users run it.
@Suite struct CommandLineTests {
    let binary = Repo.binary

    @Test func helpDocumentsBothCommandsWithExamples() throws {
        let build = try runProcess(binary, ["build", "--help"])
        #expect(build.status == 0)
        #expect(build.stdout.contains("thaireport build Samples/singburi-pao/2564.yaml"))
        let check = try runProcess(binary, ["check", "--help"])
        #expect(check.stdout.contains("thaireport check Samples/singburi-pao/2564.yaml"))
    }

    @Test func buildsTheSampleIntoTheYearFolder() throws {
        let out = ScratchDirectory()
        let result = try runProcess(binary, ["build", Repo.sample.path, "--out", out.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(out.files().contains("2564/singburi-pao.pdf"))
        #expect(out.files().contains("2564/singburi-pao/index.html"))
    }

    /// A report's PDF is the same bytes whether built alone or in a batch with other reports
    /// (each PDF makes its own cluster fonts), in separate processes.
    @Test func aReportIsTheSameBytesAloneAndInABatch() throws {
        let alone = ScratchDirectory()
        let batch = ScratchDirectory()
        #expect(
            try runProcess(binary, ["build", Repo.sample.path, "--out", alone.url.path, "--format", "pdf"]).status == 0)
        let samples = Repo.root.appendingPathComponent("Samples").path
        #expect(
            try runProcess(binary, ["build", samples, "--out", batch.url.path, "--format", "pdf", "--jobs", "2"]).status
                == 0)
        let name = "2564/singburi-pao.pdf"
        #expect(batch.files().contains("2564/ban-suan-sample.pdf"))
        #expect(
            try Data(contentsOf: alone.url.appendingPathComponent(name))
                == Data(contentsOf: batch.url.appendingPathComponent(name)))
    }

    /// Every sample's PDF and web page are the same bytes built alone and built after other
    /// reports in one process, which keeps the template read, the text shaped and the web
    /// page's line breaks from one report for the next (`--jobs 1`: each report follows one).
    @Test func whatAReportKeepsForTheNextChangesNoByte() throws {
        let batch = ScratchDirectory()
        let samples = Repo.root.appendingPathComponent("Samples")
        let run = try runProcess(binary, ["build", samples.path, "--out", batch.url.path, "--jobs", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 3)
        for file in files {
            let alone = ScratchDirectory()
            let single = try runProcess(
                binary, ["build", samples.appendingPathComponent(file).path, "--out", alone.url.path])
            #expect(single.status == 0, "\(single.stderr)")
            // The report's own files: its PDF, page, checklist and page fonts (the year's and the
            // site's index pages list what each build holds).
            let agency = String(file.split(separator: "/")[0])
            let own = alone.files().filter { $0.split(separator: "/").dropFirst().first?.hasPrefix(agency) == true }
            #expect(own.count >= 3)
            for name in own {
                #expect(
                    try Data(contentsOf: alone.url.appendingPathComponent(name))
                        == Data(contentsOf: batch.url.appendingPathComponent(name)), "\(name) differs")
            }
        }
    }

    @Test func badInputExitsWithTwoAndWritesNothing() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample { $0.replacingOccurrences(of: "  short_name:", with: "  colour: red\n  short_name:") }
        let out = scratch.url.appendingPathComponent("out")
        let result = try runProcess(binary, ["build", data.path, "--out", out.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("2564.yaml:8:3: error:"))
        #expect(result.stderr.contains("unknown key 'colour'"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func checkValidatesWithoutWriting() throws {
        let scratch = ScratchDirectory()
        let good = try runProcess(binary, ["check", Repo.sample.path])
        #expect(good.status == 0)
        let data = scratch.sample { $0.replacingOccurrences(of: "template: ita-2564", with: "template: ita-2599") }
        let before = scratch.files()
        let bad = try runProcess(binary, ["check", data.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("template 'ita-2599' does not exist"))
        #expect(scratch.files() == before)
    }

    /// A name that would add keys to the new file, or drive the terminal, is refused; quotes,
    /// backslashes and separators are written so that the name reads back exactly.
    @Test func newRefusesControlCharactersInTheName() throws {
        let scratch = ScratchDirectory()
        scratch.copyTemplate()
        let templates = scratch.url.appendingPathComponent("Templates").path
        let folder = scratch.url.appendingPathComponent("Samples").path
        for name in ["บ้านใหม่\ntexts:\n  preface-1: แทรก", "บ้านใหม่\u{1B}]0;x\u{07}", "บ้านใหม่\t", "\u{85}"] {
            let result = try runProcess(
                binary,
                [
                    "new", "--agency", "ban-mai", "--name", name, "--year", "2564", "--folder", folder,
                    "--templates", templates,
                ])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("control character"))
            #expect(!result.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{85}" })
            #expect(!FileManager.default.fileExists(atPath: folder + "/ban-mai/2564.yaml"))
        }
        let name = "บ้านใหม่ \"ทดสอบ\" \\ # texts: \u{2028}x"
        let made = try runProcess(
            binary,
            [
                "new", "--agency", "ban-mai", "--name", name, "--year", "2564", "--folder", folder,
                "--templates", templates,
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let file = folder + "/ban-mai/2564.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("ทดสอบ\" \\ # texts: \u{2028}"))  // never raw, never in a comment
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("texts:") }.isEmpty)
        let check = try runProcess(binary, ["check", file, "--templates", templates])
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// Input quoted in a message is escaped: a data file cannot set the terminal's title.
    @Test func messagesDoNotCarryControlCharacters() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample {
            $0.replacingOccurrences(of: "  short_name:", with: "  \"colour\\e]0;owned\\a\": red\n  short_name:")
        }
        let result = try runProcess(binary, ["check", data.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("colour\\u{1B}]0;owned\\u{7}"))
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func unknownFormatIsRefused() throws {
        let result = try runProcess(
            binary, ["build", Repo.sample.path, "--format", "docx", "--out", ScratchDirectory().url.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown format 'docx'"))
    }
}

/// Mistakes on the command line: a clear message in Thai and English and the documented exit
/// status (64 for usage, 2 for bad input), never a crash or a file in the wrong place.
@Suite struct CommandLineMistakesTests {
    let binary = Repo.binary

    @Test func outputFolderMustBeAFolder() throws {
        let scratch = ScratchDirectory()
        let file = scratch.write("a-file", "x")
        let named = try runProcess(binary, ["build", Repo.sample.path, "--out", file.path, "--format", "html"])
        #expect(named.status == 64)
        #expect(named.stderr.contains("is a file, not a folder") && named.stderr.contains("เป็นไฟล์"))
        #expect(!named.stderr.contains("NSCocoaErrorDomain"))
        let empty = try runProcess(binary, ["build", Repo.sample.path, "--out", "", "--format", "html"])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--out needs a folder"))
    }

    @Test func templatesFolderIsCheckedAndNamed() throws {
        let scratch = ScratchDirectory()
        let missing = try runProcess(
            binary, ["build", Repo.sample.path, "--out", scratch.url.path, "--templates", scratch.url.path + "/none"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("is not an existing folder"))
        let empty = scratch.url.appendingPathComponent("empty-templates")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let wrong = try runProcess(
            binary, ["check", Repo.sample.path, "--templates", empty.path])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("looked in \(empty.path)"))
    }

    @Test func negativeJobsIsABadNumberNotAMissingOne() throws {
        let result = try runProcess(binary, ["build", Repo.sample.path, "--jobs", "-1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--jobs must be at least 1"))
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test func argumentsThatAreNotUTF8AreRefused() throws {
        let scratch = ScratchDirectory()
        let result = try runProcess(
            "/bin/sh", ["-c", "exec \"$0\" build \"$(printf 'bad\\377name')\" --out \"$1\"", binary, scratch.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not UTF-8"))
        #expect(scratch.files().isEmpty)
        // A folder of data files whose name is not UTF-8, found by walking a folder.
        let samples = scratch.url.appendingPathComponent("Samples").path
        let made = try runProcess(
            "/bin/sh",
            [
                "-c", "mkdir -p \"$0/$(printf 'bad\\377')\" && cp \"$1\" \"$0/$(printf 'bad\\377')/2564.yaml\"",
                samples, Repo.sample.path,
            ])
        #expect(made.status == 0, "\(made.stderr)")
        let walked = try runProcess(
            binary, ["build", samples, "--out", scratch.url.appendingPathComponent("out").path])
        #expect(walked.status == 2)
        #expect(walked.stderr.contains("is not UTF-8: rename the file or folder"))
    }

    /// Two data files with the same agency id, built into one folder in two runs: the second
    /// does not silently replace the first agency's report.
    @Test func anotherDataFileDoesNotReplaceAPublishedReport() throws {
        let scratch = ScratchDirectory()
        let first = scratch.sample(name: "2564.yaml")
        let second = scratch.write("Samples/copy/2564.yaml", try String(contentsOf: first, encoding: .utf8))
        let out = scratch.url.appendingPathComponent("out").path
        #expect(try runProcess(binary, ["build", first.path, "--out", out, "--format", "html"]).status == 0)
        let replaced = try runProcess(binary, ["build", second.path, "--out", out, "--format", "html"])
        #expect(replaced.status == 2)
        #expect(replaced.stderr.contains("was built from another data file (…/test-agency/2564.yaml)"))
        // The record says which file without saying where it is: it sits in the published folder.
        let record = try String(
            contentsOf: scratch.url.appendingPathComponent("out/2564/.reports/singburi-pao.json"), encoding: .utf8)
        #expect(!record.contains(scratch.url.path) && !record.contains(NSHomeDirectory()), "\(record)")
        #expect(try runProcess(binary, ["build", first.path, "--out", out, "--format", "html"]).status == 0)
        #expect(
            try runProcess(binary, ["build", second.path, "--out", out, "--format", "html", "--force"]).status == 0)
    }
}
