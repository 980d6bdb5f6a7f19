from __future__ import annotations

from auditor.text_spacing import ImportantSpacing


class WordSpacing(ImportantSpacing):
    id = "avoid-inline-spacing-word"
    summary = "Important inline word-spacing must be at least 0.16 times the font size"
    act = ("9e45ec",)
    prop = "word-spacing"
    minimum = 0.16
    normal = 0.0
    what = """
        Reports text whose `word-spacing` comes from a `style` attribute with `!important`
        and is less than 0.16 times its font size (`normal` counts as 0).
    """
    why = """
        Users who need more space between words set it with their own styles; an important
        inline value below WCAG 1.4.12's threshold cannot be overridden.
    """
    fix = """
        Drop `!important`, or set the value to at least 0.16em.
    """
