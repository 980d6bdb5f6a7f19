"""The date extractor: each source, each format, both numeric orders, and what is not a date."""

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from auditor.dates import (COPYRIGHT, ITEM, MODIFIED, PUBLISHED, age, before, extract_dates, find_dates,
                           format_date, parse_date_value, parse_duration, url_date)
from auditor.page import Page
from auditor.parsing import normalize_newlines, parse
from conftest import AS_OF, SEED


def page_of(html, as_of, url=None, headers=None):
    text = normalize_newlines(html)
    return Page(name="page.html", text=text, soup=parse(text), as_of=as_of, url=url, headers=headers or {})


def dates_in(html, as_of, order="mdy", **page):
    return [(e.kind, e.source, e.day, e.precision) for e in extract_dates(page_of(html, as_of, **page), order)]


def read(text, as_of, order="mdy"):
    return [(m.text, m.day, m.precision) for m in find_dates(text, as_of, order, short_numeric=True)]


# ---------------------------------------------------------------- formats in text

@pytest.mark.parametrize("text, day, precision", [
    ("2008-11-14", date(2008, 11, 14), "day"),
    ("2008-11-14T10:30:00Z", date(2008, 11, 14), "day"),
    ("2008/11/14", date(2008, 11, 14), "day"),
    ("14 November 2008", date(2008, 11, 14), "day"),
    ("14th November 2008", date(2008, 11, 14), "day"),
    ("14th of November 2008", date(2008, 11, 14), "day"),
    ("14 Nov. 2008", date(2008, 11, 14), "day"),
    ("14-Nov-2008", date(2008, 11, 14), "day"),
    ("November 14, 2008", date(2008, 11, 14), "day"),
    ("November 14th, 2008", date(2008, 11, 14), "day"),
    ("Nov 14 2008", date(2008, 11, 14), "day"),
    ("NOVEMBER 14, 2008", date(2008, 11, 14), "day"),
    ("March 2006", date(2006, 3, 1), "month"),
    ("September 2001", date(2001, 9, 1), "month"),
    ("Nov. 2008", date(2008, 11, 1), "month"),
    ("Sept. 2002", date(2002, 9, 1), "month"),
    ("10/08", date(2008, 10, 1), "month"),
    ("2/03", date(2003, 2, 1), "month"),
    ("12/2008", date(2008, 12, 1), "month"),
    ("11/14/2008", date(2008, 11, 14), "day"),
    ("11/14/08", date(2008, 11, 14), "day"),
    ("14/11/2008", date(2008, 11, 14), "day"),
    ("14.11.2008", date(2008, 11, 14), "day"),
    ("11-14-2008", date(2008, 11, 14), "day"),
])
def test_formats(text, day, precision):
    written = text.split("T")[0]  # the time of day is not part of the date read
    assert read(text, AS_OF) == [(written, day, precision)]
    assert read(f"Published: {text} (1MB PDF)", AS_OF) == [(written, day, precision)]


def test_ambiguous_numeric_dates_follow_the_order():
    assert read("03/04/2008", AS_OF, "mdy") == [("03/04/2008", date(2008, 3, 4), "day")]
    assert read("03/04/2008", AS_OF, "dmy") == [("03/04/2008", date(2008, 4, 3), "day")]
    assert read("03-04-2008", AS_OF, "dmy") == [("03-04-2008", date(2008, 4, 3), "day")]
    # Values that can only be one way are read that way whatever the order.
    assert read("11/14/2008", AS_OF, "dmy") == [("11/14/2008", date(2008, 11, 14), "day")]
    assert read("14/11/2008", AS_OF, "mdy") == [("14/11/2008", date(2008, 11, 14), "day")]
    # Dots are day first everywhere.
    assert read("03.04.2008", AS_OF, "mdy") == [("03.04.2008", date(2008, 4, 3), "day")]


def test_month_and_short_year_in_day_first_order():
    # 10/08 is the 10th of August on a day-first page; 2/15 can only be February 2015.
    assert read("10/08", AS_OF, "dmy") == []
    assert read("2/15", AS_OF, "dmy") == [("2/15", date(2015, 2, 1), "month")]
    assert read("10/08", AS_OF, "mdy") == [("10/08", date(2008, 10, 1), "month")]


def test_two_digit_years_stay_within_twenty_years_of_today():
    assert read("10/46", AS_OF) == [("10/46", date(2046, 10, 1), "month")]
    assert read("10/47", AS_OF) == [("10/47", date(1947, 10, 1), "month")]
    assert read("10/99", date(2000, 1, 1)) == [("10/99", date(1999, 10, 1), "month")]


def test_month_and_short_year_only_when_asked():
    assert find_dates("10/08", AS_OF) == []
    assert [m.text for m in find_dates("10/08", AS_OF, short_numeric=True)] == ["10/08"]


def test_several_dates_are_read_left_to_right_without_overlap():
    found = read("Published 14 November 2008, updated March 2010 and 2011-01-05.", AS_OF)
    assert [t for t, _, _ in found] == ["14 November 2008", "March 2010", "2011-01-05"]


# ---------------------------------------------------------------- not dates

NOT_DATES = [
    "202-712-4810", "(202) 712-4810", "+1 202 712 4810", "1-800-555-2008", "Call 202.712.4810",
    "1/2", "3/4 of the funds", "2 1/2 years", "(2.5MB PDF)", "(525K PDF)", "1MB PDF",
    "$528 million", "$123.1 million", "$10/08", "800,000", "2,008 victims", "1,000,000",
    "version 2.0.1", "v10.08", "Python 3.12", "release 1.2.10", "1.2.08", "1.5.2",
    "1300 Pennsylvania Avenue, NW", "Room 3.08", "Suite 10/08", "Section 10.08",
    "Since 2001, the United States", "Reauthorization Act of 2005", "Especially Women and Children, 2000",
    "in 2008", "2003-2008", "the 2006 report", "FY2008", "FY 2008-09", "Windows 2000", "Top 10 of 2008",
    "24/7", "9/11 Commission", "Remembering 9/11", "50/50", "(7/10)", "3/16-inch bolts", "page 2/03",
    "10:08", "ISBN 978-0-306-40615-7", "20523-1000", "1-2-3", "3-2 win", "10-08",
    "May I help you?", "we march 2006 steps", "Nov 08", "20081114", "2008/09 season",
    "13/13/2008", "02/30/2008", "00/08", "13/08", "21st Century", "1/2000 sec",
    "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
]


def test_there_are_at_least_forty_non_dates():
    assert len(NOT_DATES) >= 40 and len(set(NOT_DATES)) == len(NOT_DATES)


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date_in_text(text):
    assert read(text, AS_OF) == []
    assert read(text, AS_OF, "dmy") == []


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date_anywhere_on_a_page(text):
    """Beside a document link, in prose, after "Last updated" and as a link: still nothing."""
    html = f"""<html><head><title>{text}</title></head><body>
      <ul><li><a href="/pubs/report.pdf">Annual report</a> {text}</li><li><a href="/x.html">{text}</a></li></ul>
      <p>{text}</p><p><a href="/pubs/summary.pdf">Summary</a> {text}</p>
      <footer><p>Last updated: {text}</p></footer></body></html>"""
    assert dates_in(html, AS_OF) == []


# ---------------------------------------------------------------- machine values, URLs, durations

@pytest.mark.parametrize("value, day, precision", [
    ("2008-11-14", date(2008, 11, 14), "day"),
    ("2008-11-14T10:30:00-05:00", date(2008, 11, 14), "day"),
    ("2008-11-14 10:30:00", date(2008, 11, 14), "day"),
    ("20081114", date(2008, 11, 14), "day"),
    ("2008-11", date(2008, 11, 1), "month"),
    ("2008", date(2008, 1, 1), "year"),
    ("Fri, 14 Nov 2008 10:30:00 GMT", date(2008, 11, 14), "day"),
    ("Friday, November 14, 2008", date(2008, 11, 14), "day"),
    ("November 14, 2008 10:30 AM EST", date(2008, 11, 14), "day"),
    ("11/14/2008", date(2008, 11, 14), "day"),
])
def test_machine_values(value, day, precision):
    assert parse_date_value(value, AS_OF) == (day, precision)


@pytest.mark.parametrize("value", ["", "soon", "2008-13-01", "2008-02-30", "John Smith, 11/14/2008",
                                   "14 November 2008 and 15 November 2008", "12345", "(2.5MB PDF)"])
def test_machine_values_that_are_not_dates(value):
    assert parse_date_value(value, AS_OF) is None


def test_url_dates():
    assert url_date("/pubs/2004/06/report.pdf", AS_OF) == (date(2004, 6, 1), "month", "/2004/06/")
    assert url_date("https://example.org/news/2008/11/14/office-opens/", AS_OF)[:2] == (date(2008, 11, 14), "day")
    assert url_date("/news/2008-11-14-office-opens.html", AS_OF)[:2] == (date(2008, 11, 14), "day")
    assert url_date("/news/2008/11/", AS_OF)[:2] == (date(2008, 11, 1), "month")
    assert url_date("/news/2008/11/", AS_OF, archives=False) is None  # an archive index
    assert url_date("/news/2008/11/index.html", AS_OF, archives=False) is None
    for not_dated in ("http://www.w3.org/1999/xhtml", "/pubs/tip_response_2006.pdf", "/pubs/trafficking_dec08.pdf",
                      "/search?date=2008-11-14", "/items/2008/13/x.html", "/2099/01/x.html"):
        assert url_date(not_dated, AS_OF) is None, not_dated


def test_durations():
    assert [parse_duration(t) for t in ("90d", "6w", "18m", "2y", " 5Y ")] == [(90, "d"), (6, "w"), (18, "m"), (2, "y"), (5, "y")]
    for bad in ("2 years", "y2", "", "1.5y", "-2y", "2"):
        with pytest.raises(ValueError, match="not a duration"):
            parse_duration(bad)
    assert before(AS_OF, "2y") == date(2024, 11, 28)
    assert before(AS_OF, "18m") == date(2025, 5, 28)
    assert before(AS_OF, "90d") == date(2026, 8, 30)
    assert before(date(2024, 2, 29), "1y") == date(2023, 2, 28)
    assert before(date(2026, 3, 31), "1m") == date(2026, 2, 28)


def test_age_and_format():
    assert age(date(2008, 11, 14), AS_OF) == "18 years"
    assert age(date(2008, 11, 30), AS_OF) == "17 years"
    assert age(date(2026, 5, 1), AS_OF) == "6 months"
    assert age(date(2026, 11, 27), AS_OF) == "1 day"
    assert format_date(date(2008, 10, 1), "month") == "October 2008"
    assert format_date(date(2008, 11, 14), "day") == "14 November 2008"


# ---------------------------------------------------------------- sources on a page

@pytest.mark.parametrize("tag, kind", [
    ('<meta property="article:modified_time" content="2008-11-14T10:00:00Z">', MODIFIED),
    ('<meta property="article:published_time" content="2008-11-14">', PUBLISHED),
    ('<meta property="og:updated_time" content="2008-11-14">', MODIFIED),
    ('<meta name="dcterms.modified" content="2008-11-14">', MODIFIED),
    ('<meta name="DCTERMS.created" content="2008-11-14">', PUBLISHED),
    ('<meta name="dcterms:issued" content="2008-11-14">', PUBLISHED),
    ('<meta name="dcterms.date" content="2008-11-14">', PUBLISHED),
    ('<meta name="DC.date.modified" content="2008-11-14">', MODIFIED),
    ('<meta name="DC.date.created" content="2008-11-14">', PUBLISHED),
    ('<meta name="DC.date" content="2008-11-14">', PUBLISHED),
    ('<meta name="date" content="November 14, 2008">', PUBLISHED),
    ('<meta http-equiv="last-modified" content="Fri, 14 Nov 2008 10:00:00 GMT">', MODIFIED),
    ('<meta itemprop="dateModified" content="2008-11-14">', MODIFIED),
    ('<meta itemprop="datePublished" content="2008-11-14">', PUBLISHED),
])
def test_meta(tag, kind):
    assert dates_in(f"<html><head>{tag}</head><body><p>Text</p></body></html>", AS_OF) == [
        (kind, "meta", date(2008, 11, 14), "day")]


def test_meta_that_is_not_a_date_of_the_page():
    html = """<head><meta name="DC.date.review" content="2030-01-01"><meta name="description" content="2008-11-14">
              <meta name="date" content="soon"></head>"""
    assert dates_in(html, AS_OF) == []


def test_json_ld():
    html = """<script type="application/ld+json">
      {"@context": "https://schema.org", "@type": "Article", "datePublished": "2008-11-14", "dateModified": "2009-01-05T08:00:00Z",
       "review": {"@type": "Review", "datePublished": "2001-01-01"}}</script>
      <script type="application/ld+json">{"@graph": [{"@type": "WebPage", "dateModified": "2010-02-03"}]}</script>
      <script type="application/ld+json">{not json</script>"""
    assert dates_in(html, AS_OF) == [(PUBLISHED, "json-ld", date(2008, 11, 14), "day"),
                                      (MODIFIED, "json-ld", date(2009, 1, 5), "day"),
                                      (MODIFIED, "json-ld", date(2010, 2, 3), "day")]


def test_time_elements():
    html = """<article>
      <p><time pubdate datetime="2008-11-14">Nov 14</time></p>
      <p><time class="updated" datetime="2009-02-01">1 Feb</time></p>
      <p><time itemprop="dateModified" datetime="2009-03-01">March</time></p>
      <p>Posted on <time datetime="2009-04-01T10:00Z">1 April</time></p>
      <p>The forum meets on <time datetime="2030-05-01">1 May 2030</time>.</p>
      <ul><li><a href="/pubs/a.pdf">Report</a> <time datetime="2005-06">June 2005</time></li></ul>
    </article>"""
    assert dates_in(html, AS_OF) == [
        (PUBLISHED, "time", date(2008, 11, 14), "day"), (MODIFIED, "time", date(2009, 2, 1), "day"),
        (MODIFIED, "time", date(2009, 3, 1), "day"), (PUBLISHED, "time", date(2009, 4, 1), "day"),
        (ITEM, "time", date(2005, 6, 1), "month")]


def test_microdata_on_a_span():
    html = '<p>By Ann Lee, <span itemprop="datePublished">November 14, 2008</span></p>'
    assert dates_in(html, AS_OF) == [(PUBLISHED, "microdata", date(2008, 11, 14), "day")]


@pytest.mark.parametrize("text, kind", [
    ("Last updated: November 14, 2008", MODIFIED),
    ("Last Updated 14 November 2008", MODIFIED),
    ("Updated 11/14/2008", MODIFIED),
    ("Last reviewed: 2008-11-14", MODIFIED),
    ("Page last modified: 14 Nov 2008", MODIFIED),
    ("This page was last updated on November 14, 2008.", MODIFIED),
    ("Posted November 14, 2008 by the WID Office", PUBLISHED),
    ("Published on 14 November 2008", PUBLISHED),
    ("Contact: wid@usaid.gov | Last updated: 11/14/2008", MODIFIED),
    ("Revised: 10/08", MODIFIED),
])
def test_bylines(text, kind):
    found = dates_in(f"<body><p>Trafficking in persons.</p><p>{text}</p></body>", AS_OF)
    assert [(k, s) for k, s, _, _ in found] == [(kind, "byline")]
    assert found[0][2].year == 2008


@pytest.mark.parametrize("text", [
    "The report will be published March 2027.",
    "In March 2006 the office opened.",
    "Funding updated the programme. Congress on 14 November 2008 agreed.",
    "We were unpublished November 14, 2008",
])
def test_dates_in_running_prose_are_not_the_pages(text):
    assert dates_in(f"<body><p>{text}</p></body>", AS_OF) == []


def test_copyright_lines():
    html = "<body><footer><p>Copyright 2003-2008 USAID</p><p>&copy; 2005</p><p>(c) 2004 WID</p></footer></body>"
    assert dates_in(html, AS_OF) == [(COPYRIGHT, "copyright", date(2008, 1, 1), "year"),
                                      (COPYRIGHT, "copyright", date(2005, 1, 1), "year"),
                                      (COPYRIGHT, "copyright", date(2004, 1, 1), "year")]
    assert dates_in("<p>Items (a), (b) and (c) apply.</p>", AS_OF) == []


def test_a_date_in_prose_beside_a_link_is_not_the_links():
    html = """<p>The <a href="https://www.w3.org/TR/wasm-core-1/">WebAssembly Core 1.0 spec</a> was adopted
      in December 2019.</p><ul><li><a href="/pubs/a.pdf">Report</a> released in March 2006</li></ul>"""
    assert dates_in(html, AS_OF) == []


def test_code_samples_are_not_read():
    html = "<pre><code>// Copyright (C) 2023\n// Last updated: 2008-11-14</code></pre><p><code>March 2006</code></p>"
    assert dates_in(html, AS_OF) == []


def test_items_in_lists_rows_and_short_paragraphs():
    html = """<body>
      <ul><li><a href="/pubs/a.pdf">Combating Trafficking</a> 10/08 (2.5MB PDF)</li>
          <li><a href="/pubs/b.pdf">March 2006</a> (1MB PDF)</li>
          <li>March 2004: programme started</li></ul>
      <table><tr><td><a href="/pubs/c.pdf">Annual report</a></td><td>9/05</td><td>1MB</td></tr></table>
      <dl><dt>Strategy</dt><dd><a href="/pubs/d.pdf">Full text</a>, 14 November 2007</dd></dl>
      <p><a href="/pubs/e.pdf">Summary</a> (September 2001, 731K PDF)</p>
      <p>USAID has been a major part of this effort since the Act was signed, providing support to more than
         seventy countries in many regions and to many partners who work with victims, in March 2003
         especially, as <a href="/more.html">described here</a> at length.</p>
    </body>"""
    assert dates_in(html, AS_OF) == [
        (ITEM, "item text", date(2008, 10, 1), "month"), (ITEM, "link text", date(2006, 3, 1), "month"),
        (ITEM, "item text", date(2005, 9, 1), "month"), (ITEM, "item text", date(2007, 11, 14), "day"),
        (ITEM, "item text", date(2001, 9, 1), "month")]


def test_a_byline_in_a_layout_row_dates_the_page_and_in_a_list_item_the_item():
    html = """<table><tr><td><a href="/">Home</a> | <a href="/contact.html">Contact</a></td>
      <td>Last updated: 11/14/2008</td></tr></table>
      <ul><li><a href="/news/a.html">Office opens</a> Posted November 14, 2008</li></ul>"""
    assert dates_in(html, AS_OF) == [(MODIFIED, "byline", date(2008, 11, 14), "day"),
                                      (ITEM, "item text", date(2008, 11, 14), "day")]


def test_item_evidence_is_on_the_item_and_names_it():
    page = page_of('<ul><li><a href="/pubs/tip_response_2006.pdf">March 2006</a></li>'
                   '<li><a href="/pubs/x.pdf">Strategy for Response</a> 2/03</li></ul>', AS_OF)
    first, second = extract_dates(page)
    assert first.element.name == "li" and first.label == "tip_response_2006.pdf" and first.text == "March 2006"
    assert second.element.name == "li" and second.label == "Strategy for Response" and second.text == "2/03"


def test_nested_lists_give_each_date_to_its_own_item():
    page = page_of("""<ul><li><a href="/2008.html">Reports of 2008</a>
        <ul><li><a href="/a.pdf">A</a> 10/08</li><li><a href="/b.pdf">B</a> 11/08</li></ul></li></ul>""", AS_OF)
    found = extract_dates(page)
    assert [(e.day.month, e.label) for e in found] == [(10, "A"), (11, "B")]
    assert found[0].element is not found[1].element


def test_url_dates_of_links_and_of_the_page():
    html = """<body><ul><li><a href="/pubs/2004/06/report.pdf">Annual report</a></li></ul>
      <p>Long prose that mentions <a href="/pubs/2005/07/report.pdf">a report</a> and <a href="/news/2006/08/story.html">a
         story</a> among many other words that are here to make this paragraph longer than a list item would be,
         so it is read as running prose: a dated document in it is a publication, a dated post is a citation.</p>
      <p><a href="/news/2003/05/">May 2003</a></p></body>"""
    assert dates_in(html, AS_OF, url="https://example.org/news/2009/02/10/page.html") == [
        (PUBLISHED, "url", date(2009, 2, 10), "day"),
        (ITEM, "url", date(2004, 6, 1), "month"), (ITEM, "url", date(2005, 7, 1), "month")]
    page = page_of(html, AS_OF)
    assert [e.element.name for e in extract_dates(page)] == ["li", "a"]


def test_http_last_modified_header():
    found = dates_in("<p>Text</p>", AS_OF, headers={"last-modified": "Wed, 05 Mar 2010 08:00:00 GMT"})
    assert found == [(MODIFIED, "http header", date(2010, 3, 5), "day")]
    assert dates_in("<p>Text</p>", AS_OF, headers={"last-modified": "garbage"}) == []


def test_hidden_script_and_comment_text_is_not_read():
    html = """<body><script>var d = "Last updated: November 14, 2008";</script>
      <!-- Last updated: November 14, 2008 --><p hidden>Last updated: November 14, 2008</p>
      <template><p>Last updated: November 14, 2008</p></template></body>"""
    assert dates_in(html, AS_OF) == []


def test_numeric_order_on_a_page():
    html = '<ul><li><a href="/a.pdf">Report</a> 03/04/2008</li></ul>'
    assert dates_in(html, AS_OF, "mdy") == [(ITEM, "item text", date(2008, 3, 4), "day")]
    assert dates_in(html, AS_OF, "dmy") == [(ITEM, "item text", date(2008, 4, 3), "day")]


def test_the_seed_page():
    page = page_of(SEED.read_text(encoding="iso-8859-1"), AS_OF)
    found = extract_dates(page)
    assert [(e.kind, e.source, e.display, e.text) for e in found] == [
        (MODIFIED, "meta", "14 November 2008", "2008-11-14"),
        (ITEM, "item text", "October 2008", "10/08"),
        (ITEM, "item text", "February 2003", "2/03"),
        (ITEM, "link text", "March 2006", "March 2006"),
        (ITEM, "link text", "March 2005", "March 2005"),
        (ITEM, "link text", "March 2004", "March 2004"),
        (ITEM, "link text", "September 2002", "September 2002"),
        (ITEM, "link text", "September 2001", "September 2001"),
    ]
    assert all(e.element.name == "li" for e in found[1:])


def test_one_extraction_per_page_and_order():
    page = page_of("<p>Last updated: 03/04/2008</p>", AS_OF)
    assert extract_dates(page) is extract_dates(page)
    assert extract_dates(page, "dmy")[0].day == date(2008, 4, 3)
    assert extract_dates(page, "mdy")[0].day == date(2008, 3, 4)


# ---------------------------------------------------------------- any input

_DATEISH = st.text(alphabet="0123456789/.-–, ()$:NovMarch Updated©\u2063", max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_DATEISH, st.text(max_size=60)), st.sampled_from(["mdy", "dmy"]))
def test_any_text_reads_without_error(text, order):
    for m in find_dates(text, AS_OF, order, short_numeric=True):
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert 1900 <= m.day.year <= 2099
    parse_date_value(text, AS_OF, order)
    url_date(text, AS_OF)
