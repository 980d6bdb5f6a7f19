"""The catalogue of share and bookmark services (data/defunct-services.csv and
data/share-services.csv) and how an element's URL is matched against it.

Both rules match an element's URL (href, src, action, data) against package data: a host
matches itself and its subdomains, and a host/path pattern matches paths that start with
that path at a word boundary. One widget is one finding: an element inside a link or form
that already matches (the Digg button image inside the Digg link) is not reported again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from auditor import dom
from auditor.datafiles import csv_rows
from auditor.page import attr
from auditor.rule import Option

# Which attribute holds the URL, per element.
_URL_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
              "iframe": "src", "frame": "src", "embed": "src", "input": "src", "source": "src",
              "form": "action", "object": "data"}
WIDGET_ELEMENTS = tuple(_URL_ATTRS)
ELEMENT_KIND = {"a": "Link", "area": "Link", "link": "Link", "img": "Image", "input": "Image button",
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


def _patterns(field: str) -> tuple[Pattern, ...]:
    return tuple(Pattern.parse(p) for p in field.split(";") if p.strip())


@cache
def defunct_services() -> tuple[Service, ...]:
    return tuple(Service(row["name"], _patterns(row["domains"]), int(row["shutdown_year"]), row["source"])
                 for row in csv_rows("defunct-services.csv"))


@cache
def share_services() -> tuple[Service, ...]:
    return tuple(Service(row["name"], _patterns(row["domains"])) for row in csv_rows("share-services.csv"))


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
def indexed_share_services() -> Services:
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


def inside_widget(element: dom.Tag, services: Services) -> bool:
    """True when an enclosing link, form or embed already points to one of the services."""
    node = element.parent
    while isinstance(node, dom.Tag):
        if node.name in _URL_ATTRS and find_service(node, services) is not None:
            return True
        node = node.parent
    return False
