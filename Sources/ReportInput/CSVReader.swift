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
    /// are skipped. Positions count characters (Unicode scalars) from 1.
    ///
    /// Read over the UTF-8 bytes (a data file may hold 20 MB of text): every character that
    /// ends or quotes a field is ASCII, and so are the control characters but C1, which are
    /// two bytes starting 0xC2.
    static func parse(_ text: String) throws(Failure) -> [[CSVField]] {
        let bytes = Array(text.utf8)
        let count = bytes.count
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var rows: [[CSVField]] = []
        var row: [CSVField] = []
        var line = 1
        var column = 1
        /// Past the character at `index` (all of its bytes).
        func advance() {
            let lead = bytes[index]
            if lead == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        }
        func check() throws(Failure) {
            let lead = bytes[index]
            if (lead < 0x20 && lead != 0x0A && lead != 0x09) || lead == 0x7F {
                throw .controlCharacter(line: line, column: column, Unicode.Scalar(lead))
            }
            // U+0080 to U+009F: 0xC2 then the code point's own byte.
            if lead == 0xC2, index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) {
                throw .controlCharacter(line: line, column: column, Unicode.Scalar(bytes[index + 1]))
            }
        }
        while index <= count {
            let startLine = line
            let startColumn = column
            let text: String
            if index < count, bytes[index] == 0x22 {
                advance()
                var field: [UInt8] = []
                while true {
                    guard index < count else { throw .unclosedQuote(line: startLine, column: startColumn) }
                    if bytes[index] == 0x22 {
                        if index + 1 < count, bytes[index + 1] == 0x22 {
                            field.append(0x22)
                            advance()
                            advance()
                            continue
                        }
                        advance()
                        break
                    }
                    if bytes[index] == 0x0D {
                        // A line break saved as "\r\n" or "\r" is one "\n" in the text.
                        field.append(0x0A)
                        if index + 1 < count, bytes[index + 1] == 0x0A {
                            index += 1
                            advance()
                        } else {
                            index += 1
                            line += 1
                            column = 1
                        }
                        continue
                    }
                    try check()
                    let from = index
                    advance()
                    field.append(contentsOf: bytes[from..<index])
                }
                if index < count, bytes[index] != 0x2C, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    throw .junkAfterQuote(line: line, column: column)
                }
                text = String(decoding: field, as: UTF8.self)
            } else {
                let from = index
                while index < count, bytes[index] != 0x2C, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    try check()
                    advance()
                }
                text = String(decoding: bytes[from..<index], as: UTF8.self)
            }
            row.append(CSVField(text: text, line: startLine, column: startColumn))
            if index >= count { break }
            if bytes[index] == 0x2C {
                advance()
                continue
            }
            if bytes[index] == 0x0D {
                index += 1
                if index < count, bytes[index] == 0x0A {
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
            if index >= count { break }
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
