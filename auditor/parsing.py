"""Text to one browser-grade tree (html5lib through BeautifulSoup), with a depth cap.

html5lib checks "is this element in scope" by scanning the stack of open elements, so a
page of 100,000 nested elements costs time quadratic in its depth. Browsers cap their
tree depth (Blink at 512); we do the same: past MAX_DEPTH open elements, a new element is
added where it belongs but not kept open, so what follows becomes its sibling.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.builder._html5lib import HTML5TreeBuilder, TreeBuilderForHtml5lib

MAX_DEPTH = 256


def normalize_newlines(text: str) -> str:
    # html5lib counts lines on "\n"; normalizing first keeps our offsets and its lines in step.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _CappedTree(TreeBuilderForHtml5lib):
    def insertElementNormal(self, token):
        element = super().insertElementNormal(token)
        self._cap()
        return element

    def insertElementTable(self, token):
        element = super().insertElementTable(token)
        self._cap()
        return element

    def _cap(self):
        if len(self.openElements) > MAX_DEPTH:
            self.openElements.pop()


class _CappedBuilder(HTML5TreeBuilder):
    def create_treebuilder(self, namespaceHTMLElements):
        self.underlying_builder = _CappedTree(namespaceHTMLElements, self.soup, store_line_numbers=self.store_line_numbers)
        return self.underlying_builder


def parse(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, builder=_CappedBuilder())
