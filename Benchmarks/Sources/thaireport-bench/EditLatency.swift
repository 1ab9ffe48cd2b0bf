import FontSystem
import Foundation
import ThaiReport

/// Edit to PDF in a running process, as the preview rebuilds (Sources/Preview): one builder
/// kept warm, the data file saved with one line changed, then load, check, lay out, write the
/// PDF and the page. The saved file alternates between two versions, so every build follows
/// an edit.
func editLatency(workload: Workload, out: String, runs: Int) throws {
    let fontSystem = try FontSystem(directory: workload.repository.appendingPathComponent("Fonts"))
    let builder = ReportBuilder(fonts: fontSystem)
    let original = workload.sampleText
    let line = "- มีการจัดทำบันทึกข้อตกลงระหว่างผู้บริหารกับบุคลากรในสังกัดให้ถือปฏิบัติตามมาตรการภายในที่กำหนด"
    precondition(original.contains(line), "the edited line is no longer in the sample")
    let edited = original.replacingOccurrences(of: line, with: line + " (แก้ไขแล้ว)")
    let options = BuildOptions(outputDirectory: URL(fileURLWithPath: out), formats: [.pdf, .html])
    let file = workload.sample()
    var version = 0
    func rebuild(formats: Set<OutputFormat>) throws {
        version += 1
        try Data((version % 2 == 0 ? original : edited).utf8).write(to: file)
        var options = options
        options.formats = formats
        try builder.write(try ReportBuilder.load(file), options: options)
    }
    print("\n## Edit to output in a running process (the preview's rebuild), sample report\n")
    print("| rebuild after a one-line edit | median | min |")
    print("| --- | --- | --- |")
    for (name, formats) in [("PDF", Set([OutputFormat.pdf])), ("PDF and web page", Set([.pdf, .html]))] {
        let summary = try Run.repeated(runs) { try Run.timed { try rebuild(formats: formats) } }
        print("| \(name) | \(String(format: "%.1f ms | %.1f ms", summary.median * 1000, summary.minimum * 1000)) |")
    }
    // The PDF drawn beside layout (`PipelinedSink`, as the preview does) against drawn in line
    // (as a batch with a report on every core does), in alternate runs.
    var beside: [Sample] = []
    var inLine: [Sample] = []
    for run in 0..<(2 * runs + 2) {
        builder.drawsInBackground = run % 2 == 0
        let sample = try Run.timed { try rebuild(formats: [.pdf]) }
        if run >= 2 { if run % 2 == 0 { beside.append(sample) } else { inLine.append(sample) } }
    }
    builder.drawsInBackground = true
    for (name, samples) in [("PDF, drawn beside layout", beside), ("PDF, drawn in line", inLine)] {
        let summary = Summary(samples)
        print("| \(name) | \(String(format: "%.1f ms | %.1f ms", summary.median * 1000, summary.minimum * 1000)) |")
    }
}
