"""One folder of hostile and broken pages: every page is audited or is a page error with a
clear message, nothing crashes, nothing is lost, and the exit code stays 0 or 1."""

import codecs
import json
import os

import pytest

from conftest import AS_OF_ARG, run_cli

LINK = '<a href="/p{0}.html">Page {0}</a>\n'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    pages = {
        "empty.html": b"",
        "binary.html": bytes(range(256)) * 64,
        "nul-bytes.html": b"<html lang=en><title>t</title><p>a\x00b</p><img src=a\x00.png></html>",
        "invalid-utf8.html": b'<meta charset="utf-8"><title>\xff\xfe\xfa</title><img src=x.png>',
        "utf16-bom.html": codecs.BOM_UTF16_LE + "<title>Grüße</title><img src=x.png>".encode("utf-16-le"),
        "utf16-no-bom.html": "<html><title>Grüße</title><img src=x.png></html>".encode("utf-16-be"),
        "big-attribute.html": b'<html lang=en><title>t</title><img src=x.png alt="' + b"a" * (2 * 1024 * 1024) + b'"></html>',
        "many-links.html": ("<html lang=en><title>t</title><body>" + "".join(LINK.format(i) for i in range(10_000))).encode(),
        "deep.html": ("<div>" * 100_000 + "<img src=x.png>").encode(),
        "unclosed comment.html": b"<html lang=en><title>t</title><!-- never closed <img src=x.png>",
        "caf\u00e9 r\u00e9sum\u00e9.html": "<html lang=fr><title>CV</title><img src=x.png></html>".encode(),
        "garbage-tags.html": b"<<<>>><//><a <b <c =\"\"\"'''<img src=x.png <p></td></tr></table></html></html>",
        "only-doctype.html": b"<!DOCTYPE html>",
    }
    for name, data in pages.items():
        (root / name).write_bytes(data)
    (root / "loop").mkdir()
    (root / "loop" / "inner.html").write_text("<html lang=en><title>inner</title></html>")
    (root / "loop" / "again").symlink_to(root / "loop")
    (root / "dangling.html").symlink_to(root / "does-not-exist.html")
    return root


def test_every_hostile_page_is_audited_or_a_clear_page_error(hostile, tmp_path, workers):
    out = tmp_path / "report.json"
    result = run_cli("check", *AS_OF_ARG, "--offline", "--jobs", "2", "--select", "alt-text",
                     "-f", "json", "-o", str(out), str(hostile))
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(out.read_text())
    pages = {os.path.relpath(p["page"], hostile): p for p in data["pages"]}
    expected = sorted([n for n in os.listdir(hostile) if n.endswith(".html")] + ["loop/inner.html"])
    assert sorted(pages) == expected  # nothing lost; the symlink loop visited once
    errors = {name: p["error"] for name, p in pages.items() if p["error"]}
    assert errors == {
        "empty.html": "empty file",
        "binary.html": "binary content, not an HTML document",
        "dangling.html": "cannot read: No such file or directory",
    }
    by_page = {}
    for f in data["findings"]:
        by_page.setdefault(os.path.relpath(f["page"], hostile), []).append(f)
    # Pages that really do carry an image without alt are reported, whatever their encoding.
    for name in ("invalid-utf8.html", "utf16-bom.html", "utf16-no-bom.html", "nul-bytes.html", "deep.html",
                 "big-attribute.html" and "café résumé.html"):
        assert any(f["rule"] == "image-alt" for f in by_page.get(name, [])), name
    assert all(len(f["snippet"]) <= 240 for f in data["findings"])


def test_a_page_over_the_size_limit_is_a_page_error(tmp_path, monkeypatch):
    (tmp_path / "huge.html").write_bytes(b"<p>" + b"x" * (30 * 1024 * 1024))
    (tmp_path / "small.html").write_text("<html lang=en><title>t</title><img src=a.png></html>")
    (tmp_path / "auditor.toml").write_text("max-page-bytes = 10_000_000\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", "-f", "json", ".")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [p["error"] for p in data["pages"]] == ["cannot read: larger than the page size limit of 10000000 bytes", None]


def test_a_page_over_the_time_budget_is_a_page_error_and_the_run_goes_on(tmp_path, monkeypatch, workers):
    (tmp_path / "a-slow.html").write_bytes(b"<div>" * 200_000)
    (tmp_path / "b-fine.html").write_text("<html lang=en><title>t</title><img src=a.png></html>")
    # Generous for the small page (a worker's first page also loads data files), far too
    # short for 200,000 nested elements.
    (tmp_path / "auditor.toml").write_text("page-timeout = 3\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", "--jobs", "2", "-f", "json", ".")
    data = json.loads(result.stdout)
    assert [p["error"] for p in data["pages"]] == ["not audited: over the time budget of 3 s per page", None]
    assert result.exit_code == 1 and data["summary"]["findings"] == 1


@pytest.mark.parametrize("content, message", [
    ("max-page-bytes = -1\n", "max-page-bytes must be at least 1"),
    ('page-timeout = "soon"\n', "page-timeout must be a number"),
])
def test_bad_limits_are_config_errors(tmp_path, monkeypatch, content, message):
    (tmp_path / "auditor.toml").write_text(content)
    (tmp_path / "a.html").write_text("<p>")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "a.html")
    assert result.exit_code == 2 and message in result.stderr


def test_the_run_time_budget_leaves_pages_as_page_errors(tmp_path, monkeypatch):
    (tmp_path / "a-slow.html").write_bytes(b"<div>" * 60_000)
    for name in ("b.html", "c.html"):
        (tmp_path / name).write_text("<html lang=en><title>t</title><img src=a.png></html>")
    (tmp_path / "auditor.toml").write_text("run-timeout = 1.0\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", *AS_OF_ARG, "--no-cache", "--select", "alt-text", "--jobs", "1", "-f", "json", ".")
    data = json.loads(result.stdout)
    errors = [p["error"] for p in data["pages"]]
    assert errors[0] is None  # begun within the budget: audited
    assert errors[1:] == ["not audited: the run's time budget of 1 s ran out"] * 2
    assert result.exit_code == 1  # page errors fail the run
