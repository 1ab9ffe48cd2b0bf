import Foundation
import ReportInput
import ReportModel
import TestSupport
import Testing

/// The template language read from real files: blocks, table schemas, groups and numbering,
/// totals, the digit style, optional front matter, and a located bilingual error for each kind
/// of mistake in a template or in the data a template's tables receive.
@Suite struct TemplateLanguageTests {
    /// A small template of the language and its data, written under a scratch folder.
    struct Case {
        let scratch = ScratchDirectory()
        let data: URL

        init(template: String, data: String, year: Int = 2566) {
            scratch.write("Templates/t/template.yaml", template)
            self.data = scratch.write("Samples/a/\(year).yaml", data)
        }

        func load() throws -> LoadedReport { try ReportLoader.load(dataFile: data) }

        /// The diagnostics of a load that must fail.
        func errors() -> [Diagnostic] {
            do {
                _ = try load()
                Issue.record("the input was accepted")
                return []
            } catch let error as InputError {
                return error.diagnostics
            } catch {
                Issue.record("unexpected error \(error)")
                return []
            }
        }
    }

    static let header = """
        id: t
        fiscal_year: 2566
        title: แผนทดสอบ
        digits: arabic

        """
    static let data = """
        template: t
        fiscal_year: 2566
        agency: {id: a, name: อบต.ทดสอบ, address: อำเภอเมือง}

        """

    static let planTable = """
        tables:
          plan:
            columns:
              - {key: number, header: ที่, width: 0.1, kind: sequence}
              - {key: project, header: โครงการ, width: 0.5}
              - {key: budget, header: งบประมาณ, width: 0.2, kind: amount, sum: true}
              - {key: done, header: เสร็จ, width: 0.1, kind: status}
              - {key: due, header: กำหนด, width: 0.1, kind: date}
            groups:
              - {label: "มิติที่ {number} {title}", subtotal: "รวมมิติที่ {number}"}
              - {label: "{number} {title}", numbering: "{parent}.{n}"}
            numbering: {format: "{parent}.{n}"}
            total: รวมทั้งสิ้น

        """

    static func planTemplate(_ extra: String = "") -> String {
        header + """
            sections:
              - number: "1"
                title: แผน
                blocks:
                  - data_table: plan
            \(extra)
            """ + planTable
    }

    static func table(_ report: Report) throws -> Table {
        let blocks = report.allSections.flatMap(\.blocks)
        guard case .table(let table)? = blocks.first(where: { if case .table = $0 { true } else { false } }) else {
            throw Failure()
        }
        return table
    }
    struct Failure: Error {}

    static func texts(_ row: Row) -> [String] { row.cells.map { $0.content.map(\.plainText).joined() } }

    @Test func groupsNumberingSubtotalsAndTotals() throws {
        let data =
            Self.data + """
                tables:
                  plan:
                    - title: สังคม
                      groups:
                        - title: จิตสำนึก
                          rows:
                            - {project: อบรม, budget: "1,200.5", done: true, due: 2566-03}
                            - {project: มาตรการ, budget: 0, done: false}
                        - title: ประชาชน
                          rows:
                            - {project: รณรงค์, budget: ๑๐๐๐}
                    - title: บริหาร
                      groups:
                        - title: โปร่งใส
                          rows:
                            - {project: e-GP, budget: 2500}
                """
        let report = try Case(template: Self.planTemplate(), data: data).load().report
        let rows = try Self.table(report).rows
        let printed = rows.map { ($0.kind, Self.texts($0)) }
        #expect(
            printed.map(\.1) == [
                ["มิติที่ 1 สังคม"],
                ["1.1 จิตสำนึก"],
                ["1.1.1", "อบรม", "1,200.50", "✓", "มีนาคม 2566"],
                ["1.1.2", "มาตรการ", "0", "", ""],
                ["1.2 ประชาชน"],
                ["1.2.1", "รณรงค์", "1,000", "", ""],
                ["รวมมิติที่ 1", "2,200.50", "", ""],
                ["มิติที่ 2 บริหาร"],
                ["2.1 โปร่งใส"],
                ["2.1.1", "e-GP", "2,500", "", ""],
                ["รวมมิติที่ 2", "2,500", "", ""],
                ["รวมทั้งสิ้น", "4,700.50", "", ""],
            ])
        #expect(
            printed.map(\.0) == [
                .group, .group, .body, .body, .group, .body, .total, .group, .group, .body, .total, .total,
            ])
        // The label of a total covers the columns before the first summed one.
        #expect(rows.last?.cells.first?.columnSpan == 2)
    }

    @Test func thaiDigitsForEverythingGenerated() throws {
        let template = Self.planTemplate().replacingOccurrences(of: "digits: arabic", with: "digits: thai")
        let data =
            Self.data + """
                tables:
                  plan:
                    - title: สังคม
                      groups: [{title: จิตสำนึก, rows: [{project: อบรม 2 รุ่น, budget: 1500}]}]
                """
        let report = try Case(template: template, data: data).load().report
        let rows = try Self.table(report).rows
        #expect(Self.texts(rows[0]) == ["มิติที่ ๑ สังคม"])
        #expect(Self.texts(rows[2]) == ["๑.๑.๑", "อบรม 2 รุ่น", "๑,๕๐๐", "", ""])
        #expect(report.sections[0].headingText == "๑. แผน")
    }

    @Test func headingFormatsAndUnnumberedSections() throws {
        let template =
            Self.header + """
                heading_format: ["ส่วนที่ {n}", "{n})"]
                sections:
                  - number: "1"
                    title: บทนำ
                    sections:
                      - number: "1.1"
                        title: ที่มา
                  - title: ภาคผนวก
                  - number: "2"
                    heading_format: none
                    title: ไม่พิมพ์เลข
                """
        let report = try Case(template: template, data: Self.data).load().report
        #expect(report.allSections.map(\.headingText) == ["ส่วนที่ 1 บทนำ", "1.1) ที่มา", "ภาคผนวก", "ไม่พิมพ์เลข"])
        #expect(report.allSections.map(\.id) == ["section-1", "section-1-1", "section-u2", "section-2"])
        #expect(report.cover == nil && report.preface == nil && report.contents == nil)
    }

    @Test func generalBlocks() throws {
        let scratch = ScratchDirectory()
        let png = Data(
            base64Encoded:
                "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==")!
        let template =
            Self.header + """
                sections:
                  - number: "1"
                    title: เนื้อหา
                    blocks:
                      - paragraph: "{agency_name} {agency_address} ปี {fiscal_year}"
                      - list: [ก, ข]
                        mark: "{n})"
                      - note: ข้อความ
                      - image: pic.png
                        alt: ภาพทดสอบ
                        caption: ภาพที่ 1
                      - table: free
                        rows:
                          - {group: หมวด}
                          - {name: "{agency_name}"}
                tables:
                  free:
                    columns:
                      - {key: n, header: ที่, width: 0.2, kind: sequence}
                      - {key: name, header: ชื่อ, width: 0.8}
                    numbering: {format: "{n}."}
                """
        scratch.write("Templates/t/template.yaml", template)
        try png.write(to: scratch.url.appendingPathComponent("Templates/t/pic.png"))
        let data = scratch.write("Samples/a/2566.yaml", Self.data)
        let report = try ReportLoader.load(dataFile: data).report
        let blocks = report.sections[0].blocks
        #expect(blocks.count == 5)
        #expect(blocks[0] == .paragraph("อบต.ทดสอบ อำเภอเมือง ปี 2566"))
        #expect(blocks[1] == .list([ListItem(mark: "1)", text: "ก"), ListItem(mark: "2)", text: "ข")]))
        #expect(blocks[2] == .note(label: "หมายเหตุ", text: "ข้อความ"))
        guard case .image(let image) = blocks[3], case .table(let table) = blocks[4] else {
            Issue.record("blocks out of order: \(blocks)")
            return
        }
        #expect(image.alt == "ภาพทดสอบ" && image.caption == "ภาพที่ 1" && image.pixelWidth == 2)
        #expect(table.rows.map(Self.texts) == [["หมวด"], ["1.", "อบต.ทดสอบ"]])
    }

    @Test func headerRowsSpanRowsAndColumns() throws {
        let template = Self.planTemplate().replacingOccurrences(
            of: "    total: รวมทั้งสิ้น\n",
            with: """
                    total: รวมทั้งสิ้น
                    header_rows:
                      - [{text: ที่, rows: 2}, {text: โครงการ, rows: 2}, {text: ผล, span: 3}]
                      - [{text: เงิน}, {text: เสร็จ}, {text: วัน}]

                """)
        let report = try Case(template: template, data: Self.data).load().report
        let header = try Self.table(report).headerRows
        #expect(header.map { $0.map(\.rowSpan) } == [[2, 2, 1], [1, 1, 1]])
        #expect(header[0].map(\.columnSpan) == [1, 1, 3])
    }

    // MARK: - Mistakes, each located and bilingual

    static func expectError(
        _ diagnostics: [Diagnostic], _ english: String, line: Int? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let match = diagnostics.first { $0.english.contains(english) }
        #expect(match != nil, "no error '\(english)' in \(diagnostics.map(\.english))", sourceLocation: sourceLocation)
        if let match {
            #expect(!match.thai.isEmpty && match.thai != match.english, sourceLocation: sourceLocation)
            if let line { #expect(match.location.line == line, "\(match)", sourceLocation: sourceLocation) }
        }
    }

    @Test func duplicateColumnKey() {
        let template = Self.planTemplate().replacingOccurrences(
            of: "      - {key: due, header: กำหนด", with: "      - {key: project, header: กำหนด")
        let errors = Case(template: template, data: Self.data).errors()
        Self.expectError(errors, "column 'project' appears twice", line: 17)
    }

    @Test func emptySectionNumber() {
        let template = Self.planTemplate().replacingOccurrences(of: "number: \"1\"", with: "number: \"\"")
        Self.expectError(Case(template: template, data: Self.data).errors(), "the section's number is empty", line: 6)
    }

    @Test func unknownKindAndSumOnText() {
        let template = Self.planTemplate()
            .replacingOccurrences(of: "kind: date", with: "kind: datum")
            .replacingOccurrences(
                of: "{key: project, header: โครงการ, width: 0.5}",
                with: "{key: project, header: โครงการ, width: 0.5, sum: true}")
        let errors = Case(template: template, data: Self.data).errors()
        Self.expectError(errors, "kind must be one of text, number, amount, date, status, sequence", line: 17)
        Self.expectError(errors, "sum works only on number and amount columns", line: 14)
    }

    @Test func widthsMustFillThePage() {
        let template = Self.planTemplate().replacingOccurrences(of: "width: 0.5}", with: "width: 0.6}")
        Self.expectError(Case(template: template, data: Self.data).errors(), "column widths must add up to 1")
    }

    @Test func unknownBlockAndTable() {
        let template = Self.planTemplate().replacingOccurrences(
            of: "- data_table: plan", with: "- data_table: plans\n      - chart: x")
        let errors = Case(template: template, data: Self.data).errors()
        Self.expectError(errors, "there is no table 'plans' under tables", line: 9)
        Self.expectError(errors, "a block must name its kind", line: 10)
    }

    @Test func unknownPlaceholderInANumbering() {
        let template = Self.planTemplate().replacingOccurrences(
            of: "{parent}.{n}\"}\n    total", with: "{parent}.{m}\"}\n    total")
        Self.expectError(Case(template: template, data: Self.data).errors(), "unknown {m} in '{parent}.{m}'")
    }

    @Test func headerRowsMustCoverEveryColumnOnce() {
        let template = Self.planTemplate().replacingOccurrences(
            of: "    total: รวมทั้งสิ้น\n",
            with:
                "    total: รวมทั้งสิ้น\n    header_rows:\n      - [{text: ที่, rows: 2}, {text: ก, span: 4}]\n      - [{text: ข, span: 2}, {text: ค}]\n"
        )
        Self.expectError(
            Case(template: template, data: Self.data).errors(),
            "header row 2 does not cover the table's 5 columns exactly once", line: 25)
    }

    @Test func dataValuesAreCheckedAgainstTheirColumns() {
        let data =
            Self.data + """
                tables:
                  plan:
                    - title: สังคม
                      groups:
                        - title: จิตสำนึก
                          rows:
                            - {project: อบรม, budget: หนึ่งพัน, done: อาจจะ, due: มีนาคม, number: "9", colour: red}
                    - {project: นอกกลุ่ม}
                """
        let errors = Case(template: Self.planTemplate(), data: data).errors()
        Self.expectError(errors, "budget: 'หนึ่งพัน' is not a number", line: 10)
        Self.expectError(errors, "done: 'อาจจะ' must be true or false", line: 10)
        Self.expectError(errors, "due: 'มีนาคม' is not a date", line: 10)
        Self.expectError(errors, "has no column 'number' to fill", line: 10)
        Self.expectError(errors, "has no column 'colour' to fill", line: 10)
        Self.expectError(errors, "this row must sit in a group", line: 11)
    }

    @Test func groupTooDeepAndUnknownTable() {
        let data =
            Self.data + """
                tables:
                  plan:
                    - title: ก
                      groups:
                        - title: ข
                          groups:
                            - title: ค
                              rows: [{project: x}]
                  budget: []
                """
        let errors = Case(template: Self.planTemplate(), data: data).errors()
        Self.expectError(errors, "this group is nested too deep", line: 10)
        Self.expectError(errors, "the template has no data table 'budget'", line: 12)
    }

    @Test func checklistOnlyWhereTheTemplateHasOne() throws {
        // A template without a checklist needs no oit, and refuses one.
        _ = try Case(template: Self.planTemplate(), data: Self.data).load()
        let withOIT = Self.data + "oit: {}\n"
        Self.expectError(
            Case(template: Self.planTemplate(), data: withOIT).errors(), "prints no OIT checklist: remove oit", line: 4)
        // The ITA template needs it.
        let scratch = ScratchDirectory()
        let data = scratch.sample { text in
            String(text[..<text.range(of: "\noit:")!.lowerBound]) + "\n"
        }
        do {
            _ = try ReportLoader.load(dataFile: data)
            Issue.record("data without oit accepted by a template with a checklist")
        } catch let error as InputError {
            Self.expectError(error.diagnostics, "oit (the status of each OIT item) is missing")
        }
    }

    @Test func signatureWithoutADate() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample { $0.replacingOccurrences(of: "  date: 2564-03\n", with: "") }
        let report = try ReportLoader.load(dataFile: data).report
        #expect(report.preface?.signature?.dateText == nil)
        #expect(report.preface?.signature?.lines.count == 3)
        // The document is then dated by the end of its fiscal year.
        #expect(report.metadata.date == "2021-09-30")
    }

    @Test func templateCheckedOnItsOwn() {
        let scratch = ScratchDirectory()
        scratch.write(
            "Templates/bad/template.yaml",
            Self.planTemplate().replacingOccurrences(of: "id: t", with: "id: bad")
                .replacingOccurrences(of: "{agency_name}", with: "{agency}") + "  extra:\n    columns: []\n")
        let diagnostics = TemplateLoader.check(folder: scratch.url.appendingPathComponent("Templates/bad"))
        Self.expectError(diagnostics, "tables.extra: a table needs columns", line: 24)
        #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("Templates/bad/template.yaml") })
        // The bundled templates are sound.
        for name in ["ita-2564", "anti-corruption-plan-2566"] {
            let found = TemplateLoader.check(folder: Repo.templates.appendingPathComponent(name))
            #expect(found.isEmpty, "\(name): \(found.map(\.description))")
        }
    }

    // MARK: - Catalogs by role

    static func checkITA(_ edit: (String) -> String) -> [Diagnostic] {
        let scratch = ScratchDirectory()
        scratch.copyTemplate(editing: edit)
        return TemplateLoader.check(folder: scratch.url.appendingPathComponent("Templates/ita-2564"))
    }

    @Test func catalogKeysAreUnique() {
        let errors = Self.checkITA { $0.replacingOccurrences(of: "key: executives", with: "key: structure") }
        Self.expectError(errors, "key 'structure' appears twice in the catalog (first on line 122)", line: 128)
    }

    @Test func everyRoleOnce() {
        let missing = Self.checkITA {
            $0.replacingOccurrences(of: "                role: measures_results\n", with: "")
        }
        Self.expectError(missing, "the OIT catalog needs exactly one item with role: measures_results (it has 0)")
        let twice = Self.checkITA {
            $0.replacingOccurrences(
                of: "                role: measures_results\n", with: "                role: measures\n")
        }
        Self.expectError(twice, "needs exactly one item with role: measures (it has 2)")
        let unknown = Self.checkITA { $0.replacingOccurrences(of: "role: measures_results", with: "role: results") }
        Self.expectError(unknown, "unknown role 'results' (known: measures, measures_results)")
    }

    @Test func itemCodeByRole() throws {
        let scratch = ScratchDirectory()
        let data = scratch.sample()
        let report = try ReportLoader.load(dataFile: data).report
        let checklist = report.allSections.flatMap(\.blocks).compactMap {
            if case .table(let t) = $0, t.kind == .checklist { t } else { nil }
        }
        let o43 = try #require(checklist.first?.rows.last)
        #expect(o43.cells.map { $0.content.map(\.plainText).joined() }.joined().contains("ในข้อ O42 ไปสู่การปฏิบัติ"))
        Self.expectError(
            Self.checkITA { $0.replacingOccurrences(of: "{item_code:measures}", with: "{item_code}") },
            "{item_code} needs an indicator")
    }

    @Test func templateCopiedForNextYear() throws {
        let scratch = ScratchDirectory()
        let root = scratch.url.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Repo.templates.appendingPathComponent("ita-2566"), to: root.appendingPathComponent("ita-2566"))
        let folder = try TemplateCopy.copy(source: "ita-2566", to: "ita-2567", year: 2567, templatesRoot: root)
        #expect(TemplateLoader.check(folder: folder).isEmpty)
        let template = try TemplateLoader.load(id: "ita-2567", templatesRoot: root)
        #expect(template.fiscalYear == 2567 && template.catalogItems.count == 43)
        #expect(throws: TemplateCopy.Failure.self) {
            try TemplateCopy.copy(source: "ita-2566", to: "ita-2567", year: 2567, templatesRoot: root)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["ita-2566", "ita-2567"])
    }
}
