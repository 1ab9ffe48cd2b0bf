import FontSystem
import Foundation
import PageIR
import ReportInput
import TestSupport
import Testing

@testable import ThaiReport

/// The PDF drawn on a thread of its own while layout goes on (`PipelinedSink`): the same
/// pages in the same order, the same bytes, and a failure of the drawing side thrown to the
/// layout side.
@Suite struct PipelinedSinkTests {
    static func page(_ n: Int) -> Page {
        Page(width: 595, height: 842, label: "\(n)", items: [])
    }

    @Test func pagesArriveInOrderAndFinishComesLast() throws {
        let collector = PageCollector()
        let pipe = PipelinedSink(collector)
        for n in 1...(3 * PipelinedSink.capacity) {
            try pipe.preview(Self.page(-n), fonts: [])
            try pipe.add(Self.page(n), fonts: [FontRef(path: "f\(n)", faceIndex: 0, size: 10)])
        }
        try pipe.finish(
            outline: [], metadata: DocumentMetadata(title: "t", author: "a", subject: "s", date: "2021-03-01"))
        #expect(collector.pages.map(\.label) == (1...(3 * PipelinedSink.capacity)).map { "\($0)" })
        #expect(collector.fonts.last?.path == "f\(3 * PipelinedSink.capacity)")
        #expect(collector.document?.pages.count == 3 * PipelinedSink.capacity)
    }

    /// A sink that fails at its fifth page, as a full disk would.
    final class FailingSink: PageSink, @unchecked Sendable {
        var added = 0
        struct Full: Error {}
        func add(_ page: Page, fonts: [FontRef]) throws {
            added += 1
            if added == 5 { throw Full() }
        }
        func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
            Issue.record("finish after a failure")
        }
    }

    @Test func theDrawingSidesFailureIsThrownAndStopsTheRest() throws {
        let sink = FailingSink()
        let pipe = PipelinedSink(sink)
        var thrown = false
        do {
            for n in 1...100 { try pipe.add(Self.page(n), fonts: []) }
            try pipe.finish(
                outline: [], metadata: DocumentMetadata(title: "", author: "", subject: "", date: "2021-03-01"))
        } catch is FailingSink.Full {
            thrown = true
        }
        pipe.wait()
        #expect(thrown)
        #expect(sink.added == 5)
    }

    /// The sample's PDF drawn beside layout and drawn in line: the same bytes.
    @Test func drawnBesideLayoutOrInLineTheSamePDF() throws {
        let builder = ReportBuilder(fonts: try FontSystem(directory: Repo.fonts))
        let loaded = try ReportBuilder.load(Repo.sample)
        var bytes: [Data] = []
        for beside in [true, false, true] {
            let out = ScratchDirectory()
            builder.drawsInBackground = beside
            try builder.write(loaded.report, options: BuildOptions(outputDirectory: out.url, formats: [.pdf]))
            bytes.append(try Data(contentsOf: out.url.appendingPathComponent("2564/singburi-pao.pdf")))
        }
        #expect(bytes[0].count > 10_000)
        #expect(bytes[0] == bytes[1])
        #expect(bytes[0] == bytes[2])
    }
}
