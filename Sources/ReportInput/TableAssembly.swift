import ReportModel
import ThaiText

/// Tables of the template's own schema: free tables the template writes, and data tables whose
/// rows the agency gives, checked value by value against the column kinds, with nested groups,
/// numbering, subtotals and a total.
extension ReportAssembler {
    func freeTable(_ schema: TableSchema, rows: [Template.FreeRow]) -> Table {
        var counter = 0
        let body = rows.map { row -> Row in
            switch row {
            case .group(let text): return .group(render(text))
            case .cells(let cells):
                counter += 1
                return Row(
                    cells: schema.columns.map { column in
                        if column.kind == .sequence {
                            return .text(
                                NumberPattern.fill(schema.numbering?.format ?? "{n}", n: digits.format(counter)))
                        }
                        guard let text = cells[column.key] else { return .empty }
                        let value = render(text)
                        return .text(column.documentDigits ? documentDigits(value) : value)
                    })
            }
        }
        return Table(
            kind: .data, columns: schema.modelColumns, headerRows: schema.modelHeaderRows, rows: body,
            headerShade: schema.headerShade)
    }

    func dataTable(_ schema: TableSchema, key: String, location: SourceLocation) -> Table {
        var builder = DataTableBuilder(schema: schema, assembler: self)
        if let (entries, _) = data.tables[key] {
            builder.add(entries, depth: 0, parent: "")
        } else {
            sink.warning(
                data.templateLocation, thai: "ยังไม่มีข้อมูลตาราง '\(key)' (tables: \(key): ...) จะพิมพ์ตารางเปล่า",
                english: "no rows yet for table '\(key)' (tables: \(key): ...): an empty table is printed")
        }
        return builder.finish()
    }

    /// The digits of a text in the document's style; codes such as `O1` keep theirs.
    func documentDigits(_ text: String) -> String {
        digits == .thai ? ThaiDigits.convertNumbers(in: text) : ThaiDigits.toASCII(text)
    }
}

/// Builds a data table's rows entry by entry, keeping the counters of each group level and the
/// running sums of the open groups.
struct DataTableBuilder {
    let schema: TableSchema
    let assembler: ReportAssembler
    var rows: [Row] = []
    /// The count at each group level.
    var counters: [Int]
    var rowCounter = 0
    /// Sums of the summed columns: the whole table's, then each open group's.
    var sums: [[Double]]

    init(schema: TableSchema, assembler: ReportAssembler) {
        self.schema = schema
        self.assembler = assembler
        counters = Array(repeating: 0, count: schema.groups.count)
        sums = [Array(repeating: 0, count: schema.columns.count)]
    }

    var sink: DiagnosticSink { assembler.sink }
    var digits: DigitStyle { assembler.digits }

    mutating func add(_ entries: [AgencyData.TableEntry], depth: Int, parent: String) {
        for entry in entries {
            switch entry {
            case .group(let title, let children, let location):
                guard depth < schema.groups.count else {
                    sink.error(
                        location,
                        thai: "ตาราง '\(schema.name)' มีกลุ่ม \(schema.groups.count) ชั้น: กลุ่มนี้ซ้อนลึกเกิน ให้เขียนเป็นแถวแทน",
                        english:
                            "table '\(schema.name)' has \(schema.groups.count) group levels: this group is nested too deep; write rows here"
                    )
                    continue
                }
                let level = schema.groups[depth]
                counters[depth] += 1
                for deeper in (depth + 1)..<counters.count where schema.groups[deeper].restart { counters[deeper] = 0 }
                if schema.numbering?.restart ?? true { rowCounter = 0 }
                let number = NumberPattern.fill(level.numbering, n: digits.format(counters[depth]), parent: parent)
                rows.append(.group(Self.label(level.label, number: number, title: title)))
                sums.append(Array(repeating: 0, count: schema.columns.count))
                add(children, depth: depth + 1, parent: number)
                let groupSums = sums.removeLast()
                sums[sums.count - 1] = zip(sums[sums.count - 1], groupSums).map(+)
                if let subtotal = level.subtotal {
                    rows.append(totalRow(Self.label(subtotal, number: number, title: title), sums: groupSums))
                }
            case .row(let values, let location):
                if depth < schema.groups.count {
                    sink.error(
                        location,
                        thai:
                            "ตาราง '\(schema.name)' แบ่งกลุ่ม \(schema.groups.count) ชั้น: แถวนี้ต้องอยู่ในกลุ่ม (title: ... rows: ...)",
                        english:
                            "table '\(schema.name)' has \(schema.groups.count) group levels: this row must sit in a group (title: ... rows: ...)"
                    )
                }
                rowCounter += 1
                rows.append(row(values, parent: parent))
            }
        }
    }

    static func label(_ pattern: String, number: String, title: String) -> String {
        pattern.replacingOccurrences(of: "{number}", with: number).replacingOccurrences(of: "{title}", with: title)
    }

    mutating func row(_ values: [AgencyData.TableValue], parent: String) -> Row {
        var byKey: [String: AgencyData.TableValue] = [:]
        for value in values {
            guard let column = schema.columns.first(where: { $0.key == value.key }), column.kind != .sequence else {
                let keys = schema.columns.filter { $0.kind != .sequence }.map(\.key).joined(separator: ", ")
                sink.error(
                    value.location, thai: "ตาราง '\(schema.name)' ไม่มีคอลัมน์ '\(value.key)' ให้กรอก (ที่มี: \(keys))",
                    english: "table '\(schema.name)' has no column '\(value.key)' to fill (it has: \(keys))")
                continue
            }
            byKey[column.key] = value
        }
        let cells = schema.columns.enumerated().map { index, column -> Cell in
            if column.kind == .sequence {
                let format = schema.numbering?.format ?? "{n}"
                return .text(NumberPattern.fill(format, n: digits.format(rowCounter), parent: parent))
            }
            guard let value = byKey[column.key] else { return .empty }
            return cell(value, column: column, index: index)
        }
        return Row(cells: cells)
    }

    /// A value printed as its column's kind says, or an error where it was written.
    mutating func cell(_ value: AgencyData.TableValue, column: TableSchema.Column, index: Int) -> Cell {
        let text = value.text
        func wrong(_ thai: String, _ english: String) -> Cell {
            sink.error(
                value.location, thai: "\(column.key): '\(text)' \(thai)", english: "\(column.key): '\(text)' \(english)"
            )
            return .empty
        }
        switch column.kind {
        case .text, .sequence:
            return .text(column.documentDigits ? assembler.documentDigits(text) : text)
        case .number, .amount:
            guard let number = Self.number(text) else {
                return wrong("ไม่ใช่ตัวเลข", "is not a number")
            }
            if column.sum { sums[sums.count - 1][index] += number }
            return .text(format(number, kind: column.kind, written: text))
        case .date:
            guard let date = ThaiDate(parsing: text.trimmingCharacters(in: .whitespaces)) else {
                return wrong("ไม่ใช่วันที่ (ปปปป-ดด หรือ ปปปป-ดด-วว)", "is not a date (YYYY-MM or YYYY-MM-DD)")
            }
            return .text(date.text(digits: digits))
        case .status:
            guard let flag = YAMLValue.parseBool(text) else {
                return wrong("ต้องเป็น true หรือ false", "must be true or false")
            }
            return flag ? Cell([.check(label: column.statusLabel)]) : .empty
        }
    }

    func format(_ number: Double, kind: TableSchema.Kind, written: String? = nil) -> String {
        if kind == .amount { return digits.amount(number) }
        if let written { return digits.convert(written.trimmingCharacters(in: .whitespaces)) }
        return number == number.rounded() && abs(number) < 1e15
            ? digits.format(Int(number)) : digits.convert("\(number)")
    }

    /// `1,200.50`, `๑๒๐๐`, ` 42 ` → a number; nil for anything else.
    static func number(_ text: String) -> Double? {
        let plain = ThaiDigits.toASCII(text).replacingOccurrences(of: ",", with: "")
            .trimmingCharacters(in: .whitespaces)
        guard !plain.isEmpty, plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else {
            return nil
        }
        return Double(plain)
    }

    /// A subtotal or total: the label over the columns before the first summed one, then each
    /// summed column's sum.
    func totalRow(_ label: String, sums: [Double]) -> Row {
        let first = schema.firstSumColumn ?? 1
        var cells = [Cell.text(label).withSpan(max(first, 1))]
        for index in max(first, 1)..<schema.columns.count {
            let column = schema.columns[index]
            cells.append(column.sum ? .text(format(sums[index], kind: column.kind)) : .empty)
        }
        return Row(kind: .total, cells: cells)
    }

    mutating func finish() -> Table {
        if let total = schema.total { rows.append(totalRow(total, sums: sums[0])) }
        return Table(
            kind: .data, columns: schema.modelColumns, headerRows: schema.modelHeaderRows, rows: rows,
            headerShade: schema.headerShade)
    }
}

extension Cell {
    /// The cell over `columns` columns.
    func withSpan(_ columns: Int) -> Cell { Cell(content, columnSpan: columns, rowSpan: rowSpan) }
}
