"""Reads a PDF back with independent tools (pikepdf for objects, pdfminer.six for the text of
each marked-content sequence) and prints what the tests check, as JSON: catalog, document
information, XMP, trailer ID, pages with their link annotations, outline, the structure tree
in reading order with the text of each element, the streams stored without a filter, and the
text of artifacts and of unmarked content."""
import json
import sys

import pikepdf
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from marked_content import MarkedContentDevice


class MarkedText(MarkedContentDevice):
    """Collects the text drawn inside each marked-content sequence, by page and MCID."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr)
        self.by_mcid = {}
        self.artifacts = []
        self.unmarked = []

    def character(self, matrix, text):
        if self.in_artifact():
            self.artifacts.append((self.page, text))
        elif self.mcid() is not None:
            key = (self.page, self.mcid())
            self.by_mcid[key] = self.by_mcid.get(key, "") + text
        else:
            self.unmarked.append((self.page, text))


def joined(pairs):
    """Consecutive characters of one page joined into strings."""
    out = []
    for page, text in pairs:
        if out and out[-1][0] == page:
            out[-1][1] += text
        else:
            out.append([page, text])
    return out


def text_of(value):
    return str(value) if value is not None else None


def main(path):
    pdf = pikepdf.open(path)
    page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    root = pdf.Root
    with open(path, "rb") as handle:
        device_pages = list(PDFPage.get_pages(handle))
        rsrc = PDFResourceManager()
        device = MarkedText(rsrc)
        interpreter = PDFPageInterpreter(rsrc, device)
        for page in device_pages:
            interpreter.process_page(page)

    facts = {"header": open(path, "rb").read(16).decode("latin-1")}
    # Before the metadata is opened: pikepdf's open_metadata() adds a stream of its own.
    facts["plain_streams"] = sorted(
        str(o.get("/Type", o.get("/Subtype", "stream")))
        for o in pdf.objects
        if isinstance(o, pikepdf.Stream) and "/Filter" not in o
    )
    intents = root.get("/OutputIntents", [])
    facts["catalog"] = {
        "Lang": text_of(root.get("/Lang")),
        "DisplayDocTitle": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
        "Marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "StructTreeRoot": "/StructTreeRoot" in root,
        "OutputIntents": [
            {
                "S": str(i.S),
                "Identifier": str(i.OutputConditionIdentifier),
                "N": int(i.DestOutputProfile.N),
                "profile": i.DestOutputProfile.read_bytes().hex(),
            }
            for i in intents
        ],
    }
    info = pdf.trailer.get("/Info", {})
    facts["info"] = {key[1:]: str(value) for key, value in info.items()}
    ids = pdf.trailer.get("/ID")
    facts["id"] = [bytes(i).hex() for i in ids] if ids is not None else []
    prefixes = {
        "http://purl.org/dc/elements/1.1/": "dc",
        "http://ns.adobe.com/xap/1.0/": "xmp",
        "http://ns.adobe.com/pdf/1.3/": "pdf",
        "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
        "http://www.aiim.org/pdfua/ns/id/": "pdfuaid",
        "http://www.aiim.org/pdfa/ns/extension/": "pdfaExtension",
    }
    with pdf.open_metadata() as meta:
        facts["xmp"] = {}
        for key, value in meta.items():
            namespace, _, name = key[1:].partition("}")
            facts["xmp"][prefixes.get(namespace, namespace) + ":" + name] = str(value)
    facts["pages"] = []
    for i, page in enumerate(pdf.pages):
        annots = []
        for a in page.get("/Annots", []):
            dest = a.get("/Dest")
            if dest is not None and not isinstance(dest, pikepdf.Array):
                dest = None  # a named destination: not written by ThaiReport
            annots.append(
                {
                    "Subtype": str(a.Subtype),
                    "F": int(a.get("/F", 0)),
                    "Rect": [float(x) for x in a.Rect],
                    "DestPage": page_index.get(dest[0].objgen) if dest is not None else None,
                    "DestY": float(dest[3]) if dest is not None and len(dest) > 3 else None,
                    "Contents": text_of(a.get("/Contents")),
                    "StructParent": int(a["/StructParent"]) if "/StructParent" in a else None,
                }
            )
        facts["pages"].append(
            {
                "label": page.label,
                "Tabs": text_of(page.get("/Tabs")),
                "StructParents": int(page["/StructParents"]) if "/StructParents" in page else None,
                "annots": annots,
            }
        )
    outline = []

    def visit(items, level):
        for item in items:
            dest = item.destination
            page = page_index.get(dest[0].objgen) if isinstance(dest, pikepdf.Array) else None
            outline.append({"title": item.title, "level": level, "page": page})
            visit(item.children, level + 1)

    with pdf.open_outline() as tree:
        visit(tree.root, 1)
    facts["outline"] = outline

    elements = []
    used = []

    def kids(element):
        k = element.get("/K")
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    def walk(element, depth, page):
        page = page_index.get(element["/Pg"].objgen, page) if "/Pg" in element else page
        entry = {"type": str(element.S)[1:], "depth": depth, "text": "", "objects": 0}
        if "/Alt" in element:
            entry["alt"] = str(element.Alt)
        if "/A" in element:
            entry["attributes"] = {k[1:]: str(v) for k, v in element.A.items()}
        elements.append(entry)
        for kid in kids(element):
            if isinstance(kid, int):
                used.append((page, kid))
                entry["text"] += device.by_mcid.get((page, kid), "")
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                entry["objects"] += 1
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                kid_page = page_index.get(kid["/Pg"].objgen, page) if "/Pg" in kid else page
                used.append((kid_page, int(kid.MCID)))
                entry["text"] += device.by_mcid.get((kid_page, int(kid.MCID)), "")
            elif isinstance(kid, pikepdf.Dictionary):
                before = len(elements)
                walk(kid, depth + 1, page)
                for child in elements[before:]:
                    if child["depth"] == depth + 1:
                        entry["text"] += child["text"]

    if "/StructTreeRoot" in root:
        for top in kids(root.StructTreeRoot):
            walk(top, 0, None)
    facts["structure"] = elements
    facts["mcids_referenced"] = len(used)
    facts["mcids_distinct"] = len(set(used))
    facts["mcids_with_text"] = len(device.by_mcid)
    facts["mcids_unreferenced"] = sorted(set(device.by_mcid) - set(used))
    facts["artifact_text"] = joined(device.artifacts)
    facts["unmarked_text"] = joined(device.unmarked)
    json.dump(facts, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
