"""The audit result that every report renders, and its one JSON form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from auditor.finding import Finding, Severity

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ToolError:
    rule: str
    message: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "message": self.message}


@dataclass
class PageResult:
    """One page of the audit as reports show it: final findings (suppressions applied,
    fingerprinted, link findings included), or the error that kept it from being audited."""

    page: str
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    tool_errors: list[ToolError] = field(default_factory=list)
    skipped_checks: int = 0


@dataclass
class AuditResult:
    version: str
    as_of: str
    pages: list[PageResult]
    rules: dict  # rule id -> rule class, for every rule that ran (reports show their docs)
    skipped_checks: int = 0
    unvisited_pages: int = 0  # same-site links a crawl found but did not follow: --max-pages stopped it
    # The link targets behind skipped_checks, sorted: shards that share a target count it
    # once when merged (auditor.merge).
    skipped_targets: tuple[str, ...] = ()

    @property
    def findings(self) -> list[Finding]:
        return [f for page in self.pages for f in page.findings]

    @property
    def tool_errors(self) -> list[ToolError]:
        return [e for page in self.pages for e in page.tool_errors]

    def summary(self) -> dict:
        findings = self.findings
        by_severity = Counter(f.severity for f in findings)
        summary = {
            "pages": len(self.pages),
            "page_errors": sum(1 for p in self.pages if p.error),
            "findings": len(findings),
            "by_severity": {s.label: by_severity.get(s, 0) for s in sorted(Severity, reverse=True)},
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
            "skipped_checks": self.skipped_checks + sum(p.skipped_checks for p in self.pages),
            "tool_errors": len(self.tool_errors),
        }
        if self.unvisited_pages:  # only a crawl cut short says so
            summary["unvisited_pages"] = self.unvisited_pages
        return summary

    def to_dict(self, findings: bool = True) -> dict:
        """The JSON report as a dict; without `findings`, their list is left empty (the
        JSON report streams them one by one instead)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "auditor", "version": self.version},
            "as_of": self.as_of,
            "pages": [
                {
                    "page": p.page,
                    "error": p.error,
                    "findings": len(p.findings),
                    "tool_errors": [e.to_dict() for e in p.tool_errors],
                }
                for p in self.pages
            ],
            "findings": [f.to_dict() for f in self.findings] if findings else [],
            "summary": self.summary(),
            "skipped_targets": list(self.skipped_targets),
        }

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)
