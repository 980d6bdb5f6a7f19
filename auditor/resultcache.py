"""The result cache (as ruff has one): a page stage's result, keyed by everything it
depends on: the page's bytes and name, the tool version, the rule set with its severities
and options, --as-of when a rule reads it, and the HTTP headers rules read. An unchanged
page is not parsed again. Link outcomes are not cached here: a cached page brings back its
links and directives, the link stage judges them again from the link checker's outcomes
(with its own cache, auditor.linkcache), and suppressions are applied after that. Judging
again is cheap: a page's links stay packed by target, and only the links to a target whose
outcome may give a finding are unpacked (auditor.linkstage).

Values are pickled CheckedPages: the cache folder must be as trusted as the working tree
(docs/SECURITY.md).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import time

from auditor import __version__
from auditor.pagestage import CheckedPage
from auditor.store import RESULTS_PATH, close_store, open_store

SCHEMA = 4  # 4: CheckedPage, its links packed by target (auditor.deferred.pack_links), hrefs for a crawl
HEADERS_READ = ("last-modified", "content-type", "content-language")


def _code_stamp(rules) -> list[str]:
    """Size and mtime of the engine's and the rules' source files: an edited rule (an
    editable install, a plugin under development) must not be answered from the cache."""
    import auditor

    folders = {os.path.dirname(auditor.__file__)}
    folders |= {os.path.dirname(getattr(sys.modules[type(rule).__module__], "__file__", "") or "") for rule in rules}
    stamps = []
    for folder in sorted(f for f in folders if f):
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
        except OSError:
            continue
        for name in names:
            try:
                info = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append(f"{folder}/{name} {info.st_size} {info.st_mtime_ns}")
    return stamps


def ruleset_digest(rules, as_of, follow: bool = False) -> str:
    """What every page's result depends on besides the page itself (and whether it says
    where a crawl goes on from it)."""
    parts = [f"auditor {__version__}", f"schema {SCHEMA}", *_code_stamp(rules), f"follow {follow}"]
    for rule in sorted(rules, key=lambda r: r.id):
        options = sorted((k, repr(v)) for k, v in rule.config.items())
        parts.append(f"{rule.id} {rule.active_severity.label} {options}")
    if any(rule.uses_as_of for rule in rules):
        parts.append(f"as-of {as_of.isoformat()}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_key(digest: str, name: str, data: bytes, headers: dict[str, str], url: str | None) -> str:
    h = hashlib.sha256()
    for part in (digest, name, url or "", *(f"{k}:{headers.get(k, '')}" for k in HEADERS_READ)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(data)
    return h.hexdigest()


class ResultCache:
    def __init__(self, path: str = RESULTS_PATH):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._no_pages: bool | None = None

    @property
    def db(self) -> sqlite3.Connection | None:
        # Opened lazily, once per process: worker processes read, the main process writes.
        if not self._opened:
            self._opened = True
            self._db = open_store(self.path, "CREATE TABLE IF NOT EXISTS pages "
                                  "(key TEXT PRIMARY KEY, stored REAL NOT NULL, result BLOB NOT NULL)")
            if self._db is not None:
                try:  # file name + rule set + (size, mtime) -> key: a warm run need not read the file
                    self._db.execute("CREATE TABLE IF NOT EXISTS stamps (name TEXT NOT NULL, digest TEXT NOT NULL, "
                                     "stamp TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, digest))")
                    self._db.commit()
                except sqlite3.Error:
                    self._db = None
        return self._db

    def __getstate__(self):  # a connection does not cross into worker processes
        return {"path": self.path, "_db": None, "_opened": False, "_no_pages": None}

    def close(self) -> None:
        close_store(self._db)
        self._db = None

    def get(self, key: str) -> CheckedPage | None:
        if self.db is None or self._held_no_pages():
            return None
        try:
            row = self.db.execute("SELECT result FROM pages WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return self._result(row[0]) if row else None

    def _held_no_pages(self) -> bool:
        """Whether the cache held no page when this process first asked: then a cold run
        makes one query, not one per page. (Pages another run stores meanwhile are missed,
        as any entry may be: a miss is never wrong.)"""
        if self._no_pages is None:
            try:
                self._no_pages = bool(self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM pages)").fetchone()[0])
            except sqlite3.Error:
                self._no_pages = False
        return self._no_pages

    @staticmethod
    def _result(blob: bytes) -> CheckedPage | None:
        try:  # a damaged or foreign entry is a miss, not a crash
            result = pickle.loads(blob)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return result if isinstance(result, CheckedPage) else None

    def _rows_in(self, query: str, names: list[str], before: tuple = ()):
        """The rows of `query` (whose IN list is `{}`) for these names, 500 to a query (SQLite's
        limit on bound parameters); `before` are the parameters ahead of the list."""
        for start in range(0, len(names), 500):
            batch = names[start:start + 500]
            yield from self.db.execute(query.format(",".join("?" * len(batch))), [*before, *batch]).fetchall()

    def get_by_stamps(self, digest: str, stamps: dict[str, str]) -> dict[str, CheckedPage]:
        """The cached results of files whose (name -> size and mtime stamp) are as when they
        were stored, for this rule set: name -> result."""
        if self.db is None or not stamps:
            return {}
        found: dict[str, CheckedPage] = {}
        try:
            for name, stamp, blob in self._rows_in(
                    "SELECT s.name, s.stamp, p.result FROM stamps s JOIN pages p ON p.key = s.key "
                    "WHERE s.digest = ? AND s.name IN ({})", list(stamps), (digest,)):
                result = self._result(blob) if stamp == stamps[name] else None
                if result is not None:
                    found[name] = result
        except sqlite3.Error:
            pass
        return found

    def put_many(self, items: list[tuple[str, CheckedPage]], stamps: list[tuple[str, str, str, str]] = ()) -> None:
        if self.db is None or not items:
            return
        now = time.time()
        try:
            with self.db:
                # A generator: one pickled page at a time, not a site's worth at once.
                self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                                    ((key, now, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) for key, result in items))
                self.db.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?)", list(stamps))
        except sqlite3.Error:
            pass
