import Foundation
import ThaiText

/// What one agency writes for one fiscal year; see docs/data-format.md.
public struct AgencyData: Sendable {
    public struct Step: Sendable {
        public let step: String
        public let responsible: String
        public let result: String
    }
    public struct Measure: Sendable {
        public let text: String
        /// Part of the numbered item above: no new number in the ที่ column.
        public let continues: Bool
        public let steps: [Step]
        public let location: SourceLocation
        /// Where `continues` is written, when it is.
        public var continuesLocation: SourceLocation? = nil
    }
    public struct IndicatorMeasures: Sendable {
        public let indicator: String
        public let measures: [Measure]
        public let location: SourceLocation
    }
    public enum MeasureSet: Sendable {
        case plain([Measure])
        case byIndicator([IndicatorMeasures])
    }
    public struct OITStatus: Sendable {
        public let code: String
        public let responsible: String
        public let hasData: Bool
        public let noDataReason: String?
        public let published: Bool
        public let unpublishedReason: String?
        public let location: SourceLocation
    }

    /// An entry of a data table: a group with its title and entries, or a row's values by
    /// column key. Checked against the template's table when the report is assembled.
    public indirect enum TableEntry: Sendable {
        case group(title: String, entries: [TableEntry], location: SourceLocation)
        case row([TableValue], location: SourceLocation)
    }
    public struct TableValue: Sendable {
        public let key: String
        /// The value as written (a YAML scalar's text).
        public let text: String
        public let location: SourceLocation
    }

    public let file: String
    public let templateID: String
    public let templateLocation: SourceLocation
    public let fiscalYear: Int
    public let fiscalYearLocation: SourceLocation
    public let agencyID: String
    public let agencyIDLocation: SourceLocation
    public let agencyName: String
    public let agencyShortName: String
    /// The name of the website the report is published on; nil: the agency's name.
    public var siteName: String? = nil
    public let logoPath: String?
    public let issuingUnit: String
    public let address: String?
    public let signatureLines: [String]
    /// Nil when the signature gives no date (or there is no signature).
    public let signatureDate: ThaiDate?
    public let signatureLocation: SourceLocation?
    public let texts: [String: TemplateText]
    public let measures: [String: (MeasureSet, SourceLocation)]
    public let tables: [String: ([TableEntry], SourceLocation)]
    public let oit: [OITStatus]
    /// Where `oit` is written; nil when the data has none.
    public let oitLocation: SourceLocation?
    /// Words the agency adds to the template's lexicon of compounds.
    public var lexicon: [String] = []
}

/// Agency ids name output files and folders: lower-case letters, digits and '-' only, so no
/// id can reach outside the output folder. Template ids follow the same rule.
public enum AgencyID {
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.first != "-"
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Reads an agency data file. Only checks what the file alone can tell; checks against the
/// template live in `ReportAssembler`.
enum AgencyDataReader {
    static func read(_ root: YAMLValue, sink: DiagnosticSink) -> AgencyData? {
        guard
            let top = root.mapping(
                sink, what: "ไฟล์ข้อมูล/data file",
                allowed: [
                    "template", "fiscal_year", "agency", "issuing_unit", "signature", "texts", "measures", "tables",
                    "oit", "lexicon",
                ])
        else { return nil }
        let templateValue = top.required("template", sink)
        let templateID = templateValue?.string(sink, what: "template")
        let yearValue = top.required("fiscal_year", sink)
        let year = yearValue?.int(sink, what: "fiscal_year")
        if let year, let yearValue, !DataSchema.fiscalYears.contains(year) {
            sink.error(
                yearValue.location, thai: "fiscal_year ต้องเป็นปี พ.ศ. เช่น 2564",
                english: "fiscal_year must be a Buddhist-era year such as 2564")
        }

        var agencyID: String?
        var agencyIDLocation: SourceLocation?
        var name: String?
        var shortName: String?
        var address: String?
        var siteName: String?
        var logo: String?
        if let agency = top.required("agency", sink)?.mapping(
            sink, what: "agency", allowed: ["id", "name", "short_name", "address", "logo", "site_name"])
        {
            if let value = agency.required("id", sink) {
                agencyID = value.string(sink, what: "agency.id")
                agencyIDLocation = value.location
                if let id = agencyID, !AgencyID.isValid(id) {
                    sink.error(
                        value.location, thai: "agency.id '\(id)' ใช้ได้เฉพาะ a-z 0-9 และ - (ใช้เป็นชื่อไฟล์ผลลัพธ์)",
                        english: "agency.id '\(id)' may use only a-z, 0-9 and '-' (it names the output files)")
                }
            }
            name = agency.required("name", sink).flatMap { visibleText($0, sink: sink, what: "agency.name") }
            shortName = agency.optional("short_name").flatMap {
                visibleText($0, sink: sink, what: "agency.short_name")
            }
            address = agency.optional("address")?.string(sink, what: "agency.address")
            siteName = agency.optional("site_name").flatMap {
                visibleText($0, sink: sink, what: "agency.site_name")
            }
            if let value = agency.optional("logo"), let path = value.string(sink, what: "agency.logo"),
                let url = besideDataFile(path, of: root.file, at: value.location, what: "agency.logo", sink: sink)
            {
                logo = readLogo(url, named: path, at: value.location, sink: sink)
            }
        }
        let issuingUnit = top.optional("issuing_unit")?.string(sink, what: "issuing_unit")

        var signatureLines: [String] = []
        var signatureDate: ThaiDate?
        let signatureValue = top.optional("signature")
        if let signature = signatureValue?.mapping(sink, what: "signature", allowed: ["lines", "date"]) {
            signatureLines = signature.required("lines", sink)?.strings(sink, what: "signature.lines") ?? []
            if let value = signature.optional("date"), let raw = value.string(sink, what: "signature.date") {
                signatureDate = ThaiDate(parsing: raw)
                if signatureDate == nil {
                    sink.error(
                        value.location, thai: "วันที่ '\(raw)' ไม่ถูกต้อง ต้องเป็น ปปปป-ดด หรือ ปปปป-ดด-วว เช่น 2564-03",
                        english: "date '\(raw)' is not valid: use YYYY-MM or YYYY-MM-DD, e.g. 2564-03")
                }
            }
        }

        var texts: [String: TemplateText] = [:]
        if let map = top.optional("texts")?.mapping(sink, what: "texts") {
            for entry in map.entries {
                if let string = entry.value.string(sink, what: "texts.\(entry.key)", multiline: true) {
                    texts[entry.key] = TemplateText(literal: string, at: entry.value.location)
                }
            }
        }

        var measures: [String: (AgencyData.MeasureSet, SourceLocation)] = [:]
        if let map = top.optional("measures")?.mapping(sink, what: "measures") {
            for entry in map.entries {
                if let set = measureSet(entry.value, sink: sink) { measures[entry.key] = (set, entry.keyLocation) }
            }
        }
        var tables: [String: ([AgencyData.TableEntry], SourceLocation)] = [:]
        if let map = top.optional("tables")?.mapping(sink, what: "tables") {
            for entry in map.entries {
                if let entries = tableEntries(entry.value, sink: sink) {
                    tables[entry.key] = (entries, entry.keyLocation)
                }
            }
        }

        var oit: [AgencyData.OITStatus] = []
        let oitValue = top.optional("oit")
        if let oitValue {
            oit = OITReader.read(oitValue, sink: sink) ?? []
        }

        let lexicon = top.optional("lexicon").map { LexiconReader.dataWords($0, sink: sink) } ?? []
        guard let templateID, let templateValue, let year, let yearValue, let agencyID, let agencyIDLocation,
            let name
        else { return nil }
        var data = AgencyData(
            file: root.file, templateID: templateID, templateLocation: templateValue.location,
            fiscalYear: year, fiscalYearLocation: yearValue.location, agencyID: agencyID,
            agencyIDLocation: agencyIDLocation,
            agencyName: name, agencyShortName: shortName ?? name, logoPath: logo,
            issuingUnit: issuingUnit ?? "", address: address, signatureLines: signatureLines,
            signatureDate: signatureDate, signatureLocation: signatureValue?.location,
            texts: texts, measures: measures, tables: tables, oit: oit, oitLocation: oitValue?.location)
        data.siteName = siteName
        data.lexicon = lexicon
        return data
    }

    /// The entries of a data table: rows (mappings of column key to value) and groups
    /// (`title` with `rows` or `groups` under it).
    static func tableEntries(_ value: YAMLValue, sink: DiagnosticSink) -> [AgencyData.TableEntry]? {
        guard let list = value.sequence(sink, what: "table") else { return nil }
        return list.compactMap { item -> AgencyData.TableEntry? in
            guard let map = item.mapping(sink, what: "row") else { return nil }
            let nested = map.optional("rows") ?? map.optional("groups")
            if let nested, map.optional("title") != nil {
                guard let map = item.mapping(sink, what: "group", allowed: ["title", "rows", "groups"]),
                    let title = map.required("title", sink)?.string(sink, what: "title")
                else { return nil }
                if map.optional("rows") != nil, map.optional("groups") != nil {
                    sink.error(
                        map.location, thai: "กลุ่มมี rows หรือ groups อย่างใดอย่างหนึ่ง",
                        english: "a group has either rows or groups, not both")
                }
                return .group(
                    title: title, entries: tableEntries(nested, sink: sink) ?? [], location: item.location)
            }
            var values: [AgencyData.TableValue] = []
            for entry in map.entries {
                guard let text = entry.value.string(sink, what: entry.key, multiline: true) else { continue }
                values.append(AgencyData.TableValue(key: entry.key, text: text, location: entry.value.location))
            }
            return .row(values, location: item.location)
        }
    }

    /// A text that must print something: empty or blank (spaces, zero-width characters) is an error.
    static func visibleText(_ value: YAMLValue, sink: DiagnosticSink, what: String) -> String? {
        guard let text = value.string(sink, what: what) else { return nil }
        let invisible: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || invisible.contains($0.value) }) {
            sink.error(
                value.location, thai: "\(what) ว่างอยู่ ให้ใส่ชื่อหน่วยงาน",
                english: "\(what) is blank: write the agency's name")
            return nil
        }
        return text
    }

    /// A file the data names (logo, CSV): a relative path inside the data file's folder, so
    /// data cannot make the tool read elsewhere on the machine.
    static func besideDataFile(
        _ path: String, of dataFile: String, at location: SourceLocation, what: String,
        sink: DiagnosticSink
    ) -> URL? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(".."), !path.hasPrefix("~") else {
            sink.error(
                location, thai: "\(what) '\(path)' ต้องเป็นชื่อไฟล์ในโฟลเดอร์เดียวกับไฟล์ข้อมูล (ห้ามขึ้นต้นด้วย / หรือมี ..)",
                english: "\(what) '\(path)' must be a file in the data file's folder (no leading / and no ..)")
            return nil
        }
        let folder = URL(fileURLWithPath: dataFile).deletingLastPathComponent()
        let url = folder.appendingPathComponent(path)
        switch InputFile.resolve(url, inside: folder) {
        case .inside(let real):
            return URL(fileURLWithPath: real)
        case .missing:
            return url  // the reader reports it missing
        case .outside(let real):
            sink.error(
                location,
                thai: "\(what) '\(path)' พาออกนอกโฟลเดอร์ของไฟล์ข้อมูล (ลิงก์ไปที่ \(real)) ให้คัดลอกไฟล์มาไว้ในโฟลเดอร์แทนการลิงก์",
                english:
                    "\(what) '\(path)' leads outside the data file's folder (it links to \(real)): copy the file into the folder instead of linking to it"
            )
            return nil
        case .special(let kind):
            sink.error(
                location,
                thai: "\(what) '\(path)' ไม่ใช่ไฟล์ธรรมดา แต่เป็น\(kind.names.thai) ให้ระบุไฟล์",
                english: "\(what) '\(path)' is not a regular file but \(kind.names.english): name a file")
            return nil
        }
    }

    /// The logo's path when it is a sound PNG within the limits; otherwise an error at `location`.
    static func readLogo(_ url: URL, named path: String, at location: SourceLocation, sink: DiagnosticSink) -> String? {
        let limits = sink.limits
        let bytes: Data
        switch InputFile.read(url.path, maxBytes: limits.maxLogoBytes) {
        case .success(let data):
            bytes = data
        case .failure(.tooLarge):
            sink.error(
                location,
                thai:
                    "ไฟล์โลโก้ '\(path)' ใหญ่เกิน \(limits.maxLogoBytes) ไบต์ ให้ย่อภาพ (ขนาดพิมพ์ไม่เกิน 35 มม. ใช้ภาพกว้างราว 800 พิกเซลก็พอ)",
                english:
                    "logo file '\(path)' is larger than \(limits.maxLogoBytes) bytes: make the image smaller (it prints about 35 mm wide; some 800 pixels are plenty)"
            )
            return nil
        case .failure(.special(let kind)):
            sink.error(
                location, thai: "agency.logo '\(path)' ไม่ใช่ไฟล์ธรรมดา แต่เป็น\(kind.names.thai) ให้ระบุไฟล์",
                english: "agency.logo '\(path)' is not a regular file but \(kind.names.english): name a file")
            return nil
        case .failure(.unreadable):
            sink.error(
                location, thai: "ไม่พบไฟล์โลโก้ '\(path)' หรืออ่านไม่ได้",
                english: "logo file '\(path)' not found or not readable")
            return nil
        }
        sink.record(url.path, bytes)
        switch PNGCheck.problem(bytes, maxPixels: limits.maxLogoPixels) {
        case nil:
            return url.standardizedFileURL.path
        case .notPNG:
            sink.error(location, thai: "โลโก้ต้องเป็นไฟล์ PNG", english: "the logo must be a PNG file")
        case .corrupt:
            sink.error(
                location, thai: "ไฟล์โลโก้ '\(path)' เสียหาย (ไม่ใช่ PNG ที่สมบูรณ์) ให้บันทึกภาพเป็น PNG ใหม่",
                english: "logo file '\(path)' is damaged (not a whole PNG file): save the image as PNG again")
        case .tooLarge(let width, let height):
            sink.error(
                location,
                thai:
                    "โลโก้ '\(path)' มีขนาด \(width)×\(height) พิกเซล เกิน \(limits.maxLogoPixels)×\(limits.maxLogoPixels) ให้ย่อภาพ",
                english:
                    "logo '\(path)' is \(width)×\(height) pixels, more than \(limits.maxLogoPixels)×\(limits.maxLogoPixels): make the image smaller"
            )
        }
        return nil
    }

    static func measureSet(_ value: YAMLValue, sink: DiagnosticSink) -> AgencyData.MeasureSet? {
        let set = readMeasureSet(value, sink: sink)
        if let set { checkFirstMeasures(set, sink: sink) }
        return set
    }

    /// The first measure of a section or of an indicator has no item above it to continue.
    static func checkFirstMeasures(_ set: AgencyData.MeasureSet, sink: DiagnosticSink) {
        let firsts: [AgencyData.Measure]
        switch set {
        case .plain(let measures): firsts = Array(measures.prefix(1))
        case .byIndicator(let groups): firsts = groups.compactMap(\.measures.first)
        }
        let name = DataSchema.MeasureField.continues.name
        for measure in firsts where measure.continues {
            sink.error(
                measure.continuesLocation ?? measure.location,
                thai: "มาตรการแรกของตัวชี้วัดหรือของส่วนต่อจากมาตรการก่อนหน้าไม่ได้ ให้ลบ \(name): true",
                english:
                    "the first measure of an indicator or section has nothing above it to continue: remove \(name): true"
            )
        }
    }

    static func readMeasureSet(_ value: YAMLValue, sink: DiagnosticSink) -> AgencyData.MeasureSet? {
        // A long table may be kept in a spreadsheet: `iit: {csv: iit.csv}`.
        if case .mapping = value.node {
            guard let map = value.mapping(sink, what: "measures", allowed: ["csv"]),
                let csv = map.required("csv", sink), let name = csv.string(sink, what: "csv"),
                let url = besideDataFile(name, of: value.file, at: csv.location, what: "csv", sink: sink)
            else { return nil }
            return MeasuresCSV.read(url, referencedAt: csv.location, sink: sink)
        }
        guard let list = value.sequence(sink, what: "measures") else { return nil }
        // A list of indicators when its entries name one, otherwise a plain list of measures.
        let byIndicator = list.contains { item in
            if case .mapping(let m) = item.node {
                return m.keys.contains { $0.string == DataSchema.IndicatorField.indicator.name }
            }
            return false
        }
        if byIndicator {
            return .byIndicator(
                list.compactMap { item in
                    typealias Field = DataSchema.IndicatorField
                    guard let map = item.mapping(sink, what: "indicator entry", allowed: Field.names),
                        let indicator = map.required(Field.indicator, sink)?.string(sink, what: Field.indicator.name),
                        let measures = map.required(Field.measures, sink)?.sequence(sink, what: Field.measures.name)
                    else { return nil }
                    return AgencyData.IndicatorMeasures(
                        indicator: indicator, measures: measures.compactMap { measure($0, sink: sink) },
                        location: item.location)
                })
        }
        return .plain(list.compactMap { measure($0, sink: sink) })
    }

    static func measure(_ value: YAMLValue, sink: DiagnosticSink) -> AgencyData.Measure? {
        typealias Field = DataSchema.MeasureField
        guard let map = value.mapping(sink, what: "measure", allowed: Field.names),
            let text = map.required(Field.measure, sink)?.string(sink, what: Field.measure.name, multiline: true),
            let steps = map.required(Field.steps, sink)?.sequence(sink, what: Field.steps.name)
        else { return nil }
        let parsed: [AgencyData.Step] = steps.compactMap { item in
            guard let step = item.mapping(sink, what: "step", allowed: DataSchema.StepField.names) else { return nil }
            func field(_ field: DataSchema.StepField) -> String {
                step.optional(field)?.string(sink, what: field.name, multiline: true) ?? ""
            }
            return AgencyData.Step(step: field(.step), responsible: field(.responsible), result: field(.result))
        }
        if parsed.isEmpty, steps.isEmpty {
            sink.error(map.location, thai: "มาตรการต้องมีอย่างน้อยหนึ่งขั้นตอน", english: "a measure needs at least one step")
        }
        let flag = map.optional(Field.continues)
        return AgencyData.Measure(
            text: text, continues: flag?.bool(sink, what: Field.continues.name) ?? false,
            steps: parsed, location: value.location, continuesLocation: flag?.location)
    }
}
