import Foundation
import HTMLOutput
import PageIR
import ReportModel
import SiteLayout
import ThaiBreaking
import WebFonts

/// The web files of one report: its page, the OIT checklist as CSV, the page's fonts cut to
/// its characters, and the year's shared stylesheet and icon. Each file is written atomically;
/// the page is written last, so it never refers to a file that is not there yet.
struct ReportSite {
    let fontsDirectory: URL
    let site: SiteLayout

    func write(
        _ report: Report, pdf: PDFFacts?, siteURL: String?, lineBreaks: @escaping LineBreaks, otherYears: [Int] = []
    ) throws -> [URL] {
        let year = report.fiscalYear
        let csv = HTMLWriter.checklistCSV(report)
        let context = PageContext(
            pdf: pdf, checklistCSV: csv != nil, siteURL: siteURL,
            lineBreaks: lineBreaks, otherYears: otherYears)
        try SiteAssets.write(fontsDirectory: fontsDirectory, year: year, in: site)
        let checklist = site.url(.reportChecklist(agencyID: report.agencyID, year: year))
        if let csv {
            try AtomicFile.write(to: checklist, bytes: Data(csv.utf8))
        } else {
            try? FileManager.default.removeItem(at: checklist)
        }
        let target = site.url(.reportPage(agencyID: report.agencyID, year: year))
        // A font that cannot be made fails the page, with the font's own message.
        var fontFailure: (any Error)?
        do {
            try AtomicFile.write(to: target) { temporary in
                // The page goes to its file as it is written (a long table's page is tens of
                // megabytes); its fonts are written before it is renamed into place.
                let file = FileHandle(fileDescriptor: try AtomicFile.newFile(at: temporary), closeOnDealloc: true)
                let characters: [SiteLayout.FontFace: Set<Unicode.Scalar>]
                do {
                    characters = try HTMLWriter.write(report, context: context) { try file.write(contentsOf: $0) }
                    try file.close()
                } catch {
                    try? file.close()
                    throw AtomicFile.Failure(path: target.path, reason: AtomicFile.reason(error))
                }
                do {
                    try PageFonts.write(characters, fontsDirectory: fontsDirectory) {
                        site.url(.reportFont($0, agencyID: report.agencyID, year: year))
                    }
                } catch {
                    fontFailure = error
                    throw error
                }
            }
        } catch {
            throw fontFailure ?? error
        }
        return [target]
    }
}

/// The fonts of one page: each bundled face cut to the characters the page shows in it, as WOFF2.
enum PageFonts {
    /// The bundled font each web face is made from.
    static func source(of face: SiteLayout.FontFace) -> String {
        switch face {
        case .regular: return "Sarabun-Regular.ttf"
        case .bold: return "Sarabun-Bold.ttf"
        // Sarabun has no ✓ or ○; DejaVu Sans has them, as in the PDF.
        case .symbols: return "DejaVuSans.ttf"
        }
    }

    static func write(for page: String, fontsDirectory: URL, at place: (SiteLayout.FontFace) -> URL) throws {
        try write(HTMLWriter.characters(ofPage: page), fontsDirectory: fontsDirectory, at: place)
    }

    /// The fonts of a page whose faces must hold `characters`.
    static func write(
        _ characters: [SiteLayout.FontFace: Set<Unicode.Scalar>], fontsDirectory: URL,
        at place: (SiteLayout.FontFace) -> URL
    ) throws {
        for (face, characters) in characters {
            let font = fontsDirectory.appendingPathComponent(source(of: face))
            let sorted = characters.sorted()
            let key = font.path + "\n" + String(String.UnicodeScalarView(sorted))
            let woff2 = try recent.value(for: key) { try WebFont.woff2(subsetting: font, to: sorted) }
            try SiteAssets.writeIfChanged(woff2, to: place(face))
        }
    }

    /// The fonts made lately: a preview rebuilds the same page again and again, mostly with the
    /// same characters, and a batch's pages share a few sets of characters between many
    /// reports; neither need cut and compress the same font twice.
    static let recent = RecentFonts()
}

/// The fonts made lately, by font file and characters, the least recently used let go past
/// `capacity` (each is some 10 KB). A batch's pages come in the order of their data files, so
/// two sets of characters used by turns must both stay: with room for 8, a synthetic year of
/// 1,000 pages with 62 different sets made fonts 805 times. Keys are compared by their bytes
/// (`TextKey`): two sets of characters that Unicode would call equal are two fonts. Every
/// access holds `lock`, which is why it may be shared between a batch's worker threads.
final class RecentFonts: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [TextKey: (value: Data, used: Int)] = [:]
    private var clock = 0
    static let capacity = 256

    func value(for text: String, make: () throws -> Data) throws -> Data {
        let key = TextKey(text)
        let hit: Data? = lock.withLock {
            guard let entry = entries[key] else { return nil }
            clock += 1
            entries[key]?.used = clock
            return entry.value
        }
        if let hit { return hit }
        let value = try make()
        lock.withLock {
            clock += 1
            entries[key] = (value, clock)
            if entries.count > Self.capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
                entries.removeValue(forKey: oldest.key)
            }
        }
        return value
    }

    /// How many fonts are kept.
    var count: Int { lock.withLock { entries.count } }
}

/// The stylesheet and icon the year's pages share, in the year's assets folder. Written through
/// `AtomicFile` (workers may write them at the same time; a copy is never seen half-done) and
/// skipped when an identical file is already there.
enum SiteAssets {
    static func write(fontsDirectory: URL, year: Int, in site: SiteLayout) throws {
        try writeIfChanged(Data(HTMLWriter.stylesheet.utf8), to: site.url(.stylesheet(year: year)))
        try writeIfChanged(Data(HTMLWriter.favicon.utf8), to: site.url(.favicon(year: year)))
    }

    static func writeIfChanged(_ bytes: Data, to target: URL) throws {
        if let existing = FileManager.default.contents(atPath: target.path), existing == bytes { return }
        try AtomicFile.write(to: target, bytes: bytes)
    }
}
