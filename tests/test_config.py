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


def test_the_config_is_found_from_the_targets_folder_not_the_current_one(tmp_path, monkeypatch):
    (tmp_path / "proj" / "site").mkdir(parents=True)
    (tmp_path / "proj" / "auditor.toml").write_text('ignore = ["image-alt-suspicious"]\n')
    (tmp_path / "proj" / "site" / "page.html").write_text(PAGE)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "auditor.toml").write_text('fail-on = "never"\n')
    monkeypatch.chdir(tmp_path / "elsewhere")
    for target in ("../proj/site", "../proj/site/page.html"):
        result = run_cli("check", "-f", "json", *AS_OF_ARG, "--select", "alt-text", target)
        assert result.exit_code == 1  # fail-on = "never" of the current folder's config is not read
        assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["image-alt"]


def test_cache_dir_from_config_option_and_environment(tmp_path, monkeypatch):
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "page.html").write_text(PAGE)
    (tmp_path / "run").mkdir()
    monkeypatch.chdir(tmp_path / "run")
    target = ["check", "-q", *AS_OF_ARG, "--select", "alt-text", "../proj"]
    run_cli(*target)
    assert sorted(p.name for p in (tmp_path / "run" / ".auditor-cache").iterdir()) == [".gitignore", "results.sqlite"]
    (tmp_path / "proj" / "auditor.toml").write_text('cache-dir = "build/cache"\n')  # relative to the config's folder
    run_cli(*target)
    assert (tmp_path / "proj" / "build" / "cache" / "results.sqlite").is_file()
    assert (tmp_path / "proj" / "build" / "cache" / ".gitignore").read_text() == "*\n"
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "from-env"))
    run_cli(*target)
    assert (tmp_path / "from-env" / "results.sqlite").is_file()
    run_cli(*target, "--cache-dir", "opt")
    assert (tmp_path / "run" / "opt" / "results.sqlite").is_file()
    (tmp_path / "mine").mkdir()
    run_cli(*target, "--cache-dir", str(tmp_path / "mine"))  # a folder that exists is left as it is
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["results.sqlite"]


def test_cache_dir_must_be_a_path(site):
    (site / "auditor.toml").write_text("cache-dir = 3\n")
    result = run_cli("check", *AS_OF_ARG, "page.html")
    assert (result.exit_code, result.stderr) == (2, f"auditor: error: {site / 'auditor.toml'}: cache-dir must be a folder's path, not 3\n")


def test_links_root_in_a_config_is_relative_to_its_folder(tmp_path, monkeypatch):
    (tmp_path / "proj" / "site").mkdir(parents=True)
    (tmp_path / "proj" / "site" / "there.html").write_text(PAGE)
    (tmp_path / "proj" / "site" / "page.html").write_text(
        '<html lang=en><title>t</title><a href="/there.html">there</a> <a href="/gone.html">gone</a></html>')
    (tmp_path / "proj" / "auditor.toml").write_text('[links]\nroot = "site"\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "-f", "json", *AS_OF_ARG, "--offline", "--select", "link-broken", "proj/site/page.html")
    assert [f["message"] for f in json.loads(result.stdout)["findings"]] == [
        "Link to /gone.html is broken: no such file; fix the address or remove the link"]
