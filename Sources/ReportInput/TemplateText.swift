import ThaiText

/// Text with placeholders such as `{agency_name}` or `{item_count:9}`, checked when read so a
/// misspelt placeholder is reported where it was written, not when a report is built.
public struct TemplateText: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case literal(String)
        case placeholder(name: String, argument: String?)
    }

    static let knownNames: Set<String> = [
        "agency_name", "agency_short_name", "agency_address", "issuing_unit", "fiscal_year", "previous_fiscal_year",
        "subindicator_count", "item_count", "item_code",
    ]
    static let namesWithArgument: Set<String> = ["subindicator_count", "item_count", "item_code"]

    let pieces: [Piece]
    public let location: SourceLocation

    /// A text without placeholders (data written by the agency is never expanded).
    init(literal: String, at location: SourceLocation) {
        pieces = [.literal(literal)]
        self.location = location
    }

    init?(_ source: String, at location: SourceLocation, sink: DiagnosticSink) {
        self.location = location
        var pieces: [Piece] = []
        var literal = ""
        let scalars = Array(source.unicodeScalars)
        var index = 0
        var ok = true
        func here(_ offset: Int) -> SourceLocation {
            // Exact for single-line scalars; multi-line blocks report their first line.
            source.contains("\n")
                ? location : SourceLocation(file: location.file, line: location.line, column: location.column + offset)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                literal.unicodeScalars.append("{")
                index += 2
                continue
            }
            if scalar == "}", index + 1 < scalars.count, scalars[index + 1] == "}" {
                literal.unicodeScalars.append("}")
                index += 2
                continue
            }
            if scalar == "{" {
                guard let close = scalars[index...].firstIndex(of: "}") else {
                    sink.error(
                        here(index), thai: "วงเล็บปีกกา { ไม่มีตัวปิด } (ถ้าต้องการพิมพ์ { ให้เขียน {{)",
                        english: "unclosed placeholder brace '{' (write '{{' for a literal brace)")
                    return nil
                }
                let body = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                let parts = body.split(separator: ":", maxSplits: 1).map(String.init)
                let name = parts.first ?? ""
                let argument = parts.count > 1 ? parts[1] : nil
                if !TemplateText.knownNames.contains(name) {
                    let known = TemplateText.knownNames.sorted().joined(separator: ", ")
                    sink.error(
                        here(index), thai: "ไม่รู้จักตัวแทนข้อความ {\(body)} (ที่ใช้ได้: \(known))",
                        english: "unknown placeholder {\(body)} (known: \(known))")
                    ok = false
                } else if TemplateText.namesWithArgument.contains(name) != (argument != nil) {
                    sink.error(
                        here(index),
                        thai: TemplateText.namesWithArgument.contains(name)
                            ? "{\(name)} ต้องระบุตัวชี้วัด เช่น {\(name):9}" : "{\(name)} ไม่รับค่าหลัง :",
                        english: TemplateText.namesWithArgument.contains(name)
                            ? "{\(name)} needs an indicator, e.g. {\(name):9}" : "{\(name)} takes no argument")
                    ok = false
                }
                if !literal.isEmpty {
                    pieces.append(.literal(literal))
                    literal = ""
                }
                pieces.append(.placeholder(name: name, argument: argument))
                index = close + 1
                continue
            }
            if scalar == "}" {
                sink.error(
                    here(index), thai: "มี } โดยไม่มี { (ถ้าต้องการพิมพ์ } ให้เขียน }})",
                    english: "'}' without '{' (write '}}' for a literal brace)")
                return nil
            }
            literal.unicodeScalars.append(scalar)
            index += 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        guard ok else { return nil }
        self.pieces = pieces
    }

    /// The placeholders this text uses, with their arguments.
    var placeholders: [(name: String, argument: String?)] {
        pieces.compactMap { if case .placeholder(let n, let a) = $0 { return (n, a) } else { return nil } }
    }

    /// The text with every placeholder filled in. `values` must hold every name used
    /// (arguments are keyed as `name:argument`); the builder checks this beforehand.
    public func render(_ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): return text
            case .placeholder(let name, let argument):
                return values[argument.map { "\(name):\($0)" } ?? name] ?? ""
            }
        }.joined()
    }
}
