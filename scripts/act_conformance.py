#!/usr/bin/env python3
"""How many W3C ACT test cases the registered rules get right.

Usage: act_conformance.py PATH [--json | --markdown] [--rule ACTID ...] [--quiet]

PATH is laid out like the W3C ACT test-case folder: `<actId>/<expected>/<case>.<ext>`
plus `index.json` (its `cases` list names each file, its rule and expected outcome; its
`rules` map, when present, names the rules). Every registered rule runs, offline, including
rules that are off by default. A case is right when:
  - failed: the rules that declare that ACT id report at least one finding;
  - passed or inapplicable: they report none.
An ACT id that no rule declares gets its failed cases wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections import defaultdict
from datetime import date
from pathlib import Path

from auditor.engine import audit_loaded
from auditor.loading import Loaded
from auditor.registry import all_rules
from auditor.targets import Target

AS_OF = date(2026, 11, 28)


def _rules_by_act():
    instances, by_act = [], defaultdict(set)
    for rule_id, cls in all_rules().items():
        instances.append(cls())
        for act_id in cls.act:
            by_act[act_id].add(rule_id)
    return instances, by_act


def _cases(root: Path) -> tuple[list[dict], dict]:
    index_path = root / "index.json"
    if index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        return list(index.get("cases", [])), dict(index.get("rules", {}))
    # Without an index, the folder layout says it all.
    cases = [{"file": str(p.relative_to(root)), "ruleId": p.parts[-3], "expected": p.parts[-2]}
             for p in sorted(root.glob("*/*/*")) if p.is_file() and p.parts[-2] in ("passed", "failed", "inapplicable")]
    return cases, {}


def evaluate(root: Path, only: set[str] | None = None) -> dict:
    """Score every case; returns {"rules": {act_id: {...}}, "right": n, "total": n}."""
    warnings.simplefilter("ignore")  # bs4 warns about the .xml/.svg cases; they still parse
    rules, by_act = _rules_by_act()
    cases, names = _cases(root)
    per_rule: dict[str, dict] = {}
    for case in cases:
        act_id = case["ruleId"]
        if only and act_id not in only:
            continue
        entry = per_rule.setdefault(act_id, {
            "name": names.get(act_id, {}).get("ruleName", ""),
            "status": names.get(act_id, {}).get("status", ""),
            "rules": sorted(by_act.get(act_id, ())), "right": 0, "total": 0, "wrong": []})
        path = root / case["file"]
        result = audit_loaded(Target("file", str(path)), Loaded(data=path.read_bytes(), path=str(path)), rules, AS_OF)
        mine = [f for f in result.findings if f.rule in by_act.get(act_id, ())]
        crashes = [e for e in result.tool_errors if e.rule in by_act.get(act_id, ())]
        expected = case["expected"]
        ok = bool(mine) if expected == "failed" else not mine
        if result.error or crashes:
            ok = False
        entry["total"] += 1
        if ok:
            entry["right"] += 1
        else:
            why = result.error or "; ".join(f"{e.rule} crashed: {e.message}" for e in crashes)
            if not why:
                why = ("no finding" if expected == "failed"
                       else "; ".join(f"{f.rule}: {f.message}" for f in mine[:3]))
            entry["wrong"].append({"file": case["file"], "expected": expected,
                                   "title": case.get("title", ""), "why": why})
    right = sum(e["right"] for e in per_rule.values())
    total = sum(e["total"] for e in per_rule.values())
    return {"rules": dict(sorted(per_rule.items())), "right": right, "total": total}


def _percent(right: int, total: int) -> str:
    return f"{100.0 * right / total:.1f}%" if total else "n/a"


def render(report: dict, verbose: bool = True) -> str:
    lines = []
    for act_id, e in report["rules"].items():
        declared = ", ".join(e["rules"]) or "(no rule)"
        lines.append(f"{act_id}  {e['right']:>3}/{e['total']:<3} {_percent(e['right'], e['total']):>6}  "
                     f"{e['name']} [{declared}]")
        if verbose:
            for w in e["wrong"]:
                lines.append(f"    wrong: {w['file']} (expected {w['expected']}): {w['why']}")
    lines.append(f"TOTAL  {report['right']}/{report['total']}  {_percent(report['right'], report['total'])}")
    return "\n".join(lines)


def render_markdown(report: dict) -> str:
    """The per-rule table for docs/act.md."""
    lines = ["| ACT rule | Name | Status | Rules | Right | % |", "| --- | --- | --- | --- | --- | --- |"]
    for act_id, e in report["rules"].items():
        rules = ", ".join(f"`{r}`" for r in e["rules"]) or "(none)"
        lines.append(f"| {act_id} | {e['name']} | {e['status']} | {rules} | {e['right']}/{e['total']} | "
                     f"{_percent(e['right'], e['total'])} |")
    lines.append(f"| **total** | | | | **{report['right']}/{report['total']}** | "
                 f"**{_percent(report['right'], report['total'])}** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--rule", action="append", default=[], help="only this ACT id (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print the per-rule table as Markdown")
    parser.add_argument("--quiet", action="store_true", help="omit the list of wrong cases")
    args = parser.parse_args(argv)
    if not args.path.is_dir():
        parser.error(f"{args.path} is not a folder")
    report = evaluate(args.path, set(args.rule) or None)
    if args.json:
        print(json.dumps(report, indent=2))
    elif args.markdown:
        print(render_markdown(report))
    else:
        print(render(report, verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
