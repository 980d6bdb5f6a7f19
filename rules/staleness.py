"""Staleness: pages and publications nobody has touched in years, and dates in the future.

The dates come from auditor.dates, once per page; these rules only compare them with
"today" (--as-of).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from auditor.dates import COPYRIGHT, ITEM, MODIFIED, ORDERS, PUBLISHED, DateEvidence, age, before, extract_dates, parse_duration
from auditor.finding import Severity
from auditor.rule import Option, Rule


@dataclass(frozen=True)
class DurationOption(Option):
    def validate(self, name, value):
        value = super().validate(name, value)
        try:
            parse_duration(value)
        except ValueError as exc:
            raise ValueError(f"option {name!r}: {exc}") from None
        return value


DATE_ORDER = Option("mdy", 'How to read a numeric date whose day and month could swap, like 03/04/2008: '
                           '"mdy" (month first, US) or "dmy" (day first). Dotted dates are always day first.',
                    choices=ORDERS)
# When dates tie, the stronger kind names the finding.
_KIND_RANK = {MODIFIED: 3, PUBLISHED: 2, ITEM: 1, COPYRIGHT: 0}
# Timestamps written in another time zone may be a day ahead of --as-of.
_FUTURE_SLACK = timedelta(days=1)


def _is_future(evidence: DateEvidence, page) -> bool:
    return evidence.day > page.as_of + _FUTURE_SLACK


class _StalenessRule(Rule):
    family = "staleness"
    uses_as_of = True

    def dates(self, page) -> list[DateEvidence]:
        return extract_dates(page, self.config["date-order"])


class StalePage(_StalenessRule):
    id = "stale-page"
    severity = Severity.WARNING
    summary = "The page's last update is older than stale-after"
    options = {
        "stale-after": DurationOption("2y", 'How old the last update may be: a number and d, w, m or y ("90d", "18m", "2y").'),
        "date-order": DATE_ORDER,
    }
    what = """
        Finds the page's last update, from the best evidence it carries: `<meta>` dates
        (article:modified_time, DC.date.modified, dcterms.*...), JSON-LD, `<time>` and
        microdata, "Last updated ..." text, the newest dated publication on the page, a
        date in the URL, the HTTP Last-Modified header; a copyright year only when nothing
        else dates the page. Reports it once when it is older than `stale-after`. A page
        with no date evidence gets nothing.
    """
    why = """
        Pages nobody has touched in years give readers old facts, dead contacts and
        programmes that ended long ago, under the organisation's name. Finding them by hand
        is a page-by-page audit; the dates the page carries already tell.
    """
    bad_example = """
        <meta name="DC.date.modified" content="2008-11-14">
        <h3>Current Activities</h3>
    """
    good_example = """
        <meta name="DC.date.modified" content="2026-03-02">
        <p>Last reviewed: 2 March 2026</p>
    """
    fix = """
        Review the page: update what changed and its modified date, or archive or remove
        it. If the content is timeless, raise `stale-after` for those pages or suppress the
        finding with a reason.
    """

    def check(self, page):
        dated = [e for e in self.dates(page) if not _is_future(e, page)]
        pool = [e for e in dated if e.kind != COPYRIGHT] or dated
        if not pool:
            return
        newest = max(pool, key=lambda e: (e.last_day, _KIND_RANK[e.kind]))
        if newest.last_day >= before(page.as_of, self.config["stale-after"]):
            return
        old = f"{age(newest.last_day, page.as_of)} before {page.as_of.isoformat()}"
        if newest.kind == MODIFIED:
            said = f"Page last updated {newest.display} ({newest.where}), {old}"
        elif newest.kind == PUBLISHED:
            said = f"Page published {newest.display} ({newest.where}) with no later date, {old}"
        elif newest.kind == ITEM:
            said = f"Newest date on the page is {newest.display} ({newest.where}), {old}"
        else:
            said = f"Only {newest.where} dates the page, {old}"
        yield self.finding(page, newest.element, f"{said}: review it, then update it or archive it")


class StalePublication(_StalenessRule):
    id = "stale-publication"
    severity = Severity.NOTICE
    summary = "A dated publication, news item or document link is older than stale-after-publication"
    options = {
        "stale-after-publication": DurationOption(
            "5y", 'How old a listed publication may be: a number and d, w, m or y ("90d", "18m", "5y").'),
        "date-order": DATE_ORDER,
    }
    what = """
        Reports each item of a list (`<li>`, `<dd>`, `<dt>`, table row, or a short
        paragraph) that holds a link and a date, such as "Annual report 10/08 (2.5MB PDF)"
        or a link "March 2006", and each link to a dated path (/2004/06/report.pdf), when
        its newest date is older than `stale-after-publication`. One finding per item, on
        the item's element.
    """
    why = """
        Publication lists keep offering reports that have been superseded for years, and
        readers cannot tell an old strategy from the current one. Each old item is a
        decision for the content owner: still current, replaced, or for the archive.
    """
    bad_example = """
        <ul class="pubs">
          <li><a href="/pubs/trafficking_strategy.pdf">The USAID Strategy for Response</a> 2/03 (525K PDF)</li>
        </ul>
    """
    good_example = """
        <ul class="pubs">
          <li><a href="/pubs/strategy-2025.pdf">Strategy for Response</a> March 2025 (1MB PDF)</li>
        </ul>
    """
    fix = """
        Check whether each old item is still current. Replace it with the current edition,
        move it to an archive page, or say on the page that it is historical.
    """

    def check(self, page):
        newest: dict[int, DateEvidence] = {}
        for evidence in self.dates(page):
            if evidence.kind != ITEM:
                continue
            key = id(evidence.element)
            if key not in newest or evidence.last_day > newest[key].last_day:
                newest[key] = evidence
        cutoff = before(page.as_of, self.config["stale-after-publication"])
        for item in newest.values():
            if item.last_day < cutoff:
                what = f'"{item.label}"' if item.label else "Item"
                written = f" ({item.text})" if item.text != item.display else ""
                yield self.finding(page, item.element,
                                   f"{what} is dated {item.display}{written}, {age(item.last_day, page.as_of)} "
                                   f"before {page.as_of.isoformat()}: check it is still current, then replace or archive it")


class FutureDate(_StalenessRule):
    id = "future-date"
    severity = Severity.WARNING
    summary = "A published or updated date is later than today"
    options = {"date-order": DATE_ORDER}
    what = """
        Reports a published or modified date (in `<meta>`, JSON-LD, `<time>`, microdata,
        "Posted ..." or "Last updated ..." text, or the URL) more than a day after
        `--as-of`. Dates of listed items (upcoming events, forthcoming reports) and the
        server's Last-Modified header are not checked.
    """
    why = """
        A page cannot have been updated in the future: the date is a typo (2062 for 2026,
        a swapped day and month) or a template that fills in a wrong value, and it makes
        the page look fresher than it is, to readers and to this audit.
    """
    bad_example = """
        <meta property="article:published_time" content="2062-03-14">
    """
    good_example = """
        <meta property="article:published_time" content="2026-03-14">
    """
    fix = """
        Correct the date. If a numeric date was read in the wrong order, set `date-order`.
    """

    def check(self, page):
        seen = set()
        for evidence in self.dates(page):
            if evidence.kind not in (PUBLISHED, MODIFIED) or evidence.source == "http header":
                continue
            key = (id(evidence.element), evidence.day)
            if _is_future(evidence, page) and key not in seen:
                seen.add(key)
                yield self.finding(page, evidence.element,
                                   f"{evidence.kind.capitalize()} date {evidence.display} ({evidence.where}) is after "
                                   f"{page.as_of.isoformat()}: correct the date")
