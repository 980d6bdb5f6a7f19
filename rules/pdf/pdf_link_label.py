from __future__ import annotations

import re

from auditor.finding import Severity
from auditor.pdf_rules import PdfRule, is_pdf_link, label_context, stated_size

_SAYS_PDF = re.compile(r"\b(pdf|acrobat)\b", re.I)


class PdfLinkLabel(PdfRule):
    id = "pdf-link-label"
    severity = Severity.WARNING
    summary = "A link to a PDF must say it is a PDF and how large it is"
    wcag = ("2.4.4",)
    impact = "moderate"
    what = """
        Reports a link to a PDF when neither its text nor its context (the same list item,
        table cell, or sentence) says that it is a PDF and how large it is. An image with
        alt "PDF" next to the link counts.
    """
    why = """
        A PDF opens a different program, may be large on a slow or metered connection, and
        is often less accessible than a page. Users decide whether to follow a link from its
        purpose in context (WCAG 2.4.4); the US federal convention is
        "Title (PDF, 1.22 MB, 120 pages)".
    """
    fix = """
        Add the file type and size to the link text, or right after it in the same list
        item or sentence: "(PDF, 1.22 MB)".
    """

    def visit(self, element, page):
        if element.name == "iframe" or not is_pdf_link(element, page):
            return
        before, inside, after = label_context(element)
        context = f"{before} {inside} {after}"
        says_pdf = bool(_SAYS_PDF.search(context))
        size = stated_size(before, inside, after)
        if says_pdf and size:
            return
        missing = "that it is a PDF or its size" if not says_pdf and not size else ("its size" if says_pdf else "that it is a PDF")
        yield self.finding(page, element, f"Link to a PDF does not say {missing}; add it to the link text or next to it, "
                                          "e.g. \"(PDF, 1.2 MB)\"")
