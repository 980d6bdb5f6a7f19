from __future__ import annotations

from auditor.deferred import link_request
from auditor.finding import Severity
from auditor.pdf_rules import PDF_KINDS, PdfLinkRule, is_pdf_link


class PdfLinkNotPdf(PdfLinkRule):
    id = "pdf-link-not-pdf"
    severity = Severity.ERROR
    summary = "A PDF link must answer with a PDF, not an HTML error page"
    what = """
        Reports a link to a `.pdf` (or `type="application/pdf"`) that answers 200 OK but
        with something that is not a PDF: the Content-Type is not PDF and the body does not
        start with the `%PDF-` magic bytes. Typically a "page not found" HTML page served
        with status 200 (a soft 404), which other link checkers accept as fine. For local
        files, the first bytes are checked.
    """
    why = """
        The link looks alive to every status-code checker, yet the reader gets an error
        page, or a download that no PDF reader can open.
    """
    fix = """
        Point the link at the real document, or remove it if the document is gone.
    """

    def requests(self, element, page):
        return link_request(self, element, page, needs="magic", kinds=PDF_KINDS) if is_pdf_link(element, page) else None

    def may_report(self, outcome):
        if not outcome.ok or outcome.unverified:
            return False
        if outcome.head is not None:
            return not outcome.head.startswith(b"%PDF-")
        return not outcome.is_pdf and bool(outcome.content_type)

    def judge(self, request, outcome):
        if not self.may_report(outcome):
            return
        ctype = (outcome.content_type or "").split(";")[0].strip() or "no Content-Type"
        first = (outcome.head or b"")[:16]
        what = "an empty file" if outcome.head == b"" else (f"{ctype}" if not outcome.local else f"a file starting {first!r}")
        yield self.link_finding(request, f"PDF link {request.shown} answers with {what} instead of a PDF (no %PDF- magic); "
                                             "point it at the real document")
