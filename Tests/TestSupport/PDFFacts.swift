import Foundation

/// What `Tests/Tools/pdf_facts.py` reads back from a PDF with pikepdf and pdfminer.six: the
/// catalog, document information, XMP, pages and their link annotations, outline, structure
/// tree (with each element's text) and the text of artifacts and of unmarked content.
public struct PDFFacts: Decodable, Sendable {
    public struct Catalog: Decodable, Sendable {
        public let Lang: String?
        public let DisplayDocTitle: Bool
        public let Marked: Bool
        public let StructTreeRoot: Bool
        public let OutputIntents: [OutputIntent]
    }
    public struct OutputIntent: Decodable, Sendable {
        public let S: String
        public let Identifier: String
        public let N: Int
        /// The embedded ICC profile, hexadecimal.
        public let profile: String
    }
    public struct PageFacts: Decodable, Sendable {
        public let label: String?
        public let Tabs: String?
        public let StructParents: Int?
        public let annots: [Annotation]
    }
    public struct Annotation: Decodable, Sendable {
        public let Subtype: String
        public let F: Int
        public let Rect: [Double]
        public let DestPage: Int?
        public let DestY: Double?
        public let Contents: String?
        public let StructParent: Int?
    }
    public struct OutlineEntry: Decodable, Sendable {
        public let title: String
        public let level: Int
        public let page: Int?
    }
    public struct Element: Decodable, Sendable {
        public let type: String
        public let depth: Int
        /// The text of the element's marked content and its descendants', in order.
        public let text: String
        /// Object references (link annotations) among its kids.
        public let objects: Int
        public let alt: String?
        public let attributes: [String: String]?
    }

    public let header: String
    public let catalog: Catalog
    public let info: [String: String]
    public let xmp: [String: String]
    public let id: [String]
    public let pages: [PageFacts]
    public let outline: [OutlineEntry]
    public let structure: [Element]
    public let mcids_referenced: Int
    public let mcids_distinct: Int
    public let mcids_with_text: Int
    /// The `/Type` (else `/Subtype`, else "stream") of every stream stored without a filter.
    public let plain_streams: [String]
    /// Page and text of each run of artifact characters, and of characters in no marked content.
    public let artifact_text: [[Stringish]]
    public let unmarked_text: [[Stringish]]

    /// A JSON value that is a number or a string.
    public enum Stringish: Decodable, Sendable {
        case number(Int)
        case text(String)
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let n = try? container.decode(Int.self) {
                self = .number(n)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
        public var string: String { if case .text(let s) = self { s } else { "" } }
    }

    /// Reads `pdf` with the project's tools venv.
    public static func read(_ pdf: URL) throws -> PDFFacts {
        let script = Repo.root.appendingPathComponent("Tests/Tools/pdf_facts.py").path
        let result = try runProcess(Tools.python, [script, pdf.path])
        guard result.status == 0 else {
            throw NSError(
                domain: "pdf_facts", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr])
        }
        return try JSONDecoder().decode(PDFFacts.self, from: Data(result.stdout.utf8))
    }

    /// Artifact text by page.
    public var artifacts: [(page: Int, text: String)] {
        artifact_text.compactMap { pair in
            guard pair.count == 2, case .number(let page) = pair[0] else { return nil }
            return (page, pair[1].string)
        }
    }
}
