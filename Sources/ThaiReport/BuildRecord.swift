import Foundation
import HTMLOutput
import ReportModel
import SiteLayout

/// What a build leaves in the site's records folder (`SiteLayout.Place.record`): what the year page lists,
/// and for each format written the fingerprint of the inputs it was made from, so an unchanged
/// report is not built again and a stale one is.
public struct BuildRecord: Codable, Sendable, Equatable {
    public var agencyID: String
    public var agencyName: String
    public var title: String
    public var fiscalYear: Int
    /// The data file the report was built from.
    public var source: String
    /// Format (`pdf`, `html`) → fingerprint of the inputs of the file last written in it.
    public var outputs: [String: String] = [:]

    init(report: Report, source: String) {
        agencyID = report.agencyID
        agencyName = report.metadata.author
        title = report.metadata.title
        fiscalYear = report.fiscalYear
        self.source = source
    }

    mutating func update(from report: Report, source: String) {
        agencyName = report.metadata.author
        title = report.metadata.title
        self.source = source
    }

    static func file(agencyID: String, year: Int, in output: URL) -> URL {
        SiteLayout(root: output).url(.record(agencyID: agencyID, year: year))
    }

    static func read(agencyID: String, year: Int, in output: URL) -> BuildRecord? {
        guard let data = FileManager.default.contents(atPath: file(agencyID: agencyID, year: year, in: output).path)
        else { return nil }
        return try? JSONDecoder().decode(BuildRecord.self, from: data)
    }

    func write(in output: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(self)
        try AtomicFile.write(to: Self.file(agencyID: agencyID, year: fiscalYear, in: output)) { try data.write(to: $0) }
    }

    func path(of format: OutputFormat, in output: URL) -> URL {
        SiteLayout(root: output).url(
            format == .pdf
                ? .reportPDF(agencyID: agencyID, year: fiscalYear)
                : .reportPage(agencyID: agencyID, year: fiscalYear))
    }

    /// Whether the file of `format` is there and was made from inputs with this fingerprint.
    func isCurrent(_ format: OutputFormat, fingerprint: String, in output: URL) -> Bool {
        outputs[format.rawValue] == fingerprint
            && FileManager.default.fileExists(atPath: path(of: format, in: output).path)
    }

    /// Whether every format asked for is current: the report can be skipped.
    public static func isUpToDate(agencyID: String, year: Int, fingerprint: String, options: BuildOptions) -> Bool {
        guard let record = read(agencyID: agencyID, year: year, in: options.outputDirectory) else { return false }
        return options.formats.allSatisfy {
            record.isCurrent($0, fingerprint: fingerprint, in: options.outputDirectory)
        }
    }

    var yearEntry: HTMLWriter.YearEntry {
        HTMLWriter.YearEntry(
            agencyID: agencyID, agencyName: agencyName, title: title, fiscalYear: fiscalYear,
            hasPDF: outputs["pdf"] != nil, hasHTML: outputs["html"] != nil)
    }
}

/// The year page, made from the records of every report built into that year folder (so it
/// lists reports from earlier builds too).
public enum YearPage {
    /// Rewrites the year page from the recorded entries; returns its path.
    @discardableResult
    public static func write(year: Int, in output: URL, fontsDirectory: URL) throws -> URL {
        let site = SiteLayout(root: output)
        let entries = entries(year: year, in: output)
            .sorted { ($0.agencyName, $0.agencyID) < ($1.agencyName, $1.agencyID) }
        let page = site.url(.yearPage(year: year))
        try AtomicFile.write(to: page) {
            try Data(HTMLWriter.renderYearPage(year: year, entries: entries).utf8).write(to: $0)
        }
        try SiteAssets.write(fontsDirectory: fontsDirectory, year: year, in: site)
        return page
    }

    /// The reports recorded in a year folder that have an output there, with what they have.
    static func entries(year: Int, in output: URL) -> [HTMLWriter.YearEntry] {
        let records = SiteLayout(root: output).url(.recordsFolder(year: year))
        let files = (try? FileManager.default.contentsOfDirectory(at: records, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == SiteLayout.recordExtension }
            .compactMap { try? JSONDecoder().decode(BuildRecord.self, from: Data(contentsOf: $0)) }
            .map { record -> HTMLWriter.YearEntry in
                var entry = record.yearEntry
                entry.hasPDF = FileManager.default.fileExists(atPath: record.path(of: .pdf, in: output).path)
                entry.hasHTML = FileManager.default.fileExists(atPath: record.path(of: .html, in: output).path)
                return entry
            }
            .filter { $0.hasPDF || $0.hasHTML }
    }
}

/// The site's front page, from the records of every year folder: years and agencies.
public enum SiteIndex {
    @discardableResult
    public static func write(in output: URL) throws -> URL {
        let site = SiteLayout(root: output)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        let years = folders.compactMap { name in name.count == 4 ? Int(name) : nil }
        let entries = years.flatMap { YearPage.entries(year: $0, in: output) }
        let page = site.url(.siteIndex)
        try AtomicFile.write(to: page) { try Data(HTMLWriter.renderSiteIndex(entries).utf8).write(to: $0) }
        return page
    }
}

/// The stylesheet and fonts the year's pages share, in the year's assets folder. Written through
/// `AtomicFile` (workers may write them at the same time; a copy is never seen half-done) and
/// skipped when an identical file is already there.
enum SiteAssets {
    static func write(fontsDirectory: URL, year: Int, in site: SiteLayout) throws {
        for name in HTMLWriter.fontFiles {
            let source = fontsDirectory.appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: source.path) else {
                throw AtomicFile.Failure(path: source.path, reason: "cannot read the font")
            }
            try writeIfChanged(bytes, to: site.url(.asset(name: name, year: year)))
        }
        try writeIfChanged(Data(HTMLWriter.stylesheet.utf8), to: site.url(.stylesheet(year: year)))
    }

    static func writeIfChanged(_ bytes: Data, to target: URL) throws {
        if let existing = FileManager.default.contents(atPath: target.path), existing == bytes { return }
        try AtomicFile.write(to: target) { try bytes.write(to: $0) }
    }
}
