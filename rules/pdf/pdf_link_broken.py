from __future__ import annotations

from auditor.deferred import link_request
from auditor.finding import Severity
from auditor.pdf_rules import PDF_KINDS, PdfLinkRule


class PdfLinkBroken(PdfLinkRule):
    id = "pdf-link-broken"
    severity = Severity.ERROR
    summary = "Links to PDFs must work"
    what = """
        Reports a link to a PDF (by its `.pdf` extension, its `type` attribute, or the
        Content-Type it answers with) that cannot be fetched: 4xx or 5xx after retries,
        DNS failure, connection refused or reset, TLS error, redirect loop, or no answer
        in time; and, when auditing files, a relative link to a local PDF that does not
        exist. The message says the status or error, the final URL and the attempts.
    """
    why = """
        Reports, forms and strategies on legacy pages are PDFs that moved or vanished when
        the site was reorganised. A reader who needs the document hits a dead end; one
        using assistive technology spends the most effort getting there.
    """
    fix = """
        Find the document's current address (the agency's library, the Internet Archive)
        and update the link, or remove the link and say the document was withdrawn.
    """

    def requests(self, element, page):
        return link_request(self, element, page, kinds=PDF_KINDS)

    def may_report(self, outcome):
        return outcome.broken

    def judge(self, request, outcome):
        if not (request.pdf or outcome.is_pdf) or not outcome.broken:
            return
        yield self.link_finding(request, f"PDF link {request.shown} is broken: {outcome.describe()}; "
                                             "point it at the document's current address or remove it")
