import FontSystem
import Foundation
import HTMLOutput
import PageIR
import PDFOutput
import ReportInput
import ReportModel
import Typesetting

/// The output formats a build can write.
public enum OutputFormat: String, CaseIterable, Sendable {
    case pdf, html
}

/// Everything a build needs besides the data files.
public struct BuildOptions: Sendable {
    public var outputDirectory: URL
    public var formats: Set<OutputFormat>
    /// nil: the nearest `Templates` folder above each data file.
    public var templatesRoot: URL?
    public init(outputDirectory: URL, formats: Set<OutputFormat> = [.pdf, .html], templatesRoot: URL? = nil) {
        self.outputDirectory = outputDirectory; self.formats = formats; self.templatesRoot = templatesRoot
    }
}

/// One data file in, finished files out: load and check, lay out, write. Every file is written
/// beside its target and renamed into place, so a failure never leaves a partial output.
public final class ReportBuilder {
    public let fonts: FontSystem
    let typesetter: ReportTypesetter
    /// What the last `write` noticed but did not stop for (characters no font has).
    public private(set) var warnings: [String] = []

    public init(fonts: FontSystem) {
        self.fonts = fonts
        typesetter = ReportTypesetter(fonts: fonts)
    }

    /// Loads a data file and its template; throws `InputError` with located diagnostics.
    public static func load(_ dataFile: URL, templatesRoot: URL? = nil) throws -> LoadedReport {
        try ReportLoader.load(dataFile: dataFile, templatesRoot: templatesRoot)
    }

    /// The laid-out pages of a report (for tests and tools that inspect layout).
    public func layout(_ report: Report) -> LaidOutDocument { typesetter.layout(report) }

    /// Builds one report; returns the files written.
    @discardableResult
    public func build(_ dataFile: URL, options: BuildOptions) throws -> [URL] {
        let loaded = try Self.load(dataFile, templatesRoot: options.templatesRoot)
        let written = try write(loaded.report, options: options)
        try record(loaded, fingerprint: fingerprint(of: loaded), options: options)
        return written
    }

    /// The version recorded with every build: a new version rebuilds everything.
    public static let toolVersion = "thaireport 0.2"

    /// Fingerprint of everything a report is made from.
    public func fingerprint(of loaded: LoadedReport) -> String {
        SHA256.fingerprint(of: loaded.inputFiles, extra: [Self.toolVersion, fontsFingerprint])
    }

    /// The bundled fonts' fingerprint: name, size and modification time of each file (hashing
    /// a megabyte of fonts on every build would cost more than laying out a short report).
    public private(set) lazy var fontsFingerprint: String = {
        var hasher = SHA256()
        for name in FontSystem.requiredFiles {
            let path = fonts.directory.appendingPathComponent(name).path
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? Int) ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            hasher.update("\(name) \(size) \(modified)\n")
        }
        return hasher.finish()
    }()

    /// Leaves the record the year page and incremental builds read.
    public func record(_ loaded: LoadedReport, fingerprint: String, options: BuildOptions) throws {
        let report = loaded.report
        let paths = Self.outputPaths(for: report, in: options.outputDirectory)
        let entry = HTMLWriter.YearEntry(agencyID: report.agencyID, agencyName: report.cover.agencyName,
                                         title: report.metadata.title, fiscalYear: report.fiscalYear,
                                         hasPDF: FileManager.default.fileExists(atPath: paths.pdf.path),
                                         hasHTML: FileManager.default.fileExists(atPath: paths.html.path))
        try BuildRecord(entry: entry, fingerprint: fingerprint, source: loaded.inputFiles[0]).write(in: options.outputDirectory)
    }

    /// Whether the outputs in `formats` exist and were made from inputs with this fingerprint.
    public static func isUpToDate(_ report: Report, fingerprint: String, options: BuildOptions) -> Bool {
        guard let record = BuildRecord.read(agencyID: report.agencyID, year: report.fiscalYear, in: options.outputDirectory),
              record.fingerprint == fingerprint else { return false }
        let paths = outputPaths(for: report, in: options.outputDirectory)
        return options.formats.allSatisfy { format in
            FileManager.default.fileExists(atPath: (format == .pdf ? paths.pdf : paths.html).path)
        }
    }

    /// `<out>/<fiscal-year>/<agency-id>.pdf` and `<out>/<fiscal-year>/<agency-id>/index.html`.
    public static func outputPaths(for report: Report, in directory: URL) -> (pdf: URL, html: URL) {
        let year = directory.appendingPathComponent(String(report.fiscalYear))
        return (year.appendingPathComponent(report.agencyID + ".pdf"),
                year.appendingPathComponent(report.agencyID).appendingPathComponent("index.html"))
    }

    public func write(_ report: Report, options: BuildOptions) throws -> [URL] {
        warnings = []
        let paths = Self.outputPaths(for: report, in: options.outputDirectory)
        var written: [URL] = []
        if options.formats.contains(.pdf) {
            try AtomicFile.write(to: paths.pdf) { temporary in
                let stream = try PDFStream(path: temporary.path, fonts: fonts)
                var failure: Error?
                let summary = typesetter.typeset(report) { page, fontNames in
                    guard failure == nil else { return }
                    do { try stream.add(page, fontNames: fontNames) } catch { failure = error }
                }
                if let failure { throw failure }
                try stream.finish(outline: summary.outline, metadata: summary.metadata)
                if !summary.missingCharacters.isEmpty {
                    let list = summary.missingCharacters.map { "\(Character($0)) (U+\(String($0.value, radix: 16, uppercase: true)))" }
                    warnings.append("ฟอนต์ไม่มีตัวอักษร \(list.joined(separator: ", ")) จึงพิมพ์เป็นกรอบสี่เหลี่ยม / "
                        + "the fonts have no \(list.joined(separator: ", ")): printed as a box")
                }
            }
            written.append(paths.pdf)
        }
        if options.formats.contains(.html) {
            let page = HTMLWriter.render(report, pdfFileName: "../\(report.agencyID).pdf")
            try AtomicFile.write(to: paths.html) { temporary in try Data(page.utf8).write(to: temporary) }
            try HTMLWriter.writeAssets(fontsDirectory: fonts.directory,
                                       to: paths.html.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("assets"))
            written.append(paths.html)
        }
        return written
    }
}

/// What a build leaves in `<out>/<year>/.reports/<agency-id>.json`: what the year page lists
/// and the fingerprint of the inputs, so an unchanged report is not built again.
public struct BuildRecord: Codable, Sendable, Equatable {
    public var entry: HTMLWriter.YearEntry
    /// SHA-256 of the inputs (data, template, CSV, logo, fonts) and the tool version.
    public var fingerprint: String
    /// The data file the report was built from.
    public var source: String

    static func file(agencyID: String, year: Int, in output: URL) -> URL {
        output.appendingPathComponent(String(year)).appendingPathComponent(".reports").appendingPathComponent(agencyID + ".json")
    }

    static func read(agencyID: String, year: Int, in output: URL) -> BuildRecord? {
        guard let data = FileManager.default.contents(atPath: file(agencyID: agencyID, year: year, in: output).path) else { return nil }
        return try? JSONDecoder().decode(BuildRecord.self, from: data)
    }

    func write(in output: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(self)
        try AtomicFile.write(to: Self.file(agencyID: entry.agencyID, year: entry.fiscalYear, in: output)) { try data.write(to: $0) }
    }
}

/// The year page `<out>/<year>/index.html`, made from the records of every report built into
/// that year folder (so it lists reports from earlier builds too).
public enum YearPage {
    /// Rewrites the year page from the recorded entries; returns its path.
    @discardableResult
    public static func write(year: Int, in output: URL, fontsDirectory: URL) throws -> URL {
        let yearFolder = output.appendingPathComponent(String(year))
        let records = yearFolder.appendingPathComponent(".reports")
        let files = (try? FileManager.default.contentsOfDirectory(at: records, includingPropertiesForKeys: nil)) ?? []
        let entries = files.filter { $0.pathExtension == "json" }
            .compactMap { try? JSONDecoder().decode(BuildRecord.self, from: Data(contentsOf: $0)).entry }
            .sorted { ($0.agencyName, $0.agencyID) < ($1.agencyName, $1.agencyID) }
        let page = yearFolder.appendingPathComponent("index.html")
        try AtomicFile.write(to: page) { try Data(HTMLWriter.renderYearPage(year: year, entries: entries).utf8).write(to: $0) }
        try HTMLWriter.writeAssets(fontsDirectory: fontsDirectory, to: yearFolder.appendingPathComponent("assets"))
        return page
    }
}

/// Writes a file beside its target, then renames it into place, so a reader (or a build
/// that is interrupted) only ever sees the old file or the new one. Temporary files are named
/// `.<name>.<pid>.<n>.tmp` and tracked, so an interrupted build can remove them.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "เขียนไฟล์ไม่สำเร็จ / cannot write \(path): \(reason)" }
    }

    /// Temporary files being written now, by any thread.
    private static let pending = PendingFiles()

    public static func write(to target: URL, _ produce: (URL) throws -> Void) throws {
        let directory = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: directory.path, reason: (error as NSError).localizedDescription)
        }
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(pending.nextNumber()).tmp")
        pending.insert(temporary.path)
        defer { pending.remove(temporary.path) }
        do {
            try produce(temporary)
            guard rename(temporary.path, target.path) == 0 else {
                throw Failure(path: target.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if error is Failure { throw error }
            throw Failure(path: target.path, reason: "\(error)")
        }
    }

    /// Removes every temporary file being written (for a signal handler before exiting).
    public static func removePending() {
        for path in pending.all() { unlink(path) }
    }

    /// Whether a file name is one of our temporary files.
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp") && name.split(separator: ".").count >= 4
    }

    /// Removes temporary files a killed build left under `directory`; returns how many.
    @discardableResult
    public static func removeLeftovers(under directory: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return 0 }
        var removed = 0
        while let url = walker.nextObject() as? URL {
            if isTemporary(url.lastPathComponent), (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }
}

/// A locked set of paths: the temporary files being written by the build's threads.
final class PendingFiles: @unchecked Sendable {
    // Every access holds `lock`, which is why the class can be shared between threads.
    private let lock = NSLock()
    private var paths = Set<String>()
    private var counter = 0

    func nextNumber() -> Int { lock.withLock { counter += 1; return counter } }
    func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
    func all() -> [String] { lock.withLock { Array(paths) } }
}
