from __future__ import annotations

from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.linktext import link_name
from auditor.navigation import fragment_of, indicated_element, is_back_to_top, page_facts, scrolls_to_top
from auditor.page import text_of
from auditor.rule import Option, Rule

# A "screen" of text, for back-to-top: about 300 words, what a laptop shows in one column.
SCREEN_CHARS = 2000


class BackToTop(Rule):
    id = "back-to-top"
    family = "clutter"
    severity = Severity.NOTICE
    summary = "Back-to-top links belong on long pages only, and must lead to the top"
    elements = ("a",)
    options = {
        "min-screens": Option(3.0, f"Pages with less text than this many screens (of about {SCREEN_CHARS} "
                                   "characters each) are too short to need back-to-top links."),
    }
    what = """
        Reports a "Back to top" link ("Top", "Return to top", "Haut de page", "Volver
        arriba", or an arrow alone pointing at `#top`) on a page with less than
        `min-screens` screens of text (default 3; a screen is about 2,000 characters), or
        whose target does not exist. `href="#top"` is valid by the HTML spec even without
        an element of that id: it scrolls to the top.
    """
    why = """
        On a short page the link is one more item to tab past and hear ("Back to Top
        caret, link") for no gain: the top is one key press (Home) away. It is usually a
        leftover from a template designed for long pages.
    """
    fix = """
        Remove the link from short pages (or from the template); on long pages keep it and
        point it at `#top` or an element that exists.
    """

    def visit(self, element, page):
        if not is_back_to_top(element, page) or is_hidden(element, page):
            return
        fragment = fragment_of(element)
        name = link_name(element, page) or text_of(element)
        if not scrolls_to_top(fragment) and indicated_element(fragment, page) is None:
            yield self.finding(page, element, f"Back-to-top link {name!r} targets #{fragment}, which does not "
                                              "exist: point it at #top")
            return
        screens = page_facts(page).text_length / SCREEN_CHARS
        if screens < self.config["min-screens"]:
            yield self.finding(page, element, f"Back-to-top link {name!r} on a page of about {screens:.1f} "
                                              "screens of text: a page this short does not need it")
