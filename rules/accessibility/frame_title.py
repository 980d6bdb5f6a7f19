from __future__ import annotations

from auditor import aria
from auditor.name_rules import NameRule


class FrameTitle(NameRule):
    id = "frame-title"
    summary = "Frames must have an accessible name"
    wcag = ("4.1.2",)
    act = ("cae760",)
    impact = "serious"
    elements = ("iframe",)
    noun = "frame"
    advice = "add a title that says what it contains"
    what = """
        Reports an `<iframe>` with no accessible name (`title`, `aria-label` or
        `aria-labelledby`), unless it is hidden or has `role="presentation"`/`"none"`.
    """
    why = """
        Screen readers list frames by their names so users can decide whether to enter
        them; an unnamed frame is announced as "frame" with its address, or nothing.
    """
    fix = """
        Add a short `title` naming the frame's content ("Map of project sites").
    """

    def applies(self, element, page):
        return aria.explicit_role(element) not in aria.PRESENTATIONAL_ROLES
