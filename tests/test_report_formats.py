"""The machine and review formats: each parsed back and checked against the JSON report,
SARIF against the official schema. (Page text that tries to break out of each format:
tests/robustness/test_safe_reports.py.)"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.finding import Severity

from conftest import AS_OF_ARG, SAMPLES, run_cli

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


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




@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(), st.sampled_from(list(Severity)), st.text(), st.integers(0, 10**9), st.text()),
                max_size=4))
def test_json_report_lays_out_any_finding_as_json_dumps_would(rows):
    # The JSON report writes each finding by hand for speed; any text (quotes, controls,
    # lone surrogates, non-ASCII) must come out as json.dumps of the result would write it.
    from auditor.finding import Finding
    from auditor.registry import all_reporters
    from auditor.result import AuditResult, PageResult

    findings = [Finding(rule=rule, severity=severity, page=page, line=line, column=line % 7, selector=text,
                        message=text[::-1], snippet=text + page, fingerprint=rule + text)
                for rule, severity, page, line, text in rows]
    result = AuditResult(version="0", as_of="2026-11-28", pages=[PageResult(page="p", findings=findings), PageResult(page="q")],
                         rules={})
    stream = io.StringIO()
    all_reporters()["json"].render(result, stream)
    assert stream.getvalue() == json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
