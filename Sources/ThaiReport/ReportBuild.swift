import DocumentClasses
import FontSystem
import Foundation
import HTMLOutput
import PDFOutput
import PageIR
import ReportInput
import ReportModel
import SiteLayout

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
    /// Tagged PDF (structure tree, PDF/UA-1); the PDF is PDF/A-2b either way.
    public var taggedPDF: Bool
    /// The web address the output folder is published at (`SiteURL.isValid`), for the pages'
    /// canonical links and link previews; nil: none.
    public var siteURL: String?
    public init(
        outputDirectory: URL, formats: Set<OutputFormat> = [.pdf, .html], templatesRoot: URL? = nil,
        taggedPDF: Bool = true, siteURL: String? = nil
    ) {
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.templatesRoot = templatesRoot
        self.taggedPDF = taggedPDF
        self.siteURL = siteURL
    }
    /// The site in the output folder.
    public var site: SiteLayout { SiteLayout(root: outputDirectory) }
}

/// One data file in, finished files out: load and check, lay out, write. Every file is written
/// beside its target and renamed into place, so a failure never leaves a partial output.
public final class ReportBuilder {
    public let fonts: FontSystem
    let document: ITADocument
    /// What the last `write` noticed but did not stop for (characters no font has).
    public private(set) var warnings: [String] = []
    /// Whether the PDF is drawn on a thread of its own while layout goes on (`PipelinedSink`):
    /// for a report built alone; a batch with a report on every core draws in line.
    public var drawsInBackground = true
    /// The web page's line breaks of the texts of the last report, for the next.
    let webLineBreaks = WebLineBreakMemo()

    public init(fonts: FontSystem) {
        self.fonts = fonts
        document = ITADocument(fonts: fonts)
    }

    /// Loads a data file and its template; throws `InputError` with located diagnostics.
    public static func load(_ dataFile: URL, templatesRoot: URL? = nil) throws -> LoadedReport {
        try ReportLoader.load(dataFile: dataFile, templatesRoot: templatesRoot)
    }

    /// The laid-out pages of a report (for tests and tools that inspect layout).
    public func layout(_ report: Report) throws -> LaidOutDocument { try document.layout(report) }

    /// Builds one report from its data file; returns the files written.
    @discardableResult
    public func build(_ dataFile: URL, options: BuildOptions) throws -> [URL] {
        try write(try Self.load(dataFile, templatesRoot: options.templatesRoot), options: options)
    }

    /// The version recorded with every build: a new version rebuilds everything.
    public static let toolVersion = "thaireport 0.5"
    /// The producer a PDF names (document information and XMP).
    public static let producer = "ThaiReport 0.4 (Cairo, PDF post-writer)"

    /// Fingerprint of everything a report is made from: the bytes of its files as they were
    /// read, the fonts and the tool version.
    public func fingerprint(of loaded: LoadedReport, options: BuildOptions) -> String {
        var hasher = SHA256()
        hasher.update("\(Self.toolVersion)\n\(fontsFingerprint)\n\(loaded.inputDigest)")
        // The page links to the agency's other years: a year added or removed changes it.
        hasher.update("\nother years \(loaded.otherYears)")
        if !options.taggedPDF { hasher.update("\nuntagged") }
        if let siteURL = options.siteURL { hasher.update("\nsite \(siteURL)") }
        return hasher.finish()
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

    /// The report's PDF and page in the site under `directory` (`SiteLayout`).
    public static func outputPaths(for report: Report, in directory: URL) -> (pdf: URL, html: URL) {
        let site = SiteLayout(root: directory)
        return (
            site.url(.reportPDF(agencyID: report.agencyID, year: report.fiscalYear)),
            site.url(.reportPage(agencyID: report.agencyID, year: report.fiscalYear))
        )
    }

    /// Writes the formats asked for and records what they were made from (for the year page and
    /// incremental builds).
    @discardableResult
    public func write(_ loaded: LoadedReport, options: BuildOptions) throws -> [URL] {
        let fingerprint = fingerprint(of: loaded, options: options)
        let record = BuildRecord.read(
            agencyID: loaded.report.agencyID, year: loaded.report.fiscalYear, in: options.outputDirectory)
        // The page links to the PDF only when that PDF is made from the same inputs.
        let pdfIsCurrent =
            options.formats.contains(.pdf)
            || record?.isCurrent(.pdf, fingerprint: fingerprint, in: options.outputDirectory) == true
        let written = try write(
            loaded.report, options: options, linkPDF: pdfIsCurrent, pdfPages: record?.pdfPages,
            otherYears: loaded.otherYears)
        let source = BuildRecord.Source(path: loaded.inputFiles.first ?? "")
        var updated = record ?? BuildRecord(report: loaded.report, source: source)
        updated.update(from: loaded.report, source: source)
        if options.formats.contains(.pdf) { updated.pdfPages = lastPDFPages }
        for format in options.formats { updated.outputs[format.rawValue] = fingerprint }
        try updated.write(in: options.outputDirectory)
        return written
    }

    /// The page count of the PDF the last `write` made.
    public private(set) var lastPDFPages: Int?

    /// Writes the formats asked for from a report model alone (no record is kept). `pdfPages`:
    /// the page count of the PDF already there, for the page's link when no PDF is written now.
    @discardableResult
    public func write(
        _ report: Report, options: BuildOptions, linkPDF: Bool? = nil, pdfPages: Int? = nil, otherYears: [Int] = []
    ) throws
        -> [URL]
    {
        warnings = []
        lastPDFPages = nil
        let paths = Self.outputPaths(for: report, in: options.outputDirectory)
        var written: [URL] = []
        if options.formats.contains(.pdf) {
            try AtomicFile.write(to: paths.pdf) { temporary in
                let stream = try PDFStream(
                    path: temporary.path, options: PDFOptions(producer: Self.producer, tagged: options.taggedPDF))
                let pipe = drawsInBackground ? PipelinedSink(stream) : nil
                // On every path: the drawing side may still be writing the file.
                defer { pipe?.wait() }
                let counter = PageCounter(pipe ?? stream)
                let summary = try document.typeset(report, to: counter)
                lastPDFPages = counter.pages
                if !summary.missingCharacters.isEmpty {
                    let list = summary.missingCharacters.map {
                        "\(Character($0)) (U+\(String($0.value, radix: 16, uppercase: true)))"
                    }
                    warnings.append(
                        "ฟอนต์ไม่มีตัวอักษร \(list.joined(separator: ", ")) จึงพิมพ์เป็นกรอบสี่เหลี่ยม / "
                            + "the fonts have no \(list.joined(separator: ", ")): printed as a box")
                }
            }
            written.append(paths.pdf)
        }
        if options.formats.contains(.html) {
            let pdf =
                (linkPDF ?? options.formats.contains(.pdf))
                ? PDFFacts(bytes: Self.fileSize(paths.pdf), pages: lastPDFPages ?? pdfPages) : nil
            written += try ReportSite(fontsDirectory: fonts.directory, site: options.site).write(
                report, pdf: pdf, siteURL: options.siteURL,
                lineBreaks: webLineBreaks.lineBreaks(
                    lexicon: report.lexicon, found: options.formats.contains(.pdf) ? document.foundBreaks : nil),
                otherYears: otherYears)
        }
        return written
    }

    static func fileSize(_ file: URL) -> Int? { FileSize.of(file.path) }
}
