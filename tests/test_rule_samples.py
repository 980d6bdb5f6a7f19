"""Every rule has complete docs and a bad and a good sample; the samples behave as labelled."""

import pytest

from auditor.cli import explain_text
from auditor.registry import all_rules
from conftest import SAMPLES, audit_html, rule_ids

RULES = all_rules()
ENGINE_EMITTED = {"unused-suppression"}  # made by the engine from comments, sampled in test_suppressions
DOC_FIELDS = ("summary", "what", "why", "bad_example", "good_example", "fix")


def _sample(rule_id, kind):
    return SAMPLES / "rules" / rule_id / f"{kind}.html"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_has_complete_docs(rule_id):
    rule = RULES[rule_id]
    for name in DOC_FIELDS:
        assert getattr(rule, name, "").strip(), f"{rule_id} lacks {name}"
    assert rule.severity is not None and rule.family
    text = explain_text(rule)
    for heading in ("What it does", "Why it matters", "Example", "Use instead", "Options"):
        assert heading in text


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - ENGINE_EMITTED))
def test_rule_has_samples(rule_id):
    assert _sample(rule_id, "bad").is_file(), f"missing samples/rules/{rule_id}/bad.html"
    assert _sample(rule_id, "good").is_file(), f"missing samples/rules/{rule_id}/good.html"


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - ENGINE_EMITTED))
def test_bad_sample_is_reported(rule_id):
    path = _sample(rule_id, "bad")
    result = audit_html(path.read_bytes(), select=[rule_id], name=str(path), path=str(path))
    assert result.error is None
    assert rule_id in rule_ids(result), f"{rule_id} found nothing in its bad sample"


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - ENGINE_EMITTED))
def test_good_sample_is_clean(rule_id):
    path = _sample(rule_id, "good")
    result = audit_html(path.read_bytes(), select=[rule_id], name=str(path), path=str(path))
    assert result.error is None
    assert rule_id not in rule_ids(result), [f.message for f in result.findings]
