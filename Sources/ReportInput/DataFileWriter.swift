import Foundation
import ThaiText

/// Writes a new agency data file for a year, prefilled with every item of the year's catalog and
/// comments in Thai saying what to fill in. It passes `check` as written (with warnings for
/// what is still empty), so staff can build a first draft at once. Field names come from
/// `DataSchema`, as the reader's do.
public enum DataFileWriter {
    public struct Exists: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            let path = TerminalText.escape(path)
            return "มีไฟล์ '\(path)' อยู่แล้ว ไม่เขียนทับ / '\(path)' already exists: not overwritten"
        }
    }

    public struct InvalidID: Error, CustomStringConvertible {
        public let id: String
        public var description: String {
            "agency id '\(TerminalText.escape(id))' ใช้ได้เฉพาะ a-z 0-9 และ - / may use only a-z, 0-9 and '-'"
        }
    }

    public struct InvalidName: Error, CustomStringConvertible {
        public let name: String
        public init(name: String) { self.name = name }
        public var description: String {
            let bad = name.unicodeScalars.first(where: TerminalText.isControl).map(TerminalText.name) ?? ""
            return
                "ชื่อหน่วยงาน '\(TerminalText.escape(name))' มีอักขระควบคุม \(bad) (เช่น ขึ้นบรรทัดใหม่ แท็บ หรือ ESC) ให้พิมพ์ชื่อในบรรทัดเดียว / "
                + "the agency name '\(TerminalText.escape(name))' holds control character \(bad) (such as a line break, tab or ESC): give the name on one line"
        }
    }

    public struct InvalidTemplateID: Error, CustomStringConvertible {
        public let id: String
        public var description: String {
            "ชื่อแม่แบบ '\(TerminalText.escape(id))' ใช้ได้เฉพาะ a-z 0-9 และ - / template id '\(TerminalText.escape(id))' may use only a-z, 0-9 and '-'"
        }
    }

    public struct WrongYear: Error, CustomStringConvertible {
        public let template: String, templateYear: Int, year: Int
        public var description: String {
            let template = TerminalText.escape(template)
            return
                "แม่แบบ \(template) เป็นของปี \(templateYear) ไม่ใช่ \(year) / template \(template) is for \(templateYear), not \(year)"
        }
    }

    /// The template for a new file: `id`, or `ita-<year>` by default; it must be of that year.
    public static func template(id: String?, year: Int, templatesRoot: URL) throws -> Template {
        if let id, !AgencyID.isValid(id) { throw InvalidTemplateID(id: id) }
        let template = try TemplateLoader.load(id: id ?? "ita-\(year)", templatesRoot: templatesRoot)
        guard template.fiscalYear == year else {
            throw WrongYear(template: template.id, templateYear: template.fiscalYear, year: year)
        }
        return template
    }

    /// A YAML double-quoted string holding exactly `text`: quote, backslash and every
    /// character YAML does not print as itself (controls, line and paragraph separators, the
    /// byte-order mark) are escaped, so no value can end the line or add keys.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) {
                    out += "\\x" + hex(v, width: 2)
                } else if v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A mapping key: plain when it is a simple name (`O1`, `iit`), quoted otherwise.
    static func key(_ text: String) -> String {
        let simple =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_" || $0 == "."
            } && !["-", "."].contains(text.first!)
        return simple ? text : quote(text)
    }

    /// Text for a comment: on one line whatever it holds (line breaks and controls become spaces).
    static func comment(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    TerminalText.isControl($0) || [0x2028, 0x2029, 0xFEFF].contains($0.value) ? " " : $0
                }))
    }

    /// The text of the new file.
    public static func render(template: Template, agencyID: String, name: String, year: Int) -> String {
        typealias M = DataSchema.MeasureField
        typealias S = DataSchema.StepField
        typealias I = DataSchema.IndicatorField
        typealias O = DataSchema.OITField
        let thaiYear = ThaiDigits.format(year)
        let values = PlaceholderValues.make(
            template: template, agencyName: name, shortName: name, issuingUnit: "", fiscalYear: year)
        var yaml = """
            # ข้อมูลรายงานผลการดำเนินการ (\(comment(template.id))) ปีงบประมาณ พ.ศ. \(thaiYear) ของหน่วยงาน \(agencyID)
            # กรอกเฉพาะข้อมูลของหน่วยงาน ข้อความมาตรฐานอยู่ในแม่แบบ \(comment(template.id)) แล้ว
            # ตรวจไฟล์ได้ด้วยคำสั่ง: thaireport check <ไฟล์นี้>   สร้างรายงาน: thaireport build <ไฟล์นี้>
            template: \(quote(template.id))
            fiscal_year: \(year)

            agency:
              id: \(quote(agencyID))               # ชื่อไฟล์ผลลัพธ์ ใช้ a-z 0-9 และ - เท่านั้น
              name: \(quote(name))
              short_name: \(quote(name))      # ชื่อย่อ เช่น อบต.บ้านสวน
              address: ""                     # ที่ตั้ง เช่น อำเภอ... จังหวัด...
              # logo: logo.png                # โลโก้หน่วยงาน (PNG) วางไว้ข้างไฟล์นี้

            issuing_unit: ""                  # หน่วยงานที่จัดทำรายงาน เช่น สำนักปลัด


            """
        if template.preface?.signature == true {
            yaml += """
                signature:                        # ส่วนลงท้ายคำนำ (ชิดขวา)
                  lines:
                    - \(quote(name))
                  date: \(year)-09                # เดือนที่ลงนาม ปปปป-ดด เช่น \(year)-03

                """
        }
        let measureSections = template.sections.flatMap(\.all).flatMap { section in
            section.blocks.compactMap { if case .measures(let block) = $0 { (section, block) } else { nil } }
        }
        if !measureSections.isEmpty {
            yaml += """

                # ผลการดำเนินการตามมาตรการ แยกตามส่วนของรายงาน
                # แต่ละมาตรการ: \(M.measure) (มาตรการ), \(M.steps) (ขั้นตอน / ผู้รับผิดชอบ / ผลการดำเนินการ)
                # ข้อความหลายบรรทัดใช้ | แล้วขึ้นบรรทัดใหม่ บรรทัดละหนึ่งย่อหน้า
                measures:

                """
        }
        for (section, block) in measureSections {
            let id = key(block.dataKey)
            let number = section.number.map { template.digits.convert($0) + " " } ?? ""
            yaml +=
                "  # \(comment(number))\(comment(section.title.render(values)).trimmingCharacters(in: .whitespaces))\n"
            if block.indicatorHeading == nil {
                yaml += """
                      \(id): []
                      # \(id):
                      #   - \(M.measure): มาตรการ...
                      #     \(M.steps):
                      #       - \(S.step): - ขั้นตอน...
                      #         \(S.responsible): ผู้รับผิดชอบ...
                      #         \(S.result): - ผลการดำเนินการ...

                    """
            } else {
                let indicators = template.indicators.keys.sorted {
                    $0.compare($1, options: .numeric) == .orderedAscending
                }
                yaml += """
                      \(id): []
                      # \(id):
                      #   - \(I.indicator): \(comment(quote(indicators.first ?? "1")))      # ตัวชี้วัดที่มีในแม่แบบ: \(comment(indicators.joined(separator: ", ")))
                      #     \(I.measures):
                      #       - \(M.measure): มาตรการ...
                      #         \(M.steps):
                      #           - {\(S.step): ..., \(S.responsible): ..., \(S.result): ...}

                    """
            }
        }
        yaml += dataTables(template)
        guard template.hasChecklist else { return yaml }
        yaml += """

            # การเปิดเผยข้อมูลสาธารณะ (OIT): ทุกข้อต้องมีครบ ข้อละหนึ่งครั้ง
            # \(O.responsible) = ผู้รับผิดชอบ; \(O.hasData) = มีข้อมูลหรือไม่ (ถ้า false ให้ใส่ \(O.noDataReason))
            # \(O.published) = เผยแพร่บนเว็บไซต์แล้วหรือไม่ (ถ้า false ให้ใส่ \(O.unpublishedReason))
            oit:

            """
        for indicator in template.catalog {
            for sub in indicator.subindicators {
                yaml +=
                    "  # \(comment(DataSchema.subindicatorLabel(number: template.digits.convert(sub.number), title: sub.title.render(values))))\n"
                for topic in sub.topics {
                    for item in topic.items {
                        let title = comment(item.title.render(values))
                        yaml +=
                            "  \(key(item.code)): {\(O.responsible): \"\", \(O.hasData): true, \(O.published): true}   # \(title)\n"
                    }
                }
            }
        }
        return yaml
    }

    /// The data tables of the template, each empty with a commented example row of its columns.
    static func dataTables(_ template: Template) -> String {
        let tables = template.allBlocks.compactMap {
            if case .dataTable(let schema, let key, _) = $0 { (schema, key) } else { nil }
        }
        guard !tables.isEmpty else { return "" }
        var yaml = "\n# ตารางของหน่วยงาน: แถวละหนึ่งรายการ ตามคอลัมน์ของแม่แบบ\ntables:\n"
        for (schema, key) in tables {
            let columns = schema.columns.filter { $0.kind != .sequence }
            let example = columns.map { "\($0.key): ..." }.joined(separator: ", ")
            yaml += "  \(self.key(key)): []\n"
            var indent = "  # "
            for (depth, level) in schema.groups.enumerated() {
                let nested = depth == schema.groups.count - 1 ? "rows" : "groups"
                yaml += "\(indent)  - title: \(comment(level.label))\n\(indent)    \(nested):\n"
                indent += "    "
            }
            yaml += "\(indent)  - {\(comment(example))}\n"
        }
        return yaml
    }

    /// Writes `<folder>/<agency-id>/<year>.yaml` through `create`, which makes a new file with
    /// the bytes and returns false, writing nothing, when one is already there.
    public static func write(
        template: Template, agencyID: String, name: String, year: Int, folder: URL,
        create: (URL, Data) throws -> Bool
    ) throws -> URL {
        guard AgencyID.isValid(agencyID) else { throw InvalidID(id: agencyID) }
        guard !name.unicodeScalars.contains(where: TerminalText.isControl) else { throw InvalidName(name: name) }
        let file = folder.appendingPathComponent(agencyID).appendingPathComponent("\(year).yaml")
        let text = render(template: template, agencyID: agencyID, name: name, year: year)
        guard try create(file, Data(text.utf8)) else { throw Exists(path: file.path) }
        return file
    }
}
