import Foundation
import ThaiText

/// Next year's data file from last year's. What carries over as it is: the agency's facts, the
/// issuing unit, the signature (its date moved one year on), paragraph replacements the new
/// template still has, the data tables the new template still has. The measures carry over with
/// their steps and responsible units, marked for review, their results left empty: a result is
/// what happened in the new year. OIT statuses are mapped item by item through the catalogs'
/// stable keys: an item of the new year whose key (or the keys it continues) names one of last
/// year's items of the same title keeps its status; one that continues a renamed or merged item
/// keeps it too but is marked for review; an item with nothing before it is new and left to fill
/// in; last year's items nothing continues are reported as dropped.
public enum CarryOver {
    /// What happened to each part, for the summary the command prints and for tests.
    public struct Summary: Sendable, Equatable {
        public struct Change: Sendable, Equatable {
            public let code: String
            public let from: [String]
        }
        /// Parts carried as they were (`agency`, `signature`, `measures iit`, …).
        public var carried: [String] = []
        /// New codes whose status came from one item of last year, unchanged.
        public var mapped: [Change] = []
        /// New codes whose status came from last year's items that were renamed or merged.
        public var changed: [Change] = []
        /// New items with nothing before them: code and title.
        public var added: [String] = []
        /// Last year's items nothing continues: code and title.
        public var dropped: [String] = []
        /// Parts of last year's data the new template has no place for.
        public var left: [String] = []
    }

    /// Reads `dataFile` with its template and writes `<its folder>/<year>.yaml` for `templateID`
    /// (`ita-<year>` by default) through `create`, which never overwrites.
    public static func write(
        from dataFile: URL, year: Int, templateID: String?, templatesRoot: URL?,
        create: (URL, Data) throws -> Bool
    ) throws -> (URL, Summary) {
        let sink = DiagnosticSink()
        let (data, old) = try ReportLoader.inputs(dataFile: dataFile, templatesRoot: templatesRoot, sink: sink)
        let root =
            templatesRoot ?? ReportLoader.findTemplatesRoot(near: dataFile, id: templateID ?? "ita-\(year)")
            ?? URL(fileURLWithPath: "Templates")
        let new = try DataFileWriter.template(id: templateID, year: year, templatesRoot: root)
        let (text, summary) = render(data, old: old, new: new, year: year)
        let file = dataFile.deletingLastPathComponent().appendingPathComponent("\(year).yaml")
        guard try create(file, Data(text.utf8)) else { throw DataFileWriter.Exists(path: file.path) }
        return (file, summary)
    }

    typealias Q = DataFileWriter

    static func render(_ data: AgencyData, old: Template, new: Template, year: Int) -> (String, Summary) {
        var summary = Summary()
        var yaml = """
            # ข้อมูลปีงบประมาณ พ.ศ. \(year) ยกมาจากปี \(data.fiscalYear) (แม่แบบ \(Q.comment(old.id)) → \(Q.comment(new.id)))
            # "ทบทวน" = ยกมาจากปีก่อน ให้ตรวจแก้ให้ตรงกับปีนี้ · "กรอก" = ข้อมูลที่ยังต้องกรอก
            template: \(Q.quote(new.id))
            fiscal_year: \(year)

            agency:
              id: \(Q.quote(data.agencyID))
              name: \(Q.quote(data.agencyName))
              short_name: \(Q.quote(data.agencyShortName))

            """
        if let address = data.address { yaml += "  address: \(Q.quote(address))\n" }
        if let logo = data.logoPath {
            let name = URL(fileURLWithPath: logo).lastPathComponent
            yaml += "  logo: \(Q.quote(name))\n"
        }
        summary.carried.append("agency")
        if !data.issuingUnit.isEmpty {
            yaml += "issuing_unit: \(Q.quote(data.issuingUnit))\n"
            summary.carried.append("issuing_unit")
        }
        if new.preface?.signature == true, !data.signatureLines.isEmpty {
            yaml += "\nsignature:\n  lines:\n" + data.signatureLines.map { "    - \(Q.quote($0))\n" }.joined()
            if let date = data.signatureDate {
                let moved = "\(date.buddhistYear + 1)-" + (date.month < 10 ? "0" : "") + String(date.month)
                let day = date.day.map { "-" + ($0 < 10 ? "0" : "") + String($0) } ?? ""
                yaml += "  date: \(moved)\(day)   # ทบทวน: เลื่อนจากปีก่อนหนึ่งปี\n"
            }
            summary.carried.append("signature")
        }
        let ids = new.paragraphIDs
        let texts = data.texts.keys.sorted().filter { ids.contains($0) }
        if !texts.isEmpty {
            yaml += "\ntexts:\n"
            for id in texts { yaml += "  \(Q.key(id)): \(Q.quote(data.texts[id]!.render([:])))\n" }
            summary.carried.append("texts")
        }
        summary.left += data.texts.keys.sorted().filter { !ids.contains($0) }.map { "texts.\($0)" }
        yaml += measures(data, new: new, summary: &summary)
        yaml += tables(data, new: new, summary: &summary)
        if new.hasChecklist { yaml += statuses(data, old: old, new: new, summary: &summary) }
        return (yaml, summary)
    }

    static func measures(_ data: AgencyData, new: Template, summary: inout Summary) -> String {
        let keys = Set(new.measuresBlocks.map(\.dataKey))
        summary.left += data.measures.keys.sorted().filter { !keys.contains($0) }.map { "measures.\($0)" }
        let carried = data.measures.keys.sorted().filter(keys.contains)
        guard !carried.isEmpty else { return "" }
        var yaml = """

            # ทบทวน: มาตรการและขั้นตอนยกมาจากปี \(data.fiscalYear) ให้ปรับให้ตรงกับปีนี้
            # กรอก: ผลการดำเนินการ (result) ของปีนี้ ซึ่งเว้นว่างไว้
            measures:

            """
        func measure(_ m: AgencyData.Measure, indent: String) -> String {
            var out = "\(indent)- measure: \(Q.quote(m.text))\n"
            if m.continues { out += "\(indent)  continues: true\n" }
            out += "\(indent)  steps:\n"
            for step in m.steps {
                out += "\(indent)    - step: \(Q.quote(step.step))\n"
                out += "\(indent)      responsible: \(Q.quote(step.responsible))\n"
                out += "\(indent)      result: \"\"\n"
            }
            return out
        }
        for key in carried {
            guard let (set, _) = data.measures[key] else { continue }
            yaml += "  \(Q.key(key)):\n"
            switch set {
            case .plain(let list):
                if list.isEmpty { yaml += "    []\n" }
                for m in list { yaml += measure(m, indent: "    ") }
            case .byIndicator(let groups):
                for group in groups {
                    yaml += "    - indicator: \(Q.quote(group.indicator))\n      measures:\n"
                    for m in group.measures { yaml += measure(m, indent: "        ") }
                }
            }
            summary.carried.append("measures.\(key)")
        }
        return yaml
    }

    static func tables(_ data: AgencyData, new: Template, summary: inout Summary) -> String {
        let keys = Set(new.allBlocks.compactMap { if case .dataTable(_, let key, _) = $0 { key } else { nil } })
        summary.left += data.tables.keys.sorted().filter { !keys.contains($0) }.map { "tables.\($0)" }
        let carried = data.tables.keys.sorted().filter(keys.contains)
        guard !carried.isEmpty else { return "" }
        var yaml = "\n# ทบทวน: ตารางยกมาจากปี \(data.fiscalYear)\ntables:\n"
        func entries(_ list: [AgencyData.TableEntry], indent: String) {
            for entry in list {
                switch entry {
                case .group(let title, let children, _):
                    let nested = children.contains { if case .group = $0 { true } else { false } } ? "groups" : "rows"
                    yaml += "\(indent)- title: \(Q.quote(title))\n\(indent)  \(nested):\n"
                    entries(children, indent: indent + "    ")
                case .row(let values, _):
                    yaml +=
                        "\(indent)- {" + values.map { "\(Q.key($0.key)): \(Q.quote($0.text))" }.joined(separator: ", ")
                        + "}\n"
                }
            }
        }
        for key in carried {
            yaml += "  \(Q.key(key)):\n"
            entries(data.tables[key]!.0, indent: "    ")
            summary.carried.append("tables.\(key)")
        }
        return yaml
    }

    static func statuses(_ data: AgencyData, old: Template, new: Template, summary: inout Summary) -> String {
        let oldValues = PlaceholderValues.make(
            template: old, agencyName: data.agencyName, shortName: data.agencyShortName, issuingUnit: data.issuingUnit,
            fiscalYear: old.fiscalYear)
        let newValues = PlaceholderValues.make(
            template: new, agencyName: data.agencyName, shortName: data.agencyShortName, issuingUnit: data.issuingUnit,
            fiscalYear: new.fiscalYear)
        let oldItems = Dictionary(old.catalogItems.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let status = Dictionary(data.oit.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var used: Set<String> = []
        var yaml =
            "\n# การเปิดเผยข้อมูลสาธารณะ (OIT) ปี \(new.fiscalYear): สถานะยกมาจากปี \(old.fiscalYear) ตามรายการที่ต่อเนื่องกัน\noit:\n"
        for item in new.catalogItems {
            let sources = item.continues.compactMap { oldItems[$0] }
            used.formUnion(sources.map(\.key))
            let title = Q.comment(item.title.render(newValues))
            guard let first = sources.first, let previous = status[first.code] else {
                yaml +=
                    "  \(Q.key(item.code)): {responsible: \"\", has_data: true, published: true}   # กรอก: ข้อใหม่ปี \(new.fiscalYear) \(title)\n"
                summary.added.append("\(item.code) \(title)")
                continue
            }
            // Titles are compared without their spaces: the forms break long titles with spaces.
            let same =
                sources.count == 1 && first.key == item.key
                && unspaced(first.title.render(oldValues)) == unspaced(item.title.render(newValues))
            var fields = ["responsible: \(Q.quote(previous.responsible))", "has_data: \(previous.hasData)"]
            if let reason = previous.noDataReason { fields.append("no_data_reason: \(Q.quote(reason))") }
            fields.append("published: \(previous.published)")
            if let reason = previous.unpublishedReason { fields.append("unpublished_reason: \(Q.quote(reason))") }
            let change = Summary.Change(code: item.code, from: sources.map(\.code))
            if same {
                yaml += "  \(Q.key(item.code)): {\(fields.joined(separator: ", "))}   # \(title)\n"
                summary.mapped.append(change)
            } else {
                let before = sources.map { "\($0.code) \(Q.comment($0.title.render(oldValues)))" }.joined(
                    separator: " + ")
                yaml += "  # ทบทวน: \(title) เปลี่ยนจาก \(before) ในปี \(old.fiscalYear)\n"
                yaml += "  \(Q.key(item.code)): {\(fields.joined(separator: ", "))}\n"
                summary.changed.append(change)
            }
        }
        let dropped = old.catalogItems.filter { !used.contains($0.key) }
        if !dropped.isEmpty {
            yaml +=
                "# ไม่มีในปี \(new.fiscalYear) แล้ว: "
                + dropped.map { "\($0.code) \(Q.comment($0.title.render(oldValues)))" }.joined(separator: " · ") + "\n"
        }
        summary.dropped = dropped.map { "\($0.code) \(Q.comment($0.title.render(oldValues)))" }
        return yaml
    }

    static func unspaced(_ text: String) -> String { text.filter { !$0.isWhitespace } }
}
