"""The audit result that every report renders, and its one JSON form."""

from __future__ import annotations

import pickle
import zlib
from collections import Counter
from dataclasses import dataclass, field

from auditor.finding import Finding, Severity, finding_rows, findings_from_rows

SCHEMA_VERSION = 1


@dataclass
class ToolError:
    rule: str
    message: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "message": self.message}


@dataclass
class PageResult:
    page: str
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    tool_errors: list[ToolError] = field(default_factory=list)
    skipped_checks: int = 0
    # The deferred stage (links): requests recorded in the walk, as the page's links with the
    # rules that want each (auditor.deferred.pack_links), the page's own location and its
    # anchors (ids and a[name]) for #fragment checks; emptied once the stage has run. Links
    # are kept pickled and compressed: a page carries hundreds, nearly alike, and a site's
    # worth must wait in memory until every page is audited.
    packed_requests: bytes = field(default=b"", repr=False)
    link_targets: tuple = field(default=(), repr=False)  # their unique targets (auditor.deferred.LinkTarget)
    link_base: str | None = None
    anchors: frozenset | None = field(default=None, repr=False)
    # The result cache's key for this page (its bytes, name and the rule set), when cached:
    # the link stage keeps its own results under it (auditor.engine.run_deferred).
    cache_key: str | None = field(default=None, repr=False)

    def pack_requests(self, requests: list) -> None:
        from auditor.deferred import link_targets, pack_links

        links = pack_links(requests)
        # As plain tuples: a NamedTuple unpickles through its Python-level __new__, several
        # times slower, and a cached run unpacks every link of every page.
        rows = [tuple(link) for link in links]
        packed = pickle.dumps(rows, pickle.HIGHEST_PROTOCOL) if rows else b""
        # zlib sets up its state at every call (about 50 us): a page with a few links is
        # kept as its pickle, which links() tells from a zlib stream by its first byte.
        self.packed_requests = zlib.compress(packed, 1) if len(packed) > PACK_PLAIN_BYTES else packed
        self.link_targets = link_targets(links)

    # Pickled (the result cache, results coming back from workers) as plain rows: see
    # auditor.finding.finding_rows; link targets rebuild without their Python-level __new__.
    def __getstate__(self):
        return (self.page, self.error, finding_rows(self.findings), [(e.rule, e.message) for e in self.tool_errors],
                self.skipped_checks, self.packed_requests, [tuple(t) for t in self.link_targets], self.link_base,
                self.anchors, self.cache_key)

    def __setstate__(self, state) -> None:
        from auditor.deferred import LinkTarget

        (self.page, self.error, findings, errors, self.skipped_checks, self.packed_requests, targets,
         self.link_base, self.anchors, self.cache_key) = state
        self.findings = findings_from_rows(findings)
        self.tool_errors = [ToolError(rule, message) for rule, message in errors]
        new = tuple.__new__
        self.link_targets = tuple([new(LinkTarget, t) for t in targets])

    def links(self) -> list[tuple]:
        """The packed links, each with the rules that want it, as tuples in the field order of
        auditor.deferred.Link (`Link._make(row)` gives the Link)."""
        packed = self.packed_requests
        if not packed:
            return []
        return pickle.loads(packed if packed[:1] == _PICKLE_START else zlib.decompress(packed))


# Packed links up to this size stay uncompressed; a pickle starts with its PROTO opcode, a
# zlib stream never does (its first byte is 0x78 at every level).
PACK_PLAIN_BYTES = 2048
_PICKLE_START = b"\x80"


@dataclass
class AuditResult:
    version: str
    as_of: str
    pages: list[PageResult]
    rules: dict  # rule id -> rule class, for every rule that ran (reports show their docs)
    skipped_checks: int = 0

    @property
    def findings(self) -> list[Finding]:
        return [f for page in self.pages for f in page.findings]

    @property
    def tool_errors(self) -> list[ToolError]:
        return [e for page in self.pages for e in page.tool_errors]

    def summary(self) -> dict:
        findings = self.findings
        by_severity = Counter(f.severity for f in findings)
        return {
            "pages": len(self.pages),
            "page_errors": sum(1 for p in self.pages if p.error),
            "findings": len(findings),
            "by_severity": {s.label: by_severity.get(s, 0) for s in sorted(Severity, reverse=True)},
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
            "skipped_checks": self.skipped_checks + sum(p.skipped_checks for p in self.pages),
            "tool_errors": len(self.tool_errors),
        }

    def to_dict(self, findings: bool = True) -> dict:
        """The JSON report as a dict; without `findings`, their list is left empty (the
        JSON report streams them one by one instead)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "auditor", "version": self.version},
            "as_of": self.as_of,
            "pages": [
                {
                    "page": p.page,
                    "error": p.error,
                    "findings": len(p.findings),
                    "tool_errors": [e.to_dict() for e in p.tool_errors],
                }
                for p in self.pages
            ],
            "findings": [f.to_dict() for f in self.findings] if findings else [],
            "summary": self.summary(),
        }

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)
