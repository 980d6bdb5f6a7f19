from __future__ import annotations

from auditor.accname import role_of
from auditor.name_rules import NameRule


class MenuitemName(NameRule):
    id = "menuitem-name"
    summary = "Menu items must have an accessible name"
    wcag = ("4.1.2",)
    act = ("m6b1q3",)
    impact = "serious"
    noun = "menu item"
    attributes = ("role",)
    advice = "give it text, or aria-label if it shows only an icon"
    what = """
        Reports an element with `role="menuitem"` whose accessible name is empty.
    """
    why = """
        Menu items are announced by name only; an icon-only item without a name is read as
        "menu item" and the user cannot tell the commands apart.
    """
    fix = """
        Give the item visible text, or an `aria-label`/`title` naming the command.
    """

    def applies(self, element, page):
        return role_of(element, page) == "menuitem"
