/// Checks of input text held in memory, one reader at a time: for the fuzzers, and for tools
/// (an editor plug-in) that check what is being typed before it is saved.
public enum InputCheck {
    /// Reads an agency data file's text alone (no template): the problems found.
    public static func dataFile(_ text: String, name: String = "data.yaml") -> [Diagnostic] {
        let sink = DiagnosticSink()
        if let root = YAMLValue.parse(text, file: name, sink: sink) { _ = AgencyDataReader.read(root, sink: sink) }
        return sink.diagnostics
    }

    /// Reads a template's text: the problems found.
    public static func template(_ text: String, id: String = "ita-2564", name: String = "template.yaml") -> [Diagnostic]
    {
        let sink = DiagnosticSink()
        if let root = YAMLValue.parse(text, file: name, sink: sink) {
            _ = TemplateLoader.read(root, expectedID: id, sink: sink)
        }
        return sink.diagnostics
    }

    /// Reads an OIT checklist CSV: the problems found.
    public static func checklistCSV(_ text: String, name: String = "oit.csv") -> [Diagnostic] {
        let sink = DiagnosticSink()
        _ = OITReader.readCSV(text: text, path: name, sink: sink)
        return sink.diagnostics
    }

    /// Reads a text with placeholders (`{agency_name}`): the problems found.
    public static func placeholders(_ text: String) -> [Diagnostic] {
        let sink = DiagnosticSink()
        if let parsed = TemplateText(text, at: SourceLocation(file: "text", line: 1, column: 1), sink: sink) {
            _ = parsed.render(["agency_name": "ก", "fiscal_year": "๒๕๖๔"])
        }
        return sink.diagnostics
    }
}
