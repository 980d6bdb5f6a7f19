from __future__ import annotations

from auditor.document import html_root
from auditor.finding import Severity
from auditor.language import STRICT_OPTION, lang_ok
from auditor.page import attr
from auditor.rule import Rule


class HtmlLangValid(Rule):
    id = "html-lang-valid"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The <html> lang attribute must be a valid language tag"
    wcag = ("3.1.1",)
    act = ("bf051a",)
    impact = "serious"
    options = {"strict": STRICT_OPTION}
    what = """
        Reports an `<html lang>` whose primary language subtag is not in the IANA Language
        Subtag Registry (`lang="em-US"`, `lang="english"`, `lang="#1"`). With `strict`, every
        subtag must be registered and in its place.
    """
    why = """
        A language tag that assistive technology does not recognise is as good as none: the
        page is read with the wrong voice and pronunciation.
    """
    fix = """
        Use a BCP 47 tag: the two- or three-letter language code, optionally with a region
        (`en-GB`, `pt-BR`).
    """

    def check(self, page):
        root = html_root(page)
        value = attr(root, "lang") if root is not None else None
        if value is None or not value.strip():
            return
        if not lang_ok(value, self.config["strict"]):
            yield self.finding(page, root, f"lang=\"{value.strip()}\" is not a valid language tag: use a BCP 47 tag such as \"en\" or \"fr-CA\"")
