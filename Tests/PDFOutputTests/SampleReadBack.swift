import FontSystem
import Foundation
import PageIR
import ReportInput
import TestSupport
import ThaiReport

/// The sample report built to a real PDF and read back by one of `Tests/Tools`' scripts, beside
/// the layout the PDF was drawn from: what the PDF says is checked against what layout put there.
struct SampleReadBack {
    let document: LaidOutDocument
    /// What the script printed (JSON), and how it ended.
    let output: Data
    let status: Int32
    let errors: String

    init(tool: String) throws {
        let scratch = ScratchDirectory()
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let written = try builder.build(
            Repo.sample, options: BuildOptions(outputDirectory: scratch.url, formats: [.pdf]))
        guard let pdf = written.first else { throw CocoaError(.fileNoSuchFile) }
        document = try builder.layout(try ReportLoader.load(dataFile: Repo.sample).report)
        let script = Repo.root.appendingPathComponent("Tests/Tools/\(tool)").path
        let result = try runProcess(Tools.python, [script, pdf.path])
        (output, status, errors) = (Data(result.stdout.utf8), result.status, result.stderr)
    }
}
