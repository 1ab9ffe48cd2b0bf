import Foundation
import ReportInput
import ReportModel
import TestSupport
import Testing

/// The sample site in headless Chromium (Tests/Tools/site_browser.py: Playwright for Python
/// driving the system Chromium), served from a loopback web server as a reader gets it.
/// Screenshots at every width are kept in the folder the test prints (or in
/// `$THAIREPORT_SCREENSHOTS`).
@Suite(.serialized) struct SiteBrowserTests {
    static let widths = [320, 390, 768, 1280]
    /// Widths only checked for overflow.
    static let moreWidths = [480, 600, 700, 800, 900, 1024, 1100, 1440, 1920]

    struct Seen: Decodable {
        struct Response: Decodable {
            let url: String
            let status: Int
            let bytes: Int
            let gzipped: Int
        }
        struct Overflow: Decodable {
            let width: Int
            let scrollWidth: Int
            let found: [String]
            let count: Int
        }
        struct Font: Decodable {
            let family: String
            let weight: String
            let status: String
        }
        struct Item: Decodable {
            let code: String
            let statuses: [String]
            let visible: Bool
            let title: String
        }
        struct Lines: Decodable {
            let text: String
            let wbr: [Int]
            let breaks: [Int]
        }
        struct AtWidth: Decodable {
            let overflow: Overflow
            let fonts: [Font]
            let checklist: [Item]
            let console: [String]
            let lines: [Lines]
        }
        struct Paragraph: Decodable {
            let innerText: String
            let selected: String
        }
        struct Violation: Decodable {
            let id: String
            let impact: String?
            let nodes: [[String]]
        }
        let responses: [Response]
        let widths: [String: AtWidth]
        let screenshots: [String]
        let paragraphs: [Paragraph]
        let axe: [Violation]?
        let axe_dark: [Violation]?
        let dark_background: String
        struct Sticky: Decodable {
            let headTop: Double
            let tableTop: Double
        }
        let sticky: Sticky?
        let more_widths: [String: Overflow]
    }

    /// The sample site, built once, and what Chromium saw of a page of it.
    static let site = SiteTests.Site()
    static let shots: URL = {
        let folder =
            ProcessInfo.processInfo.environment["THAIREPORT_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-screenshots")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    static func look(at page: String, widths: [Int], more: [Int] = [], shots: String) throws -> Seen {
        let script = Repo.root.appendingPathComponent("Tests/Tools/site_browser.py").path
        let folder = Self.shots.appendingPathComponent(shots)
        let result = try runProcess(
            Tools.python,
            [script, site.root.path, page, folder.path, widths.map(String.init).joined(separator: ",")]
                + (more.isEmpty ? [] : [more.map(String.init).joined(separator: ",")]))
        guard result.status == 0 else {
            Issue.record("site_browser.py failed: \(result.stderr.suffix(2000))")
            throw CancellationError()
        }
        print("screenshots of \(page): \(folder.path)")
        return try JSONDecoder().decode(Seen.self, from: Data(result.stdout.utf8))
    }

    static let report: Seen? = try? look(
        at: "2564/singburi-pao/index.html", widths: widths, more: moreWidths, shots: "singburi-pao")

    @Test func nothingOverflowsAtAnyWidth() throws {
        let seen = try #require(Self.report)
        for width in Self.widths {
            let at = try #require(seen.widths[String(width)])
            #expect(at.overflow.width == width)
            #expect(
                at.overflow.scrollWidth <= width, "\(width) px: the page scrolls sideways (\(at.overflow.scrollWidth))")
            #expect(at.overflow.count == 0, "\(width) px: \(at.overflow.found.prefix(8))")
            #expect(at.console.isEmpty, "\(width) px: \(at.console)")
        }
        #expect(seen.screenshots.count == Self.widths.count + 1)
        for shot in seen.screenshots {
            let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(shot)")
        }
    }

    /// At 390 px every OIT item shows its code, its title and both statuses, in words, on
    /// screen without scrolling sideways.
    @Test func everyOITItemWithItsStatusesOnAPhone() throws {
        let seen = try #require(Self.report)
        let items = try #require(seen.widths["390"]).checklist
        #expect(items.map(\.code) == (1...43).map { "O\($0)" })
        for item in items {
            #expect(item.visible, "\(item.code) not fully on screen")
            #expect(!item.title.isEmpty, "\(item.code) has no visible title")
            #expect(item.statuses == ["มีข้อมูล", "เผยแพร่แล้ว"], "\(item.code): \(item.statuses)")
        }
    }

    /// A report with items not yet published shows the "no" in words with its reason.
    @Test func noIsWrittenOutWithItsReason() throws {
        let seen = try Self.look(at: "2564/ban-suan-sample/index.html", widths: [390], shots: "ban-suan-sample")
        let items = try #require(seen.widths["390"]).checklist
        let o12 = try #require(items.first { $0.code == "O12" })
        #expect(o12.visible)
        #expect(o12.statuses == ["ไม่มีข้อมูล", "ยังไม่เผยแพร่"])
        let o20 = try #require(items.first { $0.code == "O20" })
        #expect(o20.statuses == ["มีข้อมูล", "ยังไม่เผยแพร่"])
        #expect(try #require(seen.widths["390"]).overflow.count == 0)
    }

    /// The year page fits a phone and a desktop, loads its own fonts and passes axe.
    @Test func yearPageFitsAndPassesAxe() throws {
        let seen = try Self.look(at: "2564/index.html", widths: [320, 1280], shots: "year")
        for (width, at) in seen.widths {
            #expect(at.overflow.count == 0, "\(width) px: \(at.overflow.found.prefix(6))")
            #expect(at.fonts.contains { $0.family == "Sarabun" && $0.status == "loaded" })
        }
        #expect(seen.responses.allSatisfy { $0.status == 200 }, "\(seen.responses.map { "\($0.status) \($0.url)" })")
        #expect(try #require(seen.axe).isEmpty && (try #require(seen.axe_dark)).isEmpty)
    }

    @Test func fontsLoadAndNothingIsMissing() throws {
        let seen = try #require(Self.report)
        for (width, at) in seen.widths {
            let loaded = Set(at.fonts.filter { $0.status == "loaded" }.map { "\($0.family) \($0.weight)" })
            for face in ["Sarabun 400", "Sarabun 700", "ThaiReport Symbols normal"] {
                #expect(loaded.contains(face), "\(width) px: \(face) not loaded: \(at.fonts)")
            }
        }
        let failed = seen.responses.filter { $0.status >= 400 }
        #expect(failed.isEmpty, "\(failed.map { "\($0.status) \($0.url)" })")
        #expect(seen.responses.contains { $0.url.hasSuffix("favicon.svg") && $0.status == 200 })
    }

    /// Everything the page loads: at most 150 KB as stored, 60 KB gzipped.
    @Test func pageWeightIsWithinTheGoal() throws {
        let seen = try #require(Self.report)
        let bytes = seen.responses.reduce(0) { $0 + $1.bytes }
        let gzipped = seen.responses.reduce(0) { $0 + $1.gzipped }
        print("page weight: \(bytes) bytes, \(gzipped) gzipped, \(seen.responses.count) files")
        #expect(seen.responses.count <= 6, "\(seen.responses.map(\.url))")
        #expect(
            bytes <= 150 * 1024,
            "\(bytes) bytes: \(seen.responses.map { "\($0.url.split(separator: "/").last!) \($0.bytes)" })")
        #expect(gzipped <= 60 * 1024, "\(gzipped) bytes gzipped")
    }

    @Test func axeFindsNoViolationInLightOrDark() throws {
        let seen = try #require(Self.report)
        let light = try #require(seen.axe, "axe-core is not installed (scripts/install-deps)")
        #expect(light.isEmpty, "\(light.map { "\($0.id) \($0.nodes)" })")
        #expect(try #require(seen.axe_dark).isEmpty, "\(seen.axe_dark!.map { "\($0.id) \($0.nodes)" })")
        #expect(seen.dark_background != "rgb(255, 255, 255)", "no dark mode")
    }

    /// Lines break only where the page marks a break (a `<wbr>` from the PDF's breaker, a `<br>`)
    /// or after a space: never inside a compound of the template's lexicon (but at the edge of
    /// an overlapping one, where no break keeps both whole, as in the PDF), never inside a
    /// syllable (before a following vowel or mark, after a leading vowel, before ๆ). Line boxes
    /// are read per character through the DOM range API.
    @Test func linesBreakOnlyWhereThePDFMay() throws {
        let seen = try #require(Self.report)
        let lexicon = try String(
            contentsOf: Repo.root.appendingPathComponent("Templates/ita-2564/lexicon.txt"), encoding: .utf8
        )
        .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty && !$0.hasPrefix("#")
        }
        #expect(lexicon.count > 50)
        func isFollowing(_ v: UInt16) -> Bool {
            (0x0E30...0x0E3A).contains(v) || v == 0x0E45 || v == 0x0E46 || (0x0E47...0x0E4E).contains(v)
        }
        var checked = 0
        for (width, at) in seen.widths {
            #expect(!at.lines.isEmpty)
            for block in at.lines {
                let units = Array(block.text.utf16)
                let wbr = Set(block.wbr)
                var compounds: [Range<Int>] = []
                for word in lexicon {
                    let w = Array(word.utf16)
                    guard w.count <= units.count else { continue }
                    for start in 0...(units.count - w.count) where units[start..<(start + w.count)].elementsEqual(w) {
                        compounds.append(start..<(start + w.count))
                    }
                }
                for at in block.breaks where at > 0 && at < units.count {
                    checked += 1
                    let afterSpace = Character(Unicode.Scalar(units[at - 1]) ?? " ").isWhitespace
                    #expect(afterSpace || wbr.contains(at), "\(width) px: unmarked break \(describe(units, at))")
                    let atAnEdge = compounds.contains { $0.lowerBound == at || $0.upperBound == at }
                    #expect(
                        atAnEdge || !compounds.contains { $0.lowerBound < at && at < $0.upperBound },
                        "\(width) px: break inside a compound \(describe(units, at))")
                    #expect(
                        !isFollowing(units[at]) && !(0x0E40...0x0E44).contains(units[at - 1]),
                        "\(width) px: break inside a syllable \(describe(units, at))")
                }
            }
        }
        #expect(checked > 500, "only \(checked) line breaks seen")
    }

    func describe(_ units: [UInt16], _ at: Int) -> String {
        let before = String(decoding: units[max(0, at - 12)..<at], as: UTF16.self)
        let after = String(decoding: units[at..<min(units.count, at + 12)], as: UTF16.self)
        return "\(before)|\(after)"
    }

    /// The header row stays at the top of the window while a long table scrolls by (desktop),
    /// and no width from 320 to 1920 px makes anything stick out.
    @Test func stickyHeaderAndEveryWidth() throws {
        let seen = try #require(Self.report)
        let sticky = try #require(seen.sticky)
        #expect(sticky.tableTop < -1000, "the table was not scrolled: \(sticky)")
        #expect(abs(sticky.headTop) < 1, "the header row left the window: \(sticky)")
        #expect(seen.more_widths.count == Self.moreWidths.count)
        for (width, overflow) in seen.more_widths {
            #expect(overflow.scrollWidth <= Int(width)!, "\(width) px scrolls sideways")
            #expect(overflow.count == 0, "\(width) px: \(overflow.found.prefix(6))")
        }
    }

    /// What a reader copies (the selection's text) and what scripts read (`innerText`) is the
    /// source text of each paragraph, with no character the page added.
    @Test func copiedTextIsTheSourceText() throws {
        let seen = try #require(Self.report)
        let report = try ReportLoader.load(dataFile: Repo.sample).report
        let source =
            report.preface!.paragraphs
            + report.allSections.flatMap { $0.blocks.compactMap { if case .paragraph(let t) = $0 { t } else { nil } } }
        #expect(seen.paragraphs.map(\.innerText) == source)
        #expect(seen.paragraphs.map(\.selected) == source)
    }
}
