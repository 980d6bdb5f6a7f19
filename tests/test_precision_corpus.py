"""The precision corpus: pages under tests/precision written to look like the traps that
made auditor cry wolf (prose that mentions skip, foreign words in link text, table-of-contents
links, dt-only lists, responsive and nested duplicate menus, Turkish text, image links,
Sphinx citation lists), each asserted to give exactly the findings it should.

Every element that must be reported carries `data-expect="RULE-ID"` on its start tag (several
rule ids, space-separated, when several rules must report it; one id twice for two findings).
Each page is audited as a user would, `auditor check --offline --no-cache --as-of 2026-11-28`
with every rule at its default settings, and the (rule, line, column) of its findings must
equal the marks, read from the source with the standard library's html.parser rather than by
the engine: a missing or an extra finding fails.
"""

from pathlib import Path

import pytest

from conftest import run_json
from marks import marked_start_tags

CORPUS = Path(__file__).parent / "precision"
# A page whose marks are right but whose positions the engine gets wrong, until fixed elsewhere.
KNOWN_POSITION_BUGS: dict[str, str] = {}  # none today


def marked_findings(path):
    """(rule, line, column) of each finding the page's marks expect (a mark's value: the rules)."""
    return sorted((rule, line, column) for value, line, column in marked_start_tags(path) for rule in value.split())


def _page_case(path):
    bug = KNOWN_POSITION_BUGS.get(path.name)
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(path, id=path.stem, marks=marks)


def _findings(path):
    code, report = run_json("--offline", "--no-cache", str(path))
    assert code in (0, 1), report
    return sorted((f["rule"], f["line"], f["column"]) for f in report["findings"])


@pytest.mark.parametrize("path", [_page_case(p) for p in sorted(CORPUS.glob("*.html"))])
def test_page_gives_exactly_its_marked_findings(path):
    assert _findings(path) == marked_findings(path)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.html")), ids=lambda p: p.stem)
def test_page_gives_its_marked_rules_on_their_lines(path):
    """What a page with a known position bug can still be held to: each rule on each line."""
    assert [(rule, line) for rule, line, _ in _findings(path)] == [
        (rule, line) for rule, line, _ in marked_findings(path)]


def test_every_mark_names_a_rule():
    from auditor.registry import all_rules

    rules = set(all_rules())
    for path in CORPUS.glob("*.html"):
        unknown = {rule for rule, _, _ in marked_findings(path)} - rules
        assert not unknown, f"{path.name} marks unknown rules {unknown}"
