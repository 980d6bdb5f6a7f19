"""scripts/act_conformance.py on a tiny ACT-shaped folder the test writes."""

import json
import subprocess
import sys

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "act_conformance.py"
PAGE = "<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{}</body></html>"


def _write(folder, act_id, expected, case, body):
    path = folder / act_id / expected / f"{case}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(body), encoding="utf-8")
    return {"file": f"{act_id}/{expected}/{case}.html", "ruleId": act_id, "expected": expected, "title": case}


def _suite(tmp_path, with_index=True):
    cases = [
        _write(tmp_path, "23a2a8", "failed", "f1", '<img src="a.png">'),
        _write(tmp_path, "23a2a8", "passed", "p1", '<img src="a.png" alt="A logo">'),
        # Labelled "passed" but it is not: the script must count it wrong and say why.
        _write(tmp_path, "23a2a8", "passed", "p2", '<img src="b.png">'),
        _write(tmp_path, "23a2a8", "inapplicable", "i1", "<p>No images</p>"),
        # An ACT id that no registered rule declares.
        _write(tmp_path, "zzz999", "failed", "f1", "<p>x</p>"),
        _write(tmp_path, "zzz999", "passed", "p1", "<p>x</p>"),
    ]
    if with_index:
        index = {"rules": {"23a2a8": {"ruleName": "Image has non-empty accessible name", "status": "approved"}},
                 "cases": cases}
        (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return tmp_path


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_text_report_counts_right_cases_and_lists_wrong_ones(tmp_path):
    done = _run(_suite(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    image = next(line for line in lines if line.startswith("23a2a8"))
    assert "3/4" in image and "75.0%" in image and "image-alt" in image and "Image has non-empty" in image
    assert any("wrong: 23a2a8/passed/p2.html (expected passed): image-alt:" in line for line in lines)
    unknown = next(line for line in lines if line.startswith("zzz999"))
    assert "1/2" in unknown and "(no rule)" in unknown
    assert any("wrong: zzz999/failed/f1.html (expected failed): no finding" in line for line in lines)
    assert lines[-1].split() == ["TOTAL", "4/6", "66.7%"]


def test_json_report_and_rule_filter(tmp_path):
    done = _run(_suite(tmp_path), "--json", "--rule", "23a2a8")
    report = json.loads(done.stdout)
    assert list(report["rules"]) == ["23a2a8"]
    assert (report["right"], report["total"]) == (3, 4)
    assert [w["file"] for w in report["rules"]["23a2a8"]["wrong"]] == ["23a2a8/passed/p2.html"]


def test_folder_without_index_is_read_from_its_layout(tmp_path):
    done = _run(_suite(tmp_path, with_index=False), "--quiet")
    assert done.returncode == 0, done.stderr
    assert "wrong:" not in done.stdout
    assert done.stdout.splitlines()[-1].split() == ["TOTAL", "4/6", "66.7%"]


def test_off_by_default_rules_are_run(tmp_path):
    _write(tmp_path, "ffd0e9", "failed", "f1", '<h1><img src="x.png" alt=""></h1>')
    report = json.loads(_run(tmp_path, "--json").stdout)
    assert "heading-name" in report["rules"]["ffd0e9"]["rules"]
    assert report["rules"]["ffd0e9"]["right"] == 1


def test_missing_folder_is_a_usage_error(tmp_path):
    done = _run(tmp_path / "nope")
    assert done.returncode == 2 and "is not a folder" in done.stderr


def test_markdown_table(tmp_path):
    lines = _run(_suite(tmp_path), "--markdown").stdout.splitlines()
    assert lines[0].startswith("| ACT rule |")
    assert "| 23a2a8 | Image has non-empty accessible name | approved | `image-alt` | 3/4 | 75.0% |" in lines
    assert lines[-1] == "| **total** | | | | **4/6** | **66.7%** |"
