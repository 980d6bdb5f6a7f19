from __future__ import annotations

from auditor.finding import Severity
from auditor.link_rules import LinksFamilyRule


def _target(request) -> str:
    return request.shown + (f"#{request.fragment}" if request.fragment else "")


class LinkBroken(LinksFamilyRule):
    id = "link-broken"
    severity = Severity.ERROR
    summary = "Links must lead somewhere: no 4xx or 5xx, no network error, no missing file or anchor"
    wcag = ()
    impact = None
    what = """
        Checks every `a[href]`, `area[href]`, `iframe[src]`, `img[src]` and
        `link[rel=stylesheet]` (see the `kinds` option) and reports the ones that fail:
        4xx or 5xx after retries, DNS failure, connection refused or reset, TLS error,
        redirect loop, no answer in time, a relative link to a local file that does not
        exist, or a `#fragment` that another audited page does not have (same-page
        fragments are `link-fragment-missing`'s). Links to PDFs
        are reported by `pdf-link-broken` instead. Needs the network, except for local
        files; with `--offline` the network checks are skipped and counted.
    """
    why = """
        A dead link is a dead end for everyone, and worse for screen reader and keyboard
        users, who spend more effort reaching it. Legacy pages collect them as sites are
        reorganised; search engines rank such pages lower.
    """
    fix = """
        Point the link at the page's current address (search the site or the Internet
        Archive), or remove it. The message says what happened: status or error class,
        final URL after redirects and attempts (not the time, so that reruns report alike).
    """

    def may_report(self, outcome):
        return outcome.broken or outcome.missing_fragment

    def judge(self, request, outcome):
        if request.pdf or outcome.is_pdf:
            return
        if outcome.broken:
            yield self.link_finding(request, f"Link to {request.shown} is broken: {outcome.describe()}; fix the address or remove the link")
        elif outcome.missing_fragment and not request.same_page:  # same page: link-fragment-missing
            yield self.link_finding(request, f"Link to {_target(request)} points to an anchor that page does not have; "
                                    "link to an existing id or drop the fragment")
