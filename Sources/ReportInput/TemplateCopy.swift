import Foundation

/// Next year's template from this year's: the folder copied under a new id, its `id` and
/// `fiscal_year` lines rewritten, everything else (texts, catalog, tables, pictures) as it was,
/// ready for whoever maintains the form to edit (docs/templates.md).
public enum TemplateCopy {
    public struct Failure: Error, CustomStringConvertible {
        public let thai: String, english: String
        public var description: String { "\(thai) / \(english)" }
    }

    /// Copies `<root>/<source>` to `<root>/<id>` for `year`; returns the new folder. The copy is
    /// made in a hidden folder beside it and renamed into place whole, so an interrupted copy
    /// leaves no half a template, and an existing folder is never overwritten.
    public static func copy(source: String, to id: String, year: Int, templatesRoot root: URL) throws -> URL {
        guard AgencyID.isValid(id), AgencyID.isValid(source) else {
            throw Failure(
                thai: "ชื่อแม่แบบใช้ได้เฉพาะ a-z 0-9 และ -", english: "template ids may use only a-z, 0-9 and '-'")
        }
        guard DataSchema.fiscalYears.contains(year) else {
            throw Failure(
                thai: "ปี \(year) ต้องเป็นปี พ.ศ. เช่น 2567",
                english: "year \(year) must be a Buddhist-era year such as 2567")
        }
        let from = root.appendingPathComponent(source)
        let to = root.appendingPathComponent(id)
        guard
            let text = FileManager.default.contents(atPath: from.appendingPathComponent("template.yaml").path)
                .flatMap({ String(data: $0, encoding: .utf8) })
        else {
            throw Failure(
                thai: "ไม่พบแม่แบบ '\(TerminalText.escape(source))' ใน \(TerminalText.escape(root.path))",
                english: "there is no template '\(TerminalText.escape(source))' in \(TerminalText.escape(root.path))")
        }
        if FileManager.default.fileExists(atPath: to.path) {
            throw Failure(
                thai: "มีแม่แบบ '\(TerminalText.escape(id))' อยู่แล้ว ไม่เขียนทับ",
                english: "template '\(TerminalText.escape(id))' already exists: not overwritten")
        }
        let rewritten = retitle(text, id: id, year: year, source: source)
        let staging = root.appendingPathComponent(".\(id).copy-\(ProcessInfo.processInfo.processIdentifier)")
        let files = FileManager.default
        try? files.removeItem(at: staging)
        defer { try? files.removeItem(at: staging) }
        try files.createDirectory(at: staging, withIntermediateDirectories: false)
        for name in try files.contentsOfDirectory(atPath: from.path) where name != "template.yaml" {
            try files.copyItem(at: from.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
        try Data(rewritten.utf8).write(to: staging.appendingPathComponent("template.yaml"))
        // rename(2) of a folder onto an existing non-empty folder fails: nothing is overwritten.
        guard rename(staging.path, to.path) == 0 else {
            throw Failure(
                thai: "มีแม่แบบ '\(TerminalText.escape(id))' อยู่แล้ว ไม่เขียนทับ",
                english: "template '\(TerminalText.escape(id))' already exists: not overwritten")
        }
        return to
    }

    /// The template's text with its top-level `id` and `fiscal_year` set, and a first comment
    /// line saying where it came from.
    static func retitle(_ text: String, id: String, year: Int, source: String) -> String {
        var lines = text.components(separatedBy: "\n")
        var doneID = false
        var doneYear = false
        for index in lines.indices {
            if !doneID, lines[index].hasPrefix("id:") {
                lines[index] = "id: \(id)"
                doneID = true
            } else if !doneYear, lines[index].hasPrefix("fiscal_year:") {
                lines[index] = "fiscal_year: \(year)"
                doneYear = true
            }
        }
        return
            "# Copied from \(source) for \(year): update the catalog, texts and tables from the year's NACC manual.\n"
            + lines.joined(separator: "\n")
    }
}
