"""The peer for the speed comparison: an ITA data file and its template written as one Typst
document with the same content as ThaiReport's PDF (cover, preface with its signature,
contents, numbered sections, the measures tables and the OIT checklist, Thai digits, the
bundled Sarabun), so `paired.py --peer` can time Typst compiling the same report.

    python3 Benchmarks/peer/sample_to_typst.py Samples/singburi-pao/2564.yaml out.typ

Reads YAML with PyYAML; fills the placeholders the sample uses. It is a benchmark input, not a
second implementation: it follows the sample's layout closely enough that both typesetters do
the same work (shaping the same Thai text, breaking the same tables over pages).
"""

import os
import sys

import yaml

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def esc(text):
    """Typst markup for plain text: the characters markup gives meaning escaped."""
    out = []
    for ch in str(text):
        if ch in "\\#*_`$<>@[]=-+/~\"'":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def lines(text):
    return [line for line in str(text or "").split("\n") if line.strip()]


def main(data_path, out_path):
    data = yaml.safe_load(open(data_path, encoding="utf-8"))
    root = os.path.dirname(os.path.abspath(data_path))
    while root != "/" and not os.path.isdir(os.path.join(root, "Templates")):
        root = os.path.dirname(root)
    template = yaml.safe_load(
        open(os.path.join(root, "Templates", data["template"], "template.yaml"), encoding="utf-8"))
    year = data["fiscal_year"]
    items = [it for ind in template["oit_catalog"] for sub in ind["subindicators"]
             for t in sub["topics"] for it in t["items"]]
    values = {
        "agency_name": data["agency"]["name"],
        "agency_short_name": data["agency"].get("short_name", data["agency"]["name"]),
        "agency_address": data["agency"].get("address", ""),
        "issuing_unit": data.get("issuing_unit", ""),
        "fiscal_year": str(year).translate(THAI),
        "previous_fiscal_year": str(year - 1).translate(THAI),
        "subindicator_count:9": str(len(template["oit_catalog"][0]["subindicators"])).translate(THAI),
        "item_count:9": str(sum(len(t["items"]) for s in template["oit_catalog"][0]["subindicators"]
                                for t in s["topics"])).translate(THAI),
    }
    for it in items:
        if it.get("role"):
            values["item_code:" + it["role"]] = it["code"]

    def render(text):
        text = str(text)
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text

    out = []
    w = out.append
    w('#set page(paper: "a4", margin: (top: 25mm, bottom: 20mm, left: 30mm, right: 20mm))')
    w('#set text(font: "Sarabun", size: 16pt * 0.7, lang: "th")')
    w('#set par(justify: true, first-line-indent: 25mm, spacing: 0.55em)')
    w('#set table(stroke: 0.5pt)')
    # Cover
    w('#v(18%)')
    for line in template["cover"]["title_lines"]:
        w('#align(center)[#text(size: 26pt * 0.7, weight: "bold")[%s]]' % esc(render(line)))
    w('#v(1fr)')
    w('#align(center)[#text(size: 20pt * 0.7, weight: "bold")[%s]]' % esc(values["agency_name"]))
    w('#align(center)[#text(size: 20pt * 0.7, weight: "bold")[%s]]' % esc(values["agency_address"]))
    w('#v(20%)')
    w('#pagebreak()')
    # Preface
    w('#align(center)[#text(size: 20pt * 0.7, weight: "bold")[%s]]' % esc(template["preface"]["heading"]))
    for p in template["preface"]["paragraphs"]:
        for line in lines(render(p["text"])):
            w(esc(line) + "\n")
    w('#v(1em)')
    signature = data.get("signature", {})
    sig_lines = list(signature.get("lines", []))
    if signature.get("date"):
        y, m = str(signature["date"]).split("-")[:2]
        months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
                  "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
        sig_lines.append("%s %s" % (months[int(m) - 1], y.translate(THAI)))
    w('#align(right)[#block(width: 50%%)[#align(center)[%s]]]' % " \\ ".join(esc(l) for l in sig_lines))
    w('#pagebreak()')
    # Contents
    w('#outline(title: [%s], indent: 8mm)' % esc(template["contents"]["heading"]))
    w('#align(center)[#text(weight: "bold")[%s]]' % esc(render(template["contents"]["closing_line"])))
    w('#pagebreak()')
    w('#let thai(n) = str(n).clusters().map(c => "๐๑๒๓๔๕๖๗๘๙".clusters().at(int(c))).join()')
    w('#set page(numbering: (n, ..rest) => [- #thai(n) -], number-align: top + center)')
    w('#counter(page).update(1)')
    for line in template["body"]["title_lines"]:
        w('#align(center)[#text(size: 20pt * 0.7, weight: "bold")[%s]]' % esc(render(line)))

    measure_cols = template["tables"]["measures"]["columns"]
    check_cols = template["tables"]["oit_checklist"]["columns"]

    def table(cols, header, rows):
        widths = ", ".join("%.3ffr" % c["width"] for c in cols)
        cells = ["table.header(%s)" % ", ".join("[*%s*]" % esc(c["header"]) for c in cols)]
        for row in rows:
            if isinstance(row, str):
                cells.append("table.cell(colspan: %d)[*%s*]" % (len(cols), esc(row)))
            else:
                cells.extend("[%s]" % cell for cell in row)
        return "#text(size: 14pt * 0.7)[#table(columns: (%s), %s)]" % (widths, ", ".join(cells))

    def measures_table(measures, numbering, counter):
        rows = []
        for m in measures:
            if not m.get("continues"):
                counter[0] += 1
            for i, step in enumerate(m["steps"]):
                first = i == 0
                cell = {
                    "number": esc(numbering.replace("{n}", str(counter[0]).translate(THAI)))
                    if first and not m.get("continues") else "",
                    "measure": esc(m["measure"]) if first else "",
                    "step": " \\ ".join(esc(l) for l in lines(step.get("step"))),
                    "responsible": " \\ ".join(esc(l) for l in lines(step.get("responsible"))),
                    "result": " \\ ".join(esc(l) for l in lines(step.get("result"))),
                }
                rows.append([cell[c["key"]] for c in measure_cols])
        return table(measure_cols, None, rows)

    def section(sec, level):
        number = str(sec.get("number", "")).translate(THAI)
        label = (number + ".") if level == 1 else number
        w("\n%s %s %s\n" % ("=" * level, esc(label), esc(render(sec["title"]))))
        for block in sec.get("blocks", []):
            if "paragraph" in block:
                for line in lines(render(block["paragraph"])):
                    w(esc(line) + "\n")
            elif "measures" in block:
                measures = data["measures"].get(block["measures"], [])
                numbering = block.get("numbering", "{n}")
                counter = [0]
                if measures and isinstance(measures[0], dict) and "indicator" in measures[0]:
                    for group in measures:
                        title = template["indicators"][str(group["indicator"])]
                        heading = block["indicator_heading"].replace(
                            "{number}", str(group["indicator"]).translate(THAI)).replace("{title}", title)
                        w("\n*%s*\n" % esc(heading))
                        w(measures_table(group["measures"], numbering, counter))
                elif measures:
                    w(measures_table(measures, numbering, counter))
            elif "oit_checklist" in block:
                rows = []
                for ind in template["oit_catalog"]:
                    for sub in ind["subindicators"]:
                        rows.append(render(sub.get("label") or "ตัวชี้วัดย่อยที่ %s %s" % (
                            str(sub["number"]).translate(THAI), sub["title"])))
                        for t in sub["topics"]:
                            rows.append(render(t["title"]))
                            for it in t["items"]:
                                status = data["oit"][it["code"]]
                                elements = "".join("\n- %s" % esc(render(e)) for e in it.get("elements", []))
                                cell = {
                                    "code": esc(it["code"]), "title": esc(render(it["title"])),
                                    "elements": (esc(render(it["intro"])) if it.get("intro") else "") + elements,
                                    "responsible": esc(status.get("responsible", "")),
                                    "has_data": "✓" if status.get("has_data") else "",
                                    "no_data_reason": esc(status.get("no_data_reason", "")),
                                    "published": "✓" if status.get("published") else "",
                                    "unpublished_reason": esc(status.get("unpublished_reason", "")),
                                }
                                rows.append([cell[c["key"]] for c in check_cols])
                w(table(check_cols, None, rows))
        for sub in sec.get("sections", []):
            section(sub, level + 1)

    for sec in template["sections"]:
        section(sec, 1)
    open(out_path, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
