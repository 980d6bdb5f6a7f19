"""The one record every rule produces and every report renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= threshold` answers "does this fail the run"."""

    NOTICE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or notice)") from None


@dataclass(frozen=True)
class Related:
    """Another place with the same problem as a finding: the same rule and message (a link
    rule's finding is about the link's target, so every link to one missing file is one
    problem; auditor/grouping.py). Its fingerprint is the one its own finding had, so that
    each place keeps its identity (a baseline can know every place of a problem)."""

    page: str
    line: int
    column: int
    snippet: str
    fingerprint: str

    def to_dict(self) -> dict:
        return {"page": self.page, "line": self.line, "column": self.column, "snippet": self.snippet,
                "fingerprint": self.fingerprint}

    @classmethod
    def from_dict(cls, data: dict) -> "Related":
        return cls(page=data["page"], line=int(data["line"]), column=int(data["column"]), snippet=data["snippet"],
                   fingerprint=data["fingerprint"])


@dataclass(frozen=True, order=False)
class Finding:
    rule: str
    severity: Severity
    page: str
    line: int
    column: int
    selector: str
    message: str
    snippet: str
    fingerprint: str
    # Document-order index of the element, used for suppressions and stable sorting;
    # not part of the public report.
    order: int = field(default=0, compare=False)
    # The other places with this problem, in report order (auditor/grouping.py).
    related: tuple[Related, ...] = ()

    def with_fingerprint(self, fingerprint: str) -> "Finding":
        """A copy with another fingerprint (every finding of a run gets one: thousands). Its
        instance dict in one assignment, as in findings_from_rows below, not dataclasses.replace,
        which goes through every field."""
        copy = object.__new__(Finding)
        object.__setattr__(copy, "__dict__", {**self.__dict__, "fingerprint": fingerprint})
        return copy

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.selector, self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "page": self.page,
            "line": self.line,
            "column": self.column,
            "selector": self.selector,
            "message": self.message,
            "snippet": self.snippet,
            "fingerprint": self.fingerprint,
            # Only when there are some: every other finding keeps its bytes.
            **({"related": [r.to_dict() for r in self.related]} if self.related else {}),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return cls(
            rule=data["rule"],
            severity=Severity.parse(data["severity"]),
            page=data["page"],
            line=int(data["line"]),
            column=int(data["column"]),
            selector=data["selector"],
            message=data["message"],
            snippet=data["snippet"],
            fingerprint=data["fingerprint"],
            related=tuple(Related.from_dict(r) for r in data.get("related", ())),
        )


# Findings as plain rows, for pickling (the result cache, worker results): a pickled
# dataclass carries its field names and rebuilds its severity through the enum's Python-level
# call, and a warm run of a large site reads back hundreds of thousands of findings.
_BY_VALUE = {int(s): s for s in Severity}


def finding_rows(findings: list[Finding]) -> list[tuple]:
    return [(f.rule, int(f.severity), f.page, f.line, f.column, f.selector, f.message, f.snippet,
             f.fingerprint, f.order, f.related) for f in findings]


def findings_from_rows(rows: list[tuple]) -> list[Finding]:
    # The frozen dataclass's __init__ sets each field through object.__setattr__; its
    # instance dict in one assignment is the same object, several times faster.
    new, set_attr, by_value = object.__new__, object.__setattr__, _BY_VALUE
    out = []
    for rule, severity, page, line, column, selector, message, snippet, fingerprint, order, related in rows:
        finding = new(Finding)
        set_attr(finding, "__dict__", {"rule": rule, "severity": by_value[severity], "page": page, "line": line,
                                       "column": column, "selector": selector, "message": message,
                                       "snippet": snippet, "fingerprint": fingerprint, "order": order,
                                       "related": related})
        out.append(finding)
    return out
