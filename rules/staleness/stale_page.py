from __future__ import annotations

from auditor.dates import COPYRIGHT, ITEM, MODIFIED, PUBLISHED, age, before
from auditor.finding import Severity
from auditor.staleness import DATE_ORDER, DurationOption, StalenessRule, is_future

# When dates tie, the stronger kind names the finding.
_KIND_RANK = {MODIFIED: 3, PUBLISHED: 2, ITEM: 1, COPYRIGHT: 0}


class StalePage(StalenessRule):
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
    fix = """
        Review the page: update what changed and its modified date, or archive or remove
        it. If the content is timeless, raise `stale-after` for those pages or suppress the
        finding with a reason.
    """

    def check(self, page):
        dated = [e for e in self.dates(page) if not is_future(e, page)]
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
