from __future__ import annotations

from auditor.finding import Severity
from auditor.link_rules import LinksFamilyRule


class LinkUnverified(LinksFamilyRule):
    id = "link-unverified"
    severity = Severity.NOTICE
    summary = "Links the tool could not verify (its own limits, not the link's fault)"
    what = """
        Reports links whose state could not be decided because of the tool's own limits or
        configuration rather than the link: the run's time budget for link checks ran out,
        a 429 "too many requests" that did not clear within the retry cap, a document
        larger than the read limit, a URL excluded by `[tool.auditor.links]`, or a scheme
        the checker does not speak (`ftp:`).
    """
    why = """
        These are not broken links, and must not fail a build as if they were; but a
        content team should know which links nobody checked, so it can raise a limit, or
        check them by hand.
    """
    fix = """
        Raise the limit named in the message (`[tool.auditor.links]` run-budget,
        retry-after-cap, max-pdf-bytes), check the link by hand, or move the document to
        an https address.
    """

    def may_report(self, outcome):
        return bool(outcome.unverified) or (outcome.too_large and outcome.ok)

    def judge(self, request, outcome):
        if outcome.unverified:
            yield self.link_finding(request, f"Link to {request.shown} could not be verified: {outcome.unverified}")
        elif outcome.too_large and outcome.ok:
            yield self.link_finding(request, f"Link to {request.shown} leads to a document larger than the read limit "
                                    "(links.max-pdf-bytes), so its content was not checked")
