import Testing

@testable import ReportInput

/// The CSV reader against the scalar-by-scalar reader it replaced (kept here as the oracle):
/// the same rows, fields, positions and errors for texts of quotes, separators, line breaks of
/// every kind, Thai, controls (C0, DEL, C1), a byte-order mark and non-BMP characters.
@Suite struct CSVReaderTests {
    static let pieces = [
        "a", "ก", "ข้อ", " ", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "\u{7}", "\u{7F}", "\u{85}",
        "\u{9F}", "\u{A0}", "é", "😀", "\u{FEFF}", "x,y", "\"q\"",
    ]

    @Test func bytesReadAsTheScalarsWere() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var errors = 0
        for round in 0..<6_000 {
            var text = round % 7 == 0 ? "\u{FEFF}" : ""
            for _ in 0..<(round % 25) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += Self.pieces[Int(state >> 33) % Self.pieces.count]
            }
            let expected = Result { () throws(CSVReader.Failure) in try ScalarOracle.parse(text) }
            let actual = Result { () throws(CSVReader.Failure) in try CSVReader.parse(text) }
            switch (expected, actual) {
            case (.success(let a), .success(let b)):
                #expect(a.map { $0.map(\.text) } == b.map { $0.map(\.text) }, "\(Array(text.unicodeScalars))")
                #expect(a.map { $0.map(\.line) } == b.map { $0.map(\.line) })
                #expect(a.map { $0.map(\.column) } == b.map { $0.map(\.column) })
            case (.failure(let a), .failure(let b)):
                errors += 1
                #expect("\(a)" == "\(b)", "\(Array(text.unicodeScalars))")
            default:
                Issue.record(
                    "one reader failed, the other did not: \(Array(text.unicodeScalars)) \(expected) \(actual)")
            }
        }
        // Both kinds of outcome were compared.
        #expect(errors > 500 && errors < 5_500)
    }

    @Test func positionsCountCharacters() throws {
        let rows = try CSVReader.parse("\u{FEFF}ก้า,\"x\r\ny\"\r\nข,😀z,\"\"")
        #expect(rows.map { $0.map(\.text) } == [["ก้า", "x\ny"], ["ข", "😀z", ""]])
        #expect(rows.flatMap { $0.map { [$0.line, $0.column] } } == [[1, 1], [1, 5], [3, 1], [3, 3], [3, 6]])
        #expect(throws: CSVReader.Failure.self) { try CSVReader.parse("ก,\u{85}") }
    }
}

/// The reader as it was, one Unicode scalar at a time.
private enum ScalarOracle {
    static func parse(_ text: String) throws(CSVReader.Failure) -> [[CSVField]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [[CSVField]] = []
        var row: [CSVField] = []
        var index = 0
        var line = 1
        var column = 1
        func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        func check(_ scalar: Unicode.Scalar) throws(CSVReader.Failure) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value), scalar != "\n", scalar != "\t" {
                throw .controlCharacter(line: line, column: column, scalar)
            }
        }
        while index <= scalars.count {
            let startLine = line
            let startColumn = column
            var field = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "\"" {
                advance()
                while true {
                    guard index < scalars.count else { throw .unclosedQuote(line: startLine, column: startColumn) }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            advance()
                            advance()
                            continue
                        }
                        advance()
                        break
                    }
                    if scalars[index] == "\r" {
                        // A line break saved as "\r\n" or "\r" is one "\n" in the text.
                        field.append("\n")
                        if index + 1 < scalars.count, scalars[index + 1] == "\n" {
                            index += 1
                            advance()
                        } else {
                            index += 1
                            line += 1
                            column = 1
                        }
                        continue
                    }
                    try check(scalars[index])
                    field.append(scalars[index])
                    advance()
                }
                if index < scalars.count, ![",", "\n", "\r"].contains(scalars[index]) {
                    throw .junkAfterQuote(line: line, column: column)
                }
            } else {
                while index < scalars.count, scalars[index] != ",", scalars[index] != "\n", scalars[index] != "\r" {
                    try check(scalars[index])
                    field.append(scalars[index])
                    advance()
                }
            }
            row.append(CSVField(text: String(field), line: startLine, column: startColumn))
            if index >= scalars.count { break }
            if scalars[index] == "," {
                advance()
                continue
            }
            if scalars[index] == "\r" {
                index += 1
                if index < scalars.count, scalars[index] == "\n" {
                    advance()
                } else {
                    line += 1
                    column = 1
                }
            } else {
                advance()
            }
            if !(row.count == 1 && row[0].text.isEmpty) { rows.append(row) }
            row = []
            if index >= scalars.count { break }
        }
        if !row.isEmpty, !(row.count == 1 && row[0].text.isEmpty) { rows.append(row) }
        return rows
    }

}
