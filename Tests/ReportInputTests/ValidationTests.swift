import Foundation
import ReportInput
import TestSupport
import Testing

/// One test per kind of input error, each asserting the exact file, line and column.
@Suite struct ValidationTests {
    /// The sample with its OIT checklist read from `oit.csv` beside it.
    static func checklistFromCSV(_ text: String) -> String {
        let start = text.range(of: "\noit:\n")!.lowerBound
        return String(text[..<start]) + "\noit: {csv: oit.csv}\n"
    }

    /// 1-based line of the first line containing `needle`.
    func line(of needle: String, in text: String) -> Int {
        let lines = text.components(separatedBy: "\n")
        return lines.firstIndex { $0.contains(needle) }! + 1
    }

    /// Loads the sample after `edit`; returns the single error and the edited text.
    func failure(
        _ edit: @escaping (String) -> String, scratch: ScratchDirectory = ScratchDirectory(),
        file: String = "2564.yaml"
    ) throws -> (Diagnostic, String, URL) {
        let url = scratch.sample(editing: edit, name: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        do {
            _ = try ReportLoader.load(dataFile: url)
        } catch let error as InputError {
            #expect(error.diagnostics.count == 1, "\(error)")
            return (error.diagnostics[0], text, url)
        }
        Issue.record("expected an input error")
        throw CancellationError()
    }

    @Test func sampleLoadsCleanly() throws {
        let loaded = try ReportLoader.load(dataFile: Repo.sample)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func unknownKey() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "  short_name:", with: "  colour: red\n  short_name:")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "colour: red", in: text), column: 3))
        #expect(d.english.contains("unknown key 'colour'"))
        #expect(d.thai.contains("ไม่รู้จักชื่อ"))
    }

    @Test func missingRequiredField() throws {
        let (d, text, url) = try failure { $0.replacingOccurrences(of: "  name: องค์การบริหารส่วนจังหวัดสิงห์บุรี\n", with: "") }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "  id: singburi-pao", in: text), column: 3))
        #expect(d.english.contains("missing required key 'name'"))
    }

    @Test func wrongType() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "fiscal_year: 2564", with: "fiscal_year: [2564]")
        }
        #expect(
            d.location == SourceLocation(file: url.path, line: line(of: "fiscal_year: [2564]", in: text), column: 14))
        #expect(d.english.contains("whole number"))
    }

    @Test func codeNotInCatalog() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(
                of: "  O43: {", with: "  O99: {responsible: x, has_data: true, published: true}\n  O43: {")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "O99", in: text), column: 3))
        #expect(d.english.contains("O99 is not in the 2564 OIT catalog"))
    }

    @Test func catalogItemMissing() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "  O5: {responsible: สำนักปลัดฯ, has_data: true, published: true}\n", with: "")
        }
        #expect(
            d.location
                == SourceLocation(
                    file: url.path,
                    line: line(of: "^oit:", in: text.replacingOccurrences(of: "\noit:", with: "\n^oit:")) + 1, column: 3
                ))
        #expect(d.english.contains("missing catalog item O5"))
    }

    @Test func duplicateCode() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(
                of: "  O43: {", with: "  O1: {responsible: x, has_data: true, published: true}\n  O43: {")
        }
        #expect(
            d.location == SourceLocation(file: url.path, line: line(of: "  O1: {responsible: x", in: text), column: 3))
        #expect(d.english.contains("duplicate key 'O1'"))
    }

    /// A key written again in quotes is the same key (values are read as the text they are
    /// written with), located where it is written again.
    @Test func duplicateCodeInQuotes() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(
                of: "  O43: {", with: "  'O1': {responsible: x, has_data: true, published: true}\n  O43: {")
        }
        #expect(
            d.location == SourceLocation(file: url.path, line: line(of: "  'O1': {responsible: x", in: text), column: 3)
        )
        #expect(d.english.contains("duplicate key 'O1'"))
    }

    @Test func duplicateCodeInCSV() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "Samples/test-agency/oit.csv",
            "code,responsible,has_data,no_data_reason,published,unpublished_reason\n"
                + (1...43).map { "O\($0),สำนักปลัดฯ,yes,,yes,\n" }.joined() + "O7,สำนักปลัดฯ,yes,,yes,\n")
        let (d, _, _) = try failure(
            Self.checklistFromCSV, scratch: scratch)
        #expect(
            d.location
                == SourceLocation(
                    file: scratch.url.appendingPathComponent("Samples/test-agency/oit.csv").path, line: 45, column: 1))
        #expect(d.english.contains("code 'O7' appears twice"))
    }

    @Test func templateDoesNotExist() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "template: ita-2564", with: "template: ita-2599")
        }
        #expect(
            d.location == SourceLocation(file: url.path, line: line(of: "template: ita-2599", in: text), column: 11))
        #expect(d.english.contains("template 'ita-2599' does not exist"))
    }

    @Test func malformedYAML() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "issuing_unit: สำนักปลัดฯ", with: "issuing_unit: [สำนักปลัดฯ")
        }
        #expect(d.location.file == url.path)
        #expect(d.location.line == line(of: "issuing_unit: [", in: text) + 1)
        #expect(d.location.column == 10)  // where libyaml notices the missing "]"
        #expect(d.english.hasPrefix("malformed YAML"))
    }

    @Test func malformedCSV() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "Samples/test-agency/oit.csv",
            "code,responsible,has_data,no_data_reason,published,unpublished_reason\nO1,สำนักปลัดฯ,yes,,yes,\nO2,\"สำนักปลัดฯ,yes,,yes,\n"
        )
        let (d, _, _) = try failure(
            Self.checklistFromCSV, scratch: scratch)
        #expect(
            d.location
                == SourceLocation(
                    file: scratch.url.appendingPathComponent("Samples/test-agency/oit.csv").path, line: 3, column: 4))
        #expect(d.english.contains("quoted field is never closed"))
    }

    @Test func badDate() throws {
        let (d, text, url) = try failure { $0.replacingOccurrences(of: "date: 2564-03", with: "date: 2564-13") }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "date: 2564-13", in: text), column: 9))
    }

    @Test func fileNameMustBeTheYear() throws {
        let (d, text, url) = try failure({ $0 }, file: "2565.yaml")
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "fiscal_year: 2564", in: text), column: 14))
        #expect(d.english.contains("named after its fiscal year"))
    }

    @Test func unknownPlaceholderInTemplate() throws {
        let scratch = ScratchDirectory()
        let url = scratch.sample()
        scratch.copyTemplate {
            $0.replacingOccurrences(
                of: "closing_line: ปีงบประมาณ พ.ศ.{fiscal_year}", with: "closing_line: ปีงบประมาณ พ.ศ.{fiscal_yaer}")
        }
        let templateFile = scratch.url.appendingPathComponent("Templates/ita-2564/template.yaml")
        let text = try String(contentsOf: templateFile, encoding: .utf8)
        #expect(throws: InputError.self) { try ReportLoader.load(dataFile: url) }
        do { _ = try ReportLoader.load(dataFile: url) } catch let error as InputError {
            let d = try #require(error.diagnostics.first)
            // Column: after "  closing_line: " (16) and "ปีงบประมาณ พ.ศ." (15 scalars), 1-based.
            #expect(
                d.location
                    == SourceLocation(file: templateFile.path, line: line(of: "{fiscal_yaer}", in: text), column: 32))
            #expect(d.english.contains("unknown placeholder {fiscal_yaer}"))
        }
    }

    @Test func missingReasonWhenNoData() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(
                of: "  O3: {responsible: สำนักปลัดฯ, has_data: true, published: true}",
                with: "  O3: {responsible: สำนักปลัดฯ, has_data: false, published: false, unpublished_reason: ยังไม่มี}")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "  O3:", in: text), column: 3))
        #expect(d.english.contains("no_data_reason is required"))
    }

    @Test func logoMustBeAPNG() throws {
        let scratch = ScratchDirectory()
        scratch.write("Samples/test-agency/logo.png", "not a png")
        let (d, text, url) = try failure(
            { $0.replacingOccurrences(of: "  short_name:", with: "  logo: logo.png\n  short_name:") }, scratch: scratch)
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "logo: logo.png", in: text), column: 9))
        #expect(d.english.contains("PNG"))
    }

    @Test(arguments: ["/etc/passwd", "../other/logo.png", "sub/../../x.png"])
    func logoMustStayInTheDataFolder(path: String) throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(of: "  short_name:", with: "  logo: \(path)\n  short_name:")
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "logo: \(path)", in: text), column: 9))
        #expect(d.english.contains("must be a file in the data file's folder"))
    }

    @Test func checklistCSVMustStayInTheDataFolder() throws {
        let (d, text, url) = try failure { text in
            let start = text.range(of: "\noit:\n")!.lowerBound
            return String(text[..<start]) + "\noit: {csv: /tmp/oit.csv}\n"
        }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "csv: /tmp/oit.csv", in: text), column: 12))
        #expect(d.english.contains("must be a file in the data file's folder"))
    }

    /// A measures table from a spreadsheet makes the same model as the YAML it replaces.
    @Test func measuresFromCSVEqualTheYAMLForm() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "Samples/test-agency/eit.csv",
            """
            indicator,measure,continues,step,responsible,result
            6,การเพิ่มช่องทางการประชาสัมพันธ์,,-จัดทำประกาศ,สำนักปลัดฯ,"- ผลหนึ่ง
            - ผลสอง"
            ,,,-จัดอบรม,สำนักปลัดฯ,- ผลสาม
            7,จัดให้มีสื่อประชาสัมพันธ์,,-จัดทำสื่อ,สำนักปลัดฯ,- ผลสี่
            ,มาตรการต่อ,yes,-ขั้นตอน,กองคลัง,

            """)
        let csvData = scratch.sample { text in
            let start = text.range(of: "\n  eit:\n")!.lowerBound
            let end = text.range(of: "\n  oit-measures:\n")!.lowerBound
            return text.replacingCharacters(in: start..<end, with: "\n  eit: {csv: eit.csv}\n")
        }
        let yamlData = scratch.write(
            "Samples/yaml-agency/2564.yaml",
            try String(contentsOf: csvData, encoding: .utf8).replacingOccurrences(
                of: "  eit: {csv: eit.csv}\n",
                with: """
                      eit:
                        - indicator: "6"
                          measures:
                            - measure: การเพิ่มช่องทางการประชาสัมพันธ์
                              steps:
                                - {step: "-จัดทำประกาศ", responsible: สำนักปลัดฯ, result: "- ผลหนึ่ง\\n- ผลสอง"}
                                - {step: "-จัดอบรม", responsible: สำนักปลัดฯ, result: "- ผลสาม"}
                        - indicator: "7"
                          measures:
                            - measure: จัดให้มีสื่อประชาสัมพันธ์
                              steps: [{step: "-จัดทำสื่อ", responsible: สำนักปลัดฯ, result: "- ผลสี่"}]
                            - measure: มาตรการต่อ
                              continues: true
                              steps: [{step: "-ขั้นตอน", responsible: กองคลัง}]

                    """))
        let fromCSV = try ReportLoader.load(dataFile: csvData).report
        let fromYAML = try ReportLoader.load(dataFile: yamlData).report
        #expect(fromCSV.sections == fromYAML.sections)
        #expect(fromCSV.sections[1].subsections[1].blocks.count == 5)  // intro, two headings, two tables
    }

    @Test func measuresCSVRowWithNothingToContinue() throws {
        let scratch = ScratchDirectory()
        scratch.write(
            "Samples/test-agency/iit.csv", "indicator,measure,continues,step,responsible,result\n,,,-ขั้นตอน,สำนักปลัดฯ,ผล\n"
        )
        let (d, _, _) = try failure(
            { text in
                let start = text.range(of: "\n  iit:\n")!.lowerBound
                let end = text.range(of: "\n  eit:\n")!.lowerBound
                return text.replacingCharacters(in: start..<end, with: "\n  iit: {csv: iit.csv}\n")
            }, scratch: scratch)
        #expect(
            d.location
                == SourceLocation(
                    file: scratch.url.appendingPathComponent("Samples/test-agency/iit.csv").path, line: 2, column: 1))
        #expect(d.english.contains("no measure above it to continue"))
    }

    /// Numbers that would break layout are refused where they are written.
    @Test(arguments: ["nan", "inf", "1e9", "0"]) func absurdSizesInATemplate(value: String) throws {
        let scratch = ScratchDirectory()
        let url = scratch.sample()
        scratch.copyTemplate { $0.replacingOccurrences(of: "  body_size_pt: 16", with: "  body_size_pt: \(value)") }
        let template = scratch.url.appendingPathComponent("Templates/ita-2564/template.yaml")
        let text = try String(contentsOf: template, encoding: .utf8)
        do {
            _ = try ReportLoader.load(dataFile: url)
            Issue.record("body_size_pt: \(value) was accepted")
        } catch let error as InputError {
            #expect(
                error.diagnostics.map(\.location) == [
                    SourceLocation(file: template.path, line: line(of: "body_size_pt: \(value)", in: text), column: 17)
                ])
        }
    }

    @Test func headerSpanBeyondTheTable() throws {
        let scratch = ScratchDirectory()
        let url = scratch.sample()
        scratch.copyTemplate {
            $0.replacingOccurrences(
                of: "  measures:\n    header_shade: 0.92\n",
                with:
                    "  measures:\n    header_shade: 0.92\n    header_rows:\n      - [{text: ที่, span: 9223372036854775807}, {text: x, span: 9223372036854775807}]\n"
            )
        }
        do {
            _ = try ReportLoader.load(dataFile: url)
            Issue.record("an impossible span was accepted")
        } catch let error as InputError {
            // Each span is refused (and counted as one), then the row is found too short.
            #expect(error.diagnostics.map(\.english).filter { $0.contains("span must be between 1 and 5") }.count == 2)
            #expect(
                error.diagnostics.contains {
                    $0.english.contains("header row 1 does not cover the table's 5 columns exactly once")
                })
        }
    }

    /// A file saved with Windows line ends, with a code given twice: located, no crash.
    @Test func duplicateKeyInAFileWithCRLFLineEnds() throws {
        let (d, text, url) = try failure {
            $0.replacingOccurrences(
                of: "  O43: {", with: "  O1: {responsible: x, has_data: true, published: true}\n  O43: {"
            )
            .replacingOccurrences(of: "\n", with: "\r\n")
        }
        #expect(
            d.location
                == SourceLocation(
                    file: url.path,
                    line: line(of: "  O1: {responsible: x", in: text.replacingOccurrences(of: "\r\n", with: "\n")),
                    column: 3))
        #expect(d.english.contains("duplicate key 'O1'"))
    }

    @Test func agencyIDCannotEscapeTheOutputFolder() throws {
        let (d, text, url) = try failure { $0.replacingOccurrences(of: "id: singburi-pao", with: "id: ../etc") }
        #expect(d.location == SourceLocation(file: url.path, line: line(of: "id: ../etc", in: text), column: 7))
    }
}
