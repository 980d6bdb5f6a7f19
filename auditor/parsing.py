"""Text to one browser-grade tree (html5lib through BeautifulSoup)."""

from __future__ import annotations

from bs4 import BeautifulSoup


def normalize_newlines(text: str) -> str:
    # html5lib counts lines on "\n"; normalizing first keeps our offsets and its lines in step.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html5lib")
