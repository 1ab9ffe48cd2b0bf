/// A stable, readable dump of laid-out pages for golden tests: the font table, then one line
/// per item of each page (structure indented under its `begin`), then the outline. Positions
/// are rounded to tenths of a point, fonts named by file name, so a dump holds no machine path.
public enum TextDump {
    public static func dump(_ document: LaidOutDocument) -> String {
        var out = fonts(document.fonts)
        for (index, page) in document.pages.enumerated() { out += self.page(page, number: index + 1) }
        out += outline(document.outline)
        return out
    }

    static func fonts(_ fonts: [FontRef]) -> String {
        fonts.enumerated().map {
            "font \($0.offset) \($0.element.fileName)#\($0.element.faceIndex) \(fmt($0.element.size))\n"
        }
        .joined()
    }

    static func page(_ page: Page, number: Int) -> String {
        var out = "page \(number) [\(page.label)] \(fmt(page.width))x\(fmt(page.height))\n"
        var depth = 1
        for item in page.items {
            if case .end = item { depth = max(depth - 1, 1) }
            out += String(repeating: "  ", count: depth) + line(item) + "\n"
            if case .begin = item { depth += 1 }
        }
        return out
    }

    static func line(_ item: PageItem) -> String {
        switch item {
        case .text(let run):
            return "text \(fmt(run.x)),\(fmt(run.y)) w\(fmt(run.width)) f\(run.font) \"\(run.text)\""
        case .rule(let rule):
            return "rule \(fmt(rule.x0)),\(fmt(rule.y0)) -> \(fmt(rule.x1)),\(fmt(rule.y1)) w\(fmt(rule.width))"
        case .box(let box):
            return "box \(fmt(box.x)),\(fmt(box.y)) \(fmt(box.width))x\(fmt(box.height)) gray \(fmt(box.gray))"
        case .image(let image):
            return "image \(fmt(image.x)),\(fmt(image.y)) \(fmt(image.width))x\(fmt(image.height))"
        case .link(let link):
            return
                "link \(fmt(link.x)),\(fmt(link.y)) \(fmt(link.width))x\(fmt(link.height)) -> page \(link.targetPage + 1) "
                + "y \(fmt(link.targetY))"
        case .begin(let structure):
            return "begin \(role(structure.role)) #\(structure.id)"
        case .end:
            return "end"
        }
    }

    static func role(_ role: Structure.Role) -> String {
        switch role {
        case .heading(let level): return "heading \(level)"
        case .paragraph: return "paragraph"
        case .table: return "table"
        case .headerRow(let repeated): return repeated ? "header-row repeated" : "header-row"
        case .row(let index, let isGroup): return isGroup ? "group-row \(index)" : "row \(index)"
        case .cell(let column, let span, let rows):
            return "cell \(column)" + (span > 1 ? " span \(span)" : "") + (rows > 1 ? " rows \(rows)" : "")
        case .figure(let alt): return "figure \"\(alt)\""
        case .contentsEntry: return "contents-entry"
        case .list: return "list"
        case .listItem: return "list-item"
        case .listLabel: return "list-label"
        case .listBody: return "list-body"
        case .artifact: return "artifact"
        }
    }

    static func outline(_ outline: [OutlineEntry]) -> String {
        outline.map { "outline \($0.level) \"\($0.title)\" -> page \($0.pageIndex + 1) y \(fmt($0.y))\n" }.joined()
    }

    /// The text of one page, runs joined in order, lines split where the baseline changes.
    public static func pageText(_ page: Page) -> String {
        var lines: [String] = []
        var lastY: Double? = nil
        for case .text(let run) in page.items {
            if let lastY, abs(lastY - run.y) < 0.5 {
                lines[lines.count - 1] += run.text
            } else {
                lines.append(run.text)
            }
            lastY = run.y
        }
        return lines.joined(separator: "\n")
    }

    public static func fmt(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let sign = tenths < 0 ? "-" : ""
        let magnitude = Int(abs(tenths))
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}

/// The text dump as a page sink: pages are dumped as they arrive; `text` is complete (with the
/// final font table first) after `finish`. The same text as `TextDump.dump` of the document.
public final class TextDumpSink: PageSink {
    public private(set) var text = ""
    private var pages = ""
    private var fonts: [FontRef] = []
    private var pageCount = 0

    public init() {}

    public func add(_ page: Page, fonts: [FontRef]) throws {
        pageCount += 1
        self.fonts = fonts
        pages += TextDump.page(page, number: pageCount)
    }

    public func finish(outline: [OutlineEntry], metadata: DocumentMetadata) throws {
        text = TextDump.fonts(fonts) + pages + TextDump.outline(outline)
    }
}
