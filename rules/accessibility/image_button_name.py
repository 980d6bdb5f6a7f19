from __future__ import annotations

from auditor.accname import role_of
from auditor.name_rules import NameRule
from auditor.page import attr


class ImageButtonName(NameRule):
    id = "image-button-name"
    summary = "Image buttons must have a text alternative"
    wcag = ("1.1.1", "4.1.2")
    act = ("59796f",)
    elements = ("input",)
    noun = "image button"
    advice = "describe what it does in alt (alt=\"Search\"), aria-label or title"
    what = """
        Reports an `<input type="image">` whose accessible name is empty: no `alt`,
        `aria-label`, `aria-labelledby` or `title` with text in it.
    """
    why = """
        An image button is announced by its name alone. Without one, a screen reader says
        "button", or reads the image's file name, and the user cannot tell what it submits.
    """
    fix = """
        Put the action in `alt` ("Search", "Subscribe"), not a description of the picture.
    """

    def applies(self, element, page):
        return (attr(element, "type") or "").strip().lower() == "image" and role_of(element, page) == "button"
