import ThaiText

/// A set of names the data schema gives: keys in a data file, CSV columns, table column keys.
/// A field interpolates as its name.
public protocol SchemaField: RawRepresentable<String>, CaseIterable, Hashable, Sendable, CustomStringConvertible {}

extension SchemaField {
    /// The name as written in data, CSV headers and templates.
    public var name: String { rawValue }
    public var description: String { rawValue }
    /// Every name of the set.
    public static var names: Set<String> { Set(allCases.map(\.rawValue)) }
}

/// The data schema of the ITA report: the names of a measure's and an OIT item's fields in the
/// data file and in CSV files, the column keys of the template's two tables, the fiscal years a
/// report may be for and the label of a subindicator's group row. The data reader, the report
/// assembler, the template reader and the new-file writer all take them from here.
public enum DataSchema {
    /// Fiscal years (Buddhist era) a data file or a `--year` may name.
    public static let fiscalYears = 2500...2700

    /// The year a data file's name gives (`2564.yaml` → 2564), nil for any other name.
    public static func year(ofDataFileNamed name: String) -> Int? {
        guard name.hasSuffix(".yaml") else { return nil }
        let stem = name.dropLast(5)
        guard stem.count == 4, stem.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(stem)
    }

    /// An entry of a measures section divided by indicator: `- indicator: "1"` and its `measures`.
    public enum IndicatorField: String, SchemaField { case indicator, measures }

    /// A measure: its text, whether it continues the numbered item above, its steps.
    public enum MeasureField: String, SchemaField { case measure, continues, steps }

    /// One step of a measure.
    public enum StepField: String, SchemaField {
        case step
        case responsible
        case result
    }

    /// What a catalog item is, for the items a template refers to by role rather than by code
    /// (`{item_code:measures_results}`): the year's measures document and the document
    /// reporting their results. A template with a checklist has each exactly once.
    public enum CatalogRole: String, Sendable, CaseIterable {
        case measures
        case measuresResults = "measures_results"
    }

    /// One OIT item's status (`O1: {...}` or a row of the OIT CSV).
    public enum OITField: String, SchemaField {
        case responsible
        case hasData = "has_data"
        case noDataReason = "no_data_reason"
        case published
        case unpublishedReason = "unpublished_reason"
    }

    /// The header of a measures CSV: one row per step, with its measure and indicator.
    public static let measuresCSVColumns =
        [IndicatorField.indicator.name, MeasureField.measure.name, MeasureField.continues.name]
        + StepField.allCases.map(\.name)

    /// The header of an OIT CSV: the item's code, then its status.
    public static let oitCSVColumns = [ChecklistColumn.code.key] + OITField.allCases.map(\.name)

    /// A column of the measures table, by the key a template gives it.
    public enum MeasureColumn: Hashable, Sendable {
        case number
        case measure
        case step(StepField)

        public static let all: [MeasureColumn] = [.number, .measure] + StepField.allCases.map { .step($0) }
        /// Keys in order; a template may leave out `number`.
        public static var keys: [String] { all.map(\.key) }
        public static let optionalKeys = [MeasureColumn.number.key]

        public var key: String {
            switch self {
            case .number: "number"
            case .measure: MeasureField.measure.name
            case .step(let field): field.name
            }
        }

        public init?(key: String) {
            guard let column = Self.all.first(where: { $0.key == key }) else { return nil }
            self = column
        }
    }

    /// A column of the OIT checklist table, by the key a template gives it.
    public enum ChecklistColumn: Hashable, Sendable {
        case code
        case title
        case elements
        case status(OITField)

        public static let all: [ChecklistColumn] = [.code, .title, .elements] + OITField.allCases.map { .status($0) }
        /// Keys in order; a template must give every one.
        public static var keys: [String] { all.map(\.key) }

        public var key: String {
            switch self {
            case .code: "code"
            case .title: "title"
            case .elements: "elements"
            case .status(let field): field.name
            }
        }

        public init?(key: String) {
            guard let column = Self.all.first(where: { $0.key == key }) else { return nil }
            self = column
        }
    }

    /// The group row that heads a subindicator's items when the template gives it no label,
    /// e.g. `ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน`; `number` is given in the document's digits.
    public static func subindicatorLabel(number: String, title: String) -> String {
        "ตัวชี้วัดย่อยที่ \(number) \(title)"
    }
}

extension AgencyData.Step {
    /// The step's value of `field`.
    public subscript(field: DataSchema.StepField) -> String {
        switch field {
        case .step: step
        case .responsible: responsible
        case .result: result
        }
    }
}

extension YAMLMapping {
    func optional(_ field: some SchemaField) -> YAMLValue? { optional(field.name) }
    func required(_ field: some SchemaField, _ sink: DiagnosticSink) -> YAMLValue? { required(field.name, sink) }
}
