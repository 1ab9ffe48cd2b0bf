import FlyingFox
import FlyingSocks
import Foundation
import ThaiReport

/// `thaireport preview`: serves one report on 127.0.0.1 while its data is edited. The page at
/// `/` shows the report's web page and a status bar, and reloads it (keeping the reader's place)
/// after each build, told by server-sent events at `/events`. Input errors replace the status
/// with their location and line; the last good page and PDF stay until the input is fixed.
/// Only the report's own files are served, looked up by exact path in the list the last build
/// made: nothing from a request reaches the file system.
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var dataFile: URL
        /// 0: any free port.
        public var port: UInt16
        public var templatesRoot: URL?
        public var fontsDirectory: URL
        public init(dataFile: URL, port: UInt16, templatesRoot: URL?, fontsDirectory: URL) {
            self.dataFile = dataFile
            self.port = port
            self.templatesRoot = templatesRoot
            self.fontsDirectory = fontsDirectory
        }
    }

    let options: Options
    let state = PreviewState()
    let output: URL
    let loop: BuildLoop
    let server: HTTPServer

    public init(_ options: Options) throws {
        self.options = options
        Self.removeLeftovers()
        output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(Self.folderPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        loop = try BuildLoop(
            PreviewBuilder(
                dataFile: options.dataFile, output: output, templatesRoot: options.templatesRoot,
                fontsDirectory: options.fontsDirectory))
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: options.port), logger: .disabled)
    }

    /// Builds, serves and rebuilds until `stop`; `ready` gets the address to open.
    public func run(ready: @Sendable @escaping (URL) -> Void) async throws {
        await addRoutes()
        loop.start(state: state)
        let serving = Task { try await server.run() }
        try await server.waitUntilListening()
        if case .ip4(_, let port) = await server.listeningAddress {
            ready(URL(string: "http://127.0.0.1:\(port)/")!)
        }
        try await serving.value
    }

    /// Stops building and serving and removes the preview's files.
    public func stop() async {
        loop.stop()
        await state.close()
        await server.stop(timeout: 1)
        try? FileManager.default.removeItem(at: output)
    }

    static let folderPrefix = "thaireport-preview-"

    /// Removes the folders of previews whose process is gone (stopped with `kill -9`).
    static func removeLeftovers() {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            guard let pid = Int32(name.dropFirst(folderPrefix.count).split(separator: "-").first ?? ""),
                pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    private func addRoutes() async {
        let state = self.state
        await server.appendRoute("GET /") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: Data(PreviewPage.html.utf8))
        }
        // The bundled fonts the page's status bar is set in, by name: nothing else.
        let fonts = options.fontsDirectory
        for name in ["Sarabun-Regular.ttf", "Sarabun-Bold.ttf"] {
            await server.appendRoute(HTTPRoute(method: .GET, path: "/fonts/" + name)) { _ in
                guard let data = FileManager.default.contents(atPath: fonts.appendingPathComponent(name).path) else {
                    return HTTPResponse(statusCode: .notFound)
                }
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "font/ttf"], body: data)
            }
        }
        await server.appendRoute("GET /status") { _ in
            let status = await state.status
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: (try? JSONEncoder().encode(status)) ?? Data("null".utf8))
        }
        await server.appendRoute("GET /events") { _ in
            HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: EventStream(state: state), suggestedBufferSize: 65536))
        }
        await server.appendRoute("GET /site/*") { request in
            guard let file = await state.files[request.path], let data = FileManager.default.contents(atPath: file.path)
            else { return HTTPResponse(statusCode: .notFound) }
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: Self.contentType(file.pathExtension), .cacheControl: "no-store"],
                body: data)
        }
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "html": return "text/html; charset=utf-8"
        case "pdf": return "application/pdf"
        case "css": return "text/css; charset=utf-8"
        case "ttf": return "font/ttf"
        case "woff2": return "font/woff2"
        case "svg": return "image/svg+xml"
        case "csv": return "text/csv; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

/// The build loop: builds at once, then again whenever an input file changes, on a thread of
/// its own (the builder keeps Pango and Cairo state that must stay on one thread). `stop` ends
/// it; the loop itself is the only user of the builder.
final class BuildLoop: @unchecked Sendable {
    // `builder` and `watcher` are used by the loop's thread only; `stopped` is behind `lock`.
    private let builder: PreviewBuilder
    private var watcher = InputWatcher()
    private let lock = NSLock()
    private var stopped = false
    private var started = false
    /// Signalled when the loop's thread has left the loop (no build is writing any more).
    private let ended = DispatchSemaphore(value: 0)

    init(_ builder: PreviewBuilder) { self.builder = builder }

    func start(state: PreviewState) {
        lock.withLock { started = true }
        let thread = Thread { [self] in run(state: state) }
        thread.name = "thaireport.preview.build"
        thread.start()
    }

    /// Ends the loop and waits (a minute at most) for a build under way to finish, so nothing
    /// writes into the preview's folder after it is removed.
    func stop() {
        let running = lock.withLock {
            stopped = true
            return started
        }
        if running { _ = ended.wait(timeout: .now() + 60) }
    }
    private var isStopped: Bool { lock.withLock { stopped } }

    private func run(state: PreviewState) {
        defer { ended.signal() }
        var status: PreviewStatus? = nil
        while !isStopped {
            let built = builder.build(after: status)
            status = built
            watcher.watch(builder.inputs)
            let files = built.ok ? siteFiles() : nil
            let done = DispatchSemaphore(value: 0)
            Task {
                await state.publish(built, files: files)
                done.signal()
            }
            done.wait()
            while !isStopped, !watcher.changed() { usleep(50_000) }
            watcher.settle()
        }
    }

    /// Every file of the preview's site, by the path it is served at.
    private func siteFiles() -> [String: URL] {
        let root = builder.site.root.standardizedFileURL
        var files: [String: URL] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.path.count)
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            files["/site" + relative] = url
        }
        return files
    }
}
