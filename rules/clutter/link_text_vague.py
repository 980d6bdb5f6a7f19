from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from auditor import dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.headings import HEADING_TAGS
from auditor.linktext import SPACES, language_of, link_name, normalize_link_text, vague_phrases
from auditor.navigation import fragment_of, indicated_element
from auditor.page import Page, attr, text_of
from auditor.rule import Option, Rule

# Where the "context" of a link lives, for WCAG 2.4.4 (Link Purpose, In Context).
_CONTEXT = ("p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "blockquote")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SLUG_WORD = re.compile(r"[a-z\u00c0-\u024f]{3,}")
_URL_NOISE = frozenset({"http", "https", "www", "html", "htm", "php", "asp", "aspx", "jsp", "index",
                        "default", "page", "pages", "com", "org", "gov", "net", "the", "and", "for"})


def _target_words(href: str) -> set[str]:
    """Words that name a link's target, from its path."""
    try:
        path = unquote(urlsplit(href).path).lower()
    except ValueError:
        return set()
    # The last segment that has words is the most specific name ("dairy_farmers.html").
    for segment in reversed([s for s in path.split("/") if s]):
        words = {w for w in _SLUG_WORD.findall(segment.rsplit(".", 1)[0]) if w not in _URL_NOISE}
        if words:
            return words
    return set()


def _context_sentence(link: dom.Tag, link_text: str) -> str:
    """The sentence around the link, without the link's own text."""
    block = link.parent
    while isinstance(block, dom.Tag) and block.name not in _CONTEXT:
        block = block.parent
    if not isinstance(block, dom.Tag):
        return ""
    text = text_of(block)
    for sentence in _SENTENCE_END.split(text):
        if link_text and link_text in sentence:
            return sentence.replace(link_text, " ")
    return text.replace(link_text, " ") if link_text else text


def context_names_target(link: dom.Tag, link_text: str, page: Page) -> bool:
    described = [page.ids.get(i) for i in (attr(link, "aria-describedby") or "").split()]
    if any(d is not None and text_of(d) for d in described):
        return True
    sentence = _context_sentence(link, text_of(link)).lower()
    words = _target_words(attr(link, "href") or "")
    title = normalize_link_text(attr(link, "title") or "")
    if title and not any(title in p for p in vague_phrases().values()) and title != normalize_link_text(link_text):
        return True
    return bool(words) and all(w in sentence for w in words)


_CODE = ("code", "kbd", "samp", "var", "tt")
_OPTION = re.compile(r"^\s*--?[^\W\d_]")
_NOT_SLUG = re.compile(r"[^\w]+")


def _names_code(link: dom.Tag, name: str) -> bool:
    """`link()`, `--info` or `<code>info</code>`: the name of a function, a command-line
    option or a command, not vague prose."""
    if SPACES.sub("", name).endswith("()") or _OPTION.match(name):
        return True
    texts = [n for n in link.find_all(string=True) if n.strip()]
    return bool(texts) and all(any(p.name in _CODE for p in t.parents if p is not link) for t in texts)


def _title_of(target: dom.Tag) -> str:
    """The heading a same-page target stands for: itself, or the first heading inside it
    (`<section id="details"><h2>Details</h2>`), normalized; "" when it has none."""
    heading = target if target.name in HEADING_TAGS else target.find(HEADING_TAGS)
    return normalize_link_text(text_of(heading).rstrip("¶§ ")) if heading is not None else ""


def _names_its_section(link: dom.Tag, phrase: str, page: Page) -> bool:
    """A table-of-contents link: its text is the title of the section it leads to. On the same
    page, the target's heading says so; on another page, the fragment is the text's slug (the
    id that Sphinx, GitHub and most generators make from the heading)."""
    href = (attr(link, "href") or "").strip()
    if "#" not in href:
        return False
    fragment = fragment_of(link)
    if fragment is not None:
        target = indicated_element(fragment, page)
        return target is not None and _title_of(target) == phrase
    return unquote(href.split("#", 1)[1]).lower() == _NOT_SLUG.sub("-", phrase).strip("-")


class LinkTextVague(Rule):
    id = "link-text-vague"
    family = "clutter"
    severity = Severity.WARNING
    summary = "Link text must say where the link goes, not \"click here\" or \"read more\""
    wcag = ("2.4.4", "2.4.9")
    impact = "moderate"
    elements = ("a", "area")
    options = {
        "phrases": Option((), "More vague link texts to report, in any language (compared like the built-in ones)."),
        "allow": Option((), "Built-in vague phrases to accept."),
    }
    what = """
        Reports a link whose text (its accessible name) is only a vague phrase: "click
        here", "here", "read more", "more", "link", "this story", "Click to read this
        story", "learn more", and their French ("cliquez ici", "lire la suite", "en savoir
        plus") and Spanish ("haga clic aquí", "leer más", "más información") forms, from a
        data file. Each language's phrases apply to links in that language: the nearest
        `lang` attribute, else the page's Content-Language; a link in no declared language
        is read as English (so "plus" and "suite" in English prose are words, not vague
        French). Case, spacing and surrounding punctuation or arrows ("Read more »") do
        not matter. Names of code (`<code>continue</code>`, `link()`) and command-line
        options (`--info`) are not vague, nor is a table-of-contents link named after its
        section ("Details" leading to `<h2 id="details">Details</h2>`, or to
        `other.html#details`). When the link's context names the target (WCAG 2.4.4, Link Purpose in
        Context: the words of the target's address appear in the surrounding sentence, list
        item or cell, or the link has a description or a title), the finding is lowered to a
        notice, since the link then passes at level AA but still fails 2.4.9 (AAA).
    """
    why = """
        Screen-reader users often list a page's links, or tab from link to link, hearing
        each link out of its sentence: ten "click here" links are ten identical, useless
        entries. Search engines also use link text to learn what the target is about.
    """
    fix = """
        Put the target's name in the link itself ("2024 annual report"). For repeated
        "Read more" links in cards, add the title to the link's name with visually hidden
        text or `aria-labelledby` that points at the card's heading.
    """

    def __init__(self, severity=None, options=None):
        super().__init__(severity, options)
        allowed = {normalize_link_text(p) for p in self.config["allow"]}
        extra = {normalize_link_text(p) for p in self.config["phrases"]}
        # Each language's phrases, and for a link in no known language the English ones:
        # "plus" and "suite" are vague in French, not in English prose about arithmetic.
        self.phrases = {language: (phrases | extra) - allowed for language, phrases in vague_phrases().items()}
        self.other_languages = frozenset(extra - allowed)

    def phrases_for(self, link: dom.Tag, page: Page) -> frozenset[str]:
        return self.phrases.get(language_of(link, page) or "en", self.other_languages)

    def visit(self, element, page):
        if element.name == "a" and not element.has_attr("href"):
            return
        if is_hidden(element, page):
            return
        name = link_name(element, page)
        phrase = normalize_link_text(name)
        if not phrase or phrase not in self.phrases_for(element, page) or _names_code(element, name):
            return
        if _names_its_section(element, phrase, page):
            return
        if context_names_target(element, name, page):
            finding = self.finding(page, element, f"Link text {name!r} is vague; its context names the "
                                                  "target, but the link alone does not: say where it goes")
            yield replace(finding, severity=Severity.NOTICE)
        else:
            yield self.finding(page, element, f"Link text {name!r} does not say where the link goes: "
                                              "name the target in the link")
