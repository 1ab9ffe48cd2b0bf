import ReportModel
import SiteLayout

/// `<!DOCTYPE html>` to `<body>`: title, description, the site's icon and stylesheet, the
/// page's own fonts and styles, and the metadata link previews (Open Graph) and catalogues
/// (Dublin Core terms) read. Every value is escaped here.
struct PageHead {
    var title: String
    var description: String
    var place: SiteLayout.Place
    var year: Int
    /// Where the page's fonts are: the report's own folder or the year's assets.
    var fonts: [SiteLayout.FontFace: SiteLayout.Place]
    var siteURL: String?
    /// `og:site_name` and `dcterms.publisher`.
    var siteName: String
    /// Extra `<meta>` pairs: (`name` or `property` attribute, its value, content), in order.
    var metadata: [(attribute: String, key: String, content: String)] = []
    /// The page's own rules (table labels).
    var style: String = ""
    var bodyClass: String?

    func render() -> String {
        let escape = HTMLWriter.escape
        var html = """
            <!DOCTYPE html>
            <html lang="th">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <meta name="description" content="\(escape(description))">
            <meta name="color-scheme" content="light dark">

            """
        if let canonical = canonicalURL {
            html += "<link rel=\"canonical\" href=\"\(escape(canonical))\">\n"
        }
        html +=
            "<link rel=\"icon\" href=\"\(HTMLWriter.escapeURL(SiteLayout.link(from: place, to: .favicon(year: year))))\" type=\"image/svg+xml\">\n"
        html +=
            "<link rel=\"stylesheet\" href=\"\(HTMLWriter.escapeURL(SiteLayout.link(from: place, to: .stylesheet(year: year))))\">\n"
        html += "<style>\n" + fontFaces + (style.isEmpty ? "" : "\n" + style) + "\n</style>\n"
        var pairs: [(String, String, String)] = [
            ("property", "og:type", "article"), ("property", "og:title", title),
            ("property", "og:description", description), ("property", "og:locale", "th_TH"),
            ("property", "og:site_name", siteName),
        ]
        if let canonical = canonicalURL { pairs.append(("property", "og:url", canonical)) }
        pairs += metadata.map { ($0.attribute, $0.key, $0.content) }
        for (attribute, key, content) in pairs {
            html += "<meta \(attribute)=\"\(escape(key))\" content=\"\(escape(content))\">\n"
        }
        html += "</head>\n<body\(bodyClass.map { " class=\"\($0)\"" } ?? "")>\n"
        return html
    }

    /// The page's address under `siteURL`: the site's address with the page's folder.
    var canonicalURL: String? {
        guard let siteURL else { return nil }
        return (siteURL.hasSuffix("/") ? siteURL : siteURL + "/") + place.webPath
    }

    /// The bundled faces as WOFF2, shown at once in a fallback and swapped in when loaded; the
    /// symbols face only for ✓ and ○, which Sarabun lacks.
    var fontFaces: String {
        var rules: [String] = []
        for face in SiteLayout.FontFace.allCases {
            guard let file = fonts[face] else { continue }
            let url = "\"" + HTMLWriter.percentEncoded(SiteLayout.link(from: place, to: file)) + "\""
            switch face {
            case .regular, .bold:
                rules.append(
                    "@font-face{font-family:Sarabun;src:url(\(url)) format(\"woff2\");font-weight:\(face == .bold ? 700 : 400);font-display:swap}"
                )
            case .symbols:
                rules.append(
                    "@font-face{font-family:\"ThaiReport Symbols\";src:url(\(url)) format(\"woff2\");unicode-range:U+2713,U+25CB;font-display:swap}"
                )
            }
        }
        return rules.joined(separator: "\n")
    }
}
