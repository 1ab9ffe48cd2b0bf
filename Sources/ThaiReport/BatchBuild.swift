import FontSystem
import Foundation
import ReportInput
import SiteLayout

/// Finds the data files named by the arguments: files as given, folders searched (hidden
/// folders skipped) for `<fiscal-year>.yaml`, optionally only those of one fiscal year.
public enum DataFiles {
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "ไม่พบ '\(path)' / '\(path)' does not exist" }
    }

    /// A file or folder whose name is not UTF-8: it cannot be named in messages, records or
    /// links, so it is refused rather than read under a damaged name.
    public struct NotUTF8: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "ชื่อ '\(path)' ไม่ใช่ UTF-8: เปลี่ยนชื่อไฟล์หรือโฟลเดอร์ / the name '\(path)' is not UTF-8: rename the file or folder"
        }
    }

    public static func isDataFileName(_ name: String) -> Bool { DataSchema.year(ofDataFileNamed: name) != nil }

    public static func discover(_ paths: [String], year: Int? = nil) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Missing(path: path)
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            if !isDirectory.boolValue {
                if year == nil || url.lastPathComponent == "\(year!).yaml" { files.append(url) }
                continue
            }
            let walker = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
            var found: [URL] = []
            while let next = walker?.nextObject() as? URL {
                let name = next.lastPathComponent
                // Names that are not UTF-8 reach us with U+FFFD in place of their bytes.
                if next.path.unicodeScalars.contains("\u{FFFD}"), isDataFileName(name) || name.contains("\u{FFFD}") {
                    throw NotUTF8(path: next.path)
                }
                guard isDataFileName(name) else { continue }
                if let year, name != "\(year).yaml" { continue }
                found.append(next.standardizedFileURL)
            }
            files += found.sorted { $0.path < $1.path }
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0.path).inserted }
    }
}

/// What happened to one report of a batch.
public enum ReportOutcome: Sendable, Equatable {
    case built
    case skipped
    case failed(String)
}

/// Told about a batch as it goes (progress on a terminal, lines in a log).
/// Calls come one at a time (the batch holds a lock around them), from any worker thread.
public protocol BatchProgress: AnyObject, Sendable {
    func started(total: Int)
    /// A worker begins a report.
    func began(file: URL)
    func finished(file: URL, agencyID: String?, outcome: ReportOutcome, done: Int, total: Int, elapsed: Double)
}

public struct BatchResult: Sendable {
    public var built: [URL] = []
    public var skipped: [URL] = []
    public var failed: [(file: URL, message: String)] = []
    /// Built, but with something the reader should know (characters no font has).
    public var warnings: [(file: URL, message: String)] = []
    /// Whether every failure was bad input (exit status 2) rather than a fault (1).
    public var onlyInputFailures = true
    public var years: Set<Int> = []
    public var elapsed: Double = 0

    public var exitStatus: Int32 { failed.isEmpty ? 0 : (onlyInputFailures ? 2 : 1) }
}

/// Builds many reports at once: in parallel (one font system per worker, as Pango font maps
/// are not shared between threads), skipping reports whose inputs did not change, carrying on
/// past a broken file, then writing each fiscal year's page.
public final class BatchBuilder: Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var force = false
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public init(build: BuildOptions, force: Bool = false, jobs: Int? = nil) {
            self.build = build
            self.force = force
            if let jobs { self.jobs = max(1, jobs) }
        }
    }

    let options: Options
    let fontsDirectory: URL
    /// A worker's font system (by worker number); a test makes one worker fail to start.
    let fontSystem: @Sendable (_ worker: Int) throws -> FontSystem

    public convenience init(options: Options, fontsDirectory: URL) {
        self.init(options: options, fontsDirectory: fontsDirectory) { _ in try FontSystem(directory: fontsDirectory) }
    }

    init(options: Options, fontsDirectory: URL, fontSystem: @escaping @Sendable (_ worker: Int) throws -> FontSystem) {
        self.options = options
        self.fontsDirectory = fontsDirectory
        self.fontSystem = fontSystem
    }

    /// Set from a signal handler: workers take no new report once it is set.
    public static let cancelled = CancelFlag()

    public func run(_ files: [URL], progress: BatchProgress? = nil) -> BatchResult {
        let start = Date()
        Self.cancelled.reset()
        if FileManager.default.fileExists(atPath: options.build.outputDirectory.path) {
            AtomicFile.removeLeftovers(under: options.build.outputDirectory)
        }
        let state = BatchState(files: files)
        progress?.started(total: files.count)
        let workers = max(1, min(options.jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let builder: ReportBuilder
            do {
                builder = ReportBuilder(fonts: try fontSystem(worker))
                // A core left free by the workers draws each PDF beside its layout.
                builder.drawsInBackground = workers < ProcessInfo.processInfo.activeProcessorCount
            } catch {
                // A worker that cannot start leaves the reports to the others: one worker short
                // of memory or file handles must not fail a batch the rest can build.
                state.workerCouldNotStart("\(error)")
                return
            }
            while !Self.cancelled.isSet, let file = state.next() {
                state.began(file, progress: progress)
                buildOne(file, with: builder, state: state, start: start, progress: progress)
            }
        }
        // No worker started (the fonts cannot be read, say): every report fails with the reason.
        // Otherwise the batch only ran on fewer cores, which is said as a warning.
        if let failure = state.startFailure, !Self.cancelled.isSet {
            var failedAll = false
            while let file = state.next() {
                failedAll = true
                state.finish(
                    file, agencyID: nil, year: nil, outcome: .failed(failure), inputError: false, start: start,
                    progress: progress)
            }
            if !failedAll {
                state.warn(
                    options.build.outputDirectory,
                    [
                        "งานสร้างรายงานบางส่วนเริ่มไม่ได้ จึงใช้แกนประมวลผลน้อยลง / a worker could not start, so fewer cores were used: \(failure)"
                    ])
            }
        }
        var result = state.result
        if options.build.formats.contains(.html) {
            for year in result.years.sorted() {
                do {
                    try YearPage.write(
                        year: year, in: options.build.outputDirectory, fontsDirectory: fontsDirectory,
                        siteURL: options.build.siteURL)
                } catch {
                    result.failed.append((options.build.site.url(.yearPage(year: year)), "\(error)"))
                    result.onlyInputFailures = false
                }
            }
            if !result.years.isEmpty {
                do {
                    try SiteIndex.write(in: options.build.outputDirectory, fontsDirectory: fontsDirectory)
                } catch {
                    result.failed.append((options.build.site.url(.siteIndex), "\(error)"))
                    result.onlyInputFailures = false
                }
            }
        }
        result.elapsed = Date().timeIntervalSince(start)
        return result
    }

    private func buildOne(
        _ file: URL, with builder: ReportBuilder, state: BatchState, start: Date, progress: BatchProgress?
    ) {
        let loaded: LoadedReport
        do {
            loaded = try ReportBuilder.load(file, templatesRoot: options.build.templatesRoot)
        } catch let error as InputError {
            state.finish(
                file, agencyID: nil, year: nil, outcome: .failed(error.description), inputError: true, start: start,
                progress: progress)
            return
        } catch {
            state.finish(
                file, agencyID: nil, year: nil, outcome: .failed("\(file.path): error: \(error)"), inputError: false,
                start: start, progress: progress)
            return
        }
        let report = loaded.report
        if let other = state.claim(agencyID: report.agencyID, year: report.fiscalYear, file: file) {
            let message =
                "\(file.path): error: รายงาน \(report.agencyID) ปี \(report.fiscalYear) มาจาก \(other.path) แล้ว / report \(report.agencyID) for \(report.fiscalYear) is already built from \(other.path)"
            state.finish(
                file, agencyID: report.agencyID, year: nil, outcome: .failed(message), inputError: true, start: start,
                progress: progress)
            return
        }
        // A report of the same agency and year built into this folder from another data file is
        // not replaced unless forced: two data files naming the same agency id is a mistake.
        if !options.force,
            let record = BuildRecord.read(
                agencyID: report.agencyID, year: report.fiscalYear, in: options.build.outputDirectory),
            !record.source.digest.isEmpty, record.source.digest != BuildRecord.Source(path: file.path).digest
        {
            let other = "ไฟล์ข้อมูลอื่น (…/\(record.source.name))"
            let message =
                "\(file.path): error: รายงาน \(report.agencyID) ปี \(report.fiscalYear) ในโฟลเดอร์นี้สร้างจาก\(other) "
                + "(ใช้ --force เพื่อแทนที่) / report \(report.agencyID) for \(report.fiscalYear) in this output folder "
                + "was built from another data file (…/\(record.source.name)): give each agency its own id, or use --force to replace it"
            state.finish(
                file, agencyID: report.agencyID, year: nil, outcome: .failed(message), inputError: true, start: start,
                progress: progress)
            return
        }
        let fingerprint = builder.fingerprint(of: loaded, options: options.build)
        if !options.force,
            BuildRecord.isUpToDate(
                agencyID: report.agencyID, year: report.fiscalYear, fingerprint: fingerprint, options: options.build)
        {
            state.finish(
                file, agencyID: report.agencyID, year: report.fiscalYear, outcome: .skipped, inputError: false,
                start: start, progress: progress)
            return
        }
        do {
            try builder.write(loaded, options: options.build)
            state.warn(file, builder.warnings + loaded.warnings.map(\.description))
            state.finish(
                file, agencyID: report.agencyID, year: report.fiscalYear, outcome: .built, inputError: false,
                start: start, progress: progress)
        } catch {
            state.finish(
                file, agencyID: report.agencyID, year: nil, outcome: .failed("\(file.path): error: \(error)"),
                inputError: false, start: start, progress: progress)
        }
    }
}

/// A flag a signal handler sets and workers read.
public final class CancelFlag: @unchecked Sendable {
    // Reads and writes hold `lock`.
    private let lock = NSLock()
    private var value = false
    public var isSet: Bool { lock.withLock { value } }
    public func set() { lock.withLock { value = true } }
    public func reset() { lock.withLock { value = false } }
}

/// The shared queue and tally of a batch. Every access holds `lock`, which is why it may be
/// shared between the worker threads.
final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [URL]
    private var position = 0
    private var claimed: [String: URL] = [:]
    private(set) var result = BatchResult()
    private var done = 0
    let total: Int

    init(files: [URL]) {
        queue = files
        total = files.count
    }

    /// Why a worker could not start, if one could not (the first reason given).
    var startFailure: String? { lock.withLock { failureToStart } }
    private var failureToStart: String?

    func workerCouldNotStart(_ reason: String) {
        lock.withLock { if failureToStart == nil { failureToStart = reason } }
    }

    func next() -> URL? {
        lock.withLock {
            guard position < queue.count else { return nil }
            defer { position += 1 }
            return queue[position]
        }
    }

    /// Claims an agency's report for a year; returns the file that claimed it first, if another.
    func claim(agencyID: String, year: Int, file: URL) -> URL? {
        lock.withLock {
            let key = "\(year)/\(agencyID)"
            if let first = claimed[key], first != file { return first }
            claimed[key] = file
            return nil
        }
    }

    func began(_ file: URL, progress: BatchProgress?) {
        lock.withLock { progress?.began(file: file) }
    }

    func warn(_ file: URL, _ messages: [String]) {
        lock.withLock { result.warnings += messages.map { (file, $0) } }
    }

    func finish(
        _ file: URL, agencyID: String?, year: Int?, outcome: ReportOutcome, inputError: Bool, start: Date,
        progress: BatchProgress?
    ) {
        lock.withLock {
            switch outcome {
            case .built: result.built.append(file)
            case .skipped: result.skipped.append(file)
            case .failed(let message):
                result.failed.append((file, message))
                if !inputError { result.onlyInputFailures = false }
            }
            if let year { result.years.insert(year) }
            done += 1
            progress?.finished(
                file: file, agencyID: agencyID, outcome: outcome, done: done, total: total,
                elapsed: Date().timeIntervalSince(start))
        }
    }
}
