import Foundation

/// Linearity: one report whose measures table holds `bytes` bytes of text, for each kind of
/// text, in one cell (split over every page) and in many rows, from 1 KB to the input limit
/// (20 MB of text: `InputLimits.maxTextBytes`). Time per byte is the whole process's time less
/// that of the same report with no measure rows (start-up, the front matter and the checklist),
/// over the bytes added. Then a 200 MB file, which is refused at once.
func linearity(binary: String, workload: Workload, out: String, sizes: [Int]?) throws {
    let fonts = ["THAIREPORT_FONTS": workload.repository.appendingPathComponent("Fonts").path]
    let sizes = sizes ?? [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 19_000_000]
    print("## Linear in the input: whole process, PDF\n")
    let empty = workload.longText(.spaces, bytes: 0, oneCell: false)
    let base = try Run.repeated(3) {
        try Run.process(binary, ["build", empty.path, "--out", out, "--format", "pdf", "--force"], environment: fonts)
    }
    print(
        "Same report with one row of 520 bytes: \(String(format: "%.1f ms", base.median * 1000)), "
            + "\(String(format: "%.1f MiB", Double(base.peakKiB) / 1024))\n")
    print("| text | layout | bytes | time | time above the base, per KB | peak memory |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind in Workload.LongText.allCases {
        for oneCell in [true, false] {
            for bytes in sizes {
                let file = workload.longText(kind, bytes: bytes, oneCell: oneCell)
                let build = {
                    try Run.process(
                        binary, ["build", file.path, "--out", out, "--format", "pdf", "--force"], environment: fonts)
                }
                // Sizes from a megabyte up run once: they take seconds, and start-up noise is small.
                let sample = bytes >= 1_000_000 ? Summary([try build()]) : try Run.repeated(2, build)
                let perKB = max(sample.median - base.median, 0) / Double(bytes) * 1000
                print(
                    "| \(kind.rawValue) | \(oneCell ? "one cell" : "rows of 600 bytes") | \(bytes) | "
                        + String(
                            format: "%.2f s | %.3f ms | %.1f MiB", sample.median, perKB * 1000,
                            Double(sample.peakKiB) / 1024)
                        + " |")
            }
        }
    }
    // A data file far above the limit: read no further than the limit, refused with an error.
    let huge = workload.root.appendingPathComponent("Huge/2564.yaml")
    try FileManager.default.createDirectory(at: huge.deletingLastPathComponent(), withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: huge.path, contents: nil)
    let handle = try FileHandle(forWritingTo: huge)
    let chunk = Data(("template: ita-2564\n# " + String(repeating: "ก", count: 1_000_000) + "\n").utf8)
    for _ in 0..<(200_000_000 / chunk.count) { handle.write(chunk) }
    try handle.close()
    let refused = spawn(
        [binary, "build", huge.path, "--out", out, "--format", "pdf", "--force"],
        environment: ["THAIREPORT_FONTS=\(workload.repository.appendingPathComponent("Fonts").path)"])
    print(
        "\nA 200 MB data file: refused in \(String(format: "%.1f ms", refused.seconds * 1000)), "
            + "exit status \(refused.status), peak \(String(format: "%.1f MiB", Double(refused.peakKiB) / 1024))")
    try? FileManager.default.removeItem(at: huge)
}

/// A national year: `count` reports (see `Workload.nationalYear`) built as one batch, PDF and
/// HTML, on every core. One run each: the largest takes minutes. CPU time (user and system, of
/// the whole process) is printed beside wall time: on a shared machine it is the steadier one.
func nationalBatches(binary: String, workload: Workload, out: String, ownCharacters: Bool, counts: [Int]) throws {
    let fonts = workload.repository.appendingPathComponent("Fonts").path
    let pages = ownCharacters ? ", every page its own web fonts" : ""
    print("## National batch, whole process, PDF and HTML, all cores\(pages)\n")
    print("| reports | wall time | per report | CPU time | peak memory |")
    print("| --- | --- | --- | --- | --- |")
    for count in counts {
        let folder = workload.nationalYear(count, ownCharacters: ownCharacters)
        try? FileManager.default.removeItem(atPath: out)
        let run = spawn(
            [binary, "build", folder.path, "--out", out, "--force"], environment: ["THAIREPORT_FONTS=\(fonts)"])
        print(
            "| \(count) | "
                + String(
                    format: "%.1f s | %.1f ms | %.1f s | %.1f MiB", run.seconds, run.seconds / Double(count) * 1000,
                    run.cpu, Double(run.peakKiB) / 1024) + " |")
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs a program (output discarded) and returns its wall time, CPU time, peak memory and exit
/// status (-1 when it could not be started).
func spawn(_ arguments: [String], environment: [String] = [])
    -> (seconds: Double, cpu: Double, peakKiB: Int, status: Int32)
{
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The given `NAME=value` pairs replace the inherited ones of the same name.
    let names = Set(environment.map { String($0.prefix { $0 != "=" }) })
    let pairs =
        ProcessInfo.processInfo.environment.filter { !names.contains($0.key) }.map { "\($0.key)=\($0.value)" }
        + environment
    let env = pairs.map { strdup($0) } + [nil]
    defer { env.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, env) == 0 else { return (0, 0, 0, -1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu =
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (seconds, cpu, Int(usage.ru_maxrss), status >> 8)
}
