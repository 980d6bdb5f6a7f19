from __future__ import annotations

from dataclasses import dataclass

from auditor import aria, dom
from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule
from auditor.tables import TABLE_ROLES, closest_table, is_data_table

_CELL_ROLES = frozenset({"cell", "gridcell", "columnheader", "rowheader"})
_HEADER_ROLES = frozenset({"columnheader", "rowheader"})


def _span(cell: dom.Tag, name: str) -> int:
    raw = (attr(cell, name) or "").strip()
    value = int(raw) if raw.isdigit() else 1
    # rowspan=0 means "to the end of the row group"; treat it as a long span.
    return 1000 if name == "rowspan" and raw == "0" else max(1, min(value, 1000))


@dataclass
class Slot:
    cell: dom.Tag
    row: int
    col: int
    width: int
    height: int


def table_slots(table: dom.Tag) -> list[Slot]:
    """The table's cells with their grid positions (HTML's table model, colspan and rowspan;
    ARIA tables by their row and cell roles, one slot per cell)."""
    rows = [r for r in table.find_all(lambda t: t.name == "tr" or aria.explicit_role(t) == "row")
            if closest_table(r) is table]
    slots: list[Slot] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        cells = [c for c in row.find_all(lambda t: t.name in ("td", "th") or aria.explicit_role(t) in _CELL_ROLES)
                 if _closest_row(c) is row]
        col = 0
        for cell in cells:
            while (r, col) in taken:
                col += 1
            width = _span(cell, "colspan") if cell.name in ("td", "th") else 1
            height = min(_span(cell, "rowspan"), len(rows) - r) if cell.name in ("td", "th") else 1
            for dr in range(height):
                for dc in range(width):
                    taken.add((r + dr, col + dc))
            slots.append(Slot(cell, r, col, width, height))
            col += width
    return slots


def _closest_row(cell: dom.Tag) -> dom.Tag | None:
    for parent in cell.parents:
        if isinstance(parent, dom.Tag) and (parent.name == "tr" or aria.explicit_role(parent) == "row"):
            return parent
    return None


class ThHasDataCells(Rule):
    id = "th-has-data-cells"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "Table header cells must head at least one cell"
    wcag = ("1.3.1",)
    act = ("d0f69e",)
    impact = "serious"
    elements = ("table",)
    attributes = ("role",)
    what = """
        Reports a column or row header cell (a `<th>`, or role `columnheader`/`rowheader`)
        that no cell of its table falls under: no cell below a column header or beside a
        row header, and none naming it in `headers`.
    """
    why = """
        A header that heads nothing is announced for nothing and hints at a broken table:
        a missing column, or a layout table marked up with header cells.
    """
    fix = """
        Add the missing cells, turn the header into a caption, or use `<td>` if it heads
        nothing.
    """

    def visit(self, element, page):
        if not (element.name == "table" or aria.explicit_role(element) in TABLE_ROLES):
            return
        if not is_data_table(element) or is_hidden(element, page):
            return
        slots = table_slots(element)
        referenced = {ref for s in slots for ref in (attr(s.cell, "headers") or "").split()}
        for slot in slots:
            role = aria.effective_role(slot.cell)
            if role not in _HEADER_ROLES or is_hidden(slot.cell, page):
                continue
            if attr(slot.cell, "id") and attr(slot.cell, "id") in referenced:
                continue
            if not any(self._assigned(slot, other, role) for other in slots if other is not slot):
                yield self.finding(page, slot.cell, "This header cell heads no cell: add the cells it heads, or make it a plain cell")

    @staticmethod
    def _assigned(header: Slot, other: Slot, role: str) -> bool:
        if aria.effective_role(other.cell) in _HEADER_ROLES or other.cell.has_attr("headers"):
            return False
        if role == "columnheader":
            overlap = other.col < header.col + header.width and header.col < other.col + other.width
            return overlap and other.row >= header.row + header.height
        overlap = other.row < header.row + header.height and header.row < other.row + other.height
        return overlap and (other.col >= header.col + header.width or other.col + other.width <= header.col)
