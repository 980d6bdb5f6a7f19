"""Data tables as the table rules see them: the table a cell belongs to, and whether it is a
data table.
"""

from __future__ import annotations

from auditor import aria, dom

TABLE_ROLES = frozenset({"table", "grid", "treegrid"})


def closest_table(element: dom.Tag) -> dom.Tag | None:
    """The closest ancestor that is a table-like container (an HTML table, or a table role)."""
    for parent in element.parents:
        if not isinstance(parent, dom.Tag):
            return None
        if parent.name == "table" or aria.explicit_role(parent) in TABLE_ROLES:
            return parent
    return None


def is_data_table(table: dom.Tag) -> bool:
    role = aria.effective_role(table)
    return role in TABLE_ROLES
