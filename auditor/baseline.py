"""Baselines: record today's findings, then fail only on findings that are new.

A baseline counts findings by page, rule and fingerprint. Fingerprints ignore line numbers
(auditor/selector.py), so moving lines keeps old problems old; and every finding is matched
one to one against the recorded counts, so fixing one problem never hides a new one.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from auditor.result import AuditResult

BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


def build(result: AuditResult) -> dict:
    pages: dict = {}
    for f in result.findings:
        entry = pages.setdefault(f.page, {}).setdefault(f.rule, {}).setdefault(
            f.fingerprint, {"count": 0, "message": f.message})
        entry["count"] += 1
    return {
        "auditor_baseline": BASELINE_VERSION,
        "tool": {"name": "auditor", "version": result.version},
        "as_of": result.as_of,
        "findings": len(result.findings),
        "pages": {page: {rule: dict(sorted(fps.items())) for rule, fps in sorted(rules.items())}
                  for page, rules in sorted(pages.items())},
    }


def write(result: AuditResult, path: str) -> None:
    from auditor.output import write_report

    def render(res, stream, **_):
        json.dump(build(res), stream, indent=2, ensure_ascii=False)
        stream.write("\n")

    write_report(render, result, path)


def load(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"no baseline at {path} (make one with --write-baseline {path})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"baseline {path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("auditor_baseline") != BASELINE_VERSION or not isinstance(data.get("pages"), dict):
        raise BaselineError(f"{path} is not an auditor baseline (version {BASELINE_VERSION})")
    try:
        for rules in data["pages"].values():
            for fps in rules.values():
                for entry in fps.values():
                    int(entry["count"])
    except (AttributeError, KeyError, TypeError, ValueError):
        raise BaselineError(f"baseline {path} is damaged: expected page -> rule -> fingerprint -> count") from None
    return data


@dataclass
class BaselineResult(AuditResult):
    """An audit result that holds only the findings not in the baseline, and says what
    the baseline knew and which of its findings are gone."""

    known: int = 0
    fixed: list[dict] = field(default_factory=list)

    def baseline_dict(self) -> dict:
        return {"new": len(self.findings), "known": self.known, "fixed": self.fixed}

    def to_dict(self, findings: bool = True) -> dict:
        data = super().to_dict(findings)
        data["baseline"] = self.baseline_dict()
        return data


def compare(result: AuditResult, baseline: dict) -> BaselineResult:
    known = 0
    remaining: Counter = Counter()
    messages = {}
    for page, rules in baseline["pages"].items():
        for rule, fps in rules.items():
            for fp, entry in fps.items():
                remaining[(page, rule, fp)] += int(entry["count"])
                messages[(page, rule, fp)] = entry.get("message", "")
    pages = []
    for page in result.pages:
        new = []
        for f in page.findings:
            key = (f.page, f.rule, f.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                known += 1
            else:
                new.append(f)
        pages.append(type(page)(page=page.page, error=page.error, findings=new,
                                tool_errors=page.tool_errors, skipped_checks=page.skipped_checks))
    # Only pages this run read can have fixed findings: a shard, --changed-since or a page
    # that could not be read says nothing about the others.
    read = {p.page for p in result.pages if not p.error}
    fixed = [
        {"page": page, "rule": rule, "fingerprint": fp, "count": count, "message": messages[(page, rule, fp)]}
        for (page, rule, fp), count in remaining.items() if count > 0 and page in read
    ]
    fixed.sort(key=lambda e: (e["page"], e["rule"], e["fingerprint"]))
    return BaselineResult(version=result.version, as_of=result.as_of, pages=pages, rules=result.rules,
                          skipped_checks=result.skipped_checks, skipped_targets=result.skipped_targets,
                          known=known, fixed=fixed)
