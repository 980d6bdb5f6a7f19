from __future__ import annotations

from auditor import aria
from auditor.name_rules import NameRule


class SvgImgName(NameRule):
    id = "svg-img-name"
    summary = "SVG graphics with an image role must have an accessible name"
    wcag = ("1.1.1",)
    act = ("7d6734",)
    impact = "serious"
    noun = "graphic"
    attributes = ("role",)
    advice = "add a <title> child, aria-label or aria-labelledby"
    _ROLES = frozenset({"img", "graphics-document", "graphics-symbol"})
    what = """
        Reports an `<svg>` element, or an element inside one, with an explicit `role` of
        `img`, `graphics-document` or `graphics-symbol` and no accessible name (from
        `aria-labelledby`, `aria-label` or a `<title>` child).
    """
    why = """
        The role tells assistive technology "this is an image", so users expect to hear what
        it shows; `<text>` drawn inside an `role="img"` SVG is not read, so an SVG chart or
        icon without a title is silent.
    """
    fix = """
        Give the graphic a `<title>` as its first child, or `aria-label`; if it is purely
        decorative, use `aria-hidden="true"` instead of an image role.
    """

    def applies(self, element, page):
        if aria.explicit_role(element) not in self._ROLES:
            return False
        return element.name == "svg" or element.find_parent("svg") is not None
