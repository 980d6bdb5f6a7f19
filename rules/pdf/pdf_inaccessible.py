from __future__ import annotations

from auditor.deferred import link_request
from auditor.finding import Severity
from auditor.pdf_rules import PDF_KINDS, PdfLinkRule, is_pdf_link


class PdfInaccessible(PdfLinkRule):
    id = "pdf-inaccessible"
    severity = Severity.WARNING
    summary = "Linked PDFs must be tagged, with a language, a title and real text"
    wcag = ("1.3.1", "2.4.2", "3.1.1", "1.1.1")
    impact = "serious"
    what = """
        Fetches each linked PDF (at most `links.max-pdf-bytes`, 20 MB by default; larger
        ones are reported by `link-unverified`) and reports it when it is not tagged (no
        `/MarkInfo` with `/Marked true`, or no `/StructTreeRoot`), has no document
        language (`/Lang`), no title, or no text layer on its first pages (a scan).
    """
    why = """
        An untagged PDF has no headings, lists or reading order for a screen reader; without
        a language it is read with the wrong voice; without a title the window says the
        file name; a scanned PDF is an image that says nothing at all.
    """
    fix = """
        Ask the document's owner for a tagged PDF (export with "tagged PDF" on, set the
        title and language, run OCR on scans), or publish the content as an HTML page.
    """

    def requests(self, element, page):
        return link_request(self, element, page, needs="body", kinds=PDF_KINDS) if is_pdf_link(element, page) else None

    def may_report(self, outcome):
        return outcome.ok and outcome.pdf is not None

    def judge(self, request, outcome):
        report = outcome.pdf
        if not self.may_report(outcome):
            return
        if report.get("error"):
            yield self.link_finding(request, f"PDF {request.shown} cannot be read as a PDF ({report['error']}); "
                                                 "replace it with a valid, tagged PDF")
            return
        problems = []
        if not report.get("marked"):
            problems.append("not tagged (no /MarkInfo /Marked true)")
        if not report.get("struct_tree"):
            problems.append("no structure tree")
        if not report.get("lang"):
            problems.append("no document language")
        if not report.get("title"):
            problems.append("no title")
        if not report.get("text"):
            problems.append("no text layer (a scan?)")
        if problems:
            yield self.link_finding(request, f"PDF {request.shown} is not accessible: {', '.join(problems)}; "
                                                 "ask for a tagged PDF or publish the content as HTML")
