from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from auditor import dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.linktext import SPACES, link_name, normalize_link_text, vague_phrases
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
    if title and title not in vague_phrases() and title != normalize_link_text(link_text):
        return True
    return bool(words) and all(w in sentence for w in words)


_CODE = ("code", "kbd", "samp", "var", "tt")


def _names_code(link: dom.Tag, name: str) -> bool:
    """`link()` or `<code>info</code>`: the name of a function or a command, not vague prose."""
    if SPACES.sub("", name).endswith("()"):
        return True
    texts = [n for n in link.find_all(string=True) if n.strip()]
    return bool(texts) and all(any(p.name in _CODE for p in t.parents if p is not link) for t in texts)


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
        data file. Case, spacing and surrounding punctuation or arrows ("Read more »") do
        not matter. When the link's context names the target (WCAG 2.4.4, Link Purpose in
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
        self.phrases = (vague_phrases() | extra) - allowed

    def visit(self, element, page):
        if element.name == "a" and not element.has_attr("href"):
            return
        if is_hidden(element, page):
            return
        name = link_name(element, page)
        phrase = normalize_link_text(name)
        if not phrase or phrase not in self.phrases or _names_code(element, name):
            return
        if context_names_target(element, name, page):
            finding = self.finding(page, element, f"Link text {name!r} is vague; its context names the "
                                                  "target, but the link alone does not: say where it goes")
            yield replace(finding, severity=Severity.NOTICE)
        else:
            yield self.finding(page, element, f"Link text {name!r} does not say where the link goes: "
                                              "name the target in the link")
