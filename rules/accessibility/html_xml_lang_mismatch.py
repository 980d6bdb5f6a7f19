from __future__ import annotations

from auditor import dom
from auditor.document import html_root
from auditor.finding import Severity
from auditor.langtag import primary_subtag, primary_subtag_known
from auditor.page import attr
from auditor.rule import Rule


def _xml_lang(element: dom.Tag) -> str | None:
    return attr(element, "xml:lang")


class HtmlXmlLangMismatch(Rule):
    id = "html-xml-lang-mismatch"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The <html> lang and xml:lang attributes must name the same language"
    wcag = ("3.1.1",)
    act = ("5b7ae0",)
    impact = "moderate"
    what = """
        Reports an `<html>` element whose `lang` and `xml:lang` have different primary
        language subtags (`lang="fr" xml:lang="en"`). Different regions of one language
        (`en-GB` and `en-US`) are accepted.
    """
    why = """
        Tools read one or the other; when they disagree, some users get the page in the
        wrong voice.
    """
    fix = """
        Make both attributes say the same language, or drop `xml:lang` (HTML only reads `lang`).
    """

    def check(self, page):
        root = html_root(page)
        if root is None:
            return
        lang, xml_lang = (attr(root, "lang") or "").strip(), (_xml_lang(root) or "").strip()
        if not lang or not xml_lang or not primary_subtag_known(lang) or not primary_subtag_known(xml_lang):
            return
        if primary_subtag(lang) != primary_subtag(xml_lang):
            yield self.finding(page, root, f"lang=\"{lang}\" and xml:lang=\"{xml_lang}\" name different languages: make them agree")
