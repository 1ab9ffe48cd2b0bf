import Foundation
import ReportInput
import TestSupport
import Testing

/// Input made to break the tool or its user's terminal: control characters, links out of
/// the data folder, special files, oversized and damaged logos, alias bombs, blank names.
/// Each is refused with a located message in Thai and English.
@Suite struct HostileInputTests {
    /// 1-based line of the first line containing `needle`.
    func line(of needle: String, in text: String) -> Int {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }! + 1
    }

    var agencyFolder: String { "Samples/test-agency" }

    /// The diagnostics of loading the sample after `edit` (in `scratch`), and the edited text.
    func diagnostics(
        _ edit: @escaping (String) -> String, scratch: ScratchDirectory = ScratchDirectory(),
        limits: InputLimits = InputLimits()
    ) throws -> ([Diagnostic], String, URL) {
        let url = scratch.sample(editing: edit)
        let text = try String(contentsOf: url, encoding: .utf8)
        do {
            _ = try ReportLoader.load(dataFile: url, limits: limits)
        } catch let error as InputError {
            return (error.diagnostics, text, url)
        }
        Issue.record("expected an input error")
        throw CancellationError()
    }

    /// The single diagnostic of loading the sample after `edit`.
    func failure(
        _ edit: @escaping (String) -> String, scratch: ScratchDirectory = ScratchDirectory(),
        limits: InputLimits = InputLimits()
    ) throws -> (Diagnostic, String, URL) {
        let (all, text, url) = try diagnostics(edit, scratch: scratch, limits: limits)
        #expect(all.count == 1, "\(all)")
        return (all[0], text, url)
    }

    func withLogo(_ name: String = "logo.png") -> (String) -> String {
        { $0.replacingOccurrences(of: "  short_name:", with: "  logo: \(name)\n  short_name:") }
    }

    /// Nothing a message prints can reach the terminal as a control character.
    func expectPrintable(_ diagnostic: Diagnostic) {
        let printed = diagnostic.description
        #expect(!printed.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    // MARK: control characters

    @Test func escapedControlCharacterInAYAMLText() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "issuing_unit: สำนักปลัดฯ", with: "issuing_unit: \"สำนัก\\e[2Jปลัดฯ\"")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "issuing_unit:", in: text), column: 15))
        #expect(d.english.contains("control character U+001B"))
        #expect(d.thai.contains("อักขระควบคุม U+001B"))
        expectPrintable(d)
    }

    /// libyaml refuses a raw control character before parsing: reported where it stands.
    @Test(arguments: ["\u{07}", "\u{1B}", "\u{7F}", "\u{00}"]) func rawControlCharacterAtItsLineAndColumn(
        character: String
    ) throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "issuing_unit: สำนักปลัดฯ", with: "issuing_unit: สำนัก\(character)ปลัดฯ")
        }
        // "issuing_unit: " is 14 scalars, "สำนัก" 5: the character is the 20th.
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "issuing_unit:", in: text), column: 20))
        let name = String(format: "U+%04X", character.unicodeScalars.first!.value)
        #expect(d.english.contains("control character \(name) is not allowed"), "\(d)")
        expectPrintable(d)
    }

    @Test func rawControlCharacterAfterWindowsLineEnds() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "date: 2564-03", with: "date: 2564-03\u{1B}").replacingOccurrences(
                of: "\n", with: "\r\n")
        }
        let plain = text.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "date: 2564-03", in: plain), column: 16))
    }

    @Test func c1ControlInAKey() throws {
        let (all, text, url) = try diagnostics {
            $0.replacingOccurrences(of: "  short_name:", with: "  \"short\\x85name\": x\n  short_name:")
        }
        let d = try #require(all.first { $0.english.contains("U+0085") })
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "short\\x85name", in: text), column: 3))
        for diagnostic in all { expectPrintable(diagnostic) }
    }

    @Test func lineBreakOnlyWhereTextHoldsParagraphs() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "issuing_unit: สำนักปลัดฯ", with: "issuing_unit: \"สำนัก\\nปลัดฯ\"")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "issuing_unit:", in: text), column: 15))
        #expect(d.english.contains("issuing_unit must be one line of text but holds a line break"))
        #expect(d.thai.contains("บรรทัดเดียว"))
        // The sample's results are `|` blocks of several lines, and a tab in one is fine.
        let scratch = ScratchDirectory()
        let url2 = scratch.sample {
            $0.replacingCharacters(
                in: $0.range(of: "\n          result: |\n")!,
                with: "\n          result: |\n            ย่อหน้า\tที่มีแท็บ\n")
        }
        _ = try ReportLoader.load(dataFile: url2)
    }

    @Test func controlCharacterInACSVCell() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "\(agencyFolder)/oit.csv",
            "code,responsible,has_data,no_data_reason,published,unpublished_reason\n"
                + (1...43).map { "O\($0),สำนักปลัดฯ,yes,,yes,\n" }.joined().replacingOccurrences(
                    of: "O2,สำนักปลัดฯ", with: "O2,สำนัก\u{9B}31mปลัดฯ"))
        let (d, _, _) = try failure(ValidationTests.checklistFromCSV, scratch: scratch)
        // Line 3 (O2), column 9: after "O2," and "สำนัก".
        #expect(
            d.location
                == SourceLocation(
                    file: scratch.url.appendingPathComponent("\(agencyFolder)/oit.csv").path, line: 3, column: 9))
        #expect(d.english.contains("control character U+009B"))
        expectPrintable(d)
    }

    @Test func lineBreakInAOneLineCSVColumn() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "\(agencyFolder)/oit.csv",
            "code,responsible,has_data,no_data_reason,published,unpublished_reason\n"
                + (1...43).map { "O\($0),สำนักปลัดฯ,yes,,yes,\n" }.joined().replacingOccurrences(
                    of: "O2,สำนักปลัดฯ,yes,,yes,", with: "O2,\"สำนัก\nปลัดฯ\",no,\"ยังไม่มี\r\nข้อมูล\",no,ยังไม่มี"))
        let (d, _, _) = try failure(ValidationTests.checklistFromCSV, scratch: scratch)
        #expect(
            d.location
                == SourceLocation(
                    file: scratch.url.appendingPathComponent("\(agencyFolder)/oit.csv").path, line: 3, column: 4))
        #expect(d.english.contains("the responsible field must be one line"))
    }

    @Test func messagesEscapeWhatTheyQuote() {
        let d = Diagnostic(
            SourceLocation(file: "a\u{1B}]0;x\u{07}.yaml", line: 1, column: 1), thai: "ชื่อ 'x\u{1B}[2J'",
            english: "name 'x\u{1B}[2J\u{202E}'")
        #expect(d.thai == "ชื่อ 'x\\u{1B}[2J'")
        #expect(d.english == "name 'x\\u{1B}[2J\\u{202E}'")
        #expect(d.description.hasPrefix("a\\u{1B}]0;x\\u{7}.yaml:1:1: error: "))
        expectPrintable(d)
    }

    // MARK: files named by the data

    @Test func logoLinkedFromOutsideTheFolder() throws {
        let scratch = ScratchDirectory()
        let outside = scratch.url.appendingPathComponent("secret.png")
        try Data(base64Encoded: Self.tinyPNG)!.write(to: outside)
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("logo.png"), withDestinationURL: outside)
        let (d, text, url) = try failure(withLogo(), scratch: scratch)
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "logo: logo.png", in: text), column: 9))
        #expect(d.english.contains("leads outside the data file's folder"))
        #expect(d.thai.contains("นอกโฟลเดอร์"))
    }

    @Test func logoThroughALinkedFolder() throws {
        let scratch = ScratchDirectory()
        let elsewhere = scratch.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data(base64Encoded: Self.tinyPNG)!.write(to: elsewhere.appendingPathComponent("logo.png"))
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("images"), withDestinationURL: elsewhere)
        let (d, _, _) = try failure(withLogo("images/logo.png"), scratch: scratch)
        #expect(d.english.contains("leads outside the data file's folder"))
    }

    @Test func aLinkInsideTheFolderIsFine() throws {
        let scratch = ScratchDirectory()
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(base64Encoded: Self.tinyPNG)!.write(to: folder.appendingPathComponent("real.png"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("logo.png").path, withDestinationPath: "real.png")
        let loaded = try ReportLoader.load(dataFile: scratch.sample(editing: withLogo()))
        #expect(loaded.report.cover?.logoPath?.hasSuffix("/real.png") == true)
    }

    @Test func checklistCSVLinkedFromOutsideTheFolder() throws {
        let scratch = ScratchDirectory()
        let outside = scratch.write(
            "outside.csv", "code,responsible,has_data,no_data_reason,published,unpublished_reason\n")
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("oit.csv"), withDestinationURL: outside)
        let (d, text, url) = try failure(ValidationTests.checklistFromCSV, scratch: scratch)
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "csv: oit.csv", in: text), column: 12))
        #expect(d.english.contains("leads outside the data file's folder"))
    }

    @Test func namedPipeAndFolderAreRefused() throws {
        let scratch = ScratchDirectory()
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("logo.png"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("oit.csv").path, 0o600) == 0)
        let (all, text, url) = try diagnostics(
            { ValidationTests.checklistFromCSV(self.withLogo()($0)) }, scratch: scratch)
        #expect(
            all.map(\.location) == [
                SourceLocation(file: url.path, line: line(of: "logo: logo.png", in: text), column: 9),
                SourceLocation(file: url.path, line: line(of: "csv: oit.csv", in: text), column: 12),
            ])
        #expect(all[0].english.contains("is not a regular file but a folder"))
        #expect(all[1].english.contains("is not a regular file but a named pipe"))
    }

    // MARK: logos

    /// A 2×2 PNG.
    static let tinyPNG =
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=="

    /// The tiny PNG with its header claiming `width` × `height` (checksum made right).
    static func png(width: UInt32, height: UInt32) -> Data {
        var bytes = [UInt8](Data(base64Encoded: tinyPNG)!)
        func put(_ value: UInt32, at offset: Int) {
            for i in 0..<4 { bytes[offset + i] = UInt8((value >> (24 - 8 * UInt32(i))) & 0xFF) }
        }
        put(width, at: 16)
        put(height, at: 20)
        put(crc(bytes[12..<29]), at: 29)
        return Data(bytes)
    }

    static func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }

    func logoFailure(_ bytes: Data) throws -> (Diagnostic, String, URL) {
        let scratch = ScratchDirectory()
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try bytes.write(to: folder.appendingPathComponent("logo.png"))
        return try failure(withLogo(), scratch: scratch)
    }

    @Test func logoWithTooManyPixels() throws {
        let (d, text, url) = try logoFailure(Self.png(width: 20000, height: 20000))
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "logo: logo.png", in: text), column: 9))
        #expect(d.english.contains("20000×20000 pixels, more than 4096×4096"))
        // The largest allowed passes.
        let scratch = ScratchDirectory()
        let folder = scratch.url.appendingPathComponent(agencyFolder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.png(width: 4096, height: 4096).write(to: folder.appendingPathComponent("logo.png"))
        _ = try ReportLoader.load(dataFile: scratch.sample(editing: withLogo()))
    }

    @Test func damagedLogo() throws {
        var bytes = [UInt8](Data(base64Encoded: Self.tinyPNG)!)
        bytes[45] ^= 0xFF  // inside the image data: its checksum no longer matches
        let (d, _, _) = try logoFailure(Data(bytes))
        #expect(d.english.contains("is damaged"))
        let (cut, _, _) = try logoFailure(Data(bytes.prefix(40)))
        #expect(cut.english.contains("is damaged"))
    }

    @Test func logoFileTooLarge() throws {
        var bytes = Data(base64Encoded: Self.tinyPNG)!
        bytes.append(Data(count: 5_000_001 - bytes.count))
        let (d, text, url) = try logoFailure(bytes)
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "logo: logo.png", in: text), column: 9))
        #expect(d.english.contains("larger than 5000000 bytes"))
    }

    // MARK: size

    @Test func aliasRepeatedPastTheTextLimit() throws {
        let long = String(repeating: "ก", count: 40_000)  // 120 000 bytes
        let (d, _, url) = try failure {
            $0 + "extra: &long \"\(long)\"\nmore: [" + Array(repeating: "*long", count: 200).joined(separator: ", ")
                + "]\n"
        }
        #expect(d.location.file == url.path)
        #expect(d.english.contains("longer than 20000000 bytes"))
        #expect(d.thai.contains("20000000"))
    }

    @Test func nestedAliasesPastTheValueLimit() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            yaml +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let diagnostics = InputCheck.dataFile(yaml)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.english.contains("more than 2000000 values") == true)
    }

    @Test func aDataFileLargerThanTheLimitIsNotRead() throws {
        let (d, _, url) = try failure(
            { $0 + "# " + String(repeating: "ก", count: 400) + "\n" }, limits: InputLimits(maxTextBytes: 1000))
        #expect(d.location == SourceLocation(file: url.path, line: 1, column: 1))
        #expect(d.english.contains("the data file is longer than 1000 bytes"))
    }

    @Test func aLowerLimitIsNamed() throws {
        let (d, _, _) = try failure({ $0 }, limits: InputLimits(maxTextBytes: 1000))
        #expect(d.english.contains("longer than 1000 bytes"))
    }

    // MARK: blank and unknown

    @Test(arguments: ["\"\"", "\"   \"", "\"\\u200B \\t\""]) func blankAgencyName(value: String) throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "  name: องค์การบริหารส่วนจังหวัดสิงห์บุรี", with: "  name: \(value)")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "  name: \"", in: text), column: 9))
        if !value.contains("\\t") {
            #expect(d.english.contains("agency.name is blank"))
            #expect(d.thai.contains("ว่าง"))
        }
    }

    @Test func unknownFontFamily() throws {
        let scratch = ScratchDirectory()
        let url = scratch.sample()
        scratch.copyTemplate {
            $0.replacingOccurrences(of: "  font_family: Sarabun", with: "  font_family: Comic Sans")
        }
        let template = scratch.url.appendingPathComponent("Templates/ita-2564/template.yaml")
        let text = try String(contentsOf: template, encoding: .utf8)
        do {
            _ = try ReportLoader.load(dataFile: url)
            Issue.record("an unknown font family was accepted")
        } catch let error as InputError {
            let d = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1)
            #expect(
                d.location
                    == SourceLocation(file: template.path, line: line(of: "font_family: Comic", in: text), column: 16))
            #expect(d.english.contains("unknown font_family 'Comic Sans'"))
            #expect(d.english.contains("Sarabun, DejaVu Sans"))
        }
    }

    @Test func bundledFontFamiliesAreKnown() throws {
        for family in ["Sarabun", "DejaVu Sans"] {
            let scratch = ScratchDirectory()
            let url = scratch.sample()
            scratch.copyTemplate {
                $0.replacingOccurrences(of: "  font_family: Sarabun", with: "  font_family: \(family)")
            }
            #expect(try ReportLoader.load(dataFile: url).report.style.fontFamily == family)
        }
    }

    @Test func firstMeasureCannotContinue() throws {
        let (d, text, url) = try failure { sample in
            let start = sample.range(of: "\n  eit:\n")!.upperBound
            let measure = sample.range(of: "        - measure:", range: start..<sample.endIndex)!
            return sample.replacingCharacters(
                in: measure, with: "        - continues: true\n          measure:")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "- continues: true", in: text), column: 22))
        #expect(d.english.contains("nothing above it to continue"))
    }

    @Test func firstMeasureOfAnIndicatorInACSVCannotContinue() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "\(agencyFolder)/eit.csv",
            """
            indicator,measure,continues,step,responsible,result
            6,มาตรการหนึ่ง,,-ขั้นตอน,สำนักปลัดฯ,ผล
            7,มาตรการสอง,yes,-ขั้นตอน,สำนักปลัดฯ,ผล

            """)
        let (d, _, _) = try failure(
            { text in
                let start = text.range(of: "\n  eit:\n")!.lowerBound
                let end = text.range(of: "\n  oit-measures:\n")!.lowerBound
                return text.replacingCharacters(in: start..<end, with: "\n  eit: {csv: eit.csv}\n")
            }, scratch: scratch)
        #expect(
            d.location
                == SourceLocation(
                    file: scratch.url.appendingPathComponent("\(agencyFolder)/eit.csv").path, line: 3, column: 14))
        #expect(d.english.contains("nothing above it to continue"))
    }
}

/// libyaml's nesting limit is reported in words, not as the C function that sets it.
@Suite struct NestingLimitTests {
    @Test func deepNestingIsExplained() throws {
        let text = "a: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        let diagnostics = InputCheck.dataFile(text)
        let message = try #require(diagnostics.first)
        #expect(message.english.contains("nested too deep"))
        #expect(!message.english.contains("yaml_set_max_nest_level"))
        #expect(message.location.line == 1)
    }
}
