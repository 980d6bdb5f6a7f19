"""What the staleness rules share: their options and the dates they compare.

The dates come from auditor.dates, once per page; these rules only compare them with
"today" (--as-of).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from auditor.dates import ORDERS, DateEvidence, extract_dates, parse_duration
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
# Timestamps written in another time zone may be a day ahead of --as-of.
FUTURE_SLACK = timedelta(days=1)


def is_future(evidence: DateEvidence, page) -> bool:
    return evidence.day > page.as_of + FUTURE_SLACK


class StalenessRule(Rule):
    family = "staleness"
    uses_as_of = True

    def dates(self, page) -> list[DateEvidence]:
        return extract_dates(page, self.config["date-order"])
