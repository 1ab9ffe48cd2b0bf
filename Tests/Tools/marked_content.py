"""What the PDF tools share: a pdfminer.six device that follows marked content (the tag and
MCID of each open sequence) page by page and gives each drawn character's text, so a tool
only decides what to keep of each character."""
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdffont import PDFUnicodeNotDefined


class MarkedContentDevice(PDFLayoutAnalyzer):
    """Calls `character(page, stack, matrix, text)` for each character drawn; `stack` holds the
    open marked-content sequences as (tag, MCID or None), innermost last."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr, laparams=None)
        self.page = -1
        self.stack = []

    def begin_page(self, page, ctm):
        self.page += 1
        super().begin_page(page, ctm)

    def receive_layout(self, ltpage):
        pass

    def begin_tag(self, tag, props=None):
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.stack.append((tag.name, mcid))

    def end_tag(self):
        if self.stack:
            self.stack.pop()

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = "\ufffd"
        self.character(matrix, text)
        return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)

    def in_artifact(self):
        return any(name == "Artifact" for name, _ in self.stack)

    def mcid(self):
        return self.stack[-1][1] if self.stack else None

    def character(self, matrix, text):
        raise NotImplementedError
