"""SARIF 2.1.0, shaped for GitHub code scanning: rules with help, results with a relative
artifact URI and a 1-based region, and the finding fingerprint under `fingerprints`."""

import json

from auditor.reports._common import artifact_uri, is_url, more_places, rules_meta

FORMAT = "sarif"

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "notice": "note"}
# GitHub ranks alerts by `security-severity` only for security tools; `problem.severity`
# is what it shows for quality findings.
_PROBLEM = {"error": "error", "warning": "warning", "notice": "recommendation"}


def _rule(meta: dict) -> dict:
    help_text = "\n\n".join(p for p in (meta["what"], meta["why"], meta["fix"]) if p) or meta["summary"]
    links = meta["wcag_links"] + meta["act_links"]
    markdown = help_text
    if links:
        markdown += "\n\n" + " ".join(f"[{link['label']}]({link['url']})" for link in links)
    rule = {
        "id": meta["id"],
        "name": "".join(part.capitalize() for part in meta["id"].split("-")),
        "shortDescription": {"text": meta["summary"]},
        "fullDescription": {"text": meta["what"] or meta["summary"]},
        "help": {"text": help_text, "markdown": markdown},
        "properties": {
            "tags": list(dict.fromkeys([  # unique, in order: the schema says tags are a set
                meta["family"], *(["accessibility"] if meta["family"] == "alt-text" else []),
                *(f"wcag{c}" for c in meta["wcag"]), *(f"act-{a}" for a in meta["act"])])),
        },
    }
    if meta["severity"]:
        rule["defaultConfiguration"] = {"level": _LEVEL[meta["severity"]]}
        rule["properties"]["problem.severity"] = _PROBLEM[meta["severity"]]
    if meta["docs_url"]:
        rule["helpUri"] = meta["docs_url"]
    return rule


def _location(place: dict) -> dict:
    """Where a finding or one of its related places is."""
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(place["page"])},
            "region": {"startLine": max(1, place["line"]), "startColumn": max(1, place["column"]),
                       "snippet": {"text": place["snippet"]}},
        },
    }


def build(result) -> dict:
    data = result.to_dict()
    findings = data["findings"]
    metas = rules_meta(result, findings)
    index = {rid: i for i, rid in enumerate(metas)}
    results = []
    for f in findings:
        location = _location(f)
        if f["selector"]:
            location["logicalLocations"] = [{"fullyQualifiedName": f["selector"], "kind": "element"}]
        entry = {
            "ruleId": f["rule"],
            "ruleIndex": index[f["rule"]],
            "level": _LEVEL[f["severity"]],
            "message": {"text": f["message"] + more_places(f.get("related"))},
            "locations": [location],
            "fingerprints": {"auditor/v1": f["fingerprint"]},
        }
        if f.get("related"):  # the other places with the same problem (auditor/grouping.py)
            entry["relatedLocations"] = [{"id": i, **_location(r)} for i, r in enumerate(f["related"])]
        if is_url(f["page"]):
            entry["properties"] = {"url": f["page"]}
        results.append(entry)
    notifications = [
        {"level": "error", "message": {"text": f"{p['page']}: {p['error']}"}}
        for p in data["pages"] if p["error"]
    ] + [
        {"level": "error", "message": {"text": f"{p['page']}: {e['rule']}: {e['message']}"},
         "associatedRule": {"id": e["rule"]}}
        for p in data["pages"] for e in p.get("tool_errors", [])
    ]
    run = {
        "tool": {"driver": {
            "name": "auditor",
            "version": data["tool"]["version"],
            "semanticVersion": data["tool"]["version"],
            "informationUri": "https://github.com/auditor-lint/auditor",
            "rules": [_rule(m) for m in metas.values()],
        }},
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"as_of": data["as_of"], "summary": data["summary"]},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result, stream, **_):
    json.dump(build(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
