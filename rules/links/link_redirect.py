from __future__ import annotations

from auditor.finding import Severity
from auditor.link_rules import LinksFamilyRule


class LinkRedirect(LinksFamilyRule):
    id = "link-redirect"
    severity = Severity.NOTICE
    summary = "Links that are permanently redirected should point to the new address"
    needs_network = True  # only a server can answer with a redirect
    what = """
        Reports a link whose target answers with a permanent redirect (301 or 308), with
        the address it ends at, so the link can be updated. Temporary redirects (302, 303,
        307) are not reported.
    """
    why = """
        Each redirect costs a round trip, and permanent ones are the site saying the old
        address is retired: redirects get dropped in the next migration, and the link
        breaks. Updating it now is cheap.
    """
    fix = """
        Replace the link's address with the final address given in the message.
    """

    def may_report(self, outcome):
        return bool(outcome.permanent_redirect) and not outcome.broken and not outcome.unverified

    def judge(self, request, outcome):
        if self.may_report(outcome):
            new = outcome.permanent_redirect
            status = outcome.redirects[0][0]
            hops = len(outcome.redirects)
            via = f" after {hops} redirects" if hops > 1 else ""
            yield self.link_finding(request, f"Link to {request.shown} is permanently redirected (HTTP {status}) to {new}{via}; update the link")
