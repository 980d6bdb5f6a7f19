import json

import pytest

from conftest import AS_OF_ARG, SEED, run_cli

PAGE = "<!doctype html><html lang=en><title>t</title><body><img src=a.png><img src=b.png alt=spacer></body></html>"


@pytest.fixture
def site(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text(PAGE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules_found(*args):
    result = run_cli("check", "-f", "json", *AS_OF_ARG, "--select", "alt-text", *args, "page.html")
    return result.exit_code, sorted(f["rule"] + ":" + f["severity"] for f in json.loads(result.stdout)["findings"])


def test_no_config_uses_defaults(site):
    assert rules_found() == (1, ["image-alt-suspicious:warning", "image-alt:error"])


def test_auditor_toml_sets_severity_and_fail_on(site):
    (site / "auditor.toml").write_text('fail-on = "never"\n[severity]\nimage-alt = "notice"\n')
    assert rules_found() == (0, ["image-alt-suspicious:warning", "image-alt:notice"])


def test_pyproject_tool_section_is_found_from_a_subfolder(site, monkeypatch):
    (site / "pyproject.toml").write_text('[project]\nname="x"\n[tool.auditor]\nignore = ["image-alt-suspicious"]\n')
    (site / "sub").mkdir()
    (site / "sub" / "page.html").write_text(PAGE)
    monkeypatch.chdir(site / "sub")
    assert rules_found() == (1, ["image-alt:error"])


def test_rule_table_with_severity_and_options(site):
    (site / "auditor.toml").write_text('[rules.image-alt-suspicious]\nseverity = "error"\nplaceholders = ["nothing"]\n')
    assert rules_found() == (1, ["image-alt:error"])
    (site / "auditor.toml").write_text('[rules.image-alt-suspicious]\nseverity = "error"\n')
    assert rules_found() == (1, ["image-alt-suspicious:error", "image-alt:error"])


def test_off_removes_a_rule(site):
    (site / "auditor.toml").write_text('[severity]\nimage-alt = "off"\n')
    assert rules_found() == (0, ["image-alt-suspicious:warning"])  # warnings do not fail by default


@pytest.mark.parametrize("content, message", [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('select = ["no-such-rule"]\n', "unknown rule or family 'no-such-rule'"),
    ('[severity]\nimage-alt = "fatal"\n', "severity of image-alt must be one of"),
    ('[severity]\nnot-a-rule = "error"\n', "unknown rule 'not-a-rule'"),
    ('[rules.image-alt]\nfoo = 1\n', "rule image-alt has no option 'foo'"),
    ('[rules.image-alt-suspicious]\nplaceholders = 3\n', "option 'placeholders' must be a list"),
    ('fail-on = "sometimes"\n', "fail-on must be one of"),
    ('select = [\n', "invalid TOML"),
])
def test_config_errors_exit_2_with_one_line(site, content, message):
    (site / "auditor.toml").write_text(content)
    result = run_cli("check", *AS_OF_ARG, "page.html")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_explicit_config_path_that_does_not_exist(site):
    result = run_cli("check", "--config", "missing.toml", "page.html")
    assert result.exit_code == 2 and "does not exist" in result.stderr
