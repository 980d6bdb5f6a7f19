"""Every rule has complete docs and a bad and a good sample, and the samples are its exact
expectations.

How a sample says what must be reported: in samples/rules/<id>/bad.html, every element that
rule <id> must report carries the attribute `data-expect` on its start tag (`data-expect="2"`
when the rule reports it twice). A finding about the whole page points at the element it
was judged on, which carries the mark: `<html>` (no lang, no main landmark, no h1), `<title>`
(an empty title), the `<meta>` whose date makes the page stale. No rule reads data-*
attributes, so the mark changes no verdict. The test reads the marks from the source
text with the standard library's html.parser, independently of the engine: each mark
expects one finding of rule <id> at the `<` of its start tag (line and column 1-based, as
the engine reports). Auditing the sample with only that rule selected must give exactly
those (rule, line, column), no more and no fewer; a good sample carries no mark and gives
no finding of its rule. samples/README.md says the same for whoever adds a rule.
"""

import functools
import http.server
import threading

import httpx
import pytest

from auditor.ruledocs import explain_text
from auditor.config import Config, active_rules
from auditor.engine import audit_loaded
from auditor.loading import Loaded
from auditor.registry import all_rules
from auditor.targets import Target
from conftest import AS_OF, SAMPLES
from marks import MARK, marked_start_tags

RULES = all_rules()
ENGINE_EMITTED = {"unused-suppression"}  # made by the engine from comments, sampled in test_suppressions
SAMPLED = sorted(set(RULES) - ENGINE_EMITTED)
DOC_FIELDS = ("summary", "what", "why", "fix")

# A rule whose bad sample shows one of its bugs: the marks say the truth, the rule does not
# (yet), so its bad-sample test is expected to fail until the rule is fixed. None today.
KNOWN_RULE_BUGS: dict[str, str] = {}

# Findings of other rules, at default settings, on good samples that are genuinely good
# pages: (sample rule id, finding's rule, line, column) -> why it is a false alarm. Fixing
# the rule removes the entry; a new false alarm fails the test.
KNOWN_GOOD_SAMPLE_FALSE_ALARMS: dict[tuple[str, str, int, int], str] = {}  # none today


def _sample(rule_id, kind):
    return SAMPLES / "rules" / rule_id / f"{kind}.html"


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _audit(path, select=()):
    """The sorted (rule, line, column) of every finding on one page, offline, deferred link
    checks included; `select` picks rules, none means every rule at default settings. A
    selected rule that declares `needs_network` (only a server can show it, e.g. a 301) gets
    the page fetched from samples/ served by http.server on 127.0.0.1, and checked online.
    The one place this file calls the engine."""
    rules = active_rules(RULES, Config(), tuple(select))
    if not any(getattr(RULES[rule_id], "needs_network", False) for rule_id in select):
        result = audit_loaded(Target("file", str(path)), Loaded(data=path.read_bytes(), path=str(path)), rules, AS_OF)
    else:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_QuietFiles, directory=str(SAMPLES)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/{path.relative_to(SAMPLES).as_posix()}"
            page = httpx.get(url)
            assert page.status_code == 200
            result = audit_loaded(Target("url", url), Loaded(data=page.content, url=url), rules, AS_OF, offline=False)
        finally:
            server.shutdown()
            server.server_close()
    assert result.error is None, result.error
    return sorted((f.rule, f.line, f.column) for f in result.findings)


def marked_positions(path):
    """(line, column) of each finding the sample's marks expect (a mark's value: how many)."""
    return sorted((line, column) for value, line, column in marked_start_tags(path) for _ in range(int(value or 1)))


def _sample_case(rule_id, kind):
    bug = KNOWN_RULE_BUGS.get(rule_id) if kind == "bad" else None
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(rule_id, kind, id=f"{rule_id}-{kind}", marks=marks)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_has_complete_docs(rule_id):
    rule = RULES[rule_id]
    for name in DOC_FIELDS:
        assert getattr(rule, name, "").strip(), f"{rule_id} lacks {name}"
    assert rule.severity is not None and rule.family
    text = explain_text(rule)
    for heading in ("What it does", "Why it matters", "Example", "Use instead", "Options"):
        assert heading in text


@pytest.mark.parametrize(("rule_id", "kind"), [_sample_case(r, k) for r in SAMPLED for k in ("bad", "good")])
def test_sample_gives_exactly_its_marked_findings(rule_id, kind):
    path = _sample(rule_id, kind)
    assert path.is_file(), f"missing samples/rules/{rule_id}/{kind}.html"
    positions = marked_positions(path)
    if kind == "bad":
        assert positions, f"{path} marks no element with {MARK}"
    else:
        assert not positions, f"{path} is a good sample: it marks nothing"
    expected = [(rule_id, line, column) for line, column in positions]
    assert _audit(path, select=(rule_id,)) == expected


def test_good_samples_are_clean_under_every_rule():
    found = {}
    for rule_id in SAMPLED:
        for rule, line, column in _audit(_sample(rule_id, "good")):
            found[(rule_id, rule, line, column)] = KNOWN_GOOD_SAMPLE_FALSE_ALARMS.get((rule_id, rule, line, column))
    assert found == KNOWN_GOOD_SAMPLE_FALSE_ALARMS


def test_docs_rules_md_is_up_to_date():
    from auditor.ruledocs import rules_markdown
    from conftest import ROOT

    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(RULES), "regenerate with: auditor rules --format markdown > docs/rules.md"
