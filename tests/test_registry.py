"""Rules and report formats, built-in and from other packages, found through the same entry
points; the built-in rules one per file, named by its id, in its family's folder."""

import ast
import importlib
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import auditor.rules
from auditor.registry import all_rules
from auditor.rule import FAMILIES, rules_in
from conftest import AS_OF_ARG, ROOT, SAMPLES

PLUGIN_RULES = '''
from auditor.finding import Severity
from auditor.rule import Rule


class NoMarquee(Rule):
    id = "no-marquee"
    family = "clutter"
    severity = Severity.WARNING
    summary = "Marquee text moves and cannot be paused"
    elements = ("marquee",)
    what = why = fix = "Marquee."

    def visit(self, element, page):
        yield self.finding(page, element, "A <marquee> moves text nobody can pause")


RULES = [NoMarquee]
'''


def _dist(folder, name, version, entries):
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(entries))


def test_a_plugin_rule_is_found_listed_and_run(tmp_path):
    first, later = tmp_path / "first", tmp_path / "later"
    _dist(first, "auditor_marquee", "1.0", """\
        # comment lines and other groups are skipped
        [console_scripts]
        nothing = nowhere:main

        [auditor.rules]
        marquee = marquee_rules
        """)
    (first / "marquee_rules.py").write_text(PLUGIN_RULES)
    # The same distribution again (its name spelled otherwise), later on the path: shadowed,
    # as importlib.metadata has it (its entry point would fail to load).
    _dist(later, "Auditor.Marquee", "0.9", "[auditor.rules]\nmarquee = missing_module\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(first), str(later)]))
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html lang=en><title>t</title><main><marquee>News</marquee></main></html>")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path)

    listed = run("rules")
    assert listed.returncode == 0 and "no-marquee" in listed.stdout, listed.stderr
    audited = run("check", *AS_OF_ARG, "--offline", "--no-cache", "--select", "no-marquee", "-f", "json", str(page))
    assert audited.returncode == 0, audited.stderr  # a warning does not fail the run by default
    assert '"rule": "no-marquee"' in audited.stdout and "nobody can pause" in audited.stdout
    # A built-in sample still audits with the plugin installed.
    good, bad = (str(SAMPLES / "rules" / "image-alt" / name) for name in ("good.html", "bad.html"))
    assert run("check", *AS_OF_ARG, "--offline", "--no-cache", "--select", "image-alt", good).returncode == 0
    assert run("check", *AS_OF_ARG, "--offline", "--no-cache", "--select", "image-alt", bad).returncode == 1


def test_a_plugin_that_fails_to_load_is_named_not_a_traceback(tmp_path):
    _dist(tmp_path, "broken_plugin", "1.0", "[auditor.rules]\nbroken = no_such_module_here\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "auditor", "rules"], capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert "broken" in proc.stderr and "no_such_module_here" in proc.stderr and "Traceback" not in proc.stderr


def test_a_plugin_rule_with_a_built_in_id_is_refused_by_name(tmp_path):
    # Built-in rules go through the checks plugins get: a second "image-alt" is an error.
    _dist(tmp_path, "auditor_clash", "1.0", "[auditor.rules]\nclash = clash_rules\n")
    (tmp_path / "clash_rules.py").write_text(PLUGIN_RULES.replace('"no-marquee"', '"image-alt"'))
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "auditor", "rules"], capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert proc.stderr == "auditor: error: rule id 'image-alt' from 'clash' is already registered\n"


def _rule_modules() -> dict[str, list[str]]:
    """Rule ids by module, for every module of the built-in rules package."""
    found = {}
    for info in pkgutil.walk_packages(auditor.rules.__path__, "auditor.rules."):
        if not info.ispkg:
            found[info.name] = [rule.id for rule in rules_in(vars(importlib.import_module(info.name)))]
    return found


def test_every_built_in_rule_is_one_file_named_by_its_id_in_its_family_folder():
    modules = _rule_modules()
    assert all(len(ids) == 1 for ids in modules.values()), {m: ids for m, ids in modules.items() if len(ids) != 1}
    for module, (rule_id,) in modules.items():
        rule = all_rules()[rule_id]
        wanted = f"auditor.rules.{rule.family.replace('-', '_')}.{rule_id.replace('-', '_')}"
        assert module == wanted, f"{rule_id} (family {rule.family}) belongs in {wanted}, not {module}"
    folders = {path.name for path in (ROOT / "rules").iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == {family.replace("-", "_") for family in FAMILIES}
    assert all((ROOT / "rules" / folder / "__init__.py").is_file() for folder in folders)
    assert sorted(rule_id for (rule_id,) in modules.values()) == sorted(all_rules())


@pytest.mark.parametrize("path", sorted((ROOT / "rules").glob("*/*.py")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_rule_imports_no_other_rule_and_opens_no_file(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {m for m in modules if m.startswith(("auditor.rules", "rules"))}, "shared parts belong in auditor/"
    assert not modules & {"importlib", "importlib.resources", "auditor.datafiles", "pathlib", "io", "os"}
    assert "open" not in {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
