from __future__ import annotations

from auditor.text_spacing import ImportantSpacing


class LetterSpacing(ImportantSpacing):
    id = "avoid-inline-spacing-letter"
    summary = "Important inline letter-spacing must be at least 0.12 times the font size"
    act = ("24afc2",)
    prop = "letter-spacing"
    minimum = 0.12
    normal = 0.0
    what = """
        Reports text whose `letter-spacing` comes from a `style` attribute with `!important`
        and is less than 0.12 times its font size (`normal` counts as 0).
    """
    why = """
        People with dyslexia or low vision widen letter spacing with their own style sheet
        or a browser extension; an important inline value below WCAG 1.4.12's threshold
        cannot be overridden.
    """
    fix = """
        Drop `!important`, or set the value to at least 0.12em.
    """
