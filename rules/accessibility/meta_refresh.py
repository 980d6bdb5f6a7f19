from __future__ import annotations

from auditor.document import first_refresh
from auditor.finding import Severity
from auditor.rule import Rule

# WCAG 2.2.1 lets a page refresh or redirect on its own after at least 20 hours.
TWENTY_HOURS = 72000


class MetaRefresh(Rule):
    id = "meta-refresh"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The page must not refresh or redirect on its own after a delay"
    wcag = ("2.2.1", "2.2.4", "3.2.5")
    act = ("bc659a",)
    impact = "critical"
    what = """
        Reports `<meta http-equiv="refresh">` with a delay above 0 and at most 20 hours.
        An immediate redirect (delay 0) and a delay longer than 20 hours (WCAG's exception)
        pass.
    """
    why = """
        A page that reloads or moves away after some seconds takes the content from people
        who read slowly, use a screen reader or magnifier, or stepped away; a reload also
        throws the screen reader back to the top.
    """
    fix = """
        Redirect on the server (HTTP 301), or with a delay of 0; for live data, let the user
        refresh or update the part that changes.
    """

    def check(self, page):
        found = first_refresh(page)
        if found and 0 < found[1] <= TWENTY_HOURS:
            meta, delay = found
            yield self.finding(page, meta, f"The page refreshes or redirects after {delay} seconds: redirect at once (delay 0) or let the user do it")
