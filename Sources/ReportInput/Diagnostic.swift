import Foundation

/// A place in an input file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String { "\(TerminalText.escape(file)):\(line):\(column)" }
}

/// Input shown in a message, made safe for a terminal: a control character (C0, DEL, C1), a
/// line or paragraph separator and a bidirectional override are written as `\u{1B}`, so a
/// data file cannot move the cursor, set the window title, colour the screen or fake a line of
/// output.
public enum TerminalText {
    /// Whether `scalar` is a C0 or C1 control character or DEL.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` with every such character written as `\u{…}` (hexadecimal, upper case).
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A character named for a message: `U+001B`.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// One problem found in the input, said in Thai and in English.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var location: SourceLocation
    public var severity: Severity
    public var thai: String
    public var english: String

    /// The texts are kept escaped (`TerminalText`): they quote input, and every consumer
    /// prints them.
    public init(_ location: SourceLocation, _ severity: Severity = .error, thai: String, english: String) {
        self.location = location
        self.severity = severity
        self.thai = TerminalText.escape(thai)
        self.english = TerminalText.escape(english)
    }

    /// `file:line:column: error: <Thai> / <English>`, the form editors jump to.
    public var description: String { "\(location): \(severity.rawValue): \(thai) / \(english)" }
}

/// Bounds on what one report may read, so a small file cannot make a huge report.
public struct InputLimits: Sendable, Hashable {
    /// UTF-8 bytes of text in a report's data, template and CSV files, with YAML aliases
    /// counted each time they are used.
    public var maxTextBytes: Int
    /// Values (texts, lists, mappings) in one YAML file, aliases counted each time.
    public var maxNodes: Int
    /// Size of a logo file.
    public var maxLogoBytes: Int
    /// Width and height of a logo, each.
    public var maxLogoPixels: Int

    public init(
        maxTextBytes: Int = 20_000_000, maxNodes: Int = 2_000_000, maxLogoBytes: Int = 5_000_000,
        maxLogoPixels: Int = 4096
    ) {
        self.maxTextBytes = maxTextBytes
        self.maxNodes = maxNodes
        self.maxLogoBytes = maxLogoBytes
        self.maxLogoPixels = maxLogoPixels
    }
}

/// Input that cannot make a report. Holds every problem found, not just the first.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a file is read, so one run reports every problem at once.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    let limits: InputLimits
    /// Text and values read so far, against `limits`.
    private(set) var textBytes = 0
    private(set) var nodes = 0

    init(limits: InputLimits = InputLimits()) { self.limits = limits }

    /// Counts `bytes` of text read; false once the total passes the limit.
    func spendText(_ bytes: Int) -> Bool {
        textBytes += bytes
        return textBytes <= limits.maxTextBytes
    }

    /// Counts one value of a YAML tree; false once the total passes the limit.
    func spendNode() -> Bool {
        nodes += 1
        return nodes <= limits.maxNodes
    }
    /// Every file read, in order, and the digest of what was read (what the report is made
    /// from, for incremental builds): each file's path and the SHA-256 of its bytes, so a file
    /// read before (a kept template) brings its digest and is not hashed again.
    private(set) var files: [String] = []
    private var digest = SHA256()

    /// A file recorded: its path, its bytes and their SHA-256.
    typealias RecordedFile = (path: String, bytes: Data, digest: String)
    /// When not nil, every file recorded (for `TemplateCache`).
    var captured: [RecordedFile]?

    /// Whether text and values already counted elsewhere fit in what is left of the limits.
    func fits(textBytes text: Int, nodes count: Int) -> Bool {
        textBytes + text <= limits.maxTextBytes && nodes + count <= limits.maxNodes
    }

    /// Counts text and values read once before (a kept template), within the limits.
    func spend(textBytes text: Int, nodes count: Int) {
        textBytes += text
        nodes += count
    }

    /// Records a file read; `fileDigest` is the SHA-256 of `bytes` when it is known already.
    func record(_ path: String, _ bytes: Data, fileDigest: String? = nil) {
        let fileDigest = fileDigest ?? SHA256.digest(of: bytes)
        captured?.append((path, bytes, fileDigest))
        files.append(path)
        digest.update(path + "\n" + fileDigest + "\n")
    }

    func inputDigest() -> String {
        var copy = digest
        return copy.finish()
    }
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ location: SourceLocation, thai: String, english: String) {
        diagnostics.append(Diagnostic(location, .error, thai: thai, english: english))
    }

    func warning(_ location: SourceLocation, thai: String, english: String) {
        diagnostics.append(Diagnostic(location, .warning, thai: thai, english: english))
    }

    func append(_ other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    /// Throws when anything recorded so far is an error.
    func throwIfErrors() throws {
        if hasErrors { throw failure() }
    }

    /// Everything recorded, in file order, as the error to throw when reading cannot go on.
    func failure() -> InputError {
        InputError(
            diagnostics.sorted {
                ($0.location.file, $0.location.line, $0.location.column) < (
                    $1.location.file, $1.location.line, $1.location.column
                )
            })
    }
}
