"""Suppressions that suppress nothing: the engine emits these; the rule carries the docs."""

from auditor.finding import Severity
from auditor.rule import Rule


class UnusedSuppression(Rule):
    id = "unused-suppression"
    family = "meta"
    severity = Severity.NOTICE
    summary = "An auditor-disable comment that suppressed nothing"
    what = """
        Reports an `auditor-disable`, `auditor-disable-block` or `auditor-disable-next`
        comment that did not suppress any finding, or that names a rule that does not exist.
        The engine emits it after applying suppressions, so it cannot itself be suppressed.
    """
    why = """
        A suppression outlives the problem it hid: once the page is fixed, the comment stays
        and will silently hide the next real problem of that kind.
    """
    fix = "Remove the comment, or correct the rule id it names."
