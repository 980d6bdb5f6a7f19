from __future__ import annotations

from auditor.finding import Severity
from auditor.page import Page
from auditor.rule import Option, Rule
from auditor.services import (
    ELEMENT_KIND,
    WIDGET_ELEMENTS,
    ServiceListOption,
    Services,
    defunct_services,
    find_service,
    inside_widget,
    parse_extra_service,
)


class DefunctService(Rule):
    id = "defunct-service"
    family = "clutter"
    severity = Severity.WARNING
    summary = "Links, scripts and embeds must not point to services that have shut down"
    impact = None
    uses_as_of = True
    elements = WIDGET_ELEMENTS
    # Removing the widget is the fix: nothing else about it needs saying, or checking.
    supersedes = ("link-broken", "link-redirect", "link-unverified", "link-name", "link-text-vague",
                  "redundant-link", "empty-link", "image-alt", "image-alt-suspicious", "image-redundant-alt",
                  "pdf-link-broken", "pdf-link-not-pdf", "pdf-link-label", "pdf-size-mismatch", "pdf-inaccessible")
    options = {
        "extra-services": ServiceListOption(
            (), "More shut-down services, as \"name|domain-or-url-prefix|year\" strings (several "
                "domains separated by ';'); an entry named like a built-in one replaces it."),
        "ignore-services": Option(
            (), "Built-in services not to report, by name (case-insensitive) or by one of their domains."),
    }
    what = """
        Reports a link, image, script, frame, embed or form whose URL points to a service
        that has shut down: the share and bookmark bars of the 2000s (Digg's old submit
        page, StumbleUpon, del.icio.us, Yahoo! My Web, Newsvine, Google Bookmarks, Mixx,
        Technorati, Google+...), matched by domain and URL prefix from a list of more
        than 30 services, each with its shutdown year and a public source. A service is
        reported only if it had shut down by the audit date (`--as-of`). One widget is one
        finding: the image inside a Digg link is not reported again. Services that still run
        (Facebook's sharer, X/Twitter intents, LinkedIn, Reddit's submit page, e-mail links)
        are left to `share-widget`.
    """
    why = """
        A dead widget sends the visitor who clicks it to an error page, a parked domain or,
        when the domain was sold, somewhere unrelated. A screen-reader user hears every one
        of them ("Digg this page, link"), and a script from a dead host slows the page or,
        worse, runs whatever the domain's new owner serves.
    """
    fix = """
        Remove the widget from the template. To add a service that the built-in list lacks,
        or to correct one, use `extra-services`; to stop reporting one, `ignore-services`:

            [tool.auditor.rules.defunct-service]
            extra-services = ["Example Bookmarks|bookmarks.example.com/add|2020"]
            ignore-services = ["digg.com"]
    """

    def __init__(self, severity=None, options=None):
        super().__init__(severity, options)
        ignored = {i.strip().lower() for i in self.config["ignore-services"]}
        extra = [parse_extra_service(s) for s in self.config["extra-services"]]
        replaced = {s.name.lower() for s in extra}
        self.services = Services(tuple(
            s for s in defunct_services()
            if s.name.lower() not in replaced and s.name.lower() not in ignored
            and not any(p.host in ignored or f"{p.host}{p.path}" in ignored for p in s.patterns)
        ) + tuple(extra))

    def visit(self, element, page: Page):
        service = find_service(element, self.services)
        if service is None or (service.year and service.year > page.as_of.year):
            return
        if inside_widget(element, self.services):
            return
        yield self.finding(page, element, f"{ELEMENT_KIND[element.name]} to {service.name}, which shut down in "
                                          f"{service.year}: remove the widget")
