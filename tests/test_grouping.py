"""One broken target is one finding: every other link to it is a related place of that
finding (auditor/grouping.py), in the whole run, in merged shards and in every format."""

import json
from pathlib import Path

import jsonschema
import pytest

from auditor.subset import shard_of
from conftest import AS_OF_ARG, run_cli

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{name}</title></head><body><main><h1>{name}</h1>
{body}
</main></body></html>
"""
LINKS = ('<p><a href="{up}missing.html">Gone</a> and <a href="{up}ok.html">fine</a></p>\n'
         '<p><a href="{up}report.pdf">The report (PDF)</a></p>')
# Pages in both shards of two, interleaved in report order: the first place of the
# missing page is in one shard and the other places in both.
SHARDS = {"a": 2, "b": 2, "e": 1, "f": 1, "sub/c": 1}
SELECT = ["--select", "link-broken,pdf-link-broken"]
MISSING = "Link to site/missing.html is broken: no such file; fix the address or remove the link"
MISSING_PDF = ("PDF link site/report.pdf is broken: no such file; point it at the document's current address "
               "or remove it")


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("site/sub").mkdir(parents=True)
    for name in SHARDS:
        up = "../" * name.count("/")
        body = LINKS.format(up=up)
        if name == "b":  # a second link to the missing page on one page, and one suppressed
            body += (f'\n<p><a href="missing.html">Again</a></p>\n<!-- auditor-disable-next link-broken -->\n'
                     f'<p><a href="missing.html">Known</a></p>')
        Path(f"site/{name}.html").write_text(PAGE.format(name=name, body=body), encoding="utf-8")
    Path("site/ok.html").write_text(PAGE.format(name="ok", body="<p>Fine.</p>"), encoding="utf-8")
    return tmp_path


def check(*args):
    return run_cli("check", "--offline", "--no-cache", *AS_OF_ARG, *SELECT, *args)


def place(page, line=2, column=4, href="missing.html", fingerprint=None):
    return {"page": page, "line": line, "column": column, "snippet": f'<a href="{href}">', "fingerprint": fingerprint}


def without_fingerprints(findings):
    """Fingerprints are pinned by tests/test_baseline_subset_merge.py; here, only that each place keeps one."""
    out = []
    for f in findings:
        assert len(f["fingerprint"]) == 16 and all(len(r["fingerprint"]) == 16 for r in f.get("related", ()))
        f = {**f, "fingerprint": None}
        if "related" in f:
            f["related"] = [{**r, "fingerprint": None} for r in f["related"]]
        out.append(f)
    return out


def test_the_shards_are_interleaved():
    assert {name: shard_of(f"site/{name}.html", 2) for name in SHARDS} == SHARDS


def test_one_missing_file_linked_from_every_page_is_one_finding(site):
    result = check("--format", "json", "site")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert result.stdout == json.dumps(data, indent=2, ensure_ascii=False) + "\n"  # laid out by hand (reports/json.py)
    assert without_fingerprints(data["findings"]) == [
        {"rule": "link-broken", "severity": "error", "page": "site/a.html", "line": 2, "column": 4,
         "selector": "html > body > main > p:nth-of-type(1) > a:nth-of-type(1)", "message": MISSING,
         "snippet": '<a href="missing.html">', "fingerprint": None,
         "related": [place("site/b.html"), place("site/b.html", line=4), place("site/e.html"),
                     place("site/f.html"), place("site/sub/c.html", href="../missing.html")]},
        {"rule": "pdf-link-broken", "severity": "error", "page": "site/a.html", "line": 3, "column": 4,
         "selector": "html > body > main > p:nth-of-type(2) > a", "message": MISSING_PDF,
         "snippet": '<a href="report.pdf">', "fingerprint": None,
         "related": [place(page, line=3, href=f"{up}report.pdf") for page, up in
                     (("site/b.html", ""), ("site/e.html", ""), ("site/f.html", ""), ("site/sub/c.html", "../"))]},
    ]
    assert [(p["page"], p["findings"]) for p in data["pages"]] == [
        ("site/a.html", 2), ("site/b.html", 0), ("site/e.html", 0), ("site/f.html", 0), ("site/ok.html", 0),
        ("site/sub/c.html", 0)]
    assert data["summary"]["findings"] == 2
    assert data["summary"]["by_rule"] == {"link-broken": 1, "pdf-link-broken": 1}


def test_merged_shards_give_the_whole_runs_report(site):
    whole = check("--format", "json", "site").stdout
    for k in (1, 2):
        assert check("--format", "json", "-o", f"shard{k}.json", "--shard", f"{k}/2", "site").exit_code == 1
    first = json.loads(Path("shard1.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["page"], len(f["related"])) for f in first] == [("site/e.html", 2), ("site/e.html", 2)]
    merged = run_cli("merge", "--format", "json", "shard1.json", "shard2.json")
    assert merged.exit_code == 1, merged.stderr
    assert merged.stdout == whole


def test_a_target_linked_once_has_no_related_member(site):
    data = json.loads(check("--format", "json", "site/a.html").stdout)
    assert [("related" in f) for f in data["findings"]] == [False, False]


def test_text_line_says_how_many_other_places(site):
    lines = check("site").stdout.splitlines()
    assert lines[:2] == [
        f"site/a.html:2:4: error link-broken {MISSING} (and 5 more places on 4 pages)",
        f"site/a.html:3:4: error pdf-link-broken {MISSING_PDF} (and 4 more places on 4 pages)",
    ]


def test_sarif_gives_the_other_places_as_related_locations(site):
    sarif = json.loads(check("--format", "sarif", "site").stdout)
    schema = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
    jsonschema.validate(sarif, json.loads(schema.read_text(encoding="utf-8")))
    first = sarif["runs"][0]["results"][0]
    assert first["message"]["text"] == f"{MISSING} (and 5 more places on 4 pages)"
    assert [(r["id"], r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["region"])
            for r in first["relatedLocations"]] == [
        (0, "site/b.html", {"startLine": 2, "startColumn": 4, "snippet": {"text": '<a href="missing.html">'}}),
        (1, "site/b.html", {"startLine": 4, "startColumn": 4, "snippet": {"text": '<a href="missing.html">'}}),
        (2, "site/e.html", {"startLine": 2, "startColumn": 4, "snippet": {"text": '<a href="missing.html">'}}),
        (3, "site/f.html", {"startLine": 2, "startColumn": 4, "snippet": {"text": '<a href="missing.html">'}}),
        (4, "site/sub/c.html", {"startLine": 2, "startColumn": 4, "snippet": {"text": '<a href="../missing.html">'}}),
    ]


@pytest.mark.parametrize("fmt", ["junit", "github", "gitlab", "csv", "markdown", "html"])
def test_every_format_shows_the_count(site, fmt):
    out = check("--format", fmt, "site").stdout.replace("\\(", "(").replace("\\)", ")")  # Markdown escapes
    assert f"{MISSING} (and 5 more places on 4 pages)" in out


def test_html_lists_the_other_places(site):
    out = check("--format", "html", "site").stdout
    assert "<code>site/sub/c.html:2:4</code> <code>&lt;a href=&#34;../missing.html&#34;&gt;</code>" in out
