"""A self-contained HTML report for people: summary, filters, grouping, sorting, and every
finding with its snippet, selector and fix advice. One file: inline CSS and JS, the data as
JSON in the page, nothing from the network; a Content-Security-Policy with the hashes of
our own style and script, so nothing else in the file could run even if it got in."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from functools import lru_cache
from pathlib import Path


from auditor.reports._common import more_places, rules_meta

FORMAT = "html"

TEMPLATES = Path(__file__).resolve().parent / "templates"
SEVERITIES = ("error", "warning", "notice")


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # only when this format is written

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True)


@lru_cache(maxsize=2)
def _asset(name: str) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if "</" in text:  # our assets go inline; a closing tag inside would end the element
        raise ValueError(f"{name} must not contain '</'")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _safe_url(url: str | None) -> str | None:
    """Only web links are rendered as links: a plugin's docs URL cannot be javascript:."""
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def context(result, title: str = "Accessibility and content audit") -> dict:
    from markupsafe import Markup

    report = result.to_dict()
    summary = report["summary"]
    metas = rules_meta(result, report["findings"])
    for meta in metas.values():
        meta["docs_url"] = _safe_url(meta["docs_url"])
        meta["links"] = [link for link in meta["wcag_links"] + meta["act_links"] if _safe_url(link["url"])]
    anchors = {rid: f"rule-{i}" for i, rid in enumerate(metas)}
    pages = []
    by_name = {}
    for i, p in enumerate(report["pages"]):
        entry = {"page": p["page"], "key": f"p{i}", "anchor": f"page-{i}", "entries": [], "errors": 0,
                 "findings": 0, "problem": p["error"] or "; ".join(f"{e['rule']}: {e['message']}" for e in p.get("tool_errors", []))}
        pages.append(entry)
        by_name.setdefault(p["page"], entry)
    for index, f in enumerate(report["findings"]):
        entry = by_name.get(f["page"])
        if entry is None:  # a finding for a page not in the list (hand-made JSON): still shown
            entry = {"page": f["page"], "key": f"p{len(pages)}", "anchor": f"page-{len(pages)}", "entries": [],
                     "errors": 0, "findings": 0, "problem": None}
            pages.append(entry)
            by_name[f["page"]] = entry
        entry["entries"].append({**f, "index": index, "related": f.get("related", []),
                                 "more_places": more_places(f.get("related"))})
        entry["findings"] += 1
        entry["errors"] += f["severity"] == "error"
    by_family = Counter(metas[f["rule"]]["family"] for f in report["findings"])
    problems = [(p["page"], p["error"]) for p in report["pages"] if p["error"]]
    problems += [(p["page"], f"{e['rule']}: {e['message']}") for p in report["pages"] for e in p.get("tool_errors", [])]
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    return {
        "title": title,
        "report": report,
        "summary": summary,
        "baseline": report.get("baseline"),
        "severities": SEVERITIES,
        "pages": pages,
        "pages_with_errors": sum(1 for p in pages if p["errors"]),
        "by_family": sorted(by_family.items(), key=lambda kv: (-kv[1], kv[0])),
        "rules": metas,
        "anchors": anchors,
        "problems": problems,
        "data": {"report": report, "rules": {rid: {k: m[k] for k in ("family", "summary", "severity")}
                                             for rid, m in metas.items()}},
        "css": Markup(css),
        "js": Markup(js),
        "csp": csp,
    }


def render(result, stream, title: str = "Accessibility and content audit", **_):
    stream.write(_environment().get_template("report.html.j2").render(**context(result, title=title)))
