from __future__ import annotations

from auditor import aria
from auditor.accname import role_of
from auditor.name_rules import NameRule
from auditor.page import attr

_FIELD_ROLES = frozenset({"checkbox", "combobox", "listbox", "menuitemcheckbox", "menuitemradio", "radio",
                          "searchbox", "slider", "spinbutton", "switch", "textbox"})


class FormFieldName(NameRule):
    id = "label"
    summary = "Form fields must have a label"
    wcag = ("4.1.2", "1.3.1")
    act = ("e086e5",)
    noun = "form field"
    elements = tuple(sorted({"input", *aria.tags_with_implicit_role(_FIELD_ROLES)}))
    attributes = ("role",)
    advice = "add a <label for> (or wrap it in <label>), or aria-label"
    what = """
        Reports a form field (`<input>`, `<select>`, `<textarea>`, or an element with a role
        such as `textbox`, `checkbox`, `combobox`, `slider`) with no accessible name: no
        `<label>`, `aria-label`, `aria-labelledby`, `title` or placeholder. A `<label>`
        only labels a native field; text next to a field is not its label.
    """
    why = """
        A screen reader announces a field by its label; without one the user hears "edit
        text" and must guess what to type. Voice-control users cannot say its name to
        move there.
    """
    fix = """
        Tie a visible `<label>` to the field with `for`/`id`, or wrap the field in the
        label. Use `aria-labelledby` for custom widgets.
    """

    def applies(self, element, page):
        role = role_of(element, page)
        if role in aria.PRESENTATIONAL_ROLES:
            return False
        if role in _FIELD_ROLES:
            return True
        if element.name == "input":
            return role is None and (attr(element, "type") or "").strip().lower() not in aria.NOT_FIELD_INPUT_TYPES
        return False
