"""Rules and report formats, found through entry points (built-ins included)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib.metadata import entry_points
from typing import NamedTuple

from auditor.rule import FAMILIES, Rule

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RegistryError(Exception):
    pass


def _load(group: str):
    """(name, what the entry point names) for each entry point of the group, built-ins first."""
    for entry in sorted(entry_points(group=group), key=lambda e: (e.name != "builtin", e.name)):
        try:
            yield entry.name, entry.load()
        except Exception as exc:  # a broken plugin must be named, not a traceback
            raise RegistryError(f"cannot load {group} entry point {entry.name!r} ({entry.value}): {exc}") from exc


def _given(target, attribute: str):
    """A plugin's list: its callable's result, or its module's attribute."""
    return target() if callable(target) else getattr(target, attribute)


def _checked(rule, source: str, found) -> None:
    if not RULE_ID.match(getattr(rule, "id", "")):
        raise RegistryError(f"rule {rule!r} from {source!r} has no valid kebab-case id")
    if rule.id in found:
        raise RegistryError(f"rule id {rule.id!r} from {source!r} is already registered")
    if rule.family not in FAMILIES:
        raise RegistryError(f"rule {rule.id!r} has unknown family {rule.family!r}")


class RuleInfo(NamedTuple):
    """What choosing and configuring a rule reads: its family, default, and option names."""

    family: str
    enabled: bool  # on by default
    options: tuple[str, ...]


class RuleCatalog(Mapping):
    """Every registered rule by id (in id order), as a read-only mapping to its class."""

    def __init__(self, rules: dict[str, type[Rule]]):
        self._rules = dict(sorted(rules.items()))

    def info(self, rule_id: str) -> RuleInfo:
        rule = self._rules[rule_id]
        return RuleInfo(rule.family, rule.enabled_by_default, tuple(sorted(rule.options)))

    def option_names(self) -> set[str]:
        return {name for rule in self._rules.values() for name in rule.options}

    def __getitem__(self, rule_id: str) -> type[Rule]:
        return self._rules[rule_id]

    def __iter__(self):
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


@lru_cache(maxsize=1)
def all_rules() -> RuleCatalog:
    """The rules of every `auditor.rules` entry point, the built-in ones first, each checked."""
    found: dict[str, type[Rule]] = {}
    for name, target in _load("auditor.rules"):
        for rule in _given(target, "RULES"):
            _checked(rule, name, found)
            found[rule.id] = rule
    return RuleCatalog(found)


@lru_cache(maxsize=1)
def all_reporters() -> dict:
    found = {}
    for _source, target in _load("auditor.reports"):
        for name, module in _given(target, "REPORTERS").items():
            found.setdefault(name, module)
    return found
