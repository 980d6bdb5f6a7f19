from __future__ import annotations

from urllib.parse import urlsplit

from auditor import dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.linktext import link_text, nameless_link
from auditor.page import Page, attr
from auditor.rule import Rule


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
        technique H2 replaces with one link holding both the image and the text. An image
        link without a name is left to `link-name`, which reports it.
    """
    why = """
        Keyboard users tab twice to reach the same place, and screen-reader users hear the
        same destination twice, often once as "link, graphic" with no useful name.
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
                    if (_holds_image(image) and not any(_skipped_by_assistive_tech(a, page) for a in pair)
                            and nameless_link(image, page) is None):  # link-name owns a link without a name
                        yield self.finding(page, image, "Image link and the text link next to it go to the same "
                                                        "address: merge them into one link")
            previous, previous_href = link, href
