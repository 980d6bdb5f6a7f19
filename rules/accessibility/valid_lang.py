from __future__ import annotations

from auditor import dom
from auditor.accname import accessible_name, is_hidden
from auditor.finding import Severity
from auditor.language import STRICT_OPTION, lang_ok
from auditor.page import Page, attr
from auditor.rule import Rule


class ValidLang(Rule):
    id = "valid-lang"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "lang attributes inside the page must be valid language tags"
    wcag = ("3.1.2",)
    act = ("de46e4",)
    impact = "serious"
    attributes = ("lang",)
    options = {"strict": STRICT_OPTION}
    what = """
        Reports an element (other than `<html>`) with a `lang` attribute that is not a valid
        language tag, when that element holds text (or a named image) whose language it
        sets. `lang=""` (meaning "unknown") is accepted; whitespace is not.
    """
    why = """
        A passage in another language is read with its own pronunciation only when its
        language is tagged correctly; an invalid tag leaves it in the wrong voice.
    """
    fix = """
        Use a BCP 47 tag (`fr`, `de-CH`), or remove the attribute.
    """

    def visit(self, element, page):
        if element.name == "html":
            return
        value = attr(element, "lang")
        if value is None or value == "" or (value.strip() and lang_ok(value, self.config["strict"])):
            return
        if self._has_own_content(element, page):
            yield self.finding(page, element, f"lang=\"{value}\" is not a valid language tag: use a BCP 47 tag such as \"en\" or \"fr-CA\"")

    def _has_own_content(self, element: dom.Tag, page: Page) -> bool:
        """Text or a named image whose closest lang ancestor is this element, in the accessibility tree."""
        stack = [element]
        while stack:
            node = stack.pop()
            for child in node.children:
                if isinstance(child, dom.NavigableString):
                    if type(child) is dom.NavigableString and child.strip() and not is_hidden(node, page):
                        return True
                    continue
                if not isinstance(child, dom.Tag) or child.has_attr("lang") or child.name in ("script", "style", "template"):
                    continue
                if child.name in ("img", "input", "area", "svg") and not is_hidden(child, page) and accessible_name(child, page):
                    return True
                stack.append(child)
        return False
