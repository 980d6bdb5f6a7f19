from __future__ import annotations

import re

from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


def _viewport_number(value: str, keywords: dict[str, float]) -> float | None:
    """A viewport property value as a number (CSS Device Adaptation's translation)."""
    value = value.strip().lower()
    if value in keywords:
        return keywords[value]
    match = re.match(r"[-+]?(\d+(\.\d*)?|\.\d+)", value)
    return float(match.group(0)) if match else 0.0


def viewport_properties(content: str) -> dict[str, str]:
    props = {}
    for part in re.split(r"[,;]", content):
        if "=" in part:
            key, _, value = part.partition("=")
            props[key.strip().lower()] = value.strip()
    return props


class MetaViewport(Rule):
    id = "meta-viewport"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "The viewport must let users zoom to at least 200%"
    wcag = ("1.4.4",)
    act = ("b4f0c3",)
    impact = "critical"
    what = """
        Reports `<meta name="viewport">` with `user-scalable=no` (or a value that means it),
        or `maximum-scale` below 2.
    """
    why = """
        Mobile browsers obey these values: users with low vision cannot pinch-zoom the text
        they need to read.
    """
    fix = """
        Remove `user-scalable` and `maximum-scale` (or set `maximum-scale` to 2 or more) and
        make the layout work when zoomed.
    """

    _KEYWORDS = {"yes": 1.0, "no": 0.1, "device-width": 10.0, "device-height": 10.0}

    def check(self, page):
        for meta in page.by_name("meta"):
            if (attr(meta, "name") or "").strip().lower() != "viewport":
                continue
            props = viewport_properties(attr(meta, "content") or "")
            problems = []
            if "user-scalable" in props:
                scalable = _viewport_number(props["user-scalable"], {**self._KEYWORDS, "no": 0.0})
                if abs(scalable) < 1:
                    problems.append(f"user-scalable={props['user-scalable']}")
            if "maximum-scale" in props:
                maximum = _viewport_number(props["maximum-scale"], self._KEYWORDS)
                if 0 <= maximum < 2:
                    problems.append(f"maximum-scale={props['maximum-scale']}")
            if problems:
                yield self.finding(page, meta, f"The viewport stops zooming ({', '.join(problems)}): remove it or allow a scale of 2 or more")
