import Foundation

/// Reads the lexicon of compounds a line should not break inside: the template's
/// `lexicon.txt` (beside `template.yaml`; one word a line, `#` starts a comment line) and the
/// words a data file adds under `lexicon:`. A word is one line of text without spaces; the
/// file is optional, so a template without one simply adds no words.
enum LexiconReader {
    static let fileName = "lexicon.txt"

    /// The lexicon file of a template: beside it.
    static func file(besides templateFile: URL) -> URL {
        templateFile.deletingLastPathComponent().appendingPathComponent(fileName)
    }

    /// The words of the `lexicon.txt` beside `templateFile`, none when there is no such file.
    static func templateWords(besides templateFile: URL, sink: DiagnosticSink) -> [String] {
        let url = file(besides: templateFile)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let start = SourceLocation(file: url.path, line: 1, column: 1)
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            sink.error(start, thai: "อ่านไฟล์คำศัพท์ไม่ได้", english: "cannot read the lexicon file")
            return []
        }
        sink.record(url.path, bytes)
        guard let text = String(data: bytes, encoding: .utf8) else {
            sink.error(start, thai: "ไฟล์คำศัพท์ไม่ได้เข้ารหัส UTF-8", english: "the lexicon file is not UTF-8")
            return []
        }
        var words: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let word = line.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty, !word.hasPrefix("#") else { continue }
            let column = line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count + 1
            let location = SourceLocation(file: url.path, line: index + 1, column: column)
            if let checked = check(word, at: location, sink: sink) { words.append(checked) }
        }
        return words
    }

    /// The words of a data file's `lexicon:` list.
    static func dataWords(_ value: YAMLValue, sink: DiagnosticSink) -> [String] {
        guard let items = value.sequence(sink, what: "lexicon") else { return [] }
        return items.compactMap { item in
            item.string(sink, what: "lexicon").flatMap { check($0, at: item.location, sink: sink) }
        }
    }

    /// A word as given, or nil (with an error) when it is not one word of visible text.
    static func check(_ word: String, at location: SourceLocation, sink: DiagnosticSink) -> String? {
        if let bad = word.unicodeScalars.first(where: TerminalText.isControl) {
            sink.error(
                location, thai: "คำศัพท์มีอักขระควบคุม \(TerminalText.name(bad)) ให้ลบออก",
                english: "the lexicon word holds control character \(TerminalText.name(bad)): remove it")
            return nil
        }
        let trimmed = word.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            sink.error(
                location,
                thai: "คำศัพท์ '\(word)' ต้องเป็นคำเดียว ไม่มีช่องว่าง (หนึ่งคำต่อหนึ่งบรรทัด)",
                english: "lexicon entry '\(word)' must be one word without spaces (one word a line)")
            return nil
        }
        return trimmed
    }
}
