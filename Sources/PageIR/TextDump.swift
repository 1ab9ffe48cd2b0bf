/// A stable, readable dump of laid-out pages for tests: one line per text run or rule,
/// rounded to tenths of a point.
public enum TextDump {
    public static func dump(_ document: LaidOutDocument) -> String {
        var out = ""
        for (index, page) in document.pages.enumerated() {
            out += "page \(index + 1) [\(page.label)]\n"
            for item in page.items {
                switch item {
                case .text(let run):
                    out += "  text \(fmt(run.x)),\(fmt(run.y)) w\(fmt(run.width)) f\(run.font) \"\(run.text)\"\n"
                case .rule(let rule):
                    out += "  rule \(fmt(rule.x0)),\(fmt(rule.y0)) -> \(fmt(rule.x1)),\(fmt(rule.y1))\n"
                case .box(let box):
                    out += "  box \(fmt(box.x)),\(fmt(box.y)) \(fmt(box.width))x\(fmt(box.height)) gray \(fmt(box.gray))\n"
                case .image(let image):
                    out += "  image \(fmt(image.x)),\(fmt(image.y)) \(fmt(image.width))x\(fmt(image.height))\n"
                case .link(let link):
                    out += "  link \(fmt(link.x)),\(fmt(link.y)) -> page \(link.targetPage + 1)\n"
                }
            }
        }
        return out
    }

    /// The text of one page, runs joined in order, lines split where the baseline changes.
    public static func pageText(_ page: Page) -> String {
        var lines: [String] = []
        var lastY: Double? = nil
        for case .text(let run) in page.items {
            if let lastY, abs(lastY - run.y) < 0.5 { lines[lines.count - 1] += run.text } else { lines.append(run.text) }
            lastY = run.y
        }
        return lines.joined(separator: "\n")
    }

    static func fmt(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let sign = tenths < 0 ? "-" : ""
        let magnitude = Int(abs(tenths))
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
