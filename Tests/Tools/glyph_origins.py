"""Reads a PDF back with pdfminer.six and prints, as JSON, every glyph drawn on each page: a list
per page of [text, x, y, size] — the text its font's ToUnicode map gives, the origin in PDF user
space (origin bottom left), and the size it is drawn at — in the order the page draws them."""
import json
import sys

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


class Origins(PDFLayoutAnalyzer):
    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr, laparams=None)
        self.pages = []

    def begin_page(self, page, ctm):
        self.pages.append([])
        super().begin_page(page, ctm)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = "\ufffd"
        (a, b, c, d, e, f) = matrix
        self.pages[-1].append([text, round(e, 4), round(f, 4), round(abs(d) * fontsize, 4)])
        return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)


def main(path):
    rsrc = PDFResourceManager()
    device = Origins(rsrc)
    interpreter = PDFPageInterpreter(rsrc, device)
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    json.dump(device.pages, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
