import Foundation

/// What `Tests/Tools/line_breaks.py` judges of a PDF read back with pdfminer.six, pdfplumber and
/// pythainlp: its line ends (inside a `newmm` word, a compound of the lexicon, a Thai character
/// cluster; units parted), row parts without text, continuation cues and header heights.
public struct LineBreakFacts: Decodable, Sendable {
    public struct HeaderHeight: Decodable, Sendable {
        public let page: Int
        public let height: Double
        public let header: [String]
    }
    public let line_ends: Int
    public let inside_word: Int
    public let inside_compound: Int
    public let inside_syllable: Int
    public let unit_splits: Int
    public let textless_row_parts: Int
    public let cues: Int
    public let bad_cues: Int
    public let header_heights: [HeaderHeight]
    /// The offending places of each count, as `page: end of line|start of next`.
    public let examples: [String: [String]]

    /// Reads `pdf` with the project's tools venv, judging compounds by `lexicon`.
    public static func read(_ pdf: URL, lexicon: URL) throws -> LineBreakFacts {
        let script = Repo.root.appendingPathComponent("Tests/Tools/line_breaks.py").path
        let result = try runProcess(Tools.python, [script, pdf.path, lexicon.path])
        guard result.status == 0 else {
            throw NSError(
                domain: "line_breaks", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr])
        }
        return try JSONDecoder().decode(LineBreakFacts.self, from: Data(result.stdout.utf8))
    }
}
