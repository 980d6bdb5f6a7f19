"""Every rule has complete docs and a bad and a good sample; the samples behave as labelled."""

import functools
import http.server
import threading

import httpx
import pytest

from auditor.cli import explain_text
from auditor.config import Config, active_rules
from auditor.engine import audit_loaded, run_deferred
from auditor.loading import Loaded
from auditor.registry import all_rules
from auditor.targets import Target
from conftest import AS_OF, SAMPLES, audit_html, rule_ids

RULES = all_rules()
ENGINE_EMITTED = {"unused-suppression"}  # made by the engine from comments, sampled in test_suppressions
DOC_FIELDS = ("summary", "what", "why", "bad_example", "good_example", "fix")


def _sample(rule_id, kind):
    return SAMPLES / "rules" / rule_id / f"{kind}.html"


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _audit_sample(rule_id, kind):
    """Audit one sample with only its rule, offline, deferred link checks included. A rule
    that declares `needs_network` (only a server can show it, e.g. a 301) gets its sample
    fetched from samples/ served by http.server on 127.0.0.1, and checked online."""
    path = _sample(rule_id, kind)
    rules = active_rules(RULES, Config(), (rule_id,))
    if not getattr(RULES[rule_id], "needs_network", False):
        result = audit_html(path.read_bytes(), select=[rule_id], name=str(path), path=str(path))
        run_deferred([result], rules, offline=True, use_cache=False)
        return result
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietFiles, directory=str(SAMPLES)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{path.relative_to(SAMPLES).as_posix()}"
        page = httpx.get(url)
        assert page.status_code == 200
        result = audit_loaded(Target("url", url), Loaded(data=page.content, url=url), rules, AS_OF)
        run_deferred([result], rules, offline=False, use_cache=False)
        return result
    finally:
        server.shutdown()
        server.server_close()


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
    result = _audit_sample(rule_id, "bad")
    assert result.error is None
    assert rule_id in rule_ids(result), f"{rule_id} found nothing in its bad sample"


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - ENGINE_EMITTED))
def test_good_sample_is_clean(rule_id):
    result = _audit_sample(rule_id, "good")
    assert result.error is None
    assert rule_id not in rule_ids(result), [f.message for f in result.findings]


def test_docs_rules_md_is_up_to_date():
    from auditor.cli import rules_markdown
    from conftest import ROOT

    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(RULES), "regenerate with: auditor rules --format markdown > docs/rules.md"
