"""Reads a built report page the way a citizen's browser does: headless Chromium (Playwright for
Python, the system Chromium) loads it from a loopback web server at several widths and reports
what it saw as JSON, for SiteBrowserTests to judge:

- every response (so a missing file or icon shows as a 404) and the bytes each carried, with
  their gzipped size;
- at each width: elements that stick out of the viewport or out of their own box, the page's
  scroll width, whether the web fonts loaded, the OIT items (code, statuses, whether all are
  on screen), and a full-page screenshot;
- where lines break: for every text block, the offsets at which the browser started a new
  line, the block's text and the offsets of its <wbr> elements;
- innerText and the selected text of the preface and body paragraphs (what a copy gives);
- axe-core's violations (WCAG 2.x A and AA), in light and dark colour schemes.

    python site_browser.py SITE_ROOT PAGE_PATH SCREENSHOT_FOLDER WIDTH[,WIDTH...] [MORE_WIDTHS]

MORE_WIDTHS (comma-separated) are only checked for overflow, without screenshots.
"""
import functools
import gzip
import http.server
import json
import os
import shutil
import sys
import threading

from playwright.sync_api import sync_playwright

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '');
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('caption')) continue;  // visually hidden on purpose
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < -0.5 || box.right > width + 0.5) found.push(name(element) + ' outside the viewport: ' + Math.round(box.left) + '..' + Math.round(box.right));
    const scroller = style.overflowX === 'auto' || style.overflowX === 'scroll';
    if (!scroller && element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) found.push(name(element) + ' content overflows: ' + element.scrollWidth + ' > ' + element.clientWidth);
    const parent = element.parentElement;
    if (parent && parent !== document.body && parent !== document.documentElement && getComputedStyle(parent).display !== 'inline') {
      const outer = parent.getBoundingClientRect();
      if (box.right > outer.right + 1 || box.left < outer.left - 1) found.push(name(element) + ' sticks out of ' + name(parent) + ': ' + Math.round(box.left) + '..' + Math.round(box.right) + ' in ' + Math.round(outer.left) + '..' + Math.round(outer.right));
    }
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 40), count: found.length};
}"""

CHECKLIST = """() => {
  const width = document.documentElement.clientWidth;
  const visible = e => { const b = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return s.display !== 'none' && s.visibility !== 'hidden' && b.width > 0 && b.height > 0 && b.left >= -0.5 && b.right <= width + 0.5; };
  return [...document.querySelectorAll('table.checklist th[scope=row]')].map(code => {
    const row = code.parentElement;
    const statuses = [...row.querySelectorAll('td.yes, td.no')];
    return {code: code.innerText.trim(), statuses: statuses.map(s => s.innerText.trim()),
            visible: visible(code) && statuses.length > 0 && statuses.every(visible),
            title: visible(code.nextElementSibling) ? code.nextElementSibling.innerText.trim() : ''};
  });
}"""

FONTS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].map(f => ({family: f.family.replace(/"/g, ''), weight: f.weight, status: f.status}));
}"""

# Where each text block's lines start: for every character, the top of its first box; a new line
# starts where the top moves down. Offsets are in UTF-16 code units of the block's text (the
# concatenation of its text nodes), as are the offsets of its <wbr> and <br> elements.
LINES = """() => {
  const blocks = document.querySelectorAll('main p, main td, main th, main li, main h1, main h2, main h3, main h4, header h1, header p');
  const range = document.createRange();
  const out = [];
  for (const block of blocks) {
    if (block.querySelector('p, ul, li')) continue;  // the inner blocks are read on their own
    const style = getComputedStyle(block);
    if (style.display === 'none') continue;
    let text = '';
    const wbr = [];
    const breaks = [];
    let lastTop = null;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === Node.ELEMENT_NODE) { if (node.tagName === 'WBR' || node.tagName === 'BR') wbr.push(text.length); continue; }
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (rects.length && /\\S/.test(node.data[i])) {
          const top = rects[0].top;
          if (lastTop !== null && top > lastTop + 4) breaks.push(text.length + i);
          lastTop = top;
        }
      }
      text += node.data;
    }
    if (breaks.length) out.push({text, wbr, breaks});
  }
  return out;
}"""

PARAGRAPHS = """() => [...document.querySelectorAll('p.text')].map(p => {
  const selection = window.getSelection();
  selection.removeAllRanges();
  const range = document.createRange();
  range.selectNodeContents(p);
  selection.addRange(range);
  const selected = selection.toString();
  selection.removeAllRanges();
  return {innerText: p.innerText, selected};
})"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(root, page_path, shots, widths, more_widths):
    os.makedirs(shots, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/%s" % (server.server_address[1], page_path)
    seen = {"url": url, "widths": {}, "screenshots": []}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    axe_script = None
    try:
        import axe_playwright_python
        with open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8") as f:
            axe_script = f.read()
    except ImportError:
        seen["axe_missing"] = True
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for index, width in enumerate(widths):
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            responses = []
            console = []
            page.on("console", lambda message: console.append(message.type + ": " + message.text))
            page.on("response", lambda response: responses.append(response))
            page.goto(url, wait_until="networkidle")
            fonts = page.evaluate(FONTS)
            at = {"overflow": page.evaluate(OVERFLOW), "fonts": fonts, "checklist": page.evaluate(CHECKLIST),
                  "console": console}
            if index == 0:
                loaded = []
                for response in responses:
                    body = response.body() if response.status < 300 else b""
                    loaded.append({"url": response.url, "status": response.status, "bytes": len(body),
                                   "gzipped": len(gzip.compress(body, 9)) if body else 0})
                seen["responses"] = loaded
                seen["paragraphs"] = page.evaluate(PARAGRAPHS)
                if axe_script:
                    page.evaluate(axe_script)
                    seen["axe"] = axe_violations(page)
            at["lines"] = page.evaluate(LINES)
            shot = os.path.join(shots, "report-%d.png" % width)
            page.screenshot(path=shot, full_page=True)
            seen["screenshots"].append(shot)
            seen["widths"][str(width)] = at
            context.close()
        seen["more_widths"] = {}
        for width in more_widths:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            page.evaluate(FONTS)
            seen["more_widths"][str(width)] = page.evaluate(OVERFLOW)
            context.close()
        # The header row of a long table stays in view while the table scrolls by (desktop).
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        seen["sticky"] = page.evaluate("""() => {
          const table = document.querySelector('table.checklist');
          if (!table) return null;
          const box = table.getBoundingClientRect();
          window.scrollTo(0, window.scrollY + box.top + box.height / 2);
          const head = table.querySelector('thead').getBoundingClientRect();
          return {headTop: head.top, tableTop: table.getBoundingClientRect().top};
        }""")
        context.close()
        # Dark mode: the same page for a reader whose system asks for it.
        context = browser.new_context(viewport={"width": widths[0], "height": 900}, color_scheme="dark")
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        shot = os.path.join(shots, "report-%d-dark.png" % widths[0])
        page.screenshot(path=shot, full_page=False)
        seen["screenshots"].append(shot)
        seen["dark_background"] = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        if axe_script:
            page.evaluate(axe_script)
            seen["axe_dark"] = axe_violations(page)
        context.close()
        browser.close()
    server.shutdown()
    print(json.dumps(seen, ensure_ascii=False))


def axe_violations(page):
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
    return [{"id": v["id"], "impact": v.get("impact"), "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"]]


if __name__ == "__main__":
    more = [int(w) for w in sys.argv[5].split(",")] if len(sys.argv) > 5 else []
    main(sys.argv[1], sys.argv[2], sys.argv[3], [int(w) for w in sys.argv[4].split(",")], more)
