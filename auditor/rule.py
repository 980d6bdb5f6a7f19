"""What a rule is: declarative metadata, options, and checks that yield findings.

A rule either visits the elements it names in `elements` or that carry an attribute named
in `attributes` (the engine walks each tree once and hands every element to the rules that
asked for its tag or one of its attributes), or checks the whole page once in `check`, or
both. Findings are made with `self.finding(page, element, message)`, which
fills in location, selector, snippet and fingerprint, so no rule does that by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Iterator

from auditor import dom
from auditor.finding import Finding, Severity
from auditor.page import Page

DOCS_BASE = "https://github.com/auditor-lint/auditor/blob/main/docs/rules.md"

FAMILIES = ("alt-text", "accessibility", "links", "pdf", "staleness", "clutter", "meta")


@dataclass(frozen=True)
class Option:
    default: Any
    help: str
    choices: tuple = ()

    def validate(self, name: str, value: Any) -> Any:
        expected = type(self.default)
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok = float(value), True
        if expected in (list, tuple) and isinstance(value, (list, tuple)):
            value, ok = tuple(value), True
        if not ok:
            raise ValueError(f"option {name!r} must be {_type_name(expected)}, not {value!r}")
        if self.choices and value not in self.choices:
            raise ValueError(f"option {name!r} must be one of {', '.join(map(str, self.choices))}, not {value!r}")
        return value


def _type_name(kind: type) -> str:
    return {bool: "true or false", int: "an integer", float: "a number", str: "a string",
            tuple: "a list", list: "a list"}.get(kind, kind.__name__)


class Rule:
    id: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    wcag: ClassVar[tuple[str, ...]] = ()
    act: ClassVar[tuple[str, ...]] = ()
    # axe-core's vocabulary: minor, moderate, serious, critical (None for content rules).
    impact: ClassVar[str | None] = None
    enabled_by_default: ClassVar[bool] = True
    # Element names this rule's `visit` wants; "*" for every element.
    elements: ClassVar[tuple[str, ...]] = ()
    # Attribute names that also bring an element to `visit`, whatever its tag ("aria-*": any
    # attribute with that prefix). A rule that looks only at elements carrying `role` says
    # so here instead of taking "*", so the many elements without one never reach it.
    attributes: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[dict[str, Option]] = {}
    # True when findings depend on --as-of (the result cache keys on it).
    uses_as_of: ClassVar[bool] = False
    # One problem, one finding: rules whose findings on the element this rule reports, and
    # on what that element holds, a finding of this rule makes redundant (the Digg widget is
    # to be removed, so its link and its image are not reported, nor its link checked).
    supersedes: ClassVar[tuple[str, ...]] = ()
    # Docs, in the ruff template; its Example and Use instead are the rule's samples,
    # samples/rules/<id>/bad.html and good.html (auditor.ruledocs).
    what: ClassVar[str]
    why: ClassVar[str]
    fix: ClassVar[str]

    def __init__(self, severity: Severity | None = None, options: dict[str, Any] | None = None):
        self.active_severity = severity or self.severity
        self.config = {name: opt.default for name, opt in self.options.items()}
        for name, value in (options or {}).items():
            if name not in self.options:
                raise ValueError(f"rule {self.id} has no option {name!r}")
            self.config[name] = self.options[name].validate(name, value)

    @classmethod
    def docs_url(cls) -> str:
        return f"{DOCS_BASE}#{cls.id}"

    def visit(self, element: dom.Tag, page: Page) -> Iterable[Finding]:
        return ()

    def check(self, page: Page) -> Iterable[Finding]:
        return ()

    def finding(self, page: Page, element: dom.Tag | None, message: str) -> Finding:
        from auditor.selector import css_path, identity

        loc = page.location(element)
        # The fingerprint is completed by the engine, which numbers repeats of one identity.
        return Finding(
            rule=self.id,
            severity=self.active_severity,
            page=page.name,
            line=loc.line,
            column=loc.column,
            selector=css_path(element, page.same_name_position, page.selectors),
            message=message,
            snippet=page.snippet(element),
            fingerprint=identity(element),
            order=page.order_of(element) if element is not None else -1,
        )

    @classmethod
    def describe(cls) -> dict:
        return {
            "id": cls.id,
            "family": cls.family,
            "severity": cls.severity.label,
            "enabled": cls.enabled_by_default,
            "summary": cls.summary,
            "wcag": list(cls.wcag),
            "act": list(cls.act),
            "impact": cls.impact,
            "options": {name: {"default": list(o.default) if isinstance(o.default, tuple) else o.default,
                               "help": o.help} for name, o in sorted(cls.options.items())},
            "docs_url": cls.docs_url(),
        }


def rules_in(namespace: dict) -> Iterator[type[Rule]]:
    """Rule classes defined in a module namespace (how a rules module lists itself)."""
    for value in namespace.values():
        if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and "id" in vars(value):
            yield value
