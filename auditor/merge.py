"""Rebuilding one audit result from JSON reports (the shards of a CI matrix), so that any
report format can be rendered from them as if one run had audited every page."""

from __future__ import annotations

import json

from auditor.baseline import BaselineResult
from auditor.finding import Finding
from auditor.grouping import group_link_findings
from auditor.registry import all_rules
from auditor.result import SCHEMA_VERSION, AuditResult, PageResult, ToolError


class MergeError(Exception):
    pass


def _read(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise MergeError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MergeError(f"{path} is not a JSON report: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise MergeError(f"{path} is not an auditor JSON report (schema_version {SCHEMA_VERSION}); "
                         "make the shards with --format json or --report json:PATH")
    return data


def from_dicts(reports: list[tuple[str, dict]]) -> AuditResult:
    pages: dict[str, PageResult] = {}
    owner: dict[str, str] = {}
    versions, dates = set(), set()
    # A link target skipped by several shards is one skipped check, as in one run; a skip a
    # report counts without naming its target (an older report) is added as it is.
    skipped_targets: set[str] = set()
    unnamed_skips = 0
    baseline = None
    for path, data in reports:
        try:
            versions.add(data["tool"]["version"])
            dates.add(data["as_of"])
            named = [str(t) for t in data.get("skipped_targets", [])]
            skipped_targets.update(named)
            unnamed_skips += int(data["summary"].get("skipped_checks", 0)) - len(named)
            here = {}
            for p in data["pages"]:
                if p["page"] in owner:
                    raise MergeError(f"page {p['page']!r} is in both {owner[p['page']]} and {path}; "
                                     "merge reports of disjoint shards")
                page = PageResult(page=p["page"], error=p.get("error"),
                                  tool_errors=[ToolError(e["rule"], e["message"]) for e in p.get("tool_errors", [])])
                here[p["page"]] = page
            for f in data["findings"]:
                if f["page"] not in here:
                    raise MergeError(f"{path}: a finding names page {f['page']!r}, which is not in its pages")
                here[f["page"]].findings.append(Finding.from_dict(f))
            if "baseline" in data:
                baseline = baseline or {"known": 0, "fixed": []}
                baseline["known"] += int(data["baseline"].get("known", 0))
                baseline["fixed"] += list(data["baseline"].get("fixed", []))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise MergeError(f"{path}: damaged JSON report ({type(exc).__name__}: {exc})") from None
        for name, page in here.items():
            pages[name] = page
            owner[name] = path
    if len(dates) > 1:
        raise MergeError(f"the reports were made as of different dates ({', '.join(sorted(dates))}); "
                         "give every shard the same --as-of")
    ordered = [pages[name] for name in sorted(pages)]
    for page in ordered:
        page.findings.sort(key=Finding.sort_key)
    registry = all_rules()
    used = {f.rule for p in ordered for f in p.findings} | {e.rule for p in ordered for e in p.tool_errors}
    rules = {rid: registry[rid] for rid in sorted(used) if rid in registry}
    common = dict(version=sorted(versions)[-1] if versions else "unknown", as_of=dates.pop() if dates else "",
                  pages=ordered, rules=rules, skipped_checks=len(skipped_targets) + unnamed_skips,
                  skipped_targets=tuple(sorted(skipped_targets)))
    if baseline is not None:
        fixed = sorted(baseline["fixed"], key=lambda e: (e["page"], e["rule"], e["fingerprint"]))
        return group_link_findings(BaselineResult(**common, known=baseline["known"], fixed=fixed))
    return group_link_findings(AuditResult(**common))


def merge_files(paths: list[str]) -> AuditResult:
    return from_dicts([(path, _read(path)) for path in paths])
