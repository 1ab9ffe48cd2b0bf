import Foundation
import ReportModel
import ThaiText

/// A report read from its data file and template, with everything that went into it.
public struct LoadedReport: Sendable {
    public let report: Report
    /// Problems that do not stop the build.
    public let warnings: [Diagnostic]
    /// Every file the report was made from (data, template, CSV, logo), in the order read.
    public let inputFiles: [String]
    /// SHA-256 of those files' bytes as they were read, for incremental builds.
    public let inputDigest: String
}

/// Reads an agency data file and the template it names, checks them against each other and
/// builds the `Report`. Throws `InputError` with every problem found; never returns half a report.
public enum ReportLoader {
    /// `templatesRoot` defaults to the nearest `Templates` folder above the data file, then `./Templates`.
    /// `limits` bound what the report may read (see docs/data-format.md, "Limits").
    public static func load(dataFile: URL, templatesRoot: URL? = nil, limits: InputLimits = InputLimits()) throws
        -> LoadedReport
    {
        let sink = DiagnosticSink(limits: limits)
        let path = dataFile.path
        let start = SourceLocation(file: path, line: 1, column: 1)
        // The file's text and YAML tree live only inside this closure: a long report's tree
        // takes several times the file's size, and layout does not need it.
        let read: () throws -> AgencyData = {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw InputError([
                    Diagnostic(
                        start, thai: "อ่านไฟล์ข้อมูลไม่ได้ (ไม่มีไฟล์หรือไม่มีสิทธิ์อ่าน)",
                        english: "cannot read the data file (missing or not readable)")
                ])
            }
            sink.record(path, bytes)
            guard let text = String(data: bytes, encoding: .utf8) else {
                throw InputError([
                    Diagnostic(start, thai: "ไฟล์ข้อมูลไม่ได้เข้ารหัส UTF-8", english: "the data file is not UTF-8")
                ])
            }
            guard let root = YAMLValue.parse(text, file: path, sink: sink),
                let data = AgencyDataReader.read(root, sink: sink)
            else {
                throw sink.failure()
            }
            return data
        }
        let data = try read()
        let stem = dataFile.deletingPathExtension().lastPathComponent
        if stem != String(data.fiscalYear) {
            sink.error(
                data.fiscalYearLocation,
                thai: "ชื่อไฟล์ต้องเป็นปีงบประมาณ: \(data.fiscalYear).yaml (ไม่ใช่ \(dataFile.lastPathComponent))",
                english:
                    "the file must be named after its fiscal year: \(data.fiscalYear).yaml, not \(dataFile.lastPathComponent)"
            )
        }
        guard AgencyID.isValid(data.templateID) else {
            sink.error(
                data.templateLocation, thai: "ชื่อแม่แบบ '\(data.templateID)' ใช้ได้เฉพาะ a-z 0-9 และ -",
                english: "template name '\(data.templateID)' may use only a-z, 0-9 and '-'")
            throw sink.failure()
        }
        let root2 = templatesRoot ?? findTemplatesRoot(near: dataFile, id: data.templateID)
        let templateFile = root2?.appendingPathComponent(data.templateID).appendingPathComponent("template.yaml")
        guard let templateFile, FileManager.default.fileExists(atPath: templateFile.path) else {
            let thaiPlace = templatesRoot.map { "ค้นหาใน \($0.path)" } ?? "ค้นหาในโฟลเดอร์ Templates เหนือไฟล์ข้อมูล"
            let place =
                templatesRoot.map { "looked in \($0.path)" } ?? "looked in the Templates folders above the data file"
            sink.error(
                data.templateLocation,
                thai: "ไม่พบแม่แบบ '\(data.templateID)' (\(thaiPlace)): ตรวจชื่อแม่แบบหรือ --templates",
                english:
                    "template '\(data.templateID)' does not exist (\(place)): check the template name or --templates")
            throw sink.failure()
        }
        guard let template = TemplateLoader.load(file: templateFile, expectedID: data.templateID, sink: sink) else {
            throw sink.failure()
        }
        let lexicon = LexiconReader.templateWords(besides: templateFile, sink: sink) + data.lexicon
        try sink.throwIfErrors()
        var report = ReportAssembler(template: template, data: data, sink: sink).build()
        report.lexicon = lexicon
        try sink.throwIfErrors()
        return LoadedReport(
            report: report, warnings: sink.diagnostics, inputFiles: sink.files, inputDigest: sink.inputDigest())
    }

    /// The nearest `Templates` folder holding `id`, walking up from the data file, then the
    /// working directory.
    static func findTemplatesRoot(near file: URL, id: String) -> URL? {
        var directory = file.standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<12 {
            let candidate = directory.appendingPathComponent("Templates")
            if FileManager.default.fileExists(
                atPath: candidate.appendingPathComponent(id).appendingPathComponent("template.yaml").path)
            {
                return candidate
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Templates")
    }
}
