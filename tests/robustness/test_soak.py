"""Soak: 2,000 pages with 20,000 links against a faulty local server, --jobs 2, twice.
Both runs give identical reports and memory stays bounded. Slow: run on demand with
`pytest -m soak` (it is not part of the default test command)."""

import json
import resource
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer

import pytest

from test_network_faults import Faulty

PAGES = 2000
LINKS_PER_PAGE = 10
ROUTES = ["/ok/{i}.html", "/storm/{i}", "/truncated.pdf", "/missing-{i}.html"]


@pytest.mark.soak
def test_soak_two_identical_runs_with_bounded_memory(tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Faulty)
    httpd.daemon_threads = True
    httpd.request_queue_size = 128
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    site = tmp_path / "site"
    site.mkdir()
    for p in range(PAGES):
        links = "".join(
            f'<li><a href="{base}{ROUTES[(p + k) % len(ROUTES)].format(i=(p * 7 + k) % 300)}">Item {k}</a></li>'
            for k in range(LINKS_PER_PAGE))
        (site / f"page-{p:04d}.html").write_text(
            f"<!doctype html><html lang=en><head><title>Page {p}</title></head><body><main><h1>Page {p}</h1>"
            f"<img src='photo-{p}.jpg'><ul>{links}</ul><p>Last updated: March {1 + p % 28}, 2009</p></main></body></html>")
    (tmp_path / "auditor.toml").write_text("[links]\nrun-budget = 120.0\nurl-budget = 5.0\nretries = 1\nretry-after-cap = 1.0\n")
    reports = []
    try:
        for run in range(2):
            out = tmp_path / f"run{run}.json"
            proc = subprocess.run(
                [sys.executable, "-m", "auditor", "check", "--as-of", "2026-11-28", "--jobs", "2", "--no-cache",
                 "--config", str(tmp_path / "auditor.toml"), "-f", "json", "-o", str(out), str(site)],
                capture_output=True, text=True, cwd=tmp_path, timeout=1800)
            assert proc.returncode == 1, proc.stderr
            reports.append(out.read_bytes())
    finally:
        httpd.shutdown()
    assert reports[0] == reports[1]
    data = json.loads(reports[0])
    assert data["summary"]["pages"] == PAGES and data["summary"]["page_errors"] == 0
    assert data["summary"]["by_rule"]["link-broken"] > 0 and data["summary"]["by_rule"]["link-unverified"] > 0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"soak: {PAGES} pages, {PAGES * LINKS_PER_PAGE} links, peak child memory {peak_mb:.0f} MB")
    assert peak_mb < 500
