"""Drives `thaireport preview` in headless Chromium (Playwright for Python, the system Chromium)
the way a person editing a data file would: the page shows the report; a saved edit appears in
the page; a broken file shows its located error while the last good report stays; a fix brings
the report back. Prints what it saw as JSON.

    python preview_browser.py URL DATA_FILE
"""
import json
import shutil
import sys
import time

from playwright.sync_api import sync_playwright

FRAME_HAS = """text => {
  const d = document.getElementById('report').contentDocument;
  return !!(d && d.body && d.body.innerText.includes(text));
}"""


def main(url, data_file):
    with open(data_file, encoding="utf-8") as handle:
        original = handle.read()
    edited = original.replace("name: องค์การบริหารส่วนจังหวัดสิงห์บุรี", "name: องค์การทดสอบการแสดงตัวอย่าง", 1)
    broken = edited.replace("  short_name:", "  colour: red\n  short_name:", 1)
    seen = {}
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(url)
        page.wait_for_function(FRAME_HAS, arg="องค์การบริหารส่วนจังหวัดสิงห์บุรี", timeout=30000)
        seen["first"] = page.inner_text("#state")
        page.evaluate("document.getElementById('report').contentWindow.scrollTo(0, 1200)")

        start = time.time()
        with open(data_file, "w", encoding="utf-8") as handle:
            handle.write(edited)
        page.wait_for_function(FRAME_HAS, arg="องค์การทดสอบการแสดงตัวอย่าง", timeout=15000)
        seen["reload_seconds"] = round(time.time() - start, 3)
        # The place is restored when the new page has loaded (its fonts too): wait for it, up to
        # five seconds, then read where the reader is.
        try:
            page.wait_for_function(
                "document.getElementById('report').contentWindow.scrollY >= 1000", timeout=5000)
        except Exception:
            pass
        seen["scroll_after_reload"] = page.evaluate("document.getElementById('report').contentWindow.scrollY")

        with open(data_file, "w", encoding="utf-8") as handle:
            handle.write(broken)
        page.wait_for_function(
            "document.body.dataset.ok === 'false' && document.getElementById('bar').innerText.includes('colour')",
            timeout=15000)
        seen["error"] = page.inner_text("#bar")
        seen["kept_last_good"] = page.evaluate(FRAME_HAS, "องค์การทดสอบการแสดงตัวอย่าง")

        with open(data_file, "w", encoding="utf-8") as handle:
            handle.write(original)
        page.wait_for_function("document.body.dataset.ok === 'true'", timeout=15000)
        page.wait_for_function(
            "text => !" + FRAME_HAS.replace("text =>", "(text =>") + ")(text)", arg="องค์การทดสอบการแสดงตัวอย่าง",
            timeout=15000)
        seen["fixed"] = page.evaluate(FRAME_HAS, "องค์การบริหารส่วนจังหวัดสิงห์บุรี")
        browser.close()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
