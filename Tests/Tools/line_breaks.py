"""Reads a PDF's text back line by line with pdfminer.six (each paragraph, heading and cell by
its structure element, each line by its baseline) and the table rules with pdfplumber, then
judges every line end as a Thai proofreader would. Prints JSON:

- line_ends: how many line ends were judged;
- inside_word: line ends inside a word of pythainlp's `newmm` segmentation of the two lines
  around the break;
- inside_compound: line ends inside a word of the lexicon (one word a line, given as argument);
- inside_syllable: line ends inside a syllable: inside a Thai character cluster (pythainlp's
  `tcc`), the unit no Thai line may split (a consonant with its vowels, tone marks and a
  silenced final, as ธ์ in ประชาสัมพันธ์);
- unit_splits: พ.ศ./ค.ศ. or a number parted from what belongs with it, ๆ ฯ or a closing
  mark starting a line, an opening bracket ending one;
- textless_row_parts: parts of a table row on a page where no cell but the first holds text
  other than ✓;
- cues and bad_cues: continuation cues, and those that start with a list mark, do not begin a
  line of the next page or end inside a word;
- header_heights: the height between the rules around each table's first header row, with the
  header's text.

pythainlp is a test tool only (the tools venv); ThaiReport never uses it.

    line_breaks.py REPORT.pdf LEXICON.txt
"""
import json
import re
import sys

import pdfplumber
import pikepdf
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pythainlp.tokenize import subword_tokenize, word_tokenize

from marked_content import MarkedContentDevice


class PlacedText(MarkedContentDevice):
    """Each character drawn, with its page, baseline and marked-content id (or artifact)."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr)
        self.by_mcid = {}
        self.artifacts = {}

    def character(self, matrix, text):
        place = (round(matrix[5], 1), matrix[4])
        if self.in_artifact():
            self.artifacts.setdefault(self.page, []).append((place, text))
        elif self.mcid() is not None:
            self.by_mcid.setdefault((self.page, self.mcid()), []).append((place, text))


def split_lines(chars):
    """Characters in drawing order cut into lines where the baseline changes."""
    lines = []
    last = None
    for (y, _), text in chars:
        if last is None or abs(y - last) > 1:
            lines.append([y, ""])
        lines[-1][1] += text
        last = y
    return lines


THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
DIGIT = "[0-9" + THAI_DIGITS + "]"
UNITS = ["บาท", "ปี", "เดือน", "วัน", "คน", "ราย", "ครั้ง", "แห่ง", "ฉบับ", "เรื่อง", "ชั่วโมง", "นาที", "ข้อ", "%"]
MARKS = "○•●■◦"


def unit_split(a, b):
    """Whether the break between lines `a` and `b` parts what belongs together."""
    tail, head = a.rstrip(), b.lstrip()
    if not tail or not head:
        return False
    if re.search(r"[พค]\.ศ\.$", tail) and re.match(DIGIT, head):
        return True
    if re.search(r"[พค]\.$", tail) and head.startswith("ศ."):
        return True
    if re.search(DIGIT + r"$", tail) and any(head.startswith(u) for u in UNITS):
        return True
    if re.search(DIGIT + r"\s*[-–]$", tail) and re.match(DIGIT, head):
        return True
    if re.search(DIGIT + r"$", tail) and re.match(r"[-–]\s*" + DIGIT, head):
        return True
    if head[0] in "ๆฯ)]}”’,;:!?%":
        return True
    if tail[-1] in "([{“‘":
        return True
    return False


def boundaries(tokens):
    offsets = {0}
    position = 0
    for token in tokens:
        position += len(token)
        offsets.add(position)
    return offsets


PARAGRAPH_START = re.compile("^([0-9" + THAI_DIGITS + r"]+(\.[0-9" + THAI_DIGITS + r"]+)+\.?\s|-)")


def judge(a, b, lexicon):
    """What kind of line end lies between lines `a` and `b`."""
    verdict = {"word": False, "compound": None, "syllable": False, "unit": unit_split(a, b)}
    if not a or not b or a[-1].isspace() or b[0].isspace():
        return verdict
    left, right = a[-30:], b[:30]
    context = left + right
    at = len(left)
    tokens = word_tokenize(context, engine="newmm", keep_whitespace=True)
    if at not in boundaries(tokens):
        verdict["word"] = True
        start = 0
        for token in tokens:
            if start < at < start + len(token):
                clusters = subword_tokenize(token, engine="tcc")
                if at - start not in boundaries(clusters):
                    verdict["syllable"] = True
                break
            start += len(token)
    # A break at the edge of a lexicon word is not inside a compound, even where another
    # lexicon word overlaps it (รายงาน|ผลการดำเนินงาน: รายงานผล and ผลการดำเนินงาน cannot
    # both stay whole).
    spans = []
    for word in lexicon:
        first = context.find(word)
        while first != -1:
            spans.append((first, first + len(word), word))
            first = context.find(word, first + 1)
    if not any(at in (start, end) for start, end, _ in spans):
        verdict["compound"] = next((word for start, end, word in spans if start < at < end), None)
    return verdict


def main(path, lexicon_path):
    with open(lexicon_path, encoding="utf-8") as handle:
        lexicon = [w.strip() for w in handle if w.strip() and not w.startswith("#")]
    lexicon.sort(key=len, reverse=True)
    pdf = pikepdf.open(path)
    page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    with open(path, "rb") as handle:
        rsrc = PDFResourceManager()
        device = PlacedText(rsrc)
        interpreter = PDFPageInterpreter(rsrc, device)
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)

    def kids(element):
        k = element.get("/K")
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    blocks = []  # each: (type, [(page, y, text)]) for an element with marked content of its own
    rows = []  # each: [cells], each cell: {page: text}
    header_rows = []  # (page, [texts], [(page, mcid)]) of rows of header cells

    def content(element, page):
        """The marked-content references of an element itself, in order, as (page, mcid)."""
        out = []
        for kid in kids(element):
            if isinstance(kid, int):
                out.append((page, kid))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid and kid.get("/Type") != "/OBJR":
                out.append((page_index.get(kid["/Pg"].objgen, page) if "/Pg" in kid else page, int(kid.MCID)))
        return out

    def all_content(element, page):
        """The marked-content references of an element and its descendants."""
        page = page_index.get(element["/Pg"].objgen, page) if "/Pg" in element else page
        out = content(element, page)
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out += all_content(kid, page)
        return out

    def text_by_page(element, page):
        """All text under an element, by page."""
        page = page_index.get(element["/Pg"].objgen, page) if "/Pg" in element else page
        out = {}
        for p, mcid in content(element, page):
            out[p] = out.get(p, "") + "".join(t for _, t in device.by_mcid.get((p, mcid), []))
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                for p, text in text_by_page(kid, page).items():
                    out[p] = out.get(p, "") + text
        return out

    def walk(element, page):
        page = page_index.get(element["/Pg"].objgen, page) if "/Pg" in element else page
        kind = str(element.S)[1:]
        refs = content(element, page)
        if refs:
            lines = []
            for p, mcid in refs:
                for y, text in split_lines(device.by_mcid.get((p, mcid), [])):
                    if lines and lines[-1][0] == p and abs(lines[-1][1] - y) <= 1:
                        lines[-1][2] += text
                    else:
                        lines.append([p, y, text])
            blocks.append((kind, lines))
        if kind == "TR":
            cells = [k for k in kids(element) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            if cells and all(str(c.S) == "/TH" for c in cells):
                texts = [text_by_page(c, page) for c in cells]
                pages = sorted({p for t in texts for p in t})
                if pages:
                    refs = [r for c in cells for r in all_content(c, page)]
                    header_rows.append((pages[0], ["".join(t.values()) for t in texts], refs))
            else:
                rows.append([text_by_page(c, page) for c in cells])
        for kid in kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, page)

    for top in kids(pdf.Root.StructTreeRoot):
        walk(top, None)

    result = {"line_ends": 0, "inside_word": 0, "inside_compound": 0, "inside_syllable": 0, "unit_splits": 0}
    examples = {"inside_word": [], "inside_compound": [], "inside_syllable": [], "unit_splits": []}
    for _, lines in blocks:
        for (pa, _, a), (pb, _, b) in zip(lines, lines[1:]):
            if PARAGRAPH_START.match(b):
                continue  # a new paragraph of a cell (numbered, or a dashed item): no line break
            result["line_ends"] += 1
            verdict = judge(a, b, lexicon)
            pair = f"p{pa + 1}: {a[-20:]}|{b[:20]}"
            for key, hit in (("inside_word", verdict["word"]), ("inside_compound", verdict["compound"]),
                             ("inside_syllable", verdict["syllable"]), ("unit_splits", verdict["unit"])):
                if hit:
                    result[key] += 1
                    examples[key].append(pair)

    textless = []
    for cells in rows:
        pages = sorted({p for cell in cells for p in cell})
        if len(cells) < 2 or len(pages) < 2:
            continue
        for p in pages:
            rest = "".join(cell.get(p, "") for cell in cells[1:])
            if not rest.replace("✓", "").strip():
                textless.append(f"p{p + 1}: {cells[0].get(p, '')}")
    result["textless_row_parts"] = len(textless)
    examples["textless_row_parts"] = textless

    # Cues: the artifact line at a page foot that starts with "/" and ends with "...".
    line_starts = {}
    for _, lines in blocks:
        for index, (p, _, text) in enumerate(lines):
            previous = lines[index - 1][2] if index > 0 else None
            following = lines[index + 1][2] if index + 1 < len(lines) else ""
            line_starts.setdefault(p, []).append((text, previous, following))
    cues, bad = [], []
    for page, chars in sorted(device.artifacts.items()):
        for _, text in split_lines(chars):
            if not (text.startswith("/") and text.endswith("...")):
                continue
            cue = text[1:-3]
            cues.append(f"p{page + 1}: {text}")
            problem = None
            if not cue or cue[0] in MARKS:
                problem = "starts with a list mark"
            else:
                match = next(
                    (s for s in line_starts.get(page + 1, []) if s[0].lstrip(MARKS + "-–* ").startswith(cue)), None)
                if match is None:
                    problem = "quotes no line of the next page"
                else:
                    line, previous, following = match
                    if previous is not None and not PARAGRAPH_START.match(line) and judge(previous, line, [])["word"]:
                        problem = "starts inside a word"
                    whole = line.lstrip(MARKS + "-–* ") + following
                    ends = boundaries(word_tokenize(whole, engine="newmm", keep_whitespace=True))
                    if len(cue.rstrip()) not in ends and len(cue) not in ends:
                        problem = "ends inside a word"
            if problem:
                bad.append(f"p{page + 1}: {text} ({problem})")
    result["cues"] = len(cues)
    result["bad_cues"] = len(bad)
    examples["cues"] = cues
    examples["bad_cues"] = bad

    heights = []
    with pdfplumber.open(path) as plumber:
        for page, texts, refs in header_rows:
            ppage = plumber.pages[page]
            ys = [ppage.height - y for ref in refs if ref[0] == page for (y, _), _ in device.by_mcid.get(ref, [])]
            if not ys:
                continue
            top_text, bottom_text = min(ys), max(ys)
            rules = sorted({round(e["top"], 1) for e in ppage.horizontal_edges})
            above = [r for r in rules if r < top_text]
            below = [r for r in rules if r > bottom_text]
            if above and below:
                heights.append({"page": page + 1, "height": round(below[0] - above[-1], 1), "header": texts})
    result["header_heights"] = heights
    result["examples"] = examples
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
