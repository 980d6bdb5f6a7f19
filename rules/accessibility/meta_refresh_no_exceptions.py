from __future__ import annotations

from auditor.document import first_refresh
from auditor.finding import Severity
from auditor.rule import Rule


class MetaRefreshNoException(Rule):
    id = "meta-refresh-no-exceptions"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "The page must not refresh or redirect on its own after any delay (AAA)"
    wcag = ("2.2.4", "3.2.5")
    act = ("bisz58",)
    impact = "minor"
    enabled_by_default = False
    what = """
        The AAA form of `meta-refresh`: reports `<meta http-equiv="refresh">` with any delay
        above 0, the 20-hour exception included.
    """
    why = """
        WCAG 2.2.4 and 3.2.5 (AAA) ask that content does not update or move away unless the
        user asks, however long the delay.
    """
    fix = """
        Redirect at once or on the server, and let the user reload content.
    """

    def check(self, page):
        found = first_refresh(page)
        if found and found[1] > 0:
            meta, delay = found
            yield self.finding(page, meta, f"The page refreshes or redirects after {delay} seconds: redirect at once or let the user do it")
