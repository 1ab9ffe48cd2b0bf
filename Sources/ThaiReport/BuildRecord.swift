import Foundation
import HTMLOutput
import ReportInput
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
    /// The website the report is published on, when the data names one.
    public var siteName: String?
    /// Which data file the report was built from, without saying where it is: the record sits
    /// in the published folder.
    public var source: Source
    /// Format (`pdf`, `html`) → fingerprint of the inputs of the file last written in it.
    public var outputs: [String: String] = [:]
    /// The page count of the PDF last written, for the links to it.
    public var pdfPages: Int?

    /// A data file, named by the SHA-256 of its resolved absolute path (to tell whether a report
    /// comes from the same file again) and by its last two path components (to name it in a
    /// message): the build machine's folders are not published.
    public struct Source: Codable, Sendable, Equatable {
        public var digest: String
        public var name: String

        init(path: String) {
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            var hasher = SHA256()
            hasher.update(resolved)
            digest = path.isEmpty ? "" : hasher.finish()
            name = resolved.split(separator: "/").suffix(2).joined(separator: "/")
        }
    }

    init(report: Report, source: Source) {
        agencyID = report.agencyID
        agencyName = report.metadata.author
        title = report.metadata.title
        fiscalYear = report.fiscalYear
        siteName = report.metadata.siteName
        self.source = source
    }

    mutating func update(from report: Report, source: Source) {
        agencyName = report.metadata.author
        title = report.metadata.title
        siteName = report.metadata.siteName
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
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        try AtomicFile.write(to: Self.file(agencyID: agencyID, year: fiscalYear, in: output), bytes: data)
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
            hasPDF: outputs["pdf"] != nil, hasHTML: outputs["html"] != nil, siteName: siteName)
    }
}

/// The year page, made from the records of every report built into that year folder (so it
/// lists reports from earlier builds too).
public enum YearPage {
    /// Rewrites the year page from the recorded entries, with its fonts; returns its path.
    @discardableResult
    public static func write(year: Int, in output: URL, fontsDirectory: URL, siteURL: String? = nil) throws -> URL {
        let site = SiteLayout(root: output)
        let entries = entries(year: year, in: output)
            .sorted { ($0.agencyName, $0.agencyID) < ($1.agencyName, $1.agencyID) }
        let page = site.url(.yearPage(year: year))
        let html = HTMLWriter.renderYearPage(
            year: year, entries: entries, siteURL: siteURL, lineBreaks: WebLineBreaks.make(lexicon: []))
        try SiteAssets.write(fontsDirectory: fontsDirectory, year: year, in: site)
        try PageFonts.write(for: html, fontsDirectory: fontsDirectory) { site.url(.yearFont($0, year: year)) }
        try AtomicFile.write(to: page, bytes: Data(html.utf8))
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
                let pdf = record.path(of: .pdf, in: output)
                entry.hasPDF = FileManager.default.fileExists(atPath: pdf.path)
                entry.hasHTML = FileManager.default.fileExists(atPath: record.path(of: .html, in: output).path)
                if entry.hasPDF { entry.pdf = PDFFacts(bytes: ReportBuilder.fileSize(pdf), pages: record.pdfPages) }
                return entry
            }
            .filter { $0.hasPDF || $0.hasHTML }
    }
}

/// The site's front page, from the records of every year folder: years and agencies.
public enum SiteIndex {
    @discardableResult
    public static func write(in output: URL, fontsDirectory: URL) throws -> URL {
        let site = SiteLayout(root: output)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        let years = folders.compactMap { name in name.count == 4 ? Int(name) : nil }
        let entries = years.flatMap { YearPage.entries(year: $0, in: output) }
        let page = site.url(.siteIndex)
        let html = HTMLWriter.renderSiteIndex(entries, lineBreaks: WebLineBreaks.make(lexicon: []))
        if let newest = years.max() {
            try PageFonts.write(for: html, fontsDirectory: fontsDirectory) {
                site.url(.siteIndexFont($0, year: newest))
            }
        }
        try AtomicFile.write(to: page, bytes: Data(html.utf8))
        return page
    }
}
