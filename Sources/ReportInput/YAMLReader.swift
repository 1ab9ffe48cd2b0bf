import Foundation
import ThaiText
import Yams

/// A YAML node with the file it came from: typed reads that record a located diagnostic
/// instead of failing at the first problem.
struct YAMLValue {
    let node: Node
    let file: String

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    var isNull: Bool {
        if case .scalar(let scalar) = node {
            return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    /// Parses a whole file. Syntax errors become one located diagnostic.
    static func parse(_ text: String, file: String, sink: DiagnosticSink) -> YAMLValue? {
        do {
            // No implicit typing (`Resolver.basic`): every value is read as the text it is
            // written with and typed by the reader (`int`, `bool`), so Yams need not match each
            // scalar against its regular expressions for numbers, dates and booleans.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                sink.error(
                    SourceLocation(file: file, line: 1, column: 1),
                    thai: "ไฟล์ว่าง ไม่มีข้อมูล", english: "the file is empty")
                return nil
            }
            guard inspect(node, file: file, sink: sink) else { return nil }
            return YAMLValue(node: node, file: file)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            // Point at the repeated key, not the first one.
            let key = duplicates.first ?? ""
            let location = YAMLValue.secondOccurrence(of: key, in: text, after: context.mark)
            sink.error(
                SourceLocation(file: file, line: location.line, column: location.column),
                thai: "ชื่อ '\(key)' ซ้ำ", english: "duplicate key '\(key)'")
            return nil
        } catch YamlError.reader(let problem, let offset, let value, _) {
            // libyaml refuses a raw control character before parsing; Yams gives its offset in
            // characters (a control character is always a character of its own).
            let (line, column) = YAMLValue.lineAndColumn(ofCharacter: offset ?? 0, in: text)
            let location = SourceLocation(file: file, line: line, column: column)
            if value >= 0, let scalar = Unicode.Scalar(UInt32(value)), TerminalText.isControl(scalar) {
                sink.error(
                    location,
                    thai: "มีอักขระควบคุม \(TerminalText.name(scalar)) ในไฟล์ ซึ่งใช้ไม่ได้ ให้ลบออก",
                    english: "control character \(TerminalText.name(scalar)) is not allowed in the file: remove it")
            } else {
                sink.error(
                    location, thai: "รูปแบบ YAML ไม่ถูกต้อง: \(problem)", english: "malformed YAML: \(problem)")
            }
            return nil
        } catch let error as YamlError {
            let (line, column, problem) = YAMLValue.describe(error)
            let location = SourceLocation(file: file, line: line, column: column)
            if problem.contains("Maximum nesting level") {
                // libyaml's own wording names its C function; say what the limit means instead.
                sink.error(
                    location, thai: "รายการหรือแผนที่ซ้อนกันลึกเกินไป (เกินขีดจำกัดของตัวอ่าน YAML) ให้ลดชั้นที่ซ้อนกัน",
                    english: "lists or mappings are nested too deep for the YAML reader: nest them less deeply")
            } else {
                sink.error(location, thai: "รูปแบบ YAML ไม่ถูกต้อง: \(problem)", english: "malformed YAML: \(problem)")
            }
            return nil
        } catch {
            sink.error(
                SourceLocation(file: file, line: 1, column: 1),
                thai: "อ่าน YAML ไม่ได้: \(error)", english: "cannot read YAML: \(error)")
            return nil
        }
    }

    /// Where `key:` is written again at the same indentation after its first use.
    static func secondOccurrence(of key: String, in text: String, after first: Mark) -> (line: Int, column: Int) {
        // Lines as libyaml counts them: "\r\n", "\r" and "\n" each end one.
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar? = nil
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previous == "\r" {
                previous = scalar
                continue
            }  // the "\n" of "\r\n"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = .init()
            } else {
                current.append(scalar)
            }
            previous = scalar
        }
        lines.append(String(current))
        let indent = String(repeating: " ", count: max(first.column - 1, 0))
        for index in min(max(first.line, 0), lines.count)..<lines.count {
            let line = lines[index]
            if line.hasPrefix(indent + key + ":") || line.hasPrefix(indent + "\"" + key + "\":")
                || line.hasPrefix(indent + "'" + key + "':")
            {
                return (index + 1, first.column)
            }
        }
        return (first.line, first.column)
    }

    /// The 1-based line and column (columns count Unicode scalars) of the character at
    /// `offset`, counting lines as libyaml does ("\r\n", "\r" and "\n" each end one).
    static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(max(offset, 0)) {
            if character == "\r\n" || character == "\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }

    /// Every scalar of the tree, keys included, with aliases followed: control characters
    /// (tab and line break are left to the field that reads the text) and the size of the text
    /// the tree expands to. Returns false, reading no further, when that size passes
    /// `sink.limits` (an alias repeated many times makes a small file huge).
    static func inspect(_ root: Node, file: String, sink: DiagnosticSink) -> Bool {
        var stack: [(node: Node, isKey: Bool)] = [(root, false)]
        var reported = Set<Int>()
        while let (node, isKey) = stack.popLast() {
            guard sink.spendNode() else {
                let value = YAMLValue(node: node, file: file)
                sink.error(
                    value.location,
                    thai:
                        "ไฟล์ขยายเป็นรายการเกิน \(sink.limits.maxNodes) รายการ (นับรวมการอ้างซ้ำด้วย * ของ YAML) ให้ลดการอ้างซ้ำหรือแบ่งไฟล์",
                    english:
                        "the file expands to more than \(sink.limits.maxNodes) values (YAML aliases * counted each time they are used): use fewer aliases or split the data"
                )
                return false
            }
            switch node {
            case .scalar(let scalar):
                guard sink.spendText(scalar.string.utf8.count) else {
                    let value = YAMLValue(node: node, file: file)
                    sink.error(
                        value.location,
                        thai:
                            "ข้อความในรายงานยาวเกิน \(sink.limits.maxTextBytes) ไบต์ (นับรวมการอ้างซ้ำด้วย * ของ YAML) ให้ลดข้อความหรือการอ้างซ้ำ",
                        english:
                            "the report's text is longer than \(sink.limits.maxTextBytes) bytes (YAML aliases * counted each time they are used): shorten it or use fewer aliases"
                    )
                    return false
                }
                let bad = scalar.string.unicodeScalars.first {
                    TerminalText.isControl($0) && (isKey || ($0 != "\n" && $0 != "\t"))
                }
                if let bad {
                    let value = YAMLValue(node: node, file: file)
                    let key = value.location.line &* 1_000_003 &+ value.location.column
                    if reported.insert(key).inserted, reported.count <= 50 {
                        sink.error(
                            value.location,
                            thai: "ข้อความมีอักขระควบคุม \(TerminalText.name(bad)) ซึ่งใช้ไม่ได้ ให้ลบออก",
                            english:
                                "the text holds control character \(TerminalText.name(bad)), which is not allowed: remove it"
                        )
                    }
                }
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append((value, false))
                    stack.append((key, true))
                }
            case .sequence(let sequence):
                for item in sequence.reversed() { stack.append((item, false)) }
            case .alias:
                break
            }
        }
        return true
    }

    private static func describe(_ error: YamlError) -> (Int, Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        case .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        default:
            return (1, 1, "\(error)")
        }
    }

    // MARK: typed reads

    /// A text value. Only a field that holds several paragraphs (`multiline`) may hold line
    /// breaks and tabs; other control characters were refused when the file was read.
    func string(_ sink: DiagnosticSink, what: String, multiline: Bool = false) -> String? {
        guard case .scalar(let scalar) = node, !isNull else {
            sink.error(location, thai: "\(what) ต้องเป็นข้อความ", english: "\(what) must be text")
            return nil
        }
        if !multiline, let bad = scalar.string.unicodeScalars.first(where: { $0 == "\n" || $0 == "\t" }) {
            let (thai, english) = bad == "\n" ? ("การขึ้นบรรทัดใหม่", "a line break") : ("แท็บ", "a tab")
            sink.error(
                location, thai: "\(what) ต้องเป็นข้อความบรรทัดเดียว แต่มี\(thai) ให้เขียนต่อกันในบรรทัดเดียว",
                english: "\(what) must be one line of text but holds \(english): write it on one line")
            return nil
        }
        return scalar.string
    }

    func text(_ sink: DiagnosticSink, what: String, multiline: Bool = false) -> TemplateText? {
        guard let string = string(sink, what: what, multiline: multiline) else { return nil }
        // Columns inside a quoted scalar start after its quote.
        var start = location
        if case .scalar(let scalar) = node, scalar.style == .doubleQuoted || scalar.style == .singleQuoted {
            start.column += 1
        }
        return TemplateText(string, at: start, sink: sink)
    }

    func int(_ sink: DiagnosticSink, what: String) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(ThaiDigits.toASCII(scalar.string)) else {
            sink.error(location, thai: "\(what) ต้องเป็นตัวเลขจำนวนเต็ม", english: "\(what) must be a whole number")
            return nil
        }
        return value
    }

    /// A finite number within `range` (NaN, infinities and absurd sizes are refused here,
    /// before they reach layout).
    func number(_ sink: DiagnosticSink, what: String, in range: ClosedRange<Double>) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            sink.error(location, thai: "\(what) ต้องเป็นตัวเลข", english: "\(what) must be a number")
            return nil
        }
        guard range.contains(value) else {
            sink.error(
                location, thai: "\(what) ต้องอยู่ระหว่าง \(range.lowerBound) ถึง \(range.upperBound)",
                english: "\(what) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    func bool(_ sink: DiagnosticSink, what: String) -> Bool? {
        if case .scalar(let scalar) = node, let value = YAMLValue.parseBool(scalar.string) { return value }
        sink.error(location, thai: "\(what) ต้องเป็น true หรือ false", english: "\(what) must be true or false")
        return nil
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "y", "ใช่", "มี", "1": return true
        case "false", "no", "n", "ไม่ใช่", "ไม่มี", "0": return false
        default: return nil
        }
    }

    func sequence(_ sink: DiagnosticSink, what: String) -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else {
            sink.error(location, thai: "\(what) ต้องเป็นรายการ (- ...)", english: "\(what) must be a list (- ...)")
            return nil
        }
        return sequence.map { YAMLValue(node: $0, file: file) }
    }

    func strings(_ sink: DiagnosticSink, what: String) -> [String]? {
        guard let items = sequence(sink, what: what) else { return nil }
        let values = items.compactMap { $0.string(sink, what: what) }
        return values.count == items.count ? values : nil
    }

    func texts(_ sink: DiagnosticSink, what: String) -> [TemplateText]? {
        guard let items = sequence(sink, what: what) else { return nil }
        let values = items.compactMap { $0.text(sink, what: what) }
        return values.count == items.count ? values : nil
    }

    /// Reads a mapping whose keys must all be in `allowed`; unknown and repeated keys are errors.
    func mapping(_ sink: DiagnosticSink, what: String, allowed: Set<String>? = nil) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            sink.error(
                location, thai: "\(what) ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า", english: "\(what) must be a mapping of key: value")
            return nil
        }
        var entries: [YAMLMapping.Entry] = []
        var seen: [String: SourceLocation] = [:]
        for (keyNode, valueNode) in mapping {
            let key = YAMLValue(node: keyNode, file: file)
            let name = keyNode.string ?? ""
            if let first = seen[name] {
                sink.error(
                    key.location, thai: "ชื่อ '\(name)' ซ้ำ (ใช้ครั้งแรกที่บรรทัด \(first.line))",
                    english: "duplicate key '\(name)' (first used on line \(first.line))")
                continue
            }
            seen[name] = key.location
            if let allowed, !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                sink.error(
                    key.location, thai: "ไม่รู้จักชื่อ '\(name)' ใน \(what) (ที่ใช้ได้: \(known))",
                    english: "unknown key '\(name)' in \(what) (allowed: \(known))")
                continue
            }
            entries.append(.init(key: name, keyLocation: key.location, value: YAMLValue(node: valueNode, file: file)))
        }
        return YAMLMapping(owner: self, what: what, entries: entries)
    }
}

/// The entries of a YAML mapping, in file order.
struct YAMLMapping {
    struct Entry {
        let key: String
        let keyLocation: SourceLocation
        let value: YAMLValue
    }
    let owner: YAMLValue
    let what: String
    let entries: [Entry]

    var location: SourceLocation { owner.location }

    /// The value of an optional key; an explicit `null` counts as absent.
    func optional(_ key: String) -> YAMLValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value of a required key; records an error at the mapping when it is missing.
    func required(_ key: String, _ sink: DiagnosticSink) -> YAMLValue? {
        if let value = optional(key) { return value }
        sink.error(location, thai: "\(what) ขาด '\(key)' ซึ่งต้องมี", english: "\(what) is missing required key '\(key)'")
        return nil
    }
}
