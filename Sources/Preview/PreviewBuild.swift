import FontSystem
import Foundation
import ReportInput
import SiteLayout
import ThaiReport

/// What the last build of the previewed report gave: the report's files, or the input errors
/// that stopped it. Plain values, for the page's status bar and the server's routes.
public struct PreviewStatus: Sendable, Codable, Equatable {
    public struct Message: Sendable, Codable, Equatable {
        public var location: String
        /// The line of the file the message points at, as written (tabs and controls escaped).
        public var line: String?
        public var thai: String
        public var english: String
    }

    /// Counts the builds; the page reloads when it changes.
    public var generation: Int
    public var ok: Bool
    public var errors: [Message]
    public var warnings: [Message]
    /// Site paths of the report's page and PDF, from the last good build.
    public var page: String?
    public var pdf: String?
    public var milliseconds: Int
}

/// Builds the previewed report in process, keeping fonts and the builder warm between builds.
/// Writes into a private site folder; a build stopped by bad input writes nothing, so the last
/// good page and PDF stay.
final class PreviewBuilder {
    let dataFile: URL
    let site: SiteLayout
    private let builder: ReportBuilder
    private let templatesRoot: URL?
    /// The files the last build read (data, template, CSV tables, logo), for the watcher.
    private(set) var inputs: [String] = []

    init(dataFile: URL, output: URL, templatesRoot: URL?, fontsDirectory: URL) throws {
        self.dataFile = dataFile
        site = SiteLayout(root: output)
        self.templatesRoot = templatesRoot
        builder = ReportBuilder(fonts: try FontSystem(directory: fontsDirectory))
    }

    /// Builds the report; `previous` is the last status (its page and PDF stay on an error).
    func build(after previous: PreviewStatus?) -> PreviewStatus {
        let start = DispatchTime.now().uptimeNanoseconds
        var status = PreviewStatus(
            generation: (previous?.generation ?? 0) + 1, ok: false, errors: [], warnings: [], page: previous?.page,
            pdf: previous?.pdf, milliseconds: 0)
        do {
            let loaded = try ReportBuilder.load(dataFile, templatesRoot: templatesRoot)
            inputs = loaded.inputFiles
            let options = BuildOptions(
                outputDirectory: site.root, formats: [.pdf, .html], templatesRoot: templatesRoot)
            try builder.write(loaded, options: options)
            let report = loaded.report
            status.ok = true
            status.page =
                "/site/" + SiteLayout.Place.reportPage(agencyID: report.agencyID, year: report.fiscalYear).relativePath
            status.pdf =
                "/site/" + SiteLayout.Place.reportPDF(agencyID: report.agencyID, year: report.fiscalYear).relativePath
            status.warnings =
                loaded.warnings.map(Self.message)
                + builder.warnings.map {
                    PreviewStatus.Message(location: dataFile.path, line: nil, thai: $0, english: "")
                }
        } catch let error as InputError {
            // Watch what the failed build named, so fixing any of them builds again.
            inputs = Array(Set(inputs + [dataFile.path] + error.diagnostics.map(\.location.file))).sorted()
            status.errors = error.diagnostics.filter { $0.severity == .error }.map(Self.message)
            status.warnings = error.diagnostics.filter { $0.severity == .warning }.map(Self.message)
        } catch {
            inputs = Array(Set(inputs + [dataFile.path])).sorted()
            status.errors = [
                PreviewStatus.Message(
                    location: dataFile.path, line: nil, thai: "สร้างรายงานไม่สำเร็จ", english: "\(error)")
            ]
        }
        status.milliseconds = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        return status
    }

    static func message(_ diagnostic: Diagnostic) -> PreviewStatus.Message {
        PreviewStatus.Message(
            location: diagnostic.location.description, line: line(diagnostic.location),
            thai: diagnostic.thai, english: diagnostic.english)
    }

    /// The text of the line a location points at, escaped for display; nil if unreadable.
    static func line(_ location: SourceLocation) -> String? {
        guard location.line >= 1, let data = FileManager.default.contents(atPath: location.file),
            data.count <= 64 << 20
        else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return nil }
        return TerminalText.escape(String(lines[location.line - 1].prefix(500)))
    }
}
