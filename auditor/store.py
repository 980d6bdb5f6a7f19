"""SQLite files for the caches (standard library). WAL mode and a busy timeout make a file
safe to share between two runs; a cache that cannot be opened is no cache, never an error."""

from __future__ import annotations

import os
import sqlite3

CACHE_DIR = ".auditor-cache"
RESULTS_PATH = os.path.join(CACHE_DIR, "results.sqlite")  # the result cache (auditor.resultcache)


def open_store(path: str, ddl: str) -> sqlite3.Connection | None:
    try:
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
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
