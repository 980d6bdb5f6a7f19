"""The base class of the link rules and their `kinds` option.

These rules record a deferred check per link during the walk; the engine checks every
unique target once after all pages are read (auditor.linkcheck) and hands each outcome
back to `evaluate`. PDF links are judged by the pdf family (rules/pdf/) instead.
"""

from __future__ import annotations

from auditor.deferred import DeferredRule, link_request
from auditor.rule import Option, Rule

LINK_KINDS = ("a", "area", "iframe", "img", "link")
KINDS_HELP = "Which elements' links are checked: a, area (href), iframe, img (src), link (rel=stylesheet)."


class LinkRule(DeferredRule, Rule):
    family = "links"
    elements = LINK_KINDS
    options = {"kinds": Option(LINK_KINDS, KINDS_HELP)}

    def visit(self, element, page):
        request = link_request(self, element, page, kinds=self.config["kinds"])
        if request is not None:
            yield request
