"""SQLite files for the caches (standard library). WAL mode and a busy timeout make a file
safe to share between two runs; a cache that cannot be opened is no cache, never an error."""

from __future__ import annotations

import os
import sqlite3

CACHE_DIR = ".auditor-cache"  # the default folder of the caches (--cache-dir moves it)
RESULTS_FILE = "results.sqlite"  # the result cache (auditor.resultcache)
LINKS_FILE = "links.sqlite"  # the link cache (auditor.linkcache)
RESULTS_PATH = os.path.join(CACHE_DIR, RESULTS_FILE)


def _cache_folder(folder: str) -> None:
    """Make the caches' folder if it is missing, with a .gitignore that keeps all of it out of
    version control (as pytest and ruff do with theirs). A folder that exists is left as it is."""
    if folder and not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as handle:
            handle.write("*\n")


def open_store(path: str, ddl: str) -> sqlite3.Connection | None:
    try:
        _cache_folder(os.path.dirname(path))
        db = sqlite3.connect(path, timeout=10.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(ddl)
        db.commit()
        return db
    except (sqlite3.Error, OSError):
        return None


def close_store(db: sqlite3.Connection | None) -> None:
    """Close a cache file's connection (its WAL is checkpointed and removed); errors are no news."""
    if db is not None:
        try:
            db.close()
        except sqlite3.Error:
            pass
