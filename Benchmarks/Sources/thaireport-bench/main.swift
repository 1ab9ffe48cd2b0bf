import FontSystem
import Foundation
import ReportInput
import ThaiReport

/// ThaiReport benchmarks: release builds, whole processes and in-process. See README.md.
///
///     swift run -c release --package-path Benchmarks thaireport-bench [--runs N] [--quick]
let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? (quick ? 3 : 11)
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
// `--binary PATH`: the build to measure (another scratch path, an older build kept aside).
let binary =
    arguments.firstIndex(of: "--binary").map { arguments[$0 + 1] }
    ?? repository.appendingPathComponent(".build/release/thaireport").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    print("Build the tool first: swift build -c release --product thaireport")
    exit(1)
}
let fonts = ["THAIREPORT_FONTS": repository.appendingPathComponent("Fonts").path]
let workload = try Workload(repository: repository)
defer { workload.remove() }
let out = workload.root.appendingPathComponent("out").path

func mib(_ kib: Int) -> String { String(format: "%.1f MiB", Double(kib) / 1024) }
func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
func row(_ cells: [String]) { print("| " + cells.joined(separator: " | ") + " |") }

// `--synthetic ROWS ITEMS`: write one synthetic data file and print its path (for profiling).
if let index = arguments.firstIndex(of: "--synthetic"), let rows = Int(arguments[index + 1]),
    let items = Int(arguments[index + 2])
{
    let keep = try Workload(repository: repository, folder: "thaireport-bench-synthetic")
    print(keep.synthetic(rows: rows, items: items).path)
    exit(0)
}

// `--long spaces|noSpaces|unbroken BYTES one|rows`: write one of the linearity cases' data
// files and print its path (for profiling).
if let index = arguments.firstIndex(of: "--long"), index + 3 < arguments.count,
    let kind = Workload.LongText.allCases.first(where: { String(describing: $0) == arguments[index + 1] }),
    let bytes = Int(arguments[index + 2])
{
    let keep = try Workload(repository: repository, folder: "thaireport-bench-long")
    print(keep.longText(kind, bytes: bytes, oneCell: arguments[index + 3] == "one").path)
    exit(0)
}

// `--national COUNT`: write a synthetic fiscal year of COUNT reports and print its folder.
// `--own-characters` (here and with `--batches`): every page needs web fonts of its own.
let ownCharacters = arguments.contains("--own-characters")
if let index = arguments.firstIndex(of: "--national"), let count = Int(arguments[index + 1]) {
    let keep = try Workload(repository: repository, folder: "thaireport-bench-national")
    print(keep.nationalYear(count, ownCharacters: ownCharacters).path)
    exit(0)
}

// `--linear`: only the linearity cases (section 5), which take minutes.
if arguments.contains("--linear") {
    // `--sizes 1000,1000000`: other sizes than the default ones (bytes of text).
    let sizes = arguments.firstIndex(of: "--sizes").map {
        arguments[$0 + 1].split(separator: ",").compactMap { Int($0) }
    }
    try linearity(binary: binary, workload: workload, out: out, sizes: sizes ?? (quick ? [1_000, 100_000] : nil))
    exit(0)
}

// `--edit`: only the preview's rebuild after an edit (in process).
if arguments.contains("--edit") {
    try editLatency(workload: workload, out: out, runs: runs)
    exit(0)
}

// `--batches 100,1000,8300`: only the national batches (section 6).
if let index = arguments.firstIndex(of: "--batches") {
    try nationalBatches(
        binary: binary, workload: workload, out: out, ownCharacters: ownCharacters,
        counts: arguments[index + 1].split(separator: ",").compactMap { Int($0) })
    exit(0)
}

print(
    "ThaiReport benchmarks, \(ProcessInfo.processInfo.activeProcessorCount) cores, median of \(runs) runs after a warm-up\n"
)

// 1. The sample report as whole processes.
print("## Sample report, whole process\n")
row(["case", "median", "min", "peak memory"])
row(["---", "---", "---", "---"])
let sample = workload.sample()
for format in ["pdf", "html", "pdf,html"] {
    let summary = try Run.repeated(runs) {
        try Run.process(
            binary, ["build", sample.path, "--out", out, "--format", format, "--force", "--jobs", "1"],
            environment: fonts)
    }
    row(["sample → \(format)", ms(summary.median), ms(summary.minimum), mib(summary.peakKiB)])
}

// 2. Long synthetic reports: time and memory per page. The input's own memory (the parsed
// YAML of a long data file) is shown apart, from `check` alone, which reads and checks only.
print("\n## Synthetic reports (measures table and checklist), whole process, PDF\n")
row(["rows + items", "pages", "median", "per page", "peak memory", "peak of `check` alone", "layout + PDF above input"])
row(["---", "---", "---", "---", "---", "---", "---"])
for (rows, items) in quick ? [(15, 8), (380, 150)] : [(15, 8), (380, 150), (4000, 1700)] {
    let file = workload.synthetic(rows: rows, items: items)
    let repeats = rows >= 3000 ? max(3, runs / 3) : runs
    let summary = try Run.repeated(repeats) {
        try Run.process(binary, ["build", file.path, "--out", out, "--format", "pdf", "--force"], environment: fonts)
    }
    let input = try Run.repeated(repeats) {
        try Run.process(
            binary, ["check", file.path, "--templates", workload.root.appendingPathComponent("Templates").path],
            environment: fonts)
    }
    let pages = pageCount(URL(fileURLWithPath: out).appendingPathComponent("2564/synthetic-\(rows)-\(items).pdf"))
    row([
        "\(rows) + \(items)", "\(pages)", ms(summary.median), ms(summary.median / Double(max(pages, 1))),
        mib(summary.peakKiB),
        mib(input.peakKiB), mib(summary.peakKiB - input.peakKiB),
    ])
}

// 3. A batch of a hundred reports on every core.
print("\n## Batch, whole process, PDF and HTML, all cores\n")
row(["reports", "median", "per report", "peak memory"])
row(["---", "---", "---", "---"])
for count in quick ? [20] : [100] {
    let folder = workload.batch(count)
    let summary = try Run.repeated(max(3, runs / 3)) {
        try Run.process(binary, ["build", folder.path, "--out", out, "--force"], environment: fonts)
    }
    row(["\(count)", ms(summary.median), ms(summary.median / Double(count)), mib(summary.peakKiB)])
}

// 4. In process: the library without process start-up. Last: a child started with posix_spawn
// reports the parent's resident set as its own peak if that is larger, so every whole-process
// measurement runs before this process has grown.
print("\n## Sample report, in process\n")
row(["case", "median", "min"])
row(["---", "---", "---"])
let fontSystem = try FontSystem(directory: repository.appendingPathComponent("Fonts"))
let builder = ReportBuilder(fonts: fontSystem)
let loaded = try ReportBuilder.load(sample)
let inProcess: [(String, () throws -> Void)] = [
    ("load and check data + template", { _ = try ReportBuilder.load(sample) }),
    ("lay out (both passes)", { _ = try builder.layout(loaded.report) }),
    (
        "PDF (layout + drawing)",
        {
            _ = try builder.write(
                loaded.report, options: BuildOptions(outputDirectory: URL(fileURLWithPath: out), formats: [.pdf]))
        }
    ),
    (
        "HTML",
        {
            _ = try builder.write(
                loaded.report, options: BuildOptions(outputDirectory: URL(fileURLWithPath: out), formats: [.html]))
        }
    ),
]
for (name, body) in inProcess {
    let summary = try Run.repeated(runs) { try Run.timed(body) }
    row([name, ms(summary.median), ms(summary.minimum)])
}
try editLatency(workload: workload, out: out, runs: runs)
