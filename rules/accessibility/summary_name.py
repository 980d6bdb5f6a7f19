from __future__ import annotations

from auditor import aria
from auditor.name_rules import NameRule


class SummaryName(NameRule):
    id = "summary-name"
    summary = "The summary of a details element must have an accessible name"
    wcag = ("4.1.2",)
    act = ("2t702h",)
    impact = "serious"
    elements = ("summary",)
    noun = "summary"
    advice = "give it text saying what the details contain"
    what = """
        Reports the first `<summary>` child of a `<details>` element (the one that opens it)
        when it has no accessible name and no explicit role.
    """
    why = """
        The summary is the button that opens the details; without a name a screen reader
        announces an unlabelled disclosure button and users do not know what it reveals.
    """
    fix = """
        Put a short text in the `<summary>`, or `aria-label` if it holds only an icon.
    """

    def applies(self, element, page):
        parent = element.parent
        if parent is None or parent.name != "details" or aria.role_tokens(element):
            return False
        return parent.find("summary", recursive=False) is element
