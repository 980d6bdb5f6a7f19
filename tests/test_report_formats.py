"""The machine and review formats: each parsed back and checked against the JSON report,
SARIF against the official schema, and page text that tries to break out of each format."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import AS_OF_ARG, SAMPLES, run_cli

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

EVIL_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Evil</title></head><body><main><h1>Evil</h1>
<img src="x.png" data-x="%0A::error file=a.html::pwned">
<img src="y.png,line=1:2" title="">
<p>ok</p>
<img src="=HYPERLINK(&quot;http://evil/&quot;)">
<img src="@me | `tick` <b>bold</b> [link](http://evil/)">
</main></body></html>
"""


@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory):
    """One audit of samples/, rendered in every format."""
    out = tmp_path_factory.mktemp("reports")
    formats = ["json", "sarif", "junit", "gitlab", "github", "markdown", "csv", "html"]
    args = ["check", "--offline", *AS_OF_ARG, "--format", "json", "-o", str(out / "report.json")]
    for fmt in formats[1:]:
        args += ["--report", f"{fmt}:{out / ('report.' + fmt)}"]
    result = run_cli(*args, str(SAMPLES))
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["findings"], "samples/ must yield findings for these tests to mean anything"
    return out, data


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


def test_sarif_is_valid_against_the_official_schema(sample_reports):
    out, data = sample_reports
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert len(run["results"]) == len(data["findings"])
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for result, finding in zip(run["results"], data["findings"]):
        assert result["ruleId"] == finding["rule"]
        assert rules[result["ruleIndex"]]["id"] == finding["rule"]
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith(Path(finding["page"]).name)
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["region"]["startLine"] == finding["line"] >= 1
        assert loc["region"]["startColumn"] == finding["column"] >= 1
        assert result["fingerprints"] == {"auditor/v1": finding["fingerprint"]}
        assert "partialFingerprints" not in result
    image_alt = rules[ids.index("image-alt")]
    assert image_alt["shortDescription"]["text"] and image_alt["fullDescription"]["text"]
    assert image_alt["help"]["text"] and image_alt["helpUri"].startswith("https://")
    assert "wcag1.1.1" in image_alt["properties"]["tags"]


def test_sarif_gives_url_targets_a_relative_location():
    from auditor.reports._common import artifact_uri

    assert artifact_uri("https://www.example.org/news/2008/a.html?x=1") == "www.example.org/news/2008/a.html?x=1"
    assert artifact_uri("https://www.example.org/") == "www.example.org/index"
    assert artifact_uri("./site/a b.html") == "site/a%20b.html"


def test_junit_parses_with_a_suite_per_page_and_unique_testcases(sample_reports):
    out, data = sample_reports
    root = ET.parse(out / "report.junit").getroot()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [p["page"] for p in data["pages"]]
    failing_findings = [f for f in data["findings"] if f["severity"] in ("error", "warning")]
    total_failed_rules = 0
    for suite in suites:
        names = [c.get("name") for c in suite.findall("testcase")]
        assert len(names) == len(set(names)), f"duplicate testcase names in {suite.get('name')}"
        assert int(suite.get("tests")) == len(names)
        failures = suite.findall("testcase/failure")
        assert int(suite.get("failures")) == len(failures)
        expected = {f["rule"] for f in failing_findings if f["page"] == suite.get("name")}
        assert {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None} == expected
        for failure in failures:
            assert "line " in failure.get("message")
        total_failed_rules += len(expected)
    assert int(root.get("failures")) == total_failed_rules


def test_gitlab_code_quality_parses_back(sample_reports):
    out, data = sample_reports
    issues = json.loads((out / "report.gitlab").read_text(encoding="utf-8"))
    assert len(issues) == len(data["findings"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue, finding in zip(issues, data["findings"]):
        assert issue["type"] == "issue"
        assert issue["check_name"] == finding["rule"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] == finding["line"]
        assert Path(issue["location"]["path"]).name == Path(finding["page"]).name
        assert finding["message"] in issue["description"]


def test_csv_has_a_row_per_finding(sample_reports):
    out, data = sample_reports
    rows = list(csv.DictReader(io.StringIO((out / "report.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(data["findings"])
    assert [(r["rule"], int(r["line"])) for r in rows] == [(f["rule"], f["line"]) for f in data["findings"]]


def test_markdown_summarises_counts(sample_reports):
    out, data = sample_reports
    text = (out / "report.markdown").read_text(encoding="utf-8")
    s = data["summary"]
    assert f"{s['pages']} pages audited" in text
    for rule, count in s["by_rule"].items():
        assert f"| ` {rule} ` |" in text and f"| {count} |" in text


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


def test_every_format_is_deterministic(tmp_path):
    for fmt in ("sarif", "junit", "gitlab", "github", "markdown", "csv", "html"):
        runs = [run_cli("check", "--offline", *AS_OF_ARG, "--format", fmt, "--jobs", str(j), str(SAMPLES)).stdout
                for j in (1, 2)]
        assert runs[0] == runs[1], fmt


def test_html_report_passes_the_projects_own_accessibility_rules(sample_reports):
    out, _ = sample_reports
    result = run_cli("check", "--offline", *AS_OF_ARG, "--select", "accessibility,alt-text",
                     "--format", "json", "--fail-on", "notice", str(out / "report.html"))
    data = json.loads(result.stdout)
    assert data["summary"]["tool_errors"] == 0 and not data["pages"][0]["error"]
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert errors == []
    assert data["findings"] == [], "the report should not even have warnings"


def test_html_report_escapes_page_text_and_sets_a_strict_policy(evil_reports):
    html = evil_reports("html")
    assert "Content-Security-Policy" in html and "default-src &#39;none&#39;" in html
    assert "unsafe-inline" not in html and "unsafe-eval" not in html
    assert html.count("<script") == 2  # our data block and our script
    assert "&lt;img src=&#34;@me" in html or "&lt;img src=&quot;@me" in html
