import Foundation

/// Wall time and peak resident memory of a run.
struct Sample {
    let seconds: Double
    let peakKiB: Int
}

struct Summary {
    let median: Double
    let minimum: Double
    let peakKiB: Int
    init(_ samples: [Sample]) {
        let times = samples.map(\.seconds).sorted()
        median =
            times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        minimum = times.first ?? 0
        peakKiB = samples.map(\.peakKiB).max() ?? 0
    }
}

enum Run {
    /// Runs a program to completion; wall time from the clock, peak memory from wait4's rusage.
    static func process(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> Sample
    {
        let run = spawn([executable] + arguments, environment: environment.map { "\($0.key)=\($0.value)" })
        guard run.status == 0 else {
            throw NSError(
                domain: "bench", code: 2,
                userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments) exited with \(run.status)"])
        }
        return Sample(seconds: run.seconds, peakKiB: run.peakKiB)
    }

    /// Repeats a measurement after one warm-up run.
    static func repeated(_ runs: Int, _ body: () throws -> Sample) rethrows -> Summary {
        _ = try body()
        return Summary(try (0..<runs).map { _ in try body() })
    }

    /// Time of an in-process block (memory is measured on whole processes only).
    static func timed(_ body: () throws -> Void) rethrows -> Sample {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Sample(seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, peakKiB: 0)
    }
}

/// Number of pages of a PDF, as poppler's pdfinfo reads it.
func pageCount(_ pdf: URL) -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pdfinfo", pdf.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return 0 }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return output.firstMatch(of: /Pages:\s+(\d+)/).flatMap { Int($0.1) } ?? 0
}
