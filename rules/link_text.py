"""Link text: vague phrases, empty links, and an image link repeated by a text link.

Ownership with the accessibility family's `link-name` rule (ACT c487ae): `empty-link` owns
links with no content at all (no text, no child elements) and no name from attributes;
`link-name` owns links that have content (an image, an icon, a span) yet no name. One
problem is therefore reported once.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from auditor import dom
from auditor.accname import accessible_name, has_content, is_hidden
from auditor.finding import Severity
from auditor.page import Page, attr, text_of
from auditor.rule import Option, Rule

_EDGE_PUNCTUATION = "\"'“”‘’«»‹›<>[](){}.,;:!?…-–—_*|/\\^~=+↑↓→←▲►▶▸»·•#"
_SPACES = re.compile(r"\s+")
# Where the "context" of a link lives, for WCAG 2.4.4 (Link Purpose, In Context).
_CONTEXT = ("p", "li", "td", "th", "dd", "dt", "figcaption", "caption", "blockquote")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SLUG_WORD = re.compile(r"[a-z\u00c0-\u024f]{3,}")
_URL_NOISE = frozenset({"http", "https", "www", "html", "htm", "php", "asp", "aspx", "jsp", "index",
                        "default", "page", "pages", "com", "org", "gov", "net", "the", "and", "for"})


def normalize_link_text(text: str) -> str:
    """Lower-cased, whitespace collapsed, punctuation and arrows trimmed from both ends."""
    return _SPACES.sub(" ", text).strip().strip(_EDGE_PUNCTUATION + " ").lower()


def link_text(link: dom.Tag, page: Page) -> str:
    """`text_of(link)`, read once per link and page: several rules read the same links."""
    texts = page.derived("link-texts", lambda page: {})
    found = texts.get(id(link))
    if found is None:
        found = texts[id(link)] = text_of(link)
    return found


def link_name(link: dom.Tag, page: Page) -> str:
    """The link's accessible name, with its content as the fallback (text plus image alts)."""
    name = accessible_name(link, page)
    if name:
        return name
    parts = []
    for node in link.descendants:
        if isinstance(node, dom.NavigableString) and not isinstance(node, dom.Comment):
            if node.parent is not None and node.parent.name not in ("script", "style", "template"):
                parts.append(str(node))
        elif isinstance(node, dom.Tag) and node.name in ("img", "area", "input"):
            parts.append(" " + (attr(node, "alt") or "") + " ")
    return _SPACES.sub(" ", "".join(parts)).strip() or (attr(link, "title") or "").strip()


@cache
def vague_phrases() -> frozenset[str]:
    text = resources.files("auditor").joinpath("data", "vague-link-text.csv").read_text(encoding="utf-8")
    return frozenset(normalize_link_text(row["phrase"]) for row in csv.DictReader(text.splitlines()))


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
    bad_example = """
        <p>Our annual report is out. <a href="/reports/2024.pdf">Click here</a>.</p>
        <a href="/news/42">Read more »</a>
    """
    good_example = """
        <p>Read the <a href="/reports/2024.pdf">2024 annual report (PDF)</a>.</p>
        <a href="/news/42">More about the new dairy cooperative</a>
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


_CODE = ("code", "kbd", "samp", "var", "tt")


def _names_code(link: dom.Tag, name: str) -> bool:
    """`link()` or `<code>info</code>`: the name of a function or a command, not vague prose."""
    if _SPACES.sub("", name).endswith("()"):
        return True
    texts = [n for n in link.find_all(string=True) if n.strip()]
    return bool(texts) and all(any(p.name in _CODE for p in t.parents if p is not link) for t in texts)


def _comparable_href(href: str) -> str:
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return href
    return parts._replace(netloc=parts.netloc.lower(), fragment="", path=parts.path.rstrip("/") or parts.path).geturl()


def _holds_image(link: dom.Tag) -> bool:
    return any(isinstance(d, dom.Tag) and d.name in ("img", "svg", "picture") for d in link.descendants)


def _skipped_by_assistive_tech(link: dom.Tag, page: Page) -> bool:
    """The accepted H2 variant: the duplicate is hidden and out of the tab order."""
    return is_hidden(link, page) or (attr(link, "tabindex") or "").strip() == "-1"


class RedundantLink(Rule):
    id = "redundant-link"
    family = "clutter"
    severity = Severity.NOTICE
    summary = "An image link and a text link next to each other should be one link"
    wcag = ("2.4.4",)
    impact = "minor"
    what = """
        Reports an image link and a text link that are next to each other in reading order
        (no other link between them) and go to the same address, the pattern WCAG
        technique H2 replaces with one link holding both the image and the text.
    """
    why = """
        Keyboard users tab twice to reach the same place, and screen-reader users hear the
        same destination twice, often once as "link, graphic" with no useful name.
    """
    bad_example = """
        <a href="/stories/dairy.html"><img src="dairy.jpg" alt="Dairy farmers"></a>
        <a href="/stories/dairy.html">Dairy farmers double their earnings</a>
    """
    good_example = """
        <a href="/stories/dairy.html"><img src="dairy.jpg" alt="">
          Dairy farmers double their earnings</a>
    """
    fix = """
        Merge the two links into one that wraps the image and the text, and give the image
        `alt=""` since the text names the link. If the links must stay apart, hide the image
        link from assistive technology and the tab order (`aria-hidden="true" tabindex="-1"`).
    """

    def check(self, page):
        previous, previous_href = None, None
        comparable: dict[str, str] = {}  # a page links to one address many times
        for link in (a for a in page.by_name("a") if a.has_attr("href")):
            href = attr(link, "href")
            if href not in comparable:
                comparable[href] = _comparable_href(href)
            href = comparable[href]
            if previous is not None and href == previous_href:
                pair = (previous, link)
                # One has text, and the other, image only, has none.
                texts = [bool(link_text(a, page)) for a in pair]
                if texts.count(True) == 1:
                    image = pair[texts.index(False)]
                    if _holds_image(image) and not any(_skipped_by_assistive_tech(a, page) for a in pair):
                        yield self.finding(page, image, "Image link and the text link next to it go to the same "
                                                        "address: merge them into one link")
            previous, previous_href = link, href


class EmptyLink(Rule):
    id = "empty-link"
    family = "clutter"
    severity = Severity.ERROR
    summary = "Links must not be empty"
    wcag = ("2.4.4", "4.1.2")
    act = ("c487ae",)
    impact = "serious"
    elements = ("a",)
    what = """
        Reports a link (`<a href>`) with no content at all (no text, no child element) and
        no accessible name from `aria-label`, `aria-labelledby` or `title`, typically an
        icon font link or a leftover from a removed widget. A link that has content but no
        name (an image without alt, an icon `<span>`) is reported by the accessibility
        family's `link-name` rule instead, so one problem yields one finding. Hidden links
        and named anchors without `href` (`<a name="top"></a>`) are not links here.
    """
    why = """
        Screen readers announce an empty link as "link" followed by its address, or skip
        it; keyboard users land on a focus ring around nothing. It usually means a widget
        was removed and its link left behind.
    """
    bad_example = """
        <a href="/rss/"></a>
        <a href="https://example.org/share" class="icon-share"></a>
    """
    good_example = """
        <a href="/rss/">RSS feeds</a>
        <a href="https://example.org/share" class="icon-share" aria-label="Share this page"></a>
    """
    fix = """
        Delete the link if it is a leftover; otherwise give it text, or an `aria-label`
        when the visible part is an icon drawn by CSS.
    """

    def visit(self, element, page):
        if not element.has_attr("href") or has_content(element) or is_hidden(element, page):
            return
        if accessible_name(element, page):
            return
        yield self.finding(page, element, "Link has no content and no accessible name: give it text or an "
                                          "aria-label, or delete it")
