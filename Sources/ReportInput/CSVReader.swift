/// A small RFC 4180 reader that remembers where every field starts, so errors in a
/// spreadsheet export point at the cell.
import Foundation

struct CSVField {
    let text: String
    let line: Int
    let column: Int
}

enum CSVReader {
    enum Failure: Error {
        case unclosedQuote(line: Int, column: Int)
        case junkAfterQuote(line: Int, column: Int)
        case controlCharacter(line: Int, column: Int, Unicode.Scalar)
    }

    /// Rows of fields. Quoted fields may hold commas, quotes (`""`) and line breaks (a
    /// "\r\n" or "\r" inside one is read as "\n"). Control characters other than tab are
    /// refused where they stand. A UTF-8 byte-order mark at the start is ignored; empty lines
    /// are skipped.
    static func parse(_ text: String) throws(Failure) -> [[CSVField]] {
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
        func check(_ scalar: Unicode.Scalar) throws(Failure) {
            if TerminalText.isControl(scalar), scalar != "\n", scalar != "\t" {
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

    /// The text of a CSV file the data names (recorded as an input); problems are reported at
    /// `reference`, where the data names it, or in the file.
    static func readFile(_ url: URL, referencedAt reference: SourceLocation, sink: DiagnosticSink) -> String? {
        let data: Data
        switch InputFile.read(url.path, maxBytes: sink.limits.maxTextBytes) {
        case .success(let bytes):
            data = bytes
        case .failure(.special(let kind)):
            sink.error(
                reference, thai: "'\(url.lastPathComponent)' ไม่ใช่ไฟล์ธรรมดา แต่เป็น\(kind.names.thai) ให้ระบุไฟล์ CSV",
                english: "'\(url.lastPathComponent)' is not a regular file but \(kind.names.english): name a CSV file")
            return nil
        case .failure(.unreadable), .failure(.tooLarge):
            sink.error(
                reference, thai: "อ่านไฟล์ CSV '\(url.lastPathComponent)' ไม่ได้",
                english: "cannot read CSV file '\(url.lastPathComponent)'")
            return nil
        }
        sink.record(url.path, data)
        guard sink.spendText(data.count) else {
            sink.error(
                reference,
                thai:
                    "ข้อความในรายงานยาวเกิน \(sink.limits.maxTextBytes) ไบต์ (รวมไฟล์ CSV '\(url.lastPathComponent)') ให้ลดข้อความ",
                english:
                    "the report's text is longer than \(sink.limits.maxTextBytes) bytes (CSV file '\(url.lastPathComponent)' included): shorten it"
            )
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            sink.error(
                SourceLocation(file: url.path, line: 1, column: 1), thai: "ไฟล์ CSV ไม่ได้เข้ารหัส UTF-8",
                english: "the CSV file is not UTF-8")
            return nil
        }
        return text
    }

    /// The data rows of a CSV text whose first row must be `header`; every problem (bad quoting,
    /// a wrong header, a row of the wrong length) is recorded with its place.
    /// Only the columns in `multiline` may hold line breaks and tabs.
    static func rows(
        _ text: String, path: String, header expected: [String], multiline: Set<String>, sink: DiagnosticSink
    ) -> [[CSVField]]? {
        let rows: [[CSVField]]
        do { rows = try parse(text) } catch {
            switch error {
            case .unclosedQuote(let line, let column):
                sink.error(
                    SourceLocation(file: path, line: line, column: column),
                    thai: "CSV ไม่ถูกต้อง: เครื่องหมายคำพูด \" ไม่มีตัวปิด",
                    english: "malformed CSV: quoted field is never closed")
            case .junkAfterQuote(let line, let column):
                sink.error(
                    SourceLocation(file: path, line: line, column: column),
                    thai: "CSV ไม่ถูกต้อง: มีตัวอักษรต่อท้ายหลังเครื่องหมายคำพูดปิด",
                    english: "malformed CSV: characters after a closing quote")
            case .controlCharacter(let line, let column, let scalar):
                sink.error(
                    SourceLocation(file: path, line: line, column: column),
                    thai: "CSV มีอักขระควบคุม \(TerminalText.name(scalar)) ซึ่งใช้ไม่ได้ ให้ลบออก",
                    english:
                        "the CSV holds control character \(TerminalText.name(scalar)), which is not allowed: remove it")
            }
            return nil
        }
        guard let header = rows.first else {
            sink.error(
                SourceLocation(file: path, line: 1, column: 1), thai: "ไฟล์ CSV ว่าง", english: "the CSV file is empty")
            return nil
        }
        guard header.map({ $0.text.trimmingCharacters(in: .whitespaces) }) == expected else {
            sink.error(
                SourceLocation(file: path, line: 1, column: 1),
                thai: "หัวตาราง CSV ต้องเป็น \(expected.joined(separator: ","))",
                english: "the CSV header must be \(expected.joined(separator: ","))")
            return nil
        }
        return rows.dropFirst().filter { row in
            guard row.count == expected.count else {
                sink.error(
                    SourceLocation(file: path, line: row[0].line, column: row[0].column),
                    thai: "แถวนี้มี \(row.count) ช่อง ต้องมี \(expected.count) ช่อง",
                    english: "this row has \(row.count) fields, expected \(expected.count)")
                return false
            }
            for (name, field) in zip(expected, row) where !multiline.contains(name) {
                if let bad = field.text.unicodeScalars.first(where: { $0 == "\n" || $0 == "\t" }) {
                    let (thai, english) = bad == "\n" ? ("การขึ้นบรรทัดใหม่", "a line break") : ("แท็บ", "a tab")
                    sink.error(
                        SourceLocation(file: path, line: field.line, column: field.column),
                        thai: "ช่อง \(name) ต้องเป็นข้อความบรรทัดเดียว แต่มี\(thai) ให้เขียนต่อกันในบรรทัดเดียว",
                        english: "the \(name) field must be one line of text but holds \(english): write it on one line"
                    )
                }
            }
            return true
        }
    }
}
