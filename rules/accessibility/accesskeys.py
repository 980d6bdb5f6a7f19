from __future__ import annotations

from auditor import dom
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class DuplicateAccesskeys(Rule):
    id = "accesskeys"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Access keys must be unique"
    impact = "serious"
    what = """
        Reports an element whose `accesskey` value (compared without regard to case) is
        already used by an earlier element on the page.
    """
    why = """
        When two elements share an access key, browsers either focus only the first one or
        cycle between them, and which one depends on the browser: the shortcut no longer
        does what the page says it does. Access keys also clash with browser and screen
        reader shortcuts, so use them sparingly.
    """
    fix = "Give each element its own access key, or remove the ones that are not needed."

    def check(self, page):
        first: dict[str, dom.Tag] = {}
        for element in (e for e in page.elements if e.has_attr("accesskey")):
            key = " ".join((attr(element, "accesskey") or "").split()).lower()
            if not key:
                continue
            earlier = first.get(key)
            if earlier is None:
                first[key] = element
                continue
            yield self.finding(
                page, element,
                f"accesskey \"{attr(element, 'accesskey').strip()}\" is already used by <{earlier.name}> at line "
                f"{page.location(earlier).line}: give each element its own key",
            )
