"""CSV, one row per finding, for spreadsheets. Cells that a spreadsheet would run as a
formula (starting with = + - @, tab or CR) are prefixed with a quote (OWASP's advice)."""

import csv as _csv

from auditor.reports._common import more_places, rule_meta

FORMAT = "csv"

COLUMNS = ("page", "line", "column", "severity", "rule", "family", "message", "selector",
           "snippet", "fingerprint", "docs_url")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value) -> str | int:
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(result, stream, **_):
    writer = _csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    metas = {}
    for f in result.to_dict()["findings"]:
        meta = metas.setdefault(f["rule"], rule_meta(result, f["rule"]))
        row = {**f, "message": f["message"] + more_places(f.get("related")), "family": meta["family"], "docs_url": meta["docs_url"] or ""}
        writer.writerow([safe_cell(row[c]) for c in COLUMNS])
