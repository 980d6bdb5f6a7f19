from __future__ import annotations

from auditor import dom
from auditor.accname import label_elements, accessible_name, is_hidden, role_of, visible_text
from auditor.aria import NOT_FIELD_INPUT_TYPES, id_refs
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


def _is_form_field(element: dom.Tag) -> bool:
    if element.name == "input":
        return (attr(element, "type") or "text").strip().lower() not in NOT_FIELD_INPUT_TYPES
    return element.name in ("select", "textarea")


def _has_label(element: dom.Tag, page) -> bool:
    """Labelled by something users can see or that is meant as a label (not a tooltip)."""
    if (attr(element, "aria-label") or "").strip():
        return True
    for ref in id_refs(attr(element, "aria-labelledby")):
        target = page.ids.get(ref)
        if target is not None and (accessible_name(target, page) or visible_text(target, page)):
            return True
    return any(visible_text(label, page) for label in label_elements(element, page))


class LabelTitleOnly(Rule):
    id = "label-title-only"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Form fields should have a label, not only a title or a description"
    impact = "serious"
    elements = ("input", "select", "textarea")
    what = """
        Reports a form field (text input, checkbox, radio, `<select>`, `<textarea>`...) that
        has no `<label>`, `aria-label` or `aria-labelledby`, and is named only by its
        `title` attribute or described only by `aria-describedby`. (A field with none of
        these has no name at all; the form field name rule reports that.)
    """
    why = """
        A title is a tooltip: it shows only when the mouse rests on the field, never on touch
        screens or to keyboard users, and some screen readers read it only on request.
        Sighted users, including those using voice control, need a visible label to know
        what to type and what to say to reach the field.
    """
    fix = """
        Add a visible `<label for="...">` (or wrap the field in its `<label>`). If the
        design has no room for one, at least use `aria-labelledby` pointing at visible text
        such as the button next to the field.
    """

    def visit(self, element, page):
        if not _is_form_field(element) or is_hidden(element, page):
            return
        if role_of(element, page) in (None, "presentation", "none") or _has_label(element, page):
            return
        title = (attr(element, "title") or "").strip()
        described = any(ref in page.ids for ref in id_refs(attr(element, "aria-describedby")))
        if title:
            yield self.finding(
                page, element,
                f"<{element.name}> is named only by its title {title!r}, a tooltip: give it a visible <label>",
            )
        elif described:
            yield self.finding(
                page, element,
                f"<{element.name}> has only a description (aria-describedby), not a label: give it a visible <label>",
            )
