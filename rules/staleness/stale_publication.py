from __future__ import annotations

from auditor.dates import ITEM, DateEvidence, age, before
from auditor.finding import Severity
from auditor.staleness import DATE_ORDER, DurationOption, StalenessRule


class StalePublication(StalenessRule):
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
