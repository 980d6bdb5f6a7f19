"""Reports are safe to display: page text that tries to break out of each format (HTML,
GitHub workflow commands, Markdown, CSV formulas) is escaped. Script payloads in the HTML
report are also run in a real browser: tests/test_report_html_browser.py."""

import csv
import io
from pathlib import Path

import pytest

from conftest import AS_OF_ARG, run_cli

EVIL_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Evil</title></head><body><main><h1>Evil</h1>
<img src="x.png" data-x="%0A::error file=a.html::pwned">
<img src="y.png,line=1:2" title="">
<p>ok</p>
<img src="=HYPERLINK(&quot;http://evil/&quot;)">
<img src="@me | `tick` <b>bold</b> [link](http://evil/)">
</main></body></html>
"""


@pytest.fixture
def evil_reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("evil%0A::warning::x,y:z.html").write_text(EVIL_HTML, encoding="utf-8")

    def render(fmt, env=None):
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        result = run_cli("check", "--offline", *AS_OF_ARG, "--select", "image-alt", "--format", fmt, ".")
        assert result.exit_code == 1, result.stderr
        return result.stdout

    return render


def test_github_annotations_cannot_be_injected(evil_reports, tmp_path):
    summary = tmp_path / "summary.md"
    out = evil_reports("github", {"GITHUB_STEP_SUMMARY": str(summary)})
    lines = out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    for line in lines:
        head, sep, message = line[2:].partition("::")
        assert sep
        level, _, props = head.partition(" ")
        keys = [p.split("=", 1)[0] for p in props.split(",")]
        assert keys == ["file", "line", "col", "title"], line  # no property smuggled in by page text
        assert "\n" not in message and "\r" not in message
    assert "evil%250A%3A%3Awarning%3A%3Ax%2Cy%3Az.html" in out  # the file name, escaped
    assert "%0A::error" not in out.replace("%250A", "")
    written = summary.read_text(encoding="utf-8")
    assert "1 page audited" in written and "`image-alt`" in written.replace("` image-alt `", "`image-alt`")


def test_markdown_escapes_page_text(evil_reports):
    text = evil_reports("markdown")
    assert "<b>" not in text and "[link](" not in text
    assert "@me" not in text  # no mentions from page text
    for line in text.splitlines():
        if line.startswith("| error"):
            assert line.count(" | ") == 3, line  # page text cannot add table cells


def test_csv_neutralises_formulas(evil_reports):
    rows = list(csv.DictReader(io.StringIO(evil_reports("csv"), newline="")))
    snippets = [r["snippet"] for r in rows]
    assert rows and all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    assert any("HYPERLINK" in s for s in snippets)

    from auditor.reports.csv import safe_cell

    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-2") == "'-2" and safe_cell("@x") == "'@x"
    assert safe_cell("plain") == "plain" and safe_cell(12) == 12


def test_html_report_escapes_page_text_and_sets_a_strict_policy(evil_reports):
    html = evil_reports("html")
    assert "Content-Security-Policy" in html and "default-src &#39;none&#39;" in html
    assert "unsafe-inline" not in html and "unsafe-eval" not in html
    assert html.count("<script") == 2  # our data block and our script
    assert "&lt;img src=&#34;@me" in html or "&lt;img src=&quot;@me" in html
