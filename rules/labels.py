"""Labels beyond "has a name": alt text that repeats the text beside it, form fields named
only by a tooltip, and select boxes without a name.
"""

from __future__ import annotations

import re

from auditor import dom
from auditor.accname import label_elements, accessible_name, is_hidden, role_of, visible_text
from auditor.aria import NOT_FIELD_INPUT_TYPES, explicit_role, id_refs
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule

_PUNCTUATION = re.compile(r"[^\w]+")
# Where an image's alt text is read together with the text around it (axe-core's choice).
_CONTAINERS = frozenset({"button", "p", "li", "td", "th"})


def _words(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def _container(element: dom.Tag) -> dom.Tag | None:
    node = element.parent
    while isinstance(node, dom.Tag):
        role = explicit_role(node)
        if role in ("button", "link") or node.name in _CONTAINERS or (node.name == "a" and node.has_attr("href")):
            return node
        node = node.parent
    return None


class ImageRedundantAlt(Rule):
    id = "image-redundant-alt"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Alt text should not repeat the text next to the image"
    impact = "minor"
    elements = ("img",)
    what = """
        Reports an image whose alt text is the same (ignoring case and punctuation) as the
        rest of the text of the link, button, paragraph, list item or table cell it sits in.
    """
    why = """
        A screen reader reads the alt text and then the text beside it, so users hear
        everything twice: "Home Home". It adds noise to every visit of a menu, and is
        usually a sign that the image is decorative there.
    """
    bad_example = """
        <a href="/rss/"><img src="/images/share/rss.gif" alt="RSS feeds"> RSS feeds</a>
    """
    good_example = """
        <a href="/rss/"><img src="/images/share/rss.gif" alt=""> RSS feeds</a>
    """
    fix = """
        When the text next to an image already says what the image says, give the image
        `alt=""`; otherwise write an alt that adds what the text does not.
    """

    def visit(self, element, page):
        alt = _words(attr(element, "alt") or "")
        if not alt or is_hidden(element, page):
            return
        container = _container(element)
        if container is None or is_hidden(container, page):
            return
        if _words(visible_text(container, page)) == alt:
            yield self.finding(
                page, element,
                f"Alt text {(attr(element, 'alt') or '').strip()!r} repeats the text beside the image: use alt=\"\" "
                "or describe what the text does not say",
            )


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
    bad_example = """
        <input type="text" name="q" title="Search USAID">
        <input type="submit" value="Go">
    """
    good_example = """
        <label for="q">Search USAID</label>
        <input type="text" id="q" name="q">
        <input type="submit" value="Go">
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


class SelectName(Rule):
    id = "select-name"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Select boxes must have an accessible name (also checked by `label`)"
    wcag = ("4.1.2",)
    impact = "critical"
    elements = ("select",)
    enabled_by_default = False
    what = """
        Reports a `<select>` with no accessible name: no `<label>`, `aria-label`,
        `aria-labelledby` or `title`. The `label` rule (ACT e086e5) already reports
        unnamed select boxes along with every other form field, so this rule is off by
        default to avoid reporting one problem twice; select it for axe-core's
        `select-name` on its own.
    """
    why = """
        A screen reader announces an unnamed select box as "combo box" and its current
        option, so the user hears "combo box, 2008" and cannot tell what the choice is for.
    """
    bad_example = """
        <select name="year"><option>2008</option><option>2007</option></select>
    """
    good_example = """
        <label for="year">Report year</label>
        <select id="year" name="year"><option>2008</option><option>2007</option></select>
    """
    fix = """
        Tie a visible `<label for>` to the select box (or wrap it in the label); use
        `aria-labelledby` when the visible label is elsewhere.
    """

    def visit(self, element, page):
        if is_hidden(element, page) or role_of(element, page) in (None, "presentation", "none"):
            return
        if not accessible_name(element, page):
            yield self.finding(page, element, "<select> has no accessible name: give it a <label>")
