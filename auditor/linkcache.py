"""The link result cache between runs: SQLite from the standard library.

One row per URL: the outcome as JSON, what was read (status, first bytes, or the whole
body), when, and whether it was broken (broken results expire sooner). WAL mode and a busy
timeout make it safe for two runs sharing the file; writes are one short transaction.
A cache that cannot be opened or read is ignored: it only ever saves time.
"""

from __future__ import annotations

import json
import sqlite3
import time

from auditor.deferred import NEEDS, Outcome
from auditor.store import close_store, open_store

SCHEMA = 1


class LinkCache:
    def __init__(self, path: str):
        self.path = path
        self.db: sqlite3.Connection | None = open_store(
            path,
            "CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, needs INTEGER NOT NULL, "
            "broken INTEGER NOT NULL, checked REAL NOT NULL, schema INTEGER NOT NULL, outcome TEXT NOT NULL)",
        )

    def lookup(self, wanted: dict[str, str], ttl_ok: float, ttl_broken: float) -> dict[str, Outcome]:
        """Fresh outcomes for the URLs whose cached row read at least what is needed now."""
        if self.db is None or not wanted:
            return {}
        now = time.time()
        found: dict[str, Outcome] = {}
        urls = list(wanted)
        try:
            for i in range(0, len(urls), 500):
                chunk = urls[i: i + 500]
                rows = self.db.execute(
                    f"SELECT url, needs, broken, checked, schema, outcome FROM links WHERE url IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                for url, needs, broken, checked, schema, text in rows:
                    ttl = ttl_broken if broken else ttl_ok
                    if schema != SCHEMA or now - checked > ttl or needs < NEEDS.index(wanted[url]):
                        continue
                    try:
                        found[url] = Outcome.from_dict(json.loads(text))
                    except (ValueError, TypeError, KeyError):
                        continue
        except sqlite3.Error:
            return {}
        return found

    def store(self, items: list[tuple[str, str, Outcome]]) -> None:
        if self.db is None or not items:
            return
        now = time.time()
        rows = [(url, NEEDS.index(needs), int(o.broken), now, SCHEMA, json.dumps(o.to_dict())) for url, needs, o in items]
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        close_store(self.db)
        self.db = None
