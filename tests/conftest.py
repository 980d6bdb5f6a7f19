import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.config import Config, active_rules
from auditor.engine import audit_loaded
from auditor.loading import Loaded
from auditor.registry import all_rules
from auditor.targets import Target

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "usaid-trafficking-2008.html"
AS_OF = date(2026, 11, 28)
AS_OF_ARG = ["--as-of", AS_OF.isoformat()]


def audit_html(html, select=None, name="page.html", as_of=AS_OF, options=None, path=None):
    """Audit one page given as text or bytes; returns the PageResult."""
    rules = all_rules()
    config = Config(rule_options=options or {})
    chosen = active_rules(rules, config, tuple(select or ()))
    data = html.encode("utf-8") if isinstance(html, str) else html
    return audit_loaded(Target("file", name), Loaded(data=data, path=path), chosen, as_of)


def rule_ids(page_result):
    return [f.rule for f in page_result.findings]


def run_cli(*args, input=None):
    """Run the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def run_json(*args):
    result = run_cli("check", "--format", "json", *AS_OF_ARG, *args)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def workers(monkeypatch):
    """Runs with --jobs above 1 use worker processes however small their pages (by default
    a run of a few small pages stays in one process)."""
    from auditor import engine

    monkeypatch.setattr(engine, "IN_PROCESS_BYTES", 0)


@pytest.fixture
def seed_html():
    return SEED.read_text(encoding="iso-8859-1")
