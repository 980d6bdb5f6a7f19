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
        )
