from __future__ import annotations

from auditor.dates import MODIFIED, PUBLISHED
from auditor.finding import Severity
from auditor.staleness import DATE_ORDER, StalenessRule, is_future


class FutureDate(StalenessRule):
    id = "future-date"
    severity = Severity.WARNING
    summary = "A published or updated date is later than today"
    options = {"date-order": DATE_ORDER}
    what = """
        Reports a published or modified date (in `<meta>`, JSON-LD, `<time>`, microdata,
        "Posted ..." or "Last updated ..." text, or the URL) more than a day after
        `--as-of`. Dates of listed items (upcoming events, forthcoming reports) and the
        server's Last-Modified header are not checked.
    """
    why = """
        A page cannot have been updated in the future: the date is a typo (2062 for 2026,
        a swapped day and month) or a template that fills in a wrong value, and it makes
        the page look fresher than it is, to readers and to this audit.
    """
    fix = """
        Correct the date. If a numeric date was read in the wrong order, set `date-order`.
    """

    def check(self, page):
        seen = set()
        for evidence in self.dates(page):
            if evidence.kind not in (PUBLISHED, MODIFIED) or evidence.source == "http header":
                continue
            key = (id(evidence.element), evidence.day)
            if is_future(evidence, page) and key not in seen:
                seen.add(key)
                yield self.finding(page, evidence.element,
                                   f"{evidence.kind.capitalize()} date {evidence.display} ({evidence.where}) is after "
                                   f"{page.as_of.isoformat()}: correct the date")
