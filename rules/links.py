"""Links: broken links, permanent redirects, and links the tool could not verify.

These rules say what they need checked for each link in the walk (`requests`); the link
stage checks every unique target once after all pages are read (auditor.linkcheck) and
hands each outcome back to `judge`. PDF links are judged by the pdf family (rules/pdf.py)
instead.
"""

from __future__ import annotations

from auditor.deferred import LinkRule, link_request
from auditor.finding import Severity
from auditor.rule import Option, Rule

LINK_KINDS = ("a", "area", "iframe", "img", "link")
_KINDS_HELP = "Which elements' links are checked: a, area (href), iframe, img (src), link (rel=stylesheet)."


def _target(request) -> str:
    return request.shown + (f"#{request.fragment}" if request.fragment else "")


class _LinkRule(LinkRule, Rule):
    family = "links"
    elements = LINK_KINDS
    options = {"kinds": Option(LINK_KINDS, _KINDS_HELP)}

    def requests(self, element, page):
        return link_request(self, element, page, kinds=self.config["kinds"])


class LinkBroken(_LinkRule):
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
    bad_example = """
        <a href="/our_work/archive/2004-report.html">2004 report</a>  <!-- 404 Not Found -->
    """
    good_example = """
        <a href="/our_work/reports/2004.html">2004 report</a>  <!-- 200 OK -->
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


class LinkRedirect(_LinkRule):
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
    bad_example = """
        <a href="http://www.example.gov/pubs">Publications</a>  <!-- 301 to https://www.example.gov/pubs/ -->
    """
    good_example = """
        <a href="https://www.example.gov/pubs/">Publications</a>
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


class LinkUnverified(_LinkRule):
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
    bad_example = """
        <a href="ftp://ftp.example.gov/pub/annual-report.txt">Annual report</a>
    """
    good_example = """
        <a href="https://www.example.gov/pub/annual-report.html">Annual report</a>
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
