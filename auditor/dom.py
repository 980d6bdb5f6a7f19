"""The parsed tree's node classes (BeautifulSoup's), imported on first use.

Rules and the engine refer to them as `dom.Tag`, `dom.NavigableString` and so on, and to a
parsed page as `dom.Document` (auditor.parsing's BeautifulSoup, with its source map). Importing
bs4 imports html5lib and most of what it needs, about a fifth of the start-up of a run that
the result cache answers whole and that never parses a page; such a run never touches these.
"""

from __future__ import annotations

_NAMES = ("BeautifulSoup", "CData", "Comment", "NavigableString", "Tag")


def __getattr__(name: str):  # PEP 562: called only while a name is not yet set here
    if name not in (*_NAMES, "Document"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import bs4

    from auditor.parsing import Document

    globals().update((each, getattr(bs4, each)) for each in _NAMES)  # later lookups are plain
    globals()["Document"] = Document
    return globals()[name]
