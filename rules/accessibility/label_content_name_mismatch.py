from __future__ import annotations

import re
import unicodedata

from auditor.accname import accessible_name, declared_style, is_hidden, role_of, visible_text
from auditor.finding import Severity
from auditor.rule import Rule

_NAME_FROM_CONTENT_WIDGETS = frozenset({"button", "checkbox", "gridcell", "link", "menuitem", "menuitemcheckbox",
                                        "menuitemradio", "option", "radio", "searchbox", "switch", "tab", "treeitem"})
# Single characters that stand for an action rather than spell a word ("X" for close).
_SYMBOLIC = frozenset({"x"})


def _tokens(text: str) -> list[str]:
    """The ACT label-in-name tokenizer: drop (parenthesised) text, fold case, NFKD, keep letters
    and digits only, split on whitespace."""
    text = re.sub(r"\([^()]*\)", " ", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text
                   if unicodedata.category(ch) != "Mn")
    return text.split()


def _contained(label: list[str], name: list[str]) -> bool:
    n = len(label)
    return n == 0 or any(name[i:i + n] == label for i in range(len(name) - n + 1))


def _spelling_variant(label: list[str], name_text: str, label_text: str) -> bool:
    """The label differs only by hyphenation ("nonstandard"/"non-standard") or by an
    abbreviation ("Ave."/"Avenue"): the rule assumes same spelling, so it does not judge."""
    joined_name = re.sub(r"(\w)-(\w)", r"\1\2", name_text.casefold())
    if "-" in name_text and _contained(label, _tokens(joined_name)):
        return True
    name = _tokens(name_text)
    abbrevs = re.findall(r"(\w+)\.", label_text)
    for short in abbrevs:
        short = short.casefold()
        if any(word.startswith(short) and word != short for word in name):
            expanded = [next((w for w in name if w.startswith(t) and t in [a.casefold() for a in abbrevs]), t)
                        for t in label]
            if _contained(expanded, name):
                return True
    return False


def _icon_font(element, page) -> bool:
    family = declared_style(element, page, "font-family", inherit=True) or ""
    return "icon" in family or "awesome" in family


class LabelContentNameMismatch(Rule):
    id = "label-content-name-mismatch"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "A control's accessible name must contain its visible label"
    wcag = ("2.5.3",)
    act = ("2ee8b8",)
    impact = "serious"
    attributes = ("aria-label", "aria-labelledby")
    what = """
        Reports a widget named from its content (button, link, checkbox, tab, menu item...)
        that has visible text and an `aria-label` or `aria-labelledby` whose name does not
        contain that text, word for word and in order. Case, punctuation, symbols and
        (parenthesised) text are ignored; a lone "X" is treated as an icon. A heuristic:
        text styled with an icon font in a `<style>` rule is treated as an icon too.
    """
    why = """
        Speech-input users say what they see ("click Discover Italy"); when the accessible
        name says something else the command fails. Screen reader users who can see also
        hear a name that does not match the screen.
    """
    fix = """
        Start the `aria-label` with the visible text, or drop the `aria-label` and let the
        visible text be the name.
    """

    def visit(self, element, page):
        if not (element.has_attr("aria-label") or element.has_attr("aria-labelledby")):
            return
        if role_of(element, page) not in _NAME_FROM_CONTENT_WIDGETS or is_hidden(element, page):
            return
        label_text = visible_text(element, page)
        label = _tokens(label_text)
        if not label or (len(label) == 1 and label[0] in _SYMBOLIC) or _icon_font(element, page):
            return
        name_text = accessible_name(element, page)
        if _contained(label, _tokens(name_text)) or _spelling_variant(label, name_text, label_text):
            return
        yield self.finding(page, element, f"Accessible name {name_text!r} does not contain the visible label {label_text!r}: "
                                          "start the name with the visible text")
