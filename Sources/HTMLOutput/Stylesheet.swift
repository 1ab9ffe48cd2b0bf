import Foundation

/// The site's one stylesheet: bundled Sarabun (each page declares its own subset of it), a
/// fallback face shown while it loads, phone-first tables, dark mode and a print layout.
/// The page never scrolls sideways: tables fit their width (fixed layout, the template's
/// column widths) and stack into blocks where their columns would be too narrow.
enum Stylesheet {
    /// Below this width tables of up to five columns stack (the measures tables).
    static let narrowStack = "50em"
    /// Below this width wider tables stack (the OIT checklist, eight columns).
    static let wideStack = "66em"
    /// Every character the stylesheet draws itself (`content`, list markers): the page's fonts
    /// must hold them.
    static let generatedText = "✓ –○›"

    /// `css` without comments and indentation: what the site serves. Made once per process
    /// (every report of a batch writes it, or checks that it is written).
    static let minified: String = {
        var text = css
        while let start = text.range(of: "/*"), let end = text.range(of: "*/", range: start.upperBound..<text.endIndex)
        {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // Outside strings, no space is needed after `:` `;` `,` `{` or before `{` `}`.
        var out = ""
        var quoted = false
        for character in lines.joined(separator: "\n") {
            if character == "\"" { quoted.toggle() }
            if !quoted, character == " ", let last = out.last, ":;,{".contains(last) { continue }
            if !quoted, "{}".contains(character), out.last == " " { out.removeLast() }
            out.append(character)
        }
        return out + "\n"
    }()

    static var css: String {
        """
        /* While the page's Sarabun loads, text is shown at once (font-display: swap) in Sarabun
           installed on the reader's machine if any, else in a Thai system face of similar
           proportions. Line heights are fixed, so the swap does not move lines apart. */
        @font-face { font-family: "Sarabun fallback"; src: local("Sarabun"), local("Sarabun-Regular"), local("Noto Sans Thai"), local("NotoSansThai-Regular"), local("Leelawadee UI"), local("Thonburi"), local("Tahoma"); }
        :root { --fg: #111; --bg: #fff; --muted: #555; --line: #767676; --head: #ebebeb; --group: #f3f3f3; --link: #0645ad; --yes: #0a6b2d; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e8e8e8; --bg: #161616; --muted: #b8b8b8; --line: #8c8c8c; --head: #2d2d2d; --group: #222; --link: #9cc2ff; --yes: #7fd893; } }
        *, *::before, *::after { box-sizing: border-box; }
        html { font-family: "Sarabun", "ThaiReport Symbols", "Sarabun fallback", sans-serif; font-size: 17px; line-height: 1.7; color: var(--fg); background: var(--bg); }
        body { margin: 0 auto; max-width: 62rem; padding: 1rem; }
        /* Pages that mark the PDF's break opportunities (<wbr>) break only there: browsers' own
           Thai dictionaries split compounds and even syllables. */
        body.breaks { white-space: nowrap; }
        body.breaks wbr { white-space: normal; }
        a { color: var(--link); }
        h1, h2, h3, h4 { line-height: 1.4; }
        .breadcrumb ol { list-style: none; padding: 0; margin: 0 0 1rem; font-size: 0.9rem; text-align: start; }
        .breadcrumb li { display: inline; }
        .breadcrumb li + li::before { content: " › "; }
        .cover { text-align: center; padding: 0.5rem 0 1rem; border-bottom: 1px solid var(--line); }
        .cover h1 { font-size: 1.7rem; margin: 0 0 1rem; }
        .cover p { margin: 0.2rem 0; }
        .published { color: var(--muted); }
        .downloads { list-style: none; padding: 0; margin: 0.8rem 0 0; }
        .downloads li { margin: 0.4rem 0; }
        .downloads a { display: inline-block; padding: 0.35rem 0.9rem; border: 1px solid var(--link); border-radius: 0.3rem; text-decoration: none; }
        .file { color: var(--muted); }
        .preface h2, .contents h2 { text-align: center; }
        /* Browsers justify Thai by widening spaces only, which leaves holes: keep web text ragged. */
        p.text { text-indent: 2.5em; text-align: start; }
        .signature { text-align: center; margin: 1.5rem 0 1.5rem auto; width: min(100%, 24rem); }
        .contents ol { list-style: none; padding-left: 0; }
        .contents ol ol { padding-left: 1.5em; }
        .contents li { margin: 0.2rem 0; }
        .report-title { text-align: center; font-size: 1.15rem; margin: 2.5rem 0 1rem; }
        h2 { font-size: 1.2rem; } h3 { font-size: 1.1rem; } h4 { font-size: 1rem; }
        table { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed; font-size: 0.9rem; line-height: 1.55; margin: 0.8rem 0 1.5rem; border-top: 1px solid var(--line); border-left: 1px solid var(--line); }
        caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        th, td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
        /* The header row stays in view while its table scrolls by. */
        thead { position: sticky; top: 0; z-index: 1; }
        thead th { text-align: center; vertical-align: middle; background: var(--head); }
        /* Eight columns: headers a little smaller, so their longest words fit. */
        table.stack-l { font-size: 0.85rem; }
        table.stack-l th, table.stack-l td { padding: 0.3rem; }
        tbody th[scope="row"] { font-weight: 400; }
        tr.group th { background: var(--group); }
        td.center { text-align: center; }
        td.right { text-align: right; }
        td p { margin: 0 0 0.3rem; }
        td p:last-child { margin-bottom: 0; }
        td ul { margin: 0; padding-left: 1.3rem; list-style: "○ "; }
        tr.total td { font-weight: 700; }
        ul.marked { list-style: none; padding-left: 2.5em; }
        ul.marked .mark { display: inline-block; min-width: 2em; margin-left: -2.5em; text-align: right; }
        figure { margin: 1.5em 0; text-align: center; }
        figure img { max-width: 100%; height: auto; }
        .note { font-size: 0.95em; }
        td.yes::before { content: "✓ "; color: var(--yes); }
        /* No blank cell: an empty one (no reason needed, no step) shows a dash. */
        td:empty::before { content: "–"; }
        .reports { list-style: none; padding: 0; }
        .reports li { border-bottom: 1px solid var(--line); padding: 0.5rem 0; }
        .reports h2 { margin: 0.3rem 0; }
        .reports p { margin: 0.2rem 0; }
        footer { margin-top: 2rem; border-top: 1px solid var(--line); font-size: 0.9rem; color: var(--muted); }
        @media screen and (max-width: 37.5em) { html { font-size: 16px; } body { padding: 0.7rem; } p.text { text-indent: 1.5em; } .cover h1 { font-size: 1.45rem; } }
        \(stacked("stack-m", below: narrowStack))
        \(stacked("stack-l", below: wideStack))
        @media print {
          @page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
          :root { --fg: #000; --bg: #fff; --muted: #333; --line: #555; --head: #e6e6e6; --group: #f3f3f3; --link: #000; --yes: #000; }
          html { font-size: 12pt; } body { max-width: none; padding: 0; }
          .breadcrumb, .downloads, footer { display: none; }
          thead { position: static; display: table-header-group; } tr { break-inside: avoid; }
          h1, h2, h3, h4 { break-after: avoid; break-inside: avoid; }
          h1 + *, h2 + *, h3 + *, h4 + * { break-before: avoid; }
          p { orphans: 2; widows: 2; }
          a { color: inherit; text-decoration: none; }
          .contents, .preface { break-after: page; }
        }
        """
    }

    /// The phone layout of the tables of `table`: every row a block, each cell under the label
    /// the page's style gives its column, the row's heading cells (number and measure, code
    /// and title) first on one line, statuses as words, empty reasons left out.
    static func stacked(_ table: String, below width: String) -> String {
        let t = "table.\(table)"
        return """
            @media screen and (max-width: \(width)) {
              \(t), \(t) > tbody, \(t) tr, \(t) td, \(t) th { display: block; width: auto; }
              \(t) { border: 0; }
              \(t) > colgroup, \(t) > thead { display: none; }
              \(t) tr { border: 1px solid var(--line); border-top: 0; padding: 0.25rem 0.6rem; }
              \(t) > tbody:first-of-type > tr:first-child { border-top: 1px solid var(--line); }
              \(t) tr.first { border-top: 1px solid var(--line); margin-top: 0.6rem; }
              \(t) td, \(t) th { border: 0; padding: 0.15rem 0; text-align: left; }
              \(t) tr.group { background: var(--group); margin-top: 0.6rem; border-top: 1px solid var(--line); }
              \(t) tr.first > td:nth-child(-n+2), \(t) th[scope="row"], \(t) th[scope="row"] + td { display: inline; padding-right: 0.4em; }
              \(t) td::before { display: block; font-size: 0.85em; color: var(--muted); }
              \(t) td.yes::before { display: inline; color: var(--yes); font-size: 1em; }
              \(t) td:empty { display: none; }
            }
            """
    }
}
