"""What several report formats share: rule metadata as plain data, and where a finding is.

Every format renders from `result.to_dict()` / `Finding.to_dict()` plus the metadata here,
so no format re-reads a page and all formats agree on counts.
"""

from __future__ import annotations

import os
import textwrap
from urllib.parse import quote, urlsplit

WCAG_BASE = "https://www.w3.org/WAI/WCAG22/Understanding/"
ACT_BASE = "https://www.w3.org/WAI/standards-guidelines/act/rules/"

# Success criterion -> the slug of its "Understanding" page (WCAG 2.2; 4.1.1 is kept for
# rules that still cite it).
WCAG_SLUGS = {
    "1.1.1": "non-text-content", "1.2.1": "audio-only-and-video-only-prerecorded",
    "1.2.2": "captions-prerecorded", "1.2.3": "audio-description-or-media-alternative-prerecorded",
    "1.2.4": "captions-live", "1.2.5": "audio-description-prerecorded",
    "1.3.1": "info-and-relationships", "1.3.2": "meaningful-sequence",
    "1.3.3": "sensory-characteristics", "1.3.4": "orientation", "1.3.5": "identify-input-purpose",
    "1.3.6": "identify-purpose", "1.4.1": "use-of-color", "1.4.2": "audio-control",
    "1.4.3": "contrast-minimum", "1.4.4": "resize-text", "1.4.5": "images-of-text",
    "1.4.6": "contrast-enhanced", "1.4.8": "visual-presentation", "1.4.9": "images-of-text-no-exception",
    "1.4.10": "reflow", "1.4.11": "non-text-contrast", "1.4.12": "text-spacing",
    "1.4.13": "content-on-hover-or-focus", "2.1.1": "keyboard", "2.1.2": "no-keyboard-trap",
    "2.1.3": "keyboard-no-exception", "2.1.4": "character-key-shortcuts", "2.2.1": "timing-adjustable",
    "2.2.2": "pause-stop-hide", "2.2.4": "interruptions", "2.3.1": "three-flashes-or-below-threshold",
    "2.4.1": "bypass-blocks", "2.4.2": "page-titled", "2.4.3": "focus-order",
    "2.4.4": "link-purpose-in-context", "2.4.5": "multiple-ways", "2.4.6": "headings-and-labels",
    "2.4.7": "focus-visible", "2.4.8": "location", "2.4.9": "link-purpose-link-only",
    "2.4.10": "section-headings", "2.4.11": "focus-not-obscured-minimum", "2.5.1": "pointer-gestures",
    "2.5.2": "pointer-cancellation", "2.5.3": "label-in-name", "2.5.4": "motion-actuation",
    "2.5.7": "dragging-movements", "2.5.8": "target-size-minimum", "3.1.1": "language-of-page",
    "3.1.2": "language-of-parts", "3.1.3": "unusual-words", "3.1.4": "abbreviations",
    "3.1.5": "reading-level", "3.2.1": "on-focus", "3.2.2": "on-input",
    "3.2.3": "consistent-navigation", "3.2.4": "consistent-identification", "3.2.6": "consistent-help",
    "3.3.1": "error-identification", "3.3.2": "labels-or-instructions", "3.3.3": "error-suggestion",
    "3.3.4": "error-prevention-legal-financial-data", "3.3.7": "redundant-entry",
    "3.3.8": "accessible-authentication-minimum", "4.1.1": "parsing", "4.1.2": "name-role-value",
    "4.1.3": "status-messages",
}


def wcag_url(criterion: str) -> str:
    slug = WCAG_SLUGS.get(criterion)
    return WCAG_BASE + slug if slug else f"https://www.w3.org/WAI/WCAG22/quickref/#{criterion}"


def act_url(rule_id: str) -> str:
    return f"{ACT_BASE}{quote(rule_id)}/"


def _doc(rule, name: str) -> str:
    return textwrap.dedent(getattr(rule, name, "") or "").strip()


def rule_meta(result, rule_id: str) -> dict:
    """A rule's metadata as plain data; a rule the registry does not know (a merged report
    from a plugin that is not installed here) still gets a usable entry."""
    rule = (getattr(result, "rules", None) or {}).get(rule_id)
    if rule is None:
        return {"id": rule_id, "family": "unknown", "severity": None, "summary": rule_id, "what": "",
                "why": "", "fix": "", "wcag": [], "act": [], "impact": None, "docs_url": None,
                "wcag_links": [], "act_links": []}
    wcag, act = list(getattr(rule, "wcag", ()) or ()), list(getattr(rule, "act", ()) or ())
    return {
        "id": rule_id,
        "family": rule.family,
        "severity": rule.severity.label,
        "summary": rule.summary,
        "what": _doc(rule, "what"),
        "why": _doc(rule, "why"),
        "fix": _doc(rule, "fix"),
        "wcag": wcag,
        "act": act,
        "impact": getattr(rule, "impact", None),
        "docs_url": rule.docs_url(),
        "wcag_links": [{"label": f"WCAG {c}", "url": wcag_url(c)} for c in wcag],
        "act_links": [{"label": f"ACT {a}", "url": act_url(a)} for a in act],
    }


def rules_meta(result, findings: list[dict]) -> dict[str, dict]:
    """Metadata for every rule that ran or that has a finding, sorted by id."""
    ids = set(getattr(result, "rules", None) or {}) | {f["rule"] for f in findings}
    return {rid: rule_meta(result, rid) for rid in sorted(ids)}


def is_url(page: str) -> bool:
    return page.startswith(("http://", "https://"))


def artifact_uri(page: str) -> str:
    """A page as a URI relative to the working directory (what code-scanning and CI
    annotations can map onto the repository); URLs become `<host>/<path>` so that they
    still name a stable artifact (see docs/ci-github.md)."""
    if is_url(page):
        parts = urlsplit(page)
        path = parts.path.lstrip("/") or "index"
        if path.endswith("/"):
            path += "index"
        uri = f"{parts.netloc}/{path}" + (f"?{parts.query}" if parts.query else "")
        return quote(uri, safe="/?=&:@")
    if page == "-":
        return "stdin"
    path = page
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            pass
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return quote(path, safe="/")


def file_path(page: str) -> str:
    """Like artifact_uri, but unquoted, for formats that take a plain path."""
    from urllib.parse import unquote

    return unquote(artifact_uri(page))


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def more_places(related) -> str:
    """" (and N more places on M pages)" after a finding's message when the same problem is
    elsewhere too (its related places, as Related records or their dicts); else ""."""
    if not related:
        return ""
    pages = {r["page"] if isinstance(r, dict) else r.page for r in related}
    return f" (and {plural(len(related), 'more place')} on {plural(len(pages), 'page')})"
