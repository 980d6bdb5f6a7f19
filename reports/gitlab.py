"""GitLab Code Quality JSON: a list of issues with a fingerprint and a path and line."""

import json

from auditor.reports._common import file_path, more_places, rule_meta

FORMAT = "gitlab"

# Code Quality severities: info, minor, major, critical, blocker.
_SEVERITY = {"error": "major", "warning": "minor", "notice": "info"}


def build(result) -> list[dict]:
    issues = []
    metas = {}
    for f in result.to_dict()["findings"]:
        meta = metas.setdefault(f["rule"], rule_meta(result, f["rule"]))
        issues.append({
            "type": "issue",
            "check_name": f["rule"],
            "description": f"{f['rule']}: {f['message']}{more_places(f.get('related'))}",
            "categories": ["Style" if meta["family"] in ("clutter", "staleness", "meta") else "Bug Risk"],
            "severity": _SEVERITY[f["severity"]],
            "fingerprint": f["fingerprint"],
            "location": {"path": file_path(f["page"]), "lines": {"begin": max(1, f["line"])}},
        })
    return issues


def render(result, stream, **_):
    json.dump(build(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
