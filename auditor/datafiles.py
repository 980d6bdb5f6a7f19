"""The package's data files (auditor/data) and the rules' samples (samples/rules, shipped
as auditor.samples), read here and nowhere else.

Knowledge that changes as the web does (defunct and share services, vague link phrases,
the IANA language subtag registry) is data a contributor edits without touching code. Each
reader keeps what it builds from a file (with functools.cache), so a file is read once a run.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from typing import Any


def _text(name: str) -> str:
    return resources.files("auditor").joinpath("data", name).read_text(encoding="utf-8")


def csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of data/NAME (a CSV file with a header line), as dicts by column name."""
    return list(csv.DictReader(_text(name).splitlines()))


def json_data(name: str) -> Any:
    """The value in data/NAME (a JSON file)."""
    return json.loads(_text(name))


def rule_sample(rule_id: str, kind: str) -> str | None:
    """samples/rules/RULE_ID/KIND.html (KIND "bad" or "good"), shipped as the package
    auditor.samples; None when the rule has no such sample."""
    sample = resources.files("auditor.samples").joinpath("rules", rule_id, f"{kind}.html")
    return sample.read_text(encoding="utf-8") if sample.is_file() else None
