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
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in the input, said in Thai and in English.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var location: SourceLocation
    public var severity: Severity
    public var thai: String
    public var english: String

    public init(_ location: SourceLocation, _ severity: Severity = .error, thai: String, english: String) {
        self.location = location
        self.severity = severity
        self.thai = thai
        self.english = english
    }

    /// `file:line:column: error: <Thai> / <English>`, the form editors jump to.
    public var description: String { "\(location): \(severity.rawValue): \(thai) / \(english)" }
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
    /// Every file read, in order, and the digest of the bytes that were read (what the report
    /// is made from, for incremental builds).
    private(set) var files: [String] = []
    private var digest = SHA256()

    func record(_ path: String, _ bytes: Data) {
        files.append(path)
        digest.update(path + "\n")
        digest.update(bytes)
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
