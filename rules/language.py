"""Language of the page and of its parts: `lang` present, valid (BCP 47, IANA registry),
and `lang` agreeing with `xml:lang`."""

from __future__ import annotations

from auditor import dom
from auditor.accname import accessible_name, is_hidden
from auditor.finding import Severity
from auditor.langtag import is_valid_tag, primary_subtag, primary_subtag_known
from auditor.page import Page, attr
from auditor.rule import Option, Rule

_STRICT = Option(False, "Also require every subtag (script, region, variant) to be registered, "
                        "not only the primary language subtag.")


def html_root(page: Page) -> dom.Tag | None:
    """The page's <html> element when the page is an HTML document (not an SVG or MathML file
    that the parser wrapped in an implied <html>)."""
    root = page.soup.find("html")
    if root is None:
        return None
    if page.start_tag_source(root) is None:
        head = page.text.lstrip()[:200].lower()
        if head.startswith(("<svg", "<math", "<?xml")) and "<html" not in page.text[:2000].lower():
            return None
    return root


def _lang_ok(value: str, strict: bool) -> bool:
    return is_valid_tag(value) if strict else primary_subtag_known(value)


def _xml_lang(element: dom.Tag) -> str | None:
    return attr(element, "xml:lang")


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
    bad_example = """
        <html>
    """
    good_example = """
        <html lang="en">
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


class HtmlLangValid(Rule):
    id = "html-lang-valid"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The <html> lang attribute must be a valid language tag"
    wcag = ("3.1.1",)
    act = ("bf051a",)
    impact = "serious"
    options = {"strict": _STRICT}
    what = """
        Reports an `<html lang>` whose primary language subtag is not in the IANA Language
        Subtag Registry (`lang="em-US"`, `lang="english"`, `lang="#1"`). With `strict`, every
        subtag must be registered and in its place.
    """
    why = """
        A language tag that assistive technology does not recognise is as good as none: the
        page is read with the wrong voice and pronunciation.
    """
    bad_example = """
        <html lang="english">
    """
    good_example = """
        <html lang="en">
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
        if not _lang_ok(value, self.config["strict"]):
            yield self.finding(page, root, f"lang=\"{value.strip()}\" is not a valid language tag: use a BCP 47 tag such as \"en\" or \"fr-CA\"")


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
    bad_example = """
        <html lang="fr" xml:lang="en">
    """
    good_example = """
        <html lang="fr" xml:lang="fr">
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


class ValidLang(Rule):
    id = "valid-lang"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "lang attributes inside the page must be valid language tags"
    wcag = ("3.1.2",)
    act = ("de46e4",)
    impact = "serious"
    attributes = ("lang",)
    options = {"strict": _STRICT}
    what = """
        Reports an element (other than `<html>`) with a `lang` attribute that is not a valid
        language tag, when that element holds text (or a named image) whose language it
        sets. `lang=""` (meaning "unknown") is accepted; whitespace is not.
    """
    why = """
        A passage in another language is read with its own pronunciation only when its
        language is tagged correctly; an invalid tag leaves it in the wrong voice.
    """
    bad_example = """
        <blockquote lang="french">Liberté, égalité, fraternité</blockquote>
    """
    good_example = """
        <blockquote lang="fr">Liberté, égalité, fraternité</blockquote>
    """
    fix = """
        Use a BCP 47 tag (`fr`, `de-CH`), or remove the attribute.
    """

    def visit(self, element, page):
        if element.name == "html":
            return
        value = attr(element, "lang")
        if value is None or value == "" or (value.strip() and _lang_ok(value, self.config["strict"])):
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
