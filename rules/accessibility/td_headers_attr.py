from __future__ import annotations

from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule
from auditor.tables import closest_table, is_data_table


class TdHeadersAttr(Rule):
    id = "td-headers-attr"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "A cell's headers attribute must refer to other cells of the same table"
    wcag = ("1.3.1",)
    act = ("a25f45",)
    impact = "serious"
    elements = ("td", "th")
    what = """
        Reports a `<td>` or `<th>` whose `headers` attribute lists an id that is not another
        cell (`<th>` or `<td>`) of the same table: an id in another table, on a span inside a
        cell, missing, or the cell's own id.
    """
    why = """
        Screen readers announce a cell's headers from this attribute; a wrong reference
        reads the wrong header, or none, as users move through the table.
    """
    fix = """
        Point `headers` at the ids of the `<th>` cells of the same table, or drop it and
        use `<th scope>` for simple tables.
    """

    def visit(self, element, page):
        refs = (attr(element, "headers") or "").split()
        table = closest_table(element)
        if not refs or table is None or table.name != "table" or not is_data_table(table) or is_hidden(table, page):
            return
        bad = []
        for ref in refs:
            target = page.ids.get(ref)
            if (target is None or target is element or target.name not in ("td", "th")
                    or closest_table(target) is not table):
                bad.append(ref)
        if bad:
            yield self.finding(page, element, f"headers refers to {', '.join(bad)}, which {'is' if len(bad) == 1 else 'are'} not another cell of this table: point it at this table's header cells")
