from __future__ import annotations

from auditor.text_spacing import ImportantSpacing


class LineHeight(ImportantSpacing):
    id = "avoid-inline-spacing-line-height"
    summary = "Important inline line-height must be at least 1.5 times the font size"
    act = ("78fd32",)
    prop = "line-height"
    minimum = 1.5
    normal = 1.2  # what browsers use for "normal" with common fonts
    what = """
        Reports text whose `line-height` comes from a `style` attribute with `!important`
        and is less than 1.5 times its font size (`normal` counts as about 1.2).
    """
    why = """
        Users who need more space between lines set it with their own styles; an important
        inline value below WCAG 1.4.12's threshold cannot be overridden, so lines stay
        cramped for them.
    """
    fix = """
        Drop `!important`, or set the line height to at least 1.5.
    """
