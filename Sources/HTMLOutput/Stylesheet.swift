/// The site's one stylesheet: bundled Sarabun, readable from 390 px phones to desktops, and a
/// print layout. Wide tables scroll inside their own container; the page never scrolls sideways.
enum Stylesheet {
    static let css = """
        @font-face { font-family: "Sarabun"; src: url("Sarabun-Regular.ttf") format("truetype"); font-weight: 400; font-display: swap; }
        @font-face { font-family: "Sarabun"; src: url("Sarabun-Bold.ttf") format("truetype"); font-weight: 700; font-display: swap; }
        @font-face { font-family: "ThaiReport Symbols"; src: url("DejaVuSans.ttf") format("truetype"); unicode-range: U+2713, U+25CB; }
        *, *::before, *::after { box-sizing: border-box; }
        html { font-family: "Sarabun", "ThaiReport Symbols", sans-serif; font-size: 17px; line-height: 1.7; color: #111; background: #fff; }
        body { margin: 0 auto; max-width: 62rem; padding: 1rem; overflow-wrap: anywhere; }
        a { color: #0645ad; }
        h1, h2, h3, h4 { line-height: 1.4; }
        .cover { text-align: center; padding: 2rem 0 1rem; border-bottom: 1px solid #ccc; }
        .cover h1 { font-size: 1.7rem; margin: 0 0 1rem; }
        .agency, .address, .fiscal-year { font-weight: 700; margin: 0.2rem 0; }
        .download a { display: inline-block; margin-top: 0.8rem; padding: 0.4rem 1rem; border: 1px solid #0645ad; border-radius: 0.3rem; text-decoration: none; }
        .preface h2, .contents h2 { text-align: center; }
        /* Browsers justify Thai by widening spaces only, which leaves holes: keep web text ragged. */
        p.text { text-indent: 2.5em; text-align: start; }
        .signature { text-align: center; margin: 1.5rem 0 1.5rem auto; width: min(100%, 24rem); }
        .contents ol { list-style: none; padding-left: 0; }
        .contents ol ol { padding-left: 1.5em; }
        .contents li { margin: 0.2rem 0; }
        .report-title { text-align: center; font-weight: 700; font-size: 1.15rem; margin: 2.5rem 0 1rem; }
        h2 { font-size: 1.2rem; } h3 { font-size: 1.1rem; } h4 { font-size: 1rem; }
        .table-scroll { overflow-x: auto; max-width: 100%; margin: 0.8rem 0 1.5rem; }
        .table-scroll:focus { outline: 2px solid #0645ad; }
        table { border-collapse: collapse; width: 100%; min-width: 44rem; font-size: 0.9rem; line-height: 1.55; overflow-wrap: normal; }
        table.checklist tbody th[scope="row"], td.center { white-space: nowrap; }
        table.year td, table.year tbody th { overflow-wrap: anywhere; }
        table.year { min-width: 0; }
        caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        th, td { border: 1px solid #555; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
        thead th { text-align: center; vertical-align: middle; background: #ebebeb; }
        tbody th[scope="row"] { font-weight: 400; }
        tr.group th { background: #f5f5f5; }
        td.center { text-align: center; }
        td.right { text-align: right; }
        td p, th p { margin: 0 0 0.3rem; }
        td ul { margin: 0; padding-left: 1.3rem; list-style: "○ "; }
        .check { font-size: 1.1em; }
        tr.total td { font-weight: 700; }
        ul.marked { list-style: none; padding-left: 2.5em; }
        ul.marked .mark { display: inline-block; min-width: 2em; margin-left: -2.5em; text-align: right; }
        figure { margin: 1.5em 0; text-align: center; }
        figure img { max-width: 100%; height: auto; }
        .note { font-size: 0.95em; }
        footer { margin-top: 2rem; border-top: 1px solid #ccc; font-size: 0.9rem; color: #444; }
        @media (max-width: 600px) { html { font-size: 16px; } body { padding: 0.7rem; } p.text { text-indent: 1.5em; } }
        @media print {
          html { font-size: 12pt; } body { max-width: none; padding: 0; }
          .download, footer { display: none; }
          .table-scroll { overflow: visible; } table { min-width: 0; }
          thead { display: table-header-group; } tr { break-inside: avoid; }
          section > h2, section > h3, section > h4 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
          .contents, .preface { break-after: page; }
        }
        """
}
