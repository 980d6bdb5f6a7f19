"""The base class of the link rules and their `kinds` option.

These rules say what they need checked for each link in the walk (`requests`); the link
stage checks every unique target once after all pages are read (auditor.linkcheck) and
hands each outcome back to `judge`. PDF links are judged by the pdf family (rules/pdf/) instead.
"""

from __future__ import annotations

from auditor.deferred import LinkRule, link_request
from auditor.rule import Option, Rule

LINK_KINDS = ("a", "area", "iframe", "img", "link")
KINDS_HELP = "Which elements' links are checked: a, area (href), iframe, img (src), link (rel=stylesheet)."


class LinksFamilyRule(LinkRule, Rule):
    """A rule of the links family: every link element of its `kinds` is checked."""

    family = "links"
    elements = LINK_KINDS
    options = {"kinds": Option(LINK_KINDS, KINDS_HELP)}

    def requests(self, element, page):
        return link_request(self, element, page, kinds=self.config["kinds"])
