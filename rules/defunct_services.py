"""Share and bookmark widgets: services that shut down, and working share bars.

Both rules match an element's URL (href, src, action, data) against package data: a host
matches itself and its subdomains, and a host/path pattern matches paths that start with
that path at a word boundary. One widget is one finding: an element inside a link or form
that already matches (the Digg button image inside the Digg link) is not reported again.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from auditor import dom
from auditor.finding import Severity
from auditor.page import Page, attr
from auditor.rule import Option, Rule

# Which attribute holds the URL, per element.
_URL_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
              "iframe": "src", "frame": "src", "embed": "src", "input": "src", "source": "src",
              "form": "action", "object": "data"}
_WIDGET_ELEMENTS = tuple(_URL_ATTRS)
_KIND = {"a": "Link", "area": "Link", "link": "Link", "img": "Image", "input": "Image button",
         "script": "Script", "iframe": "Frame", "frame": "Frame", "embed": "Embed", "object": "Embed",
         "source": "Embed", "form": "Form"}
# URLs inside `javascript:` bookmarklets, which old share bars used a lot.
_EMBEDDED_URL = re.compile(r"https?://[^\s'\"<>()]+", re.I)
_WORD = re.compile(r"[a-z0-9_]")


@dataclass(frozen=True)
class Pattern:
    host: str
    path: str  # "" for the whole host

    @classmethod
    def parse(cls, text: str) -> "Pattern":
        text = text.strip().lower()
        text = re.sub(r"^[a-z]+://", "", text).lstrip("/")
        host, _, path = text.partition("/")
        host = host.removeprefix("www.")
        if not host or " " in host or "." not in host:
            raise ValueError(f"{text!r} is not a domain or a domain/path prefix")
        return cls(host, "/" + path.rstrip("/") if path else "")

    def matches(self, host: str, path: str) -> bool:
        if host != self.host and not host.endswith("." + self.host):
            return False
        if not self.path:
            return True
        if not path.startswith(self.path):
            return False
        rest = path[len(self.path):]
        return not rest or not _WORD.match(rest[0])


@dataclass(frozen=True)
class Service:
    name: str
    patterns: tuple[Pattern, ...]
    year: int | None = None
    source: str = ""

    def matches(self, host: str, path: str) -> bool:
        return any(p.matches(host, path) for p in self.patterns)


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("auditor").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _patterns(field: str) -> tuple[Pattern, ...]:
    return tuple(Pattern.parse(p) for p in field.split(";") if p.strip())


@cache
def defunct_services() -> tuple[Service, ...]:
    return tuple(Service(row["name"], _patterns(row["domains"]), int(row["shutdown_year"]), row["source"])
                 for row in _read_csv("defunct-services.csv"))


@cache
def share_services() -> tuple[Service, ...]:
    return tuple(Service(row["name"], _patterns(row["domains"])) for row in _read_csv("share-services.csv"))


def parse_extra_service(text: str) -> Service:
    """`name|domain-or-prefix[;more]|year` from config."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not parts[0] or not parts[1]:
        raise ValueError(f"{text!r} must be \"name|domain-or-url-prefix|year\"")
    if not re.fullmatch(r"\d{4}", parts[2]):
        raise ValueError(f"{text!r}: the shutdown year must be four digits")
    return Service(parts[0], _patterns(parts[1]), int(parts[2]), "config")


class ServiceListOption(Option):
    """A list of `name|domain|year` strings, each checked when the config is read."""

    def validate(self, name, value):
        value = super().validate(name, value)
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"option {name!r} must be a list of strings, not {item!r}")
            parse_extra_service(item)
        return value


def _urls(element: dom.Tag) -> list[str]:
    value = attr(element, _URL_ATTRS.get(element.name, "")) or ""
    value = value.strip()
    if not value:
        return []
    if value.lower().startswith("javascript:"):
        return _EMBEDDED_URL.findall(value)
    return [value]


def _host_path(url: str) -> tuple[str, str] | None:
    if url.startswith("//"):
        url = "http:" + url
    elif ":" not in url:  # relative, as most links are: no scheme, so no widget
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # malformed URLs (bad ports, brackets) are not widgets
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host.removeprefix("www."), parts.path.lower()


class Services:
    """Services in order, indexed by the hosts of their patterns: a host is tried only
    against the services with a pattern for it or a domain above it."""

    def __init__(self, services: tuple[Service, ...]):
        self.services = services
        self.by_host: dict[str, set[int]] = {}
        for index, service in enumerate(services):
            for pattern in service.patterns:
                self.by_host.setdefault(pattern.host, set()).add(index)

    def first_match(self, host: str, path: str) -> Service | None:
        labels = host.split(".")
        candidates = set().union(*(self.by_host.get(".".join(labels[n:]), ()) for n in range(len(labels))))
        for index in sorted(candidates):
            if self.services[index].matches(host, path):
                return self.services[index]
        return None


@cache
def _share_services() -> Services:
    return Services(share_services())


def find_service(element: dom.Tag, services: Services) -> Service | None:
    for url in _urls(element):
        where = _host_path(url)
        if where is None:
            continue
        service = services.first_match(*where)
        if service is not None:
            return service
    return None


def _inside_widget(element: dom.Tag, services: Services) -> bool:
    """True when an enclosing link, form or embed already points to one of the services."""
    node = element.parent
    while isinstance(node, dom.Tag):
        if node.name in _URL_ATTRS and find_service(node, services) is not None:
            return True
        node = node.parent
    return False


class DefunctService(Rule):
    id = "defunct-service"
    family = "clutter"
    severity = Severity.WARNING
    summary = "Links, scripts and embeds must not point to services that have shut down"
    impact = None
    uses_as_of = True
    elements = _WIDGET_ELEMENTS
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
    bad_example = """
        <div id="sharebar">
          <a href="http://digg.com/submit?phase=2&amp;url=..."><img src="digg.gif" alt="Digg this page"></a>
          <a href="http://del.icio.us/post?url=..."><img src="delicious.gif" alt="Save to del.icio.us"></a>
        </div>
    """
    good_example = """
        <!-- the share bar removed; or only services that still run -->
        <a href="https://www.facebook.com/sharer/sharer.php?u=...">Share on Facebook</a>
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
        if _inside_widget(element, self.services):
            return
        yield self.finding(page, element, f"{_KIND[element.name]} to {service.name}, which shut down in "
                                          f"{service.year}: remove the widget")


class ShareWidget(Rule):
    id = "share-widget"
    family = "clutter"
    severity = Severity.NOTICE
    summary = "Third-party share buttons (services that still run), for teams that want them gone"
    enabled_by_default = False
    elements = _WIDGET_ELEMENTS
    what = """
        Reports share buttons and scripts of services that still run: Facebook's sharer,
        X/Twitter intents, LinkedIn, Reddit's submit page, Pinterest, Tumblr, WhatsApp,
        Telegram, Bluesky, AddToAny, ShareThis and others. Off by default; shut-down
        services are reported by `defunct-service` instead. One widget is one finding.
    """
    why = """
        Few visitors use share bars (browsers and phones have their own share menus), the
        scripts behind them track visitors and slow the page, and each button is one more
        link a keyboard or screen-reader user has to get past.
    """
    bad_example = """
        <a href="https://twitter.com/intent/tweet?url=..."><img src="x.png" alt="Post on X"></a>
        <a href="https://www.facebook.com/sharer/sharer.php?u=..."><img src="fb.png" alt="Share on Facebook"></a>
    """
    good_example = """
        <p>Copy this page's address to share it: https://example.org/report</p>
    """
    fix = """
        Remove the share bar, or select this rule (`--select share-widget`) only when
        cleaning templates.
    """

    def visit(self, element, page: Page):
        services = _share_services()
        service = find_service(element, services)
        if service is None or _inside_widget(element, services):
            return
        yield self.finding(page, element, f"{_KIND[element.name]} is a {service.name} share widget: "
                                          "remove it if the site no longer wants share buttons")
