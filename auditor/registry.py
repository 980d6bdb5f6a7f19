"""Rules and report formats, found through entry points (built-ins included)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.metadata import entry_points

from auditor.rule import FAMILIES, Rule

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RegistryError(Exception):
    pass


def _load(group: str, attribute: str):
    for ep in sorted(entry_points(group=group), key=lambda e: (e.name != "builtin", e.name)):
        try:
            target = ep.load()
        except Exception as exc:  # a broken plugin must be named, not a traceback
            raise RegistryError(f"cannot load {group} entry point {ep.name!r} ({ep.value}): {exc}") from exc
        yield ep.name, (target() if callable(target) else getattr(target, attribute))


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for source, rules in _load("auditor.rules", "RULES"):
        for rule in rules:
            if not RULE_ID.match(getattr(rule, "id", "")):
                raise RegistryError(f"rule {rule!r} from {source!r} has no valid kebab-case id")
            if rule.id in found:
                raise RegistryError(f"rule id {rule.id!r} from {source!r} is already registered")
            if rule.family not in FAMILIES:
                raise RegistryError(f"rule {rule.id!r} has unknown family {rule.family!r}")
            found[rule.id] = rule
    return dict(sorted(found.items()))


@lru_cache(maxsize=1)
def all_reporters() -> dict:
    found = {}
    for _source, reporters in _load("auditor.reports", "REPORTERS"):
        for name, module in reporters.items():
            found.setdefault(name, module)
    return found
