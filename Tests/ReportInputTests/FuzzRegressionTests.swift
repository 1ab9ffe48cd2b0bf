import Foundation
import ReportInput
import TestSupport
import Testing

/// Every input the fuzzers kept (Fuzz/Corpus) goes through its reader again: none may crash,
/// and bad input must come back as located diagnostics.
@Suite struct FuzzRegressionTests {
    func corpus(_ name: String) throws -> [String] {
        let folder = Repo.root.appendingPathComponent("Fuzz/Corpus/\(name)")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).map {
            String(decoding: try Data(contentsOf: $0), as: UTF8.self)
        }
    }

    @Test(arguments: ["data", "template", "csv", "placeholders"]) func corpusReadsWithoutCrashing(target: String) throws
    {
        let inputs = try corpus(target)
        #expect(!inputs.isEmpty)
        for input in inputs {
            let diagnostics: [Diagnostic]
            switch target {
            case "data": diagnostics = InputCheck.dataFile(input)
            case "template": diagnostics = InputCheck.template(input)
            case "csv": diagnostics = InputCheck.checklistCSV(input)
            default: diagnostics = InputCheck.placeholders(input)
            }
            for diagnostic in diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
                #expect(!diagnostic.thai.isEmpty && !diagnostic.english.isEmpty)
            }
        }
    }

    @Test func seedsAreValid() throws {
        let sample = try String(contentsOf: Repo.sample, encoding: .utf8)
        #expect(InputCheck.dataFile(sample).isEmpty)
        let template = try String(
            contentsOf: Repo.templates.appendingPathComponent("ita-2564/template.yaml"), encoding: .utf8)
        #expect(InputCheck.template(template).isEmpty)
        #expect(InputCheck.placeholders("ของ{agency_name}").isEmpty)
        #expect(InputCheck.placeholders("{agency_nam}").count == 1)
        #expect(
            InputCheck.checklistCSV(
                "code,responsible,has_data,no_data_reason,published,unpublished_reason\nO1,x,yes,,yes,\n"
            ).isEmpty)
    }
}
