"""Rules and report formats, found through entry points (built-ins included)."""

from __future__ import annotations

import importlib
import os
import re
import sys
from functools import lru_cache

from auditor.rule import FAMILIES, Rule

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


def _load(group: str, attribute: str):
    for name, value in sorted(entry_points(group), key=lambda e: (e[0] != "builtin", e[0])):
        try:
            target = _load_entry(value)
        except Exception as exc:  # a broken plugin must be named, not a traceback
            raise RegistryError(f"cannot load {group} entry point {name!r} ({value}): {exc}") from exc
        yield name, (target() if callable(target) else getattr(target, attribute))


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
