"""The result cache: an unchanged page is not parsed again; anything a result depends on
(the page, an option, the tool version, --as-of for rules that read it) invalidates it."""

import json

import pytest

import auditor.engine
import auditor.parsing
import auditor.resultcache
from conftest import run_cli

PAGE = ("<!doctype html><html lang=en><head><title>t</title><meta name='dcterms.modified' content='2019-01-01'></head>"
        "<body><main><h1>x</h1><img src=a.png><img src=b.png alt=photo></main></body></html>")


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(PAGE)
    parsed = []
    real_parse = auditor.parsing.parse

    def counting_parse(text):
        parsed.append(text)
        return real_parse(text)

    monkeypatch.setattr(auditor.parsing, "parse", counting_parse)
    return tmp_path, parsed


def audit(*args, as_of="2026-11-28"):
    result = run_cli("check", "--jobs", "1", "--offline", "--as-of", as_of, "-f", "json", *args, ".")
    return json.loads(result.stdout)


def test_second_run_reads_the_cache_and_gives_the_same_report(site):
    root, parsed = site
    first = audit()
    assert len(parsed) == 2 and (root / ".auditor-cache" / "results.sqlite").is_file()
    second = audit()
    assert len(parsed) == 2  # nothing parsed again
    assert json.dumps(first) == json.dumps(second)
    assert first["summary"]["by_rule"]["image-alt"] == 2 and first["summary"]["by_rule"]["stale-page"] == 2


def test_a_changed_page_is_audited_again(site):
    root, parsed = site
    audit()
    (root / "b.html").write_text(PAGE.replace("<img src=a.png>", ""))
    data = audit()
    assert len(parsed) == 3
    assert data["summary"]["by_rule"]["image-alt"] == 1


def test_a_changed_option_invalidates(site):
    root, parsed = site
    audit()
    (root / "auditor.toml").write_text('[rules.image-alt-suspicious]\nplaceholders = ["nothing"]\n')
    data = audit()
    assert len(parsed) == 4 and "image-alt-suspicious" not in data["summary"]["by_rule"]


def test_a_new_tool_version_invalidates(site, monkeypatch):
    _, parsed = site
    audit()
    monkeypatch.setattr(auditor.resultcache, "__version__", "99.0.0")
    audit()
    assert len(parsed) == 4


def test_as_of_invalidates_only_when_a_rule_reads_it(site):
    _, parsed = site
    audit("--select", "alt-text")
    audit("--select", "alt-text", as_of="2020-01-01")
    assert len(parsed) == 2  # alt-text rules do not read the date
    audit()
    stale = audit(as_of="2020-01-01")
    assert len(parsed) == 6
    assert "stale-page" not in stale["summary"]["by_rule"]


def test_no_cache_audits_everything_and_writes_nothing(site):
    root, parsed = site
    audit("--no-cache")
    audit("--no-cache")
    assert len(parsed) == 4 and not (root / ".auditor-cache").exists()


def test_a_corrupt_cache_is_ignored(site):
    root, parsed = site
    (root / ".auditor-cache").mkdir()
    (root / ".auditor-cache" / "results.sqlite").write_bytes(b"not a database" * 100)
    data = audit()
    assert len(parsed) == 2 and data["summary"]["pages"] == 2


def test_unchanged_files_are_not_even_read_on_a_warm_run(site, monkeypatch):
    root, parsed = site
    audit()
    reads = []
    real_load = auditor.engine.load_or_error
    monkeypatch.setattr(auditor.engine, "load_or_error", lambda t, *a: reads.append(t.name) or real_load(t, *a))
    audit()
    assert reads == []
    import os

    os.utime(root / "a.html", ns=(1_000_000_000, 1_000_000_000))  # touched: read again, same bytes, not parsed
    audit()
    assert reads == ["./a.html"] and len(parsed) == 2


LINKING = ("<!doctype html><html lang=en><head><title>t</title></head><body><main><h1>x</h1>"
           "<a href='b.html#part'>Part two</a> <a href='gone.html'>Old report</a></main></body></html>")
TARGET = "<!doctype html><html lang=en><head><title>b</title></head><body><main><h1 id=part>b</h1></main></body></html>"


@pytest.fixture
def linked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(LINKING)
    (tmp_path / "b.html").write_text(TARGET)
    return tmp_path


def link_findings(data):
    return sorted((f["rule"], f["message"]) for f in data["findings"] if f["rule"].startswith("link-"))


def test_a_warm_run_judges_the_cached_links_again_without_parsing(linked, monkeypatch):
    first = audit()
    assert [rule for rule, _ in link_findings(first)] == ["link-broken"]  # gone.html; b.html#part is fine

    def parse(text):
        raise AssertionError("an unchanged page was parsed again")

    monkeypatch.setattr(auditor.parsing, "parse", parse)
    assert json.dumps(audit()) == json.dumps(first)


def test_the_cached_link_stage_follows_its_targets(linked):
    first = audit()
    (linked / "gone.html").write_text(TARGET)  # the missing file appears: a.html itself is unchanged
    assert link_findings(audit()) == []
    (linked / "b.html").write_text(TARGET.replace("id=part", "id=other"))  # the anchor goes
    rules = [rule for rule, _ in link_findings(audit())]
    assert rules == ["link-broken"] and first != audit()
    (linked / "b.html").write_text(TARGET)
    assert link_findings(audit()) == []


def test_a_checked_page_comes_back_from_pickle_whole():
    # The cache and the workers pickle page results with their findings as plain rows: every
    # field, every finding's field (order and severity included), links and directives must survive.
    import pickle

    from auditor.deferred import Link, LinkRequest, pack_links, unpack_links
    from auditor.finding import Finding, Severity
    from auditor.pagestage import CheckedPage
    from auditor.result import ToolError
    from auditor.suppressions import Directive

    findings = tuple(Finding(rule=f"r{i}", severity=severity, page="a.html", line=i, column=i + 1, selector="p",
                             message="m\u00e9", snippet="<p>", fingerprint=f"f{i}", order=10 - i)
                     for i, severity in enumerate(Severity))
    link = Link("file:///b.pdf", "part", "a", True, False, True, False, "a.html", 4, 2, 3, "a", "<a>", "a")
    links, block = pack_links([LinkRequest("pdf-size-mismatch", link, "magic", {"stated": "2 MB"})])
    result = CheckedPage(page="a.html", findings=findings, tool_errors=(ToolError("r9", "crashed"),),
                         links=links, link_block=block,
                         directives=(Directive("disable", frozenset({"r1"}), 3, 9, findings[0]),),
                         location="file:///a.html", anchors=frozenset({"top"}), hrefs=("file:///b.html",))
    back = pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    assert back == result
    assert [vars(f) for f in back.findings] == [vars(f) for f in findings]  # order is not in ==
    assert back.links == (("file:///b.pdf", True, "magic", False, ("pdf-size-mismatch",), "part", len(block)),)
    [row] = unpack_links(back.link_block, back.links, 0)
    assert Link._make(row) == link._replace(wants=(("pdf-size-mismatch", "magic", {"stated": "2 MB"}),))


def test_a_run_answered_by_the_cache_does_not_load_the_parser(site):
    # Start-up is most of a cached run: bs4 and html5lib are imported only to parse a page.
    import subprocess
    import sys

    folder, _ = site
    probe = ("import runpy, sys\n"
             "sys.argv = ['auditor', 'check', '--jobs', '1', '--offline', '--as-of', '2026-11-28', '-f', 'json', '-o', 'out.json', '.']\n"
             "try:\n    runpy.run_module('auditor', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'bs4', 'html5lib'}))")
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=folder) for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["['bs4', 'html5lib']", "[]"], [r.stderr for r in runs]
    assert json.loads((folder / "out.json").read_text())["summary"]["findings"] > 0


def test_a_cache_that_held_no_pages_is_asked_once_not_once_per_page(tmp_path):
    from auditor.pagestage import CheckedPage
    from auditor.resultcache import ResultCache

    path = str(tmp_path / "results.sqlite")
    empty = ResultCache(path)
    statements = []
    empty.db.set_trace_callback(statements.append)
    assert [empty.get(f"k{i}") for i in range(50)] == [None] * 50
    assert len([s for s in statements if "pages" in s]) == 1, statements
    ResultCache(path).put_many([("k7", CheckedPage(page="a.html"))])
    assert ResultCache(path).get("k7").page == "a.html"  # a cache with pages is asked per page


def test_a_warm_run_unpacks_only_the_links_an_outcome_may_report_on(linked, monkeypatch):
    # Offline, the external link is skipped and b.html#part is fine: a page's packed links are
    # not even unpickled; a.html's link to the missing gone.html is, once.
    import auditor.linkstage

    (linked / "c.html").write_text(TARGET.replace("</main>", "<a href='https://example.org/'>x</a> "
                                                  "<a href='b.html#part'>b</a></main>"))
    unpacked = []
    real_unpack = auditor.linkstage.unpack_links
    monkeypatch.setattr(auditor.linkstage, "unpack_links", lambda *entry: unpacked.append(entry) or real_unpack(*entry))
    first = audit()
    assert len(unpacked) == 1
    assert json.dumps(audit()) == json.dumps(first) and len(unpacked) == 2
