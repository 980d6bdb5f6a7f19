from __future__ import annotations

from auditor.finding import Severity
from auditor.rule import Rule


class ServerSideImageMap(Rule):
    id = "server-side-image-map"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Server-side image maps must not be used"
    wcag = ("2.1.1",)
    impact = "minor"
    elements = ("img",)
    what = "Reports an `<img ismap>`: an image whose link target depends on where it is clicked."
    why = """
        A server-side image map sends the coordinates of a mouse click to the server. A
        keyboard user cannot click a point, and a screen reader cannot tell what the
        regions are, so the links in the image are out of reach.
    """
    fix = """
        Use a client-side image map (`usemap` with `<area>` elements that each have alt
        text), or plain links next to the image.
    """

    def visit(self, element, page):
        if element.has_attr("ismap"):
            yield self.finding(
                page, element,
                "Server-side image map (ismap) is unusable from the keyboard: use <map> with <area> links instead",
            )
