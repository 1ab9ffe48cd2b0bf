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
        return try write(loaded.report, options: options)
    }

    /// `<out>/<fiscal-year>/<agency-id>.pdf` and `<out>/<fiscal-year>/<agency-id>/index.html`.
    public static func outputPaths(for report: Report, in directory: URL) -> (pdf: URL, html: URL) {
        let year = directory.appendingPathComponent(String(report.fiscalYear))
        return (year.appendingPathComponent(report.agencyID + ".pdf"),
                year.appendingPathComponent(report.agencyID).appendingPathComponent("index.html"))
    }

    public func write(_ report: Report, options: BuildOptions) throws -> [URL] {
        let paths = Self.outputPaths(for: report, in: options.outputDirectory)
        var written: [URL] = []
        if options.formats.contains(.pdf) {
            let document = typesetter.layout(report)
            try AtomicFile.write(to: paths.pdf) { temporary in
                try PDFWriter.write(document, fonts: fonts, to: temporary.path)
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
        // What the year page needs to list this report.
        let entry = HTMLWriter.YearEntry(agencyID: report.agencyID, agencyName: report.cover.agencyName,
                                         title: report.metadata.title, fiscalYear: report.fiscalYear,
                                         hasPDF: FileManager.default.fileExists(atPath: paths.pdf.path),
                                         hasHTML: FileManager.default.fileExists(atPath: paths.html.path))
        try YearPage.record(entry, in: options.outputDirectory)
        return written
    }
}

/// The year page `<out>/<year>/index.html`, made from the entries recorded by every report
/// built into that year folder (so it lists reports from earlier builds too).
public enum YearPage {
    static func entryFile(_ entry: HTMLWriter.YearEntry, in output: URL) -> URL {
        output.appendingPathComponent(String(entry.fiscalYear)).appendingPathComponent(".reports")
            .appendingPathComponent(entry.agencyID + ".json")
    }

    static func record(_ entry: HTMLWriter.YearEntry, in output: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(entry)
        try AtomicFile.write(to: entryFile(entry, in: output)) { try data.write(to: $0) }
    }

    /// Rewrites the year page from the recorded entries; returns its path.
    @discardableResult
    public static func write(year: Int, in output: URL, fontsDirectory: URL) throws -> URL {
        let yearFolder = output.appendingPathComponent(String(year))
        let records = yearFolder.appendingPathComponent(".reports")
        let files = (try? FileManager.default.contentsOfDirectory(at: records, includingPropertiesForKeys: nil)) ?? []
        let entries = files.filter { $0.pathExtension == "json" }
            .compactMap { try? JSONDecoder().decode(HTMLWriter.YearEntry.self, from: Data(contentsOf: $0)) }
            .sorted { ($0.agencyName, $0.agencyID) < ($1.agencyName, $1.agencyID) }
        let page = yearFolder.appendingPathComponent("index.html")
        try AtomicFile.write(to: page) { try Data(HTMLWriter.renderYearPage(year: year, entries: entries).utf8).write(to: $0) }
        try HTMLWriter.writeAssets(fontsDirectory: fontsDirectory, to: yearFolder.appendingPathComponent("assets"))
        return page
    }
}

/// Writes a file beside its target, then renames it into place.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "เขียนไฟล์ไม่สำเร็จ / cannot write \(path): \(reason)" }
    }

    public static func write(to target: URL, _ produce: (URL) throws -> Void) throws {
        let directory = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: directory.path, reason: error.localizedDescription)
        }
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
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
}
