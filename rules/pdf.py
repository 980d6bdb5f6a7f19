"""PDF links: broken, not really a PDF, unlabelled, mislabelled size, and inaccessible PDFs.

A link is a PDF link by its extension or `type` attribute (and, for the broken check, by
the Content-Type it answers with). Network outcomes come from the link stage
(auditor.linkstage, auditor.linkcheck); the label rule needs only the page.
"""

from __future__ import annotations

import re

from auditor import dom
from auditor.deferred import LinkRule, element_link, link_request
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Option, Rule

PDF_KINDS = ("a", "area", "iframe")
_CONTEXT_BLOCKS = ("li", "td", "th", "dd", "dt", "caption", "figcaption", "option")
_SENTENCE_BLOCKS = ("p", "div", "span", "blockquote", "section", "article", "main", "body", "font", "center", "form")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_SAYS_PDF = re.compile(r"\b(pdf|acrobat)\b", re.I)
# "2.5MB", "310 KB", "525K", "1,234 bytes", "1.22 MB", "3 Mo"; bare "k"/"m" are too ambiguous.
_SIZE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)\s?(bytes?|[kmgKMG]i?[bB]|[kKmM]o|K|M)(?![\w])")
_UNITS = {"b": 0, "k": 1, "m": 2, "g": 3}


def _pdf_link(element, page) -> bool:
    link = element_link(element, page)
    return link is not None and link[0] in PDF_KINDS and link[5]


def _texts(node, link, parts: list, state: dict) -> None:
    """Text of `node` in order, with img alt text, marking where `link` starts and ends."""
    for child in node.children:
        if child is link:
            state["start"] = sum(len(p) for p in parts)
        if isinstance(child, dom.NavigableString):
            if type(child) is dom.NavigableString or child.__class__.__name__ == "CData":
                parts.append(str(child))
        elif isinstance(child, dom.Tag):
            if child.name in ("script", "style", "template"):
                continue
            if child.name in ("img", "area", "input") and attr(child, "alt"):
                parts.append(f" {attr(child, 'alt')} ")
            else:
                if child.name in ("br", "p", "div", "li", "tr", "td"):
                    parts.append(" ")
                _texts(child, link, parts, state)
        if child is link:
            state["end"] = sum(len(p) for p in parts)


def _ancestor(element, names: tuple[str, ...]):
    node = element.parent
    while node is not None and node.name not in names:
        node = node.parent
    return node


def label_context(element) -> tuple[str, str, str]:
    """(text before the link, the link's text, text after) within its list item, cell or sentence."""
    block = _ancestor(element, _CONTEXT_BLOCKS)
    sentence = False
    if block is None:
        block = _ancestor(element, _SENTENCE_BLOCKS) or element.parent
        sentence = True
    if block is None:
        return "", "", ""
    parts: list[str] = []
    state: dict = {}
    _texts(block, element, parts, state)
    text = "".join(parts)
    start, end = state.get("start", 0), state.get("end", 0)
    before, inside, after = text[:start], text[start:end], text[end:]
    if sentence:
        cut = list(_SENTENCE_END.finditer(before))
        before = before[cut[-1].end():] if cut else before
        nxt = _SENTENCE_END.search(after)
        after = after[: nxt.start()] if nxt else after
    squash = lambda s: " ".join(s.split())  # noqa: E731
    return squash(before), squash(inside), squash(after)


def stated_size(before: str, inside: str, after: str) -> re.Match | None:
    """The size the label states: in the link text, else just after it, else just before it."""
    for text, last in ((inside, False), (after, False), (before, True)):
        found = list(_SIZE.finditer(text))
        if found:
            return found[-1] if last else found[0]
    return None


def size_range(match: re.Match, tolerance: float = 0.0) -> list[tuple[float, float]]:
    """Byte ranges a stated size allows: its rounding either way (or truncation), in 1000s or 1024s."""
    number = match.group(1)
    if "," in number and re.fullmatch(r"\d{1,3}(,\d{3})+", number):
        number = number.replace(",", "")
    number = number.replace(",", ".")
    value = float(number)
    decimals = len(number.split(".")[1]) if "." in number else 0
    step = 10.0 ** -decimals
    power = _UNITS.get(match.group(2)[0].lower(), 0)
    ranges = []
    for base in (1000, 1024):
        unit = base ** power
        ranges.append(((value - step / 2) * unit * (1 - tolerance), (value + step) * unit * (1 + tolerance)))
    return ranges


def human_size(size: int) -> str:
    for unit, power in (("GB", 3), ("MB", 2), ("KB", 1)):
        if size >= 1024 ** power:
            return f"{size / 1024 ** power:.2f} {unit}".replace(".00 ", " ") + f" ({size:,} bytes)"
    return f"{size} bytes"


class _PdfRule(Rule):
    family = "pdf"
    elements = PDF_KINDS


class _PdfLinkRule(LinkRule, _PdfRule):
    pass


class PdfLinkBroken(_PdfLinkRule):
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
    bad_example = """
        <a href="pubs/tip_response_2001.pdf">September 2001</a> (731K PDF)  <!-- 404 -->
    """
    good_example = """
        <a href="pubs/tip_response_2001.pdf">September 2001 (PDF, 731 KB)</a>  <!-- 200, application/pdf -->
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


class PdfLinkNotPdf(_PdfLinkRule):
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
    bad_example = """
        <a href="report.pdf">Annual report (PDF, 2 MB)</a>  <!-- 200, text/html "Page not found" -->
    """
    good_example = """
        <a href="report.pdf">Annual report (PDF, 2 MB)</a>  <!-- 200, application/pdf, %PDF-1.7 -->
    """
    fix = """
        Point the link at the real document, or remove it if the document is gone.
    """

    def requests(self, element, page):
        return link_request(self, element, page, needs="magic", kinds=PDF_KINDS) if _pdf_link(element, page) else None

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


class PdfLinkLabel(_PdfRule):
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
    bad_example = """
        <a href="pubs/strategy.pdf">The USAID Strategy for Response</a>
    """
    good_example = """
        <a href="pubs/strategy.pdf">The USAID Strategy for Response (PDF, 525 KB)</a>
    """
    fix = """
        Add the file type and size to the link text, or right after it in the same list
        item or sentence: "(PDF, 1.22 MB)".
    """

    def visit(self, element, page):
        if element.name == "iframe" or not _pdf_link(element, page):
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


class PdfSizeMismatch(_PdfLinkRule):
    id = "pdf-size-mismatch"
    severity = Severity.WARNING
    summary = "The size stated next to a PDF link must match the file"
    impact = "minor"
    options = {"tolerance": Option(0.0, "Extra allowance beyond the label's rounding, as a fraction (0.1 = 10%).")}
    what = """
        Reads the size stated in the link text or next to it ("(2.5MB PDF)", "PDF, 310 KB",
        "525K") and reports it when the real size (Content-Length, the Content-Range total,
        or the bytes of a local file) differs by more than the label's rounding allows:
        "2.5MB" allows 2.45 to 2.6 MB, "1MB" allows 0.5 to 2 MB, in units of 1000 or 1024.
    """
    why = """
        Readers on slow or metered connections decide from the stated size whether to
        download. A wrong size is usually a sign that the document was replaced and the
        page not updated.
    """
    bad_example = """
        <a href="report.pdf">Annual report</a> (PDF, 2.5 MB)  <!-- the file is 9.8 MB -->
    """
    good_example = """
        <a href="report.pdf">Annual report</a> (PDF, 9.8 MB)
    """
    fix = """
        Update the stated size to the file's real size, as given in the message.
    """

    def requests(self, element, page):
        if element.name == "iframe" or not _pdf_link(element, page):
            return None
        match = stated_size(*label_context(element))
        if match is None:
            return None
        return link_request(self, element, page, needs="magic", kinds=PDF_KINDS, stated=match.group(0),
                            ranges=size_range(match, self.config["tolerance"]))

    def may_report(self, outcome):
        return outcome.ok and outcome.size is not None and (outcome.is_pdf or outcome.head is None)

    def judge(self, request, outcome):
        size = outcome.size
        if not self.may_report(outcome):
            return
        if any(low <= size <= high for low, high in request.context["ranges"]):
            return
        stated = request.context["stated"]
        yield self.link_finding(request, f"The label says {stated} but the PDF is {human_size(size)}; "
                                "update the size in the label")


class PdfInaccessible(_PdfLinkRule):
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
    bad_example = """
        <a href="scan-2003.pdf">2003 strategy (PDF, 525 KB)</a>  <!-- a scan, untagged -->
    """
    good_example = """
        <a href="strategy-2003.pdf">2003 strategy (PDF, 480 KB)</a>  <!-- tagged, /Lang en-US, titled -->
    """
    fix = """
        Ask the document's owner for a tagged PDF (export with "tagged PDF" on, set the
        title and language, run OCR on scans), or publish the content as an HTML page.
    """

    def requests(self, element, page):
        return link_request(self, element, page, needs="body", kinds=PDF_KINDS) if _pdf_link(element, page) else None

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
