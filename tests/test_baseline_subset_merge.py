"""Baselines (fail only on new findings), --changed-since, --shard and `auditor merge`."""

import json
import subprocess
from pathlib import Path

import pytest

from auditor.subset import parse_shard, shard_of, SubsetError
from conftest import AS_OF_ARG, SAMPLES, run_cli

PAGE = """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>x</h1>
{body}
</main></body></html>
"""


def check(*args):
    return run_cli("check", "--offline", *AS_OF_ARG, "--select", "image-alt", *args)


def page(path: Path, *imgs: str, blank_lines: int = 0):
    path.write_text(PAGE.format(body="\n" * blank_lines + "\n".join(imgs)), encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("site").mkdir()
    page(Path("site/a.html"), '<img src="one.jpg">', '<img src="two.jpg">')
    page(Path("site/b.html"), '<img src="three.jpg">')
    result = check("--write-baseline", "base.json", "site")
    assert result.exit_code == 0, result.stderr  # findings, but writing a baseline succeeds
    return tmp_path


def test_baseline_records_counts_per_page_and_rule(site):
    data = json.loads(Path("base.json").read_text(encoding="utf-8"))
    assert data["auditor_baseline"] == 1 and data["findings"] == 3
    assert {p: {r: sum(e["count"] for e in fps.values()) for r, fps in rules.items()}
            for p, rules in data["pages"].items()} == {"site/a.html": {"image-alt": 2}, "site/b.html": {"image-alt": 1}}


def test_unchanged_site_passes_against_its_baseline(site):
    result = check("--baseline", "base.json", "site")
    assert result.exit_code == 0, result.stdout
    assert "against the baseline: 0 new findings, 3 known, 0 fixed" in result.stdout


def test_moved_lines_pass(site):
    page(Path("site/a.html"), '<p>A new paragraph</p>', '<img src="one.jpg">', '<p>more</p>', '<img src="two.jpg">',
         blank_lines=7)
    result = check("--baseline", "base.json", "site")
    assert result.exit_code == 0, result.stdout


def test_a_fix_and_a_new_problem_do_not_cancel_out(site):
    page(Path("site/a.html"), '<img src="two.jpg">', '<img src="new.jpg">')  # one.jpg fixed, new.jpg added
    result = check("--baseline", "base.json", "--format", "json", "site")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["snippet"] for f in data["findings"]] == ['<img src="new.jpg">']
    assert data["baseline"]["new"] == 1 and data["baseline"]["known"] == 2
    assert [(e["page"], e["rule"]) for e in data["baseline"]["fixed"]] == [("site/a.html", "image-alt")]
    assert "one.jpg" in data["baseline"]["fixed"][0]["message"]
    text = check("--baseline", "base.json", "site").stdout
    assert "fixed: site/a.html image-alt" in text and "new.jpg" in text


def test_a_second_copy_of_a_known_problem_is_new(site):
    page(Path("site/b.html"), '<img src="three.jpg">', '<img src="three.jpg">')
    result = check("--baseline", "base.json", "--format", "json", "site")
    assert result.exit_code == 1 and json.loads(result.stdout)["baseline"]["new"] == 1


def test_pages_not_audited_are_not_fixed(site):
    data = json.loads(check("--baseline", "base.json", "--format", "json", "site/b.html").stdout)
    assert data["baseline"]["fixed"] == []


def test_baseline_errors_are_clear(site):
    for args, words in ((["--baseline", "missing.json"], "no baseline at missing.json"),
                        (["--baseline", "site/a.html"], "not JSON"),
                        (["--baseline", "base.json", "--write-baseline", "x.json"], "not both")):
        result = check(*args, "site")
        assert result.exit_code == 2 and words in result.stderr, result.stderr


def git(*args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], check=True,
                   capture_output=True)


def test_changed_since_audits_only_changed_html(site):
    git("init", "-q", ".")
    git("add", "site")
    git("commit", "-q", "-m", "one")
    assert check("--changed-since", "HEAD", "--format", "json", "site").exit_code == 0
    page(Path("site/b.html"), '<img src="changed.jpg">')
    Path("site/c.html").write_text(PAGE.format(body='<img src="untracked.jpg">'), encoding="utf-8")
    git("mv", "site/a.html", "site/renamed.html")
    data = json.loads(check("--changed-since", "HEAD", "--format", "json", "site").stdout)
    assert [p["page"] for p in data["pages"]] == ["site/b.html", "site/renamed.html"]
    git("add", "site")
    git("commit", "-q", "-m", "two")
    data = json.loads(check("--changed-since", "HEAD~1", "--format", "json", "site").stdout)
    assert [p["page"] for p in data["pages"]] == ["site/b.html", "site/c.html", "site/renamed.html"]


def test_changed_since_outside_git_or_with_a_bad_ref_is_exit_2(site):
    result = check("--changed-since", "HEAD", "site")
    assert result.exit_code == 2 and "needs a git repository" in result.stderr
    git("init", "-q", ".")
    result = check("--changed-since", "no-such-ref", "site")
    assert result.exit_code == 2 and "unknown git ref 'no-such-ref'" in result.stderr


def test_shards_are_stable_disjoint_and_complete():
    names = [f"site/page{i}.html" for i in range(200)]
    shards = {k: [n for n in names if shard_of(n, 4) == k] for k in range(1, 5)}
    assert sorted(sum(shards.values(), [])) == sorted(names)
    assert all(20 < len(v) < 80 for v in shards.values())
    assert shard_of("site/page7.html", 4) == shard_of("site/page7.html", 4)
    # Adding pages never moves an existing page to another shard.
    assert [n for n in names[:100] if shard_of(n, 4) == 1] == [n for n in shards[1] if n in names[:100]]
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "x", "1/0", "-1/2"):
        with pytest.raises(SubsetError):
            parse_shard(bad)


def test_shards_merge_into_the_single_run_report(tmp_path):
    full = run_cli("check", "--offline", *AS_OF_ARG, "--format", "json", str(SAMPLES))
    paths = []
    for k in (1, 2, 3):
        path = tmp_path / f"shard{k}.json"
        result = run_cli("check", "--offline", *AS_OF_ARG, "--shard", f"{k}/3", "--format", "json", "-o", str(path), str(SAMPLES))
        assert result.exit_code in (0, 1)
        paths.append(str(path))
    shard_pages = [json.loads(Path(p).read_text())["pages"] for p in paths]
    assert all(shard_pages) and sum(len(p) for p in shard_pages) == len(json.loads(full.stdout)["pages"])
    merged = run_cli("merge", *reversed(paths), "--format", "json", "--report", f"sarif:{tmp_path / 'm.sarif'}")
    assert merged.exit_code == full.exit_code
    a, b = json.loads(merged.stdout), json.loads(full.stdout)
    assert a == b  # skipped checks too: a link target two shards skipped is one skipped check
    assert b["summary"]["skipped_checks"] == len(b["skipped_targets"]) > 0
    sarif = json.loads((tmp_path / "m.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == len(b["findings"])


def test_merge_counts_a_skipped_target_of_several_shards_once(tmp_path):
    def shard(name, skipped, unnamed=0):
        report = {"schema_version": 1, "tool": {"name": "auditor", "version": "0.1.0"}, "as_of": "2026-11-28",
                  "pages": [{"page": name, "error": None, "findings": 0, "tool_errors": []}], "findings": [],
                  "summary": {"skipped_checks": len(skipped) + unnamed}, "skipped_targets": skipped}
        (tmp_path / f"{name}.json").write_text(json.dumps(report))
        return str(tmp_path / f"{name}.json")

    paths = [shard("a", ["https://a.example/", "https://b.example/"]), shard("b", ["https://b.example/", "https://c.example/"])]
    data = json.loads(run_cli("merge", *paths, "-f", "json").stdout)
    assert data["summary"]["skipped_checks"] == 3
    assert data["skipped_targets"] == ["https://a.example/", "https://b.example/", "https://c.example/"]
    # A report that counts skips without naming them (made before skipped_targets) adds its count.
    older = shard("c", [], unnamed=2)
    assert json.loads(run_cli("merge", *paths, older, "-f", "json").stdout)["summary"]["skipped_checks"] == 5


def test_merge_refuses_overlapping_or_foreign_reports(tmp_path):
    report = tmp_path / "r.json"
    run_cli("check", "--offline", *AS_OF_ARG, "--format", "json", "-o", str(report), str(SAMPLES / "rules" / "image-alt"))
    result = run_cli("merge", str(report), str(report))
    assert result.exit_code == 2 and "in both" in result.stderr
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    result = run_cli("merge", str(other))
    assert result.exit_code == 2 and "not an auditor JSON report" in result.stderr


def test_merge_keeps_baseline_results(site):
    page(Path("site/a.html"), '<img src="two.jpg">', '<img src="new.jpg">')
    for k in (1, 2):
        check("--baseline", "base.json", "--format", "json", "-o", f"s{k}.json", "--shard", f"{k}/2", "site")
    result = run_cli("merge", "s1.json", "s2.json", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert data["baseline"]["new"] == 1 and data["baseline"]["known"] == 2 and len(data["baseline"]["fixed"]) == 1
