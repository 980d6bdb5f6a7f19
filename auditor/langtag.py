"""BCP 47 language tags checked against the IANA Language Subtag Registry.

The registry ships as package data (data/language-subtags.json, with its source and
File-Date in the file). `primary_subtag_known` is what the W3C ACT rules ask (the primary
language subtag is registered: "en-US-GB" passes, "em-US" and "i-lux" do not);
`is_valid_tag` checks every subtag's place and registration, for a strict mode.
"""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.datafiles import json_data


@lru_cache(maxsize=1)
def registry() -> dict[str, frozenset[str]]:
    """Subtags by type (language, extlang, script, region, variant, grandfathered, redundant),
    lower-cased; plus "deprecated_language" and the registry's "file_date"."""
    raw = json_data("language-subtags.json")
    return {key: (frozenset(value.split()) if key not in ("source", "file_date", "generated") else value)
            for key, value in raw.items()}


def registered(kind: str, subtag: str) -> bool:
    """Whether `subtag` is registered with type `kind`, private-use ranges (qaa..qtz) included."""
    subtag = subtag.lower()
    if subtag in registry()[kind]:
        return True
    return any(len(subtag) == len(low) and low <= subtag <= high for low, high in _ranges(kind))


@lru_cache(maxsize=None)
def _ranges(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(entry.split("..")) for entry in registry()[kind] if ".." in entry)


def _is_language(subtag: str) -> bool:
    return registered("language", subtag)


def primary_subtag(tag: str) -> str:
    return tag.strip().split("-", 1)[0].lower()


def primary_subtag_known(tag: str) -> bool:
    """The tag's primary language subtag is a registered language (case-insensitive)."""
    primary = primary_subtag(tag)
    return bool(re.fullmatch(r"[a-z]{2,3}|[a-z]{5,8}", primary)) and _is_language(primary)


def is_valid_tag(tag: str) -> bool:
    """A well-formed BCP 47 tag whose subtags are all registered in their places:
    language[-extlang][-script][-region]*(-variant)*(-singleton-ext)*(-x-private)."""
    text = tag.strip().lower()
    reg = registry()
    if text in reg["grandfathered"] or text in reg["redundant"]:
        return text in reg["redundant"] or text.startswith(("art-", "cel-", "no-", "zh-", "en-gb-oed", "sgn-"))
    parts = text.split("-")
    if not parts or not primary_subtag_known(parts[0]):
        return parts[:1] == ["x"] and len(parts) > 1 and all(re.fullmatch(r"[a-z0-9]{1,8}", p) for p in parts[1:])
    i = 1
    if i < len(parts) and len(parts[i]) == 3 and parts[i].isalpha():
        if not registered("extlang", parts[i]):
            return False
        i += 1
    if i < len(parts) and len(parts[i]) == 4 and parts[i].isalpha():
        if not registered("script", parts[i]):
            return False
        i += 1
    if i < len(parts) and (len(parts[i]) == 2 and parts[i].isalpha() or len(parts[i]) == 3 and parts[i].isdigit()):
        if not registered("region", parts[i]):
            return False
        i += 1
    while i < len(parts) and (5 <= len(parts[i]) <= 8 or len(parts[i]) == 4 and parts[i][0].isdigit()):
        if not registered("variant", parts[i]):
            return False
        i += 1
    while i < len(parts):
        singleton = parts[i]
        if len(singleton) != 1 or not singleton.isalnum():
            return False
        rest = parts[i + 1:]
        if singleton == "x":
            return bool(rest) and all(re.fullmatch(r"[a-z0-9]{1,8}", p) for p in rest)
        j = i + 1
        while j < len(parts) and re.fullmatch(r"[a-z0-9]{2,8}", parts[j]):
            j += 1
        if j == i + 1:
            return False
        i = j
    return True
