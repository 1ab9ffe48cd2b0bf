/// The page `thaireport preview` serves at `/`: a status bar and the report's web page in a
/// frame. It listens to `/events` and, after each build, reloads the frame at the reader's
/// scroll position; an input error shows its place, line and message instead (text set with
/// `textContent`, never parsed as markup).
enum PreviewPage {
    static let html = """
        <!DOCTYPE html>
        <html lang="th">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ThaiReport preview</title>
        <style>
        @font-face { font-family: "Sarabun"; src: url("/fonts/Sarabun-Regular.ttf"); }
        @font-face { font-family: "Sarabun"; font-weight: bold; src: url("/fonts/Sarabun-Bold.ttf"); }
        html, body { margin: 0; height: 100%; font-family: "Sarabun", sans-serif; }
        body { display: flex; flex-direction: column; }
        #bar { padding: .4rem .8rem; background: #e8f5e9; border-bottom: 1px solid #aaa; font-size: .9rem; }
        #bar.error { background: #ffebee; }
        #bar.waiting { background: #fff8e1; }
        #bar a { margin-left: 1rem; }
        #messages { margin: .3rem 0 0; padding-left: 1.2rem; }
        #messages li { margin: .2rem 0; }
        #messages code { display: block; white-space: pre-wrap; background: #fff; padding: .1rem .3rem; }
        iframe { flex: 1; border: 0; width: 100%; }
        </style>
        </head>
        <body>
        <div id="bar" class="waiting" role="status" aria-live="polite">
          <span id="state">กำลังสร้าง… / building…</span>
          <a id="pdf" href="#" target="_blank" hidden>PDF</a>
          <ul id="messages"></ul>
        </div>
        <iframe id="report" title="รายงาน / report"></iframe>
        <script>
        const bar = document.getElementById("bar"), stateText = document.getElementById("state");
        const list = document.getElementById("messages"), frame = document.getElementById("report");
        const pdf = document.getElementById("pdf");
        let shown = null, scrollY = 0;
        frame.addEventListener("load", () => { try { if (scrollY > 0) frame.contentWindow.scrollTo(0, scrollY); } catch (e) {} });
        function item(kind, m) {
          const li = document.createElement("li");
          li.textContent = kind + " " + m.location + ": " + m.thai + (m.english ? " / " + m.english : "");
          if (m.line !== null && m.line !== undefined) {
            const code = document.createElement("code"); code.textContent = m.line; li.appendChild(code);
          }
          return li;
        }
        function show(s) {
          list.replaceChildren(...s.errors.map(m => item("error", m)), ...s.warnings.map(m => item("warning", m)));
          bar.className = s.ok ? "" : "error";
          stateText.textContent = s.ok
            ? "สร้างแล้ว (" + s.milliseconds + " ms) / built in " + s.milliseconds + " ms, build " + s.generation
            : s.page
              ? "ข้อมูลมีข้อผิดพลาด แสดงรายงานล่าสุดที่สร้างได้ / the input has errors: the last good report is shown"
              : "ข้อมูลมีข้อผิดพลาด แก้แล้วบันทึก / the input has errors: fix them and save";
          if (s.pdf) { pdf.href = s.pdf + "?build=" + s.generation; pdf.hidden = false; }
          if (s.ok && s.page && s.generation !== shown) {
            try { scrollY = frame.contentWindow.scrollY || 0; } catch (e) { scrollY = 0; }
            shown = s.generation;
            frame.src = s.page + "?build=" + s.generation;
          }
          document.body.dataset.generation = s.generation;
          document.body.dataset.ok = s.ok;
        }
        new EventSource("/events").onmessage = e => show(JSON.parse(e.data));
        </script>
        </body>
        </html>
        """
}
