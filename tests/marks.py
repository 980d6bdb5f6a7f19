"""The marks of the sample pages and the precision corpus, read independently of the engine.

An element that must be reported carries `data-expect` on its start tag. This reads, with
the standard library's html.parser rather than auditor's own parser, where each marked start
tag begins (the `<`: line and column, 1-based, as auditor reports them) and the mark's value,
which each test reads its own way (samples: how many findings; corpus: which rules)."""

import html.parser

MARK = "data-expect"


class _Marks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == MARK:
                line, column0 = self.getpos()
                self.found.append((value or "", line, column0 + 1))


def marked_start_tags(path) -> list[tuple[str, int, int]]:
    """(mark's value, line, column) of every marked start tag of the page, in source order."""
    marks = _Marks()
    marks.feed(path.read_text(encoding="utf-8"))
    marks.close()
    return marks.found
