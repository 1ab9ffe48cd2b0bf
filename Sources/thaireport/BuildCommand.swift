import ArgumentParser
import FontSystem
import Foundation
import ReportInput
import ThaiReport

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the PDF and HTML of one report or of every report of a fiscal year.",
        discussion: """
            Writes <out>/<fiscal-year>/<agency-id>.pdf, <out>/<fiscal-year>/<agency-id>/index.html and the \
            year page <out>/<fiscal-year>/index.html. A folder is searched for data files named \
            <fiscal-year>.yaml. Reports are built in parallel; a report whose inputs (data, template, \
            fonts, tool version) did not change since the last build into the same folder is skipped. \
            One broken file does not stop the others; the exit status is 2 if any input was bad, \
            1 if anything else failed.

            Examples:
              thaireport build Samples/singburi-pao/2564.yaml
              thaireport build Samples --year 2564 --out out
              thaireport build Samples --year 2564 --format pdf --force --jobs 2
            """)

    @Argument(help: "Data files (<fiscal-year>.yaml) or folders holding them.")
    var paths: [String]

    @Option(name: .long, help: "Only data files of this fiscal year (Buddhist era, e.g. 2564).")
    var year: Int?

    @Option(name: .long, help: "Output folder.")
    var out: String = "out"

    @Option(name: .long, help: "Formats to write: pdf, html or pdf,html.")
    var format: String = "pdf,html"

    @Flag(name: .long, help: "Rebuild every report, changed or not.")
    var force = false

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Tag the PDF: structure tree for screen readers (PDF/UA-1). The PDF is PDF/A-2b either way.")
    var pdfTags = true

    // `.unconditional` takes the next word as the value even when it starts with '-', so
    // `--jobs -1` is reported as a bad number rather than a missing one.
    @Option(
        name: [.customShort("j"), .long], parsing: .unconditional,
        help: "Reports built at once (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: "Templates folder (default: the nearest Templates folder above each data file).")
    var templates: String?

    @Option(
        name: .long,
        help: "The web address the output folder is published at (https://…/), for canonical links and link previews.")
    var siteURL: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs ต้องอย่างน้อย 1 / --jobs must be at least 1") }
        try validateOutputFolder(out)
        if let templates { try validateTemplatesFolder(templates) }
        if let siteURL, !SiteURL.isValid(siteURL) {
            throw ValidationError(
                "--site-url ต้องเป็นที่อยู่เว็บเต็ม เช่น https://www.example.go.th/ita/ / --site-url must be a full web address such as https://www.example.go.th/ita/"
            )
        }
        if let year, !DataSchema.fiscalYears.contains(year) {
            throw ValidationError("--year ต้องเป็นปี พ.ศ. เช่น 2564 / --year must be a Buddhist-era year such as 2564")
        }
    }

    func run() throws {
        var formats = Set<OutputFormat>()
        for name in format.split(separator: ",") {
            guard let parsed = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("ไม่รู้จักรูปแบบ '\(name)' (pdf, html) / unknown format '\(name)' (pdf, html)")
            }
            formats.insert(parsed)
        }
        if formats.isEmpty {
            throw ValidationError("--format ต้องระบุ pdf และ/หรือ html / --format needs pdf and/or html")
        }
        let files = try dataFiles(paths, year: year)
        guard let fontsDirectory = FontSystem.locateDirectory() else {
            printError(
                "ไม่พบโฟลเดอร์ฟอนต์ Fonts/ (ตั้ง THAIREPORT_FONTS ได้) / cannot find the Fonts folder (set THAIREPORT_FONTS)")
            throw ExitCode(1)
        }
        let options = BatchBuilder.Options(
            build: BuildOptions(
                outputDirectory: URL(fileURLWithPath: out), formats: formats,
                templatesRoot: templates.map { URL(fileURLWithPath: $0) }, taggedPDF: pdfTags, siteURL: siteURL),
            force: force, jobs: jobs)
        Interruption.install()
        let progress = ProgressPrinter()
        let result = BatchBuilder(options: options, fontsDirectory: fontsDirectory).run(files, progress: progress)
        progress.summary(result)
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
