"""Rules and report formats from other packages, found through entry points as the built-in
ones are (auditor.registry reads the installed distributions itself)."""

import importlib.metadata
import json
import os
import subprocess
import sys
import textwrap

from auditor.registry import all_rules, entry_points, index_of
from conftest import AS_OF_ARG, SAMPLES

PLUGIN_RULES = '''
from auditor.finding import Severity
from auditor.rule import Rule


class NoMarquee(Rule):
    id = "no-marquee"
    family = "clutter"
    severity = Severity.WARNING
    summary = "Marquee text moves and cannot be paused"
    elements = ("marquee",)
    what = why = bad_example = good_example = fix = "Marquee."

    def visit(self, element, page):
        yield self.finding(page, element, "A <marquee> moves text nobody can pause")


RULES = [NoMarquee]
'''


def test_entry_points_are_read_as_importlib_metadata_reads_them():
    for group in ("auditor.rules", "auditor.reports", "console_scripts", "pytest11"):
        expected = sorted((e.name, e.value) for e in importlib.metadata.entry_points(group=group))
        assert sorted(entry_points(group)) == expected, group


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

    check = subprocess.run([sys.executable, "-c", "import importlib.metadata as m, auditor.registry as r;"
                            "print(sorted((e.name, e.value) for e in m.entry_points(group='auditor.rules')) =="
                            " sorted(r.entry_points('auditor.rules')))"], capture_output=True, text=True, env=env)
    assert check.stdout.strip() == "True", check.stderr
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


def test_the_builtin_rule_index_is_the_rules_own():
    # The registry chooses and configures built-in rules from rules/__init__.py's INDEX
    # before importing their modules: it must say what the rule classes say.
    import auditor.rules

    actual = index_of(auditor.rules._collect())
    written = {rule_id: tuple(info) for rule_id, info in auditor.rules.INDEX.items()}
    wanted = {rule_id: tuple(info) for rule_id, info in actual.items()}
    lines = "\n".join(f"    {rule_id!r}: {info!r}," for rule_id, info in sorted(wanted.items()))
    assert written == wanted, f"rules/__init__.py's INDEX is out of date; it should read:\n{lines}"
    catalog = all_rules()
    assert sorted(catalog) == sorted(wanted)
    assert all(catalog[rule_id].id == rule_id and catalog[rule_id].__module__ == wanted[rule_id][0] for rule_id in wanted)


def test_a_run_imports_only_the_modules_of_the_rules_it_selects(tmp_path):
    (tmp_path / "page.html").write_text('<!DOCTYPE html><html lang="en"><title>t</title><p>Updated 3 May 2001. '
                                        '<a href="https://example.org/report.pdf">click here</a></p></html>')
    probe = textwrap.dedent("""
        import runpy, sys, auditor.cli
        auditor.cli._end = sys.exit  # the probe goes on after the run (main() ends the process)
        sys.argv = ['auditor', 'check', '--offline', '--no-cache', '--select', SELECT, '-f', 'json', '-o', 'out.json',
                    '--as-of', '2026-11-28', 'page.html']
        try:
            runpy.run_module('auditor', run_name='__main__')
        except SystemExit:
            pass
        print(sorted(m for m in sys.modules if m.startswith('auditor.rules.')))
    """)
    found = {}
    for select in ("links,pdf", "staleness"):
        run = subprocess.run([sys.executable, "-c", f"SELECT = {select!r}" + probe], capture_output=True, text=True,
                             cwd=tmp_path)
        found[select] = (run.stdout.strip(), json.loads((tmp_path / "out.json").read_text())["summary"]["by_rule"])
    assert found["links,pdf"][0] == "['auditor.rules.links', 'auditor.rules.pdf']", found
    assert found["staleness"][0] == "['auditor.rules.staleness']", found
    assert "pdf-link-label" in found["links,pdf"][1] and "stale-page" in found["staleness"][1], found


def test_an_index_entry_its_module_does_not_define_is_named_not_a_key_error():
    import pytest

    from auditor.registry import RegistryError, RuleCatalog, RuleInfo

    catalog = RuleCatalog({"ghost-rule": RuleInfo("auditor.rules.links", "links", True, ())}, {})
    assert "ghost-rule" in catalog and catalog.info("ghost-rule").family == "links"
    with pytest.raises(RegistryError, match="ghost-rule.*auditor.rules.links"):
        catalog["ghost-rule"]
