"""Reads a PDF back with pdfminer.six and prints every stroked straight segment of each page as
JSON: a list per page of [x0, y0, x1, y1, line width], in PDF user space (origin bottom left).
A path of several `m … l` pieces gives one segment per piece."""
import json
import sys

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


class Segments(PDFLayoutAnalyzer):
    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr)
        self.pages = []

    def begin_page(self, page, ctm):
        self.pages.append([])
        super().begin_page(page, ctm)

    def paint_path(self, gstate, stroke, fill, evenodd, path):
        if not stroke:
            return
        start = current = None
        for operation in path:
            name, points = operation[0], operation[1:]
            if name == "m":
                start = current = self.ctm_point(points)
            elif name == "l" and current is not None:
                end = self.ctm_point(points)
                self.pages[-1].append([*current, *end, gstate.linewidth])
                current = end

    def ctm_point(self, point):
        (a, b, c, d, e, f) = self.ctm
        x, y = point
        return [round(a * x + c * y + e, 3), round(b * x + d * y + f, 3)]


def main(path):
    rsrc = PDFResourceManager()
    device = Segments(rsrc)
    interpreter = PDFPageInterpreter(rsrc, device)
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    json.dump(device.pages, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
