import Foundation

/// Ctrl-C, `kill` or a closed terminal during a build: stop taking work, remove the files being
/// written (the previous outputs stay whole) and exit. Signals are taken on a queue of their own,
/// not in a signal handler, so the cleanup may take locks.
public enum Interruption {
    /// The signal sources, kept alive for the life of the process; set once, before any work.
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

    public static func install() {
        guard sources.isEmpty else { return }
        // A full disk or a file-size limit must fail a write (and be reported), not kill the
        // process with SIGXFSZ half-way through.
        signal(SIGXFSZ, SIG_IGN)
        let queue = DispatchQueue(label: "thaireport.signals")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                BatchBuilder.cancelled.set()
                AtomicFile.stopAndRemovePending()
                FileHandle.standardError.write(
                    Data("\nหยุดแล้ว ไฟล์เดิมยังอยู่ครบ / interrupted: previous outputs are left as they were\n".utf8))
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
