"""Rules and report formats, found through entry points (built-ins included)."""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from auditor.rule import FAMILIES, Rule, rules_in

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def entry_points(group: str) -> list[tuple[str, str]]:
    """(name, "module:attribute") for each entry point in `group` of the distributions
    installed on sys.path, as importlib.metadata.entry_points(group=...) finds them: each
    folder's *.dist-info and *.egg-info, the first distribution of a name on the path
    shadowing later ones. Read here because importing importlib.metadata (with email,
    zipfile and csv) cost a cached run a tenth of its time, for one small file per plugin;
    a test holds the two equal. Zipped eggs are not searched."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:  # a zip file, or a folder that is gone
            continue
        for suffix in (".dist-info", ".egg-info"):  # importlib.metadata's order in a folder
            for name in names:
                if not name.endswith(suffix):
                    continue
                distribution = re.sub(r"[-_.]+", "_", name[: -len(suffix)].split("-", 1)[0]).lower()
                if distribution in seen:
                    continue
                seen.add(distribution)
                found += _group_of(os.path.join(folder or ".", name, "entry_points.txt"), group)
    return found


def _group_of(path: str, group: str) -> list[tuple[str, str]]:
    """The entries of one [group] section of an entry_points.txt (an INI file)."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    entries, section = [], None
    for line in lines:
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, value = line.split("=", 1)
            entries.append((name.strip(), value.strip()))
    return entries


def _load_entry(value: str):
    """What "module:attribute [extras]" names, as EntryPoint.load() gives it."""
    module, _, attribute = value.split("[", 1)[0].strip().partition(":")
    target = importlib.import_module(module.strip())
    for part in filter(None, attribute.strip().split(".")):
        target = getattr(target, part)
    return target


class RegistryError(Exception):
    pass


def _load(group: str):
    """(name, what the entry point names) for each entry point of the group, built-ins first."""
    for name, value in sorted(entry_points(group), key=lambda e: (e[0] != "builtin", e[0])):
        try:
            yield name, _load_entry(value)
        except Exception as exc:  # a broken plugin must be named, not a traceback
            raise RegistryError(f"cannot load {group} entry point {name!r} ({value}): {exc}") from exc


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
    """What choosing and configuring a rule needs, known before its module is imported."""

    module: str  # the module that defines it
    family: str
    enabled: bool  # on by default
    options: tuple[str, ...]  # its option names


def index_of(rules) -> dict[str, RuleInfo]:
    """The index entries of rule classes (rules/__init__.py keeps the built-in rules' own)."""
    return {rule.id: RuleInfo(rule.__module__, rule.family, rule.enabled_by_default, tuple(sorted(rule.options)))
            for rule in rules}


class RuleCatalog(Mapping):
    """Every registered rule by id, as a read-only mapping to its class. A built-in rule's
    module is imported when its class is first asked for: the built-in package carries an
    index (id, module, family, default, option names; a test holds it true), so a run that
    selects the link rules does not import the other families' modules (with the date and
    ARIA tables they build, about a twentieth of a short run's CPU). Plugins' rules are
    loaded at once, as their entry points give them."""

    def __init__(self, index: dict[str, RuleInfo], loaded: dict[str, type[Rule]]):
        self._index = index
        self._loaded = loaded
        self._ids = sorted(index)

    def info(self, rule_id: str) -> RuleInfo:
        return self._index[rule_id]

    def option_names(self) -> set[str]:
        return {name for info in self._index.values() for name in info.options}

    def __getitem__(self, rule_id: str) -> type[Rule]:
        found = self._loaded.get(rule_id)
        if found is None:
            module = importlib.import_module(self._index[rule_id].module)  # KeyError: not a rule
            for rule in rules_in(vars(module)):
                if rule.id in self._index:
                    self._loaded.setdefault(rule.id, rule)
            found = self._loaded.get(rule_id)
            if found is None:  # the index is out of date (its test says how to mend it)
                raise RegistryError(f"rule {rule_id!r} is indexed in {module.__name__}, which does not define it")
        return found

    def __contains__(self, rule_id) -> bool:
        return rule_id in self._index

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@lru_cache(maxsize=1)
def all_rules() -> RuleCatalog:
    index: dict[str, RuleInfo] = {}
    loaded: dict[str, type[Rule]] = {}
    for name, target in _load("auditor.rules"):
        builtin_index = getattr(target, "INDEX", None) if name == "builtin" else None
        if builtin_index is not None:
            for rule_id, info in builtin_index.items():
                if rule_id in index:
                    raise RegistryError(f"rule id {rule_id!r} from {name!r} is already registered")
                index[rule_id] = RuleInfo(*info)
            continue
        for rule in _given(target, "RULES"):
            _checked(rule, name, index)
            index.update(index_of([rule]))
            loaded[rule.id] = rule
    return RuleCatalog(index, loaded)


@lru_cache(maxsize=1)
def all_reporters() -> dict:
    found = {}
    for _source, target in _load("auditor.reports"):
        for name, module in _given(target, "REPORTERS").items():
            found.setdefault(name, module)
    return found
