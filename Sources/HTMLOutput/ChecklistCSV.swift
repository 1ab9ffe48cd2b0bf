import ReportModel

/// The report's OIT checklist as a spreadsheet (RFC 4180 CSV, UTF-8 with a byte-order mark so
/// spreadsheet programs read the Thai): one line per item under a header line, the group rows
/// above an item as leading columns (`ตัวชี้วัดย่อย`, `หัวข้อ`), statuses in words as on the
/// page, bullet lists one item a line inside the cell.
enum ChecklistCSV {
    static func make(_ report: Report) -> String? {
        guard let table = checklist(in: report.allSections) else { return nil }
        let roles = table.columns.map { ColumnRole.of($0, in: table.kind) }
        // A run of k group rows replaces the last k levels of the group path: the checklist
        // gives a sub-indicator and its first topic together, later topics alone.
        var path: [String] = []
        var depth = 0
        var run: [String] = []
        var lines: [[String]] = []
        for row in table.rows {
            switch row.kind {
            case .group:
                run.append(row.cells.first.map(plainText) ?? "")
            case .total:
                continue  // the checklist has none
            case .body:
                if !run.isEmpty {
                    depth = max(depth, run.count)
                    path = Array(path.prefix(max(0, path.count - run.count))) + run
                    run = []
                }
                var line = path
                var column = 0
                for cell in row.cells {
                    defer { column += cell.columnSpan }
                    var value = plainText(cell)
                    if column < roles.count, case .status(let no) = roles[column] {
                        value =
                            cell.content.compactMap { block -> String? in
                                if case .check(let label) = block { return label } else { return nil }
                            }.first ?? (value.isEmpty ? no : value)
                    }
                    line.append(value)
                }
                lines.append(line)
            }
        }
        let groupNames = ["ตัวชี้วัดย่อย", "หัวข้อ"] + (0..<max(0, depth - 2)).map { "กลุ่มที่ \($0 + 3)" }
        let header = Array(groupNames.prefix(depth)) + table.columns.map(\.header)
        let width = header.count
        let rows =
            [header]
            + lines.map { line in
                // Items above the deepest group run have fewer group columns: pad them on the left.
                Array(repeating: "", count: max(0, width - line.count)) + line
            }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func checklist(in sections: [Section]) -> Table? {
        for section in sections {
            for case .table(let table) in section.blocks where table.kind == .checklist { return table }
        }
        return nil
    }

    static func plainText(_ cell: Cell) -> String {
        cell.content.map { block -> String in
            switch block {
            case .paragraph(let text): return text
            case .bullets(let items): return items.map { "○ " + $0 }.joined(separator: "\n")
            case .check(let label): return label
            }
        }.joined(separator: "\n")
    }

    /// A quoted field. A value that a spreadsheet would run as a formula (it starts with
    /// `= + - @`, a tab or a carriage return) gets a leading `'`, which spreadsheets show as text.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        // Quotes doubled on the UTF-8 bytes (Foundation's replacing compares characters).
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }
}
