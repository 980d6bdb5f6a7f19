from __future__ import annotations

from auditor import aria
from auditor.accname import role_of
from auditor.name_rules import NameRule
from auditor.page import attr


class ButtonName(NameRule):
    id = "button-name"
    summary = "Buttons must have an accessible name"
    wcag = ("4.1.2",)
    act = ("97a4e1",)
    noun = "button"
    elements = aria.tags_with_implicit_role(("button",))
    attributes = ("role",)
    advice = "give it text, or aria-label if it shows only an icon"
    what = """
        Reports an element with the button role (`<button>`, `<input type="button|submit|reset">`,
        `role="button"`) whose accessible name is empty. Image buttons are left to
        `image-button-name`, `<summary>` to `summary-name`.
    """
    why = """
        A button is announced by its name; an icon-only button without one is just
        "button", and users cannot tell whether it saves, deletes or closes.
    """
    fix = """
        Put text in the button, or `aria-label` when it shows only an icon. `value` on a
        `<button>` element is not its name.
    """

    def applies(self, element, page):
        if element.name == "summary" or (element.name == "input" and (attr(element, "type") or "").strip().lower() == "image"):
            return False
        return role_of(element, page) == "button"
