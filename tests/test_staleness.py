"""Rules stale-page, stale-publication and future-date, with --as-of always given."""

import http.server
import os
import threading
from datetime import date

import pytest

from auditor.config import ConfigError, Config, active_rules, parse_config
from auditor.engine import audit_loaded
from auditor.loading import Loaded
from auditor.registry import all_rules
from auditor.targets import Target
from conftest import AS_OF, AS_OF_ARG, SEED, audit_html, run_cli, run_json

STALENESS = ["stale-page", "stale-publication", "future-date"]


def findings(html, rule, as_of, options=None, **loaded):
    """Findings of one rule; `loaded` may give url= and headers= as a fetched page has them."""
    if loaded:
        chosen = active_rules(all_rules(), Config(rule_options=options or {}), (rule,))
        result = audit_loaded(Target("url", loaded.get("url", "page.html")),
                              Loaded(data=html.encode(), **loaded), chosen, as_of)
    else:
        result = audit_html(html, select=[rule], as_of=as_of, options=options)
    assert result.error is None and not result.tool_errors
    return [f for f in result.findings if f.rule == rule]


# ---------------------------------------------------------------- the seed page

def test_seed_stale_page_cites_november_2008():
    result = audit_html(SEED.read_bytes(), select=STALENESS, as_of=AS_OF)
    stale = [f for f in result.findings if f.rule == "stale-page"]
    assert len(stale) == 1
    assert "14 November 2008" in stale[0].message and "DC.date.modified" in stale[0].message
    assert stale[0].line == 8 and stale[0].snippet.startswith('<meta name="DC.date.modified"')
    assert not [f for f in result.findings if f.rule == "future-date"]


def test_seed_stale_publication_reports_each_of_the_seven_on_its_item():
    result = audit_html(SEED.read_bytes(), select=["stale-publication"], as_of=AS_OF)
    found = result.findings
    assert [f.line for f in found] == [88, 89, 93, 94, 95, 96, 97]
    assert all(f.snippet == "<li>" for f in found)
    expected = ["October 2008 (10/08)", "February 2003 (2/03)", "March 2006", "March 2005", "March 2004",
                "September 2002", "September 2001"]
    for finding, when in zip(found, expected):
        assert f"is dated {when}," in finding.message
    assert found[0].message.startswith('"Combating Trafficking in Persons in the 21st Century" is dated October 2008')
    assert found[2].message.startswith('"tip_response_2006.pdf" is dated March 2006, 20 years before 2026-11-28')
    # Nothing from the prose (counts, money, "Since 2001", "Act of 2005", the quote's "2000"):
    # every finding is on one of the seven list items (test_dates checks the evidence itself).
    assert [f.selector.split(" > ", 1)[1] for f in found] == [
        "ul:nth-of-type(2) > li:nth-of-type(1)", "ul:nth-of-type(2) > li:nth-of-type(2)",
        *[f"ul:nth-of-type(3) > li:nth-of-type({n})" for n in range(1, 6)]]


def test_seed_with_an_earlier_today():
    code, data = run_json("--as-of", "2009-01-01", "--select", "staleness", str(SEED))  # the later --as-of wins
    assert code == 0
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [
        ("stale-publication", 89), ("stale-publication", 96), ("stale-publication", 97)]


# ---------------------------------------------------------------- stale-page

def page(head="", body=""):
    return f"<!doctype html><html lang=en><head><title>t</title>{head}</head><body>{body}</body></html>"


def test_no_date_evidence_no_finding():
    assert findings(page(body="<p>Since 2001, $528 million for 800,000 people.</p>"), "stale-page", AS_OF) == []


@pytest.mark.parametrize("modified, stale_after, stale", [
    ("2025-04-01", "2y", False), ("2025-04-01", "18m", True), ("2024-11-28", "2y", False),
    ("2024-11-27", "2y", True), ("2026-09-01", "90d", False), ("2026-08-01", "90d", True),
    ("2026-11-20", "1w", True),
])
def test_stale_after_threshold(modified, stale_after, stale):
    html = page(f'<meta property="article:modified_time" content="{modified}">')
    found = findings(html, "stale-page", AS_OF, {"stale-page": {"stale-after": stale_after}})
    assert bool(found) is stale


def test_a_month_counts_to_its_last_day():
    assert findings(page(body="<p>Last updated: November 2024</p>"), "stale-page", AS_OF) == []
    [finding] = findings(page(body="<p>Last updated: October 2024</p>"), "stale-page", AS_OF)
    assert finding.message.startswith('Page last updated October 2024 ("Last updated" on line 1), 2 years before 2026-11-28')


def test_the_newest_date_on_the_page_is_the_last_update():
    recent = page('<meta name="DC.date.modified" content="2008-11-14">',
                  '<ul><li><a href="/pubs/a.pdf">Annual report</a> March 2026</li></ul>')
    assert findings(recent, "stale-page", AS_OF) == []
    older = page('<meta name="DC.date.modified" content="2008-11-14">',
                 '<ul><li><a href="/pubs/a.pdf">Annual report</a> March 2020</li></ul>')
    [finding] = findings(older, "stale-page", AS_OF)
    assert finding.message.startswith("Newest date on the page is March 2020 (item text on line 1)")


def test_published_only():
    [finding] = findings(page('<meta property="article:published_time" content="2019-05-02">'), "stale-page", AS_OF)
    assert finding.message.startswith("Page published 2 May 2019 (<meta> article:published_time) with no later date")


def test_copyright_only_when_nothing_better():
    [alone] = findings(page(body="<footer><p>&copy; 2003-2005 USAID</p></footer>"), "stale-page", AS_OF)
    assert alone.message.startswith('Only the copyright line "© 2003-2005" dates the page, 20 years before')
    # A footer year that a template keeps current does not hide an old modified date.
    both = page('<meta name="DC.date.modified" content="2008-11-14">', "<footer><p>&copy; 2026 USAID</p></footer>")
    [finding] = findings(both, "stale-page", AS_OF)
    assert "14 November 2008" in finding.message


def test_a_future_date_is_not_the_last_update():
    html = page('<meta name="DC.date.modified" content="2008-11-14"><meta property="article:published_time" content="2062-01-01">')
    [finding] = findings(html, "stale-page", AS_OF)
    assert "14 November 2008" in finding.message


def test_byline_and_date_order():
    html = page(body="<p>Last updated: 12/01/2024</p>")
    # Month first: 1 December 2024, within two years; day first: 12 January 2024, older.
    assert findings(html, "stale-page", AS_OF, {"stale-page": {"date-order": "mdy"}}) == []
    [finding] = findings(html, "stale-page", AS_OF, {"stale-page": {"date-order": "dmy"}})
    assert "12 January 2024" in finding.message


def test_http_last_modified_header_and_url_date():
    [finding] = findings(page(body="<p>Text</p>"), "stale-page", AS_OF, url="https://example.org/about.html",
                         headers={"last-modified": "Fri, 05 Mar 2010 08:00:00 GMT"})
    assert finding.message.startswith("Page last updated 5 March 2010 (the HTTP Last-Modified header)")
    assert finding.line == 1
    [finding] = findings(page(body="<p>Text</p>"), "stale-page", AS_OF, url="https://example.org/news/2012/04/story.html")
    assert finding.message.startswith("Page published April 2012 (the URL) with no later date")


def test_last_modified_from_a_real_server(tmp_path):
    target = tmp_path / "old.html"
    target.write_text(page(body="<p>Trafficking in Persons</p>"))
    stamp = 1268985600  # 2010-03-19, as a file's time: the server sends it as Last-Modified
    os.utime(target, (stamp, stamp))
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code, data = run_json("--select", "stale-page", f"http://127.0.0.1:{server.server_port}/old.html")
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0  # a warning does not fail the run by default
    [finding] = data["findings"]
    assert finding["message"].startswith("Page last updated 19 March 2010 (the HTTP Last-Modified header), 16 years")


# ---------------------------------------------------------------- stale-publication

def test_one_finding_per_item_with_its_newest_date():
    html = page(body="""<ul>
        <li><a href="/pubs/a.pdf">Annual report</a> March 2006, updated 2/25 (1MB PDF)</li>
        <li><a href="/pubs/b.pdf">Strategy</a> March 2006 (revised April 2007)</li></ul>""")
    [finding] = findings(html, "stale-publication", AS_OF)
    assert finding.message.startswith('"Strategy" is dated April 2007, 19 years before 2026-11-28')


def test_publication_threshold_and_rows():
    html = page(body="""<table><tr><th>Title</th><th>Date</th></tr>
        <tr><td><a href="/pubs/a.pdf">Annual report</a></td><td>2026-06-30</td></tr>
        <tr><td><a href="/pubs/b.pdf">Quarterly note</a></td><td>2026-08-01</td></tr></table>""")
    assert findings(html, "stale-publication", AS_OF) == []
    [finding] = findings(html, "stale-publication", AS_OF, {"stale-publication": {"stale-after-publication": "120d"}})
    assert finding.snippet == "<tr>" and "Annual report" in finding.message


def test_publication_order():
    html = page(body='<ul><li><a href="/pubs/a.pdf">Report</a> 12/01/2021</li></ul>')
    assert findings(html, "stale-publication", AS_OF, {"stale-publication": {"date-order": "mdy"}}) == []
    [finding] = findings(html, "stale-publication", AS_OF, {"stale-publication": {"date-order": "dmy"}})
    assert "12 January 2021" in finding.message


def test_dated_document_links_and_archive_indexes():
    html = page(body="""<p>The findings were summarised in a long paper, <a href="/pubs/2004/06/report.pdf">the
        report</a>, which many of the partners read and which is still cited across the region today, in
        training courses, in the ministries and in the press, as the reference on the subject.</p>
        <ul class="archive"><li><a href="/news/2004/06/">June 2004</a></li></ul>""")
    [finding] = findings(html, "stale-publication", AS_OF)
    assert finding.snippet.startswith('<a href="/pubs/2004/06/report.pdf"') and "June 2004" in finding.message


def test_item_without_link_or_date_is_not_a_publication():
    html = page(body="<ul><li>March 2004: programme started</li><li><a href='/a.pdf'>Annual report</a></li></ul>")
    assert findings(html, "stale-publication", AS_OF) == []


# ---------------------------------------------------------------- future-date

@pytest.mark.parametrize("html, expected", [
    (page('<meta property="article:published_time" content="2062-03-14">'), "Published date 14 March 2062 (<meta> article:published_time)"),
    (page(body="<p>Last updated: December 2026</p>"), 'Modified date December 2026 ("Last updated" on line 1)'),
    (page('<meta name="dcterms.modified" content="2026-11-30">'), "Modified date 30 November 2026 (<meta> dcterms.modified)"),
    (page('<script type="application/ld+json">{"dateModified": "2027-01-02"}</script>'), "Modified date 2 January 2027 (JSON-LD dateModified)"),
    (page(body='<p>Posted on <time datetime="2062-03-14">14 March</time></p>'), "Published date 14 March 2062 (<time> on line 1)"),
])
def test_future_dates(html, expected):
    [finding] = findings(html, "future-date", AS_OF)
    assert finding.message == f"{expected} is after 2026-11-28: correct the date"


@pytest.mark.parametrize("html", [
    page('<meta name="dcterms.modified" content="2026-11-29T02:00:00+09:00">'),  # another time zone
    page(body="<p>Last updated: November 2026</p>"),
    page(body='<ul><li><a href="/events/forum.html">Regional forum</a> 12 May 2027</li></ul>'),
    page(body="<p>The next strategy will be published March 2027.</p>"),
    page(body="<footer><p>&copy; 2027</p></footer>"),
])
def test_not_future(html):
    assert findings(html, "future-date", AS_OF) == []


def test_future_server_clock_is_not_the_page():
    assert findings(page(), "future-date", AS_OF, url="https://example.org/a.html",
                    headers={"last-modified": "Fri, 05 Mar 2027 08:00:00 GMT"}) == []


def test_future_date_depends_on_as_of():
    html = page('<meta property="article:published_time" content="2026-03-14">')
    assert findings(html, "future-date", AS_OF) == []
    assert len(findings(html, "future-date", date(2026, 1, 1))) == 1


# ---------------------------------------------------------------- config

def test_top_level_options_apply_to_every_staleness_rule():
    config = parse_config({"stale-after": "18m", "stale-after-publication": "10y", "date-order": "dmy"}, all_rules(), "test")
    chosen = {r.id: r for r in active_rules(all_rules(), config, ("staleness",))}
    assert chosen["stale-page"].config == {"stale-after": "18m", "date-order": "dmy"}
    assert chosen["stale-publication"].config == {"stale-after-publication": "10y", "date-order": "dmy"}
    assert chosen["future-date"].config == {"date-order": "dmy"}


@pytest.mark.parametrize("data, message", [
    ({"stale-after": "two years"}, "option 'stale-after': 'two years' is not a duration"),
    ({"rules": {"stale-publication": {"stale-after-publication": "5"}}}, "'5' is not a duration"),
    ({"stale-after": 2}, "must be a string"),
    ({"date-order": "ymd"}, "must be one of mdy, dmy"),
])
def test_bad_options_are_config_errors(data, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(data, all_rules(), "test")


def test_config_file_sets_stale_after(tmp_path, monkeypatch):
    (tmp_path / "auditor.toml").write_text('stale-after = "20y"\nstale-after-publication = "20y"\n')
    (tmp_path / "page.html").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "-f", "json", *AS_OF_ARG, "--select", "staleness", "page.html")
    assert result.exit_code == 0
    assert '"rule": "stale-publication"' in result.stdout and '"rule": "stale-page"' not in result.stdout
    assert result.stdout.count('"rule": "stale-publication"') == 6  # all but 10/08
    (tmp_path / "auditor.toml").write_text('stale-after = "twenty"\n')
    result = run_cli("check", *AS_OF_ARG, "--select", "staleness", "page.html")
    assert result.exit_code == 2 and "not a duration" in result.stderr
