import Foundation

/// Where every file of the output site lives, and the links between its pages:
///
///     <year>/<agency-id>.pdf                    the print PDF
///     <year>/<agency-id>/index.html             the report page
///     <year>/<agency-id>/oit-checklist.csv      the page's OIT checklist as a spreadsheet
///     <year>/<agency-id>/<face>.woff2           the fonts the page uses, cut to its characters
///     <year>/index.html                         the year page
///     <year>/assets/                            stylesheet, favicon and the year page's fonts
///     <year>/.reports/<agency-id>.json          what the year page lists about one report
///     index.html                                every year and agency of the site
///
/// A module of its own that depends on nothing: the build (`ThaiReport`) needs the files and
/// the HTML writer the links; `HTMLOutput` may not reach up to the build, and the PDFs and
/// records are not the HTML writer's business, so the layout sits below both. `ReportModel`
/// stays the document tree. Files and links are both made from `Place.components`, so a link
/// always leads to the file that is written.
public struct SiteLayout: Sendable, Equatable {
    /// The output folder.
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The stylesheet's file name in the assets folder.
    public static let stylesheetName = "report.css"
    /// The site icon's file name in the assets folder.
    public static let faviconName = "favicon.svg"
    /// The extension of a report's record in the records folder.
    public static let recordExtension = "json"
    static let pageName = "index.html"
    static let pdfExtension = "pdf"
    static let checklistName = "oit-checklist.csv"
    static let assetsFolderName = "assets"
    static let recordsFolderName = ".reports"

    /// A web font a page loads: the text face in two weights and the symbols (✓ ○).
    public enum FontFace: String, CaseIterable, Sendable {
        case regular = "sarabun-400"
        case bold = "sarabun-700"
        case symbols = "symbols"

        /// The file name: `sarabun-400.woff2`.
        public var fileName: String { rawValue + ".woff2" }
    }

    /// A file or folder of the site.
    public enum Place: Hashable, Sendable {
        /// The page listing every year and agency of the site.
        case siteIndex
        case yearFolder(year: Int)
        case yearPage(year: Int)
        case reportPDF(agencyID: String, year: Int)
        case reportPage(agencyID: String, year: Int)
        case reportChecklist(agencyID: String, year: Int)
        case reportFont(FontFace, agencyID: String, year: Int)
        case assetsFolder(year: Int)
        case asset(name: String, year: Int)
        case stylesheet(year: Int)
        case favicon(year: Int)
        /// The fonts of the year page, cut to its own characters.
        case yearFont(FontFace, year: Int)
        /// A font of the site's front page, in the newest year's assets.
        case siteIndexFont(FontFace, year: Int)
        case recordsFolder(year: Int)
        case record(agencyID: String, year: Int)

        /// Path components below the output folder.
        public var components: [String] {
            switch self {
            case .siteIndex: return [SiteLayout.pageName]
            case .yearFolder(let year): return [String(year)]
            case .yearPage(let year): return [String(year), SiteLayout.pageName]
            case .reportPDF(let id, let year): return [String(year), "\(id).\(SiteLayout.pdfExtension)"]
            case .reportPage(let id, let year): return [String(year), id, SiteLayout.pageName]
            case .reportChecklist(let id, let year): return [String(year), id, SiteLayout.checklistName]
            case .reportFont(let face, let id, let year): return [String(year), id, face.fileName]
            case .assetsFolder(let year): return [String(year), SiteLayout.assetsFolderName]
            case .asset(let name, let year): return Place.assetsFolder(year: year).components + [name]
            case .stylesheet(let year): return Place.asset(name: SiteLayout.stylesheetName, year: year).components
            case .favicon(let year): return Place.asset(name: SiteLayout.faviconName, year: year).components
            case .yearFont(let face, let year): return Place.asset(name: "year-" + face.fileName, year: year).components
            case .siteIndexFont(let face, let year):
                return Place.asset(name: "index-" + face.fileName, year: year).components
            case .recordsFolder(let year): return [String(year), SiteLayout.recordsFolderName]
            case .record(let id, let year):
                return Place.recordsFolder(year: year).components + ["\(id).\(SiteLayout.recordExtension)"]
            }
        }

        /// `2564/singburi-pao/index.html`: the path below the output folder.
        public var relativePath: String { components.joined(separator: "/") }

        /// The path a web server answers for this place: a page's folder (`2564/singburi-pao/`)
        /// for an `index.html`, else the file's path.
        public var webPath: String {
            components.last == SiteLayout.pageName
                ? components.dropLast().map { $0 + "/" }.joined() : relativePath
        }
    }

    /// The place's file or folder under the output folder.
    public func url(_ place: Place) -> URL {
        place.components.reduce(root) { $0.appendingPathComponent($1) }
    }

    /// The link written in the page at `page` that leads to `target`: relative to the page's
    /// folder, so the site can be moved or served from any address.
    public static func link(from page: Place, to target: Place) -> String {
        let folder = page.components.dropLast()
        let path = target.components
        var shared = 0
        while shared < folder.count, shared < path.count - 1, folder[folder.startIndex + shared] == path[shared] {
            shared += 1
        }
        let up = Array(repeating: "..", count: folder.count - shared)
        return (up + path[shared...]).joined(separator: "/")
    }
}
