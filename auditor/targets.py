"""From what the user typed to the list of pages to audit, in a stable order."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


class TargetError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    kind: str  # "file", "url" or "stdin"
    name: str  # what reports call the page: the path as given (below a folder), the URL, or "-"


def _excluded(name: str, patterns: tuple[str, ...]) -> bool:
    base = name.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(base, p) or fnmatch.fnmatch(name, f"*/{p}")
               for p in patterns)


def _walk_folder(folder: str) -> list[str]:
    """Every page (HTML_SUFFIXES) below `folder`, sorted, each real folder visited once
    (symlink loops), outside the folders no site serves: dot-folders (.git, caches) and
    node_modules."""
    found = []
    seen_dirs = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        for name in files:
            if name.lower().endswith(HTML_SUFFIXES):
                found.append(os.path.join(root, name))
    return sorted(p.replace(os.sep, "/") for p in found)


def expand_targets(raw: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[Target]:
    targets: list[Target] = []
    seen = set()
    for item in raw:
        if item == "-":
            found = [Target("stdin", "-")]
        elif item.startswith(("http://", "https://")):
            found = [Target("url", item)]
        elif os.path.isdir(item):
            found = [Target("file", p) for p in _walk_folder(item) if not _excluded(p, exclude)]
        elif "://" in item and not os.path.lexists(item):
            raise TargetError(f"unsupported URL scheme in {item!r} (use http or https)")
        else:
            # A file, or a missing one: reading it makes it a page error like any other,
            # so the other targets are still audited.
            found = [Target("file", Path(item).as_posix())]
        for target in found:
            if target not in seen:
                seen.add(target)
                targets.append(target)
    return targets
