import DocumentClasses
import FontSystem
import Foundation
import PageIR
import ReportInput
import ReportModel
import TestSupport
import ThaiText

/// The sample report laid out once by the ITA document class, and small reports.
enum Fixtures {
    /// A font system of its own: Pango font maps must not be shared between threads.
    static func fonts() -> FontSystem { try! FontSystem(directory: Repo.fonts) }
    static let sample = try! ReportLoader.load(dataFile: Repo.sample).report
    static let document = try! ITADocument(fonts: fonts()).layout(sample)

    static func layout(_ report: Report) throws -> LaidOutDocument { try ITADocument(fonts: fonts()).layout(report) }

    /// Index of body page ๑ in the document.
    static func bodyOffset(_ document: LaidOutDocument) -> Int {
        document.pages.firstIndex { $0.label == ThaiDigits.format(1) }!
    }

    /// Where each section's heading landed, from the outline: document page index and y.
    static func places(_ document: LaidOutDocument, _ report: Report) -> [String: OutlineEntry] {
        let entries = document.outline.dropFirst(2)  // the preface and the contents come first
        return Dictionary(uniqueKeysWithValues: zip(report.allSections.map(\.id), entries))
    }

    static func report(_ sections: [Section], style: Style = Style()) -> Report {
        ModelFixtures.report(sections, style: style)
    }
    static let sentence = ModelFixtures.sentence
}
