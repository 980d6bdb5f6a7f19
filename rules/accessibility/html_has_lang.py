from __future__ import annotations

from auditor.document import html_root
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


class HtmlHasLang(Rule):
    id = "html-has-lang"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The <html> element must have a lang attribute"
    wcag = ("3.1.1",)
    act = ("b5c3f8",)
    impact = "serious"
    what = """
        Reports an HTML page whose `<html>` element has no `lang` attribute, or one that is
        empty. `xml:lang` alone does not count for HTML.
    """
    why = """
        Screen readers pick their voice and pronunciation rules from the page language; a
        page without one is read with the user's default voice, so a French page may be read
        with English pronunciation. Browsers also use it for translation and hyphenation.
    """
    fix = """
        Add `lang` with the BCP 47 tag of the page's main language: `en`, `fr`, `es-MX`.
    """

    def check(self, page):
        root = html_root(page)
        if root is None:
            return
        if not (attr(root, "lang") or "").strip():
            yield self.finding(page, root, "The page has no language: add lang=\"..\" (for example lang=\"en\") to <html>")
