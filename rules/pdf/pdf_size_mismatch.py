from __future__ import annotations

import re

from auditor.deferred import link_request
from auditor.finding import Severity
from auditor.pdf_rules import PDF_KINDS, PdfLinkRule, is_pdf_link, label_context, stated_size
from auditor.rule import Option

_UNITS = {"b": 0, "k": 1, "m": 2, "g": 3}


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


class PdfSizeMismatch(PdfLinkRule):
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
    fix = """
        Update the stated size to the file's real size, as given in the message.
    """

    def requests(self, element, page):
        if element.name == "iframe" or not is_pdf_link(element, page):
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
