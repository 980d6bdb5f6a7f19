"""Faulty servers on 127.0.0.1: the checker stays within its time budget, says precisely
what happened, and marks nothing broken because of its own limits."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import AS_OF_ARG, run_cli


class Faulty(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.route(body=False)

    def do_GET(self):
        self.route(body=True)

    def route(self, body):
        path = self.path.split("?")[0]
        try:
            if path == "/truncated.pdf":  # promises 100 KB, sends 600 bytes, closes cleanly
                self.head(200, "application/pdf", length=100_000)
                if body:
                    self.wfile.write(b"%PDF-1.4\n" + b"x" * 591)
                self.close_connection = True
            elif path == "/drip.pdf":  # a PDF's first line, then a byte every 0.2 s
                self.head(200, "application/pdf", length=50_000)
                if body:
                    self.wfile.write(b"%PDF-1.4\n")
                    for _ in range(250):
                        self.wfile.write(b"%")
                        self.wfile.flush()
                        time.sleep(0.2)
            elif path == "/endless.pdf":  # never ends
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.end_headers()
                self.close_connection = True
                if body:
                    self.wfile.write(b"%PDF-1.4\n")
                    chunk = b"0" * 65536
                    for _ in range(100_000):
                        self.wfile.write(chunk)
            elif path.startswith("/missing"):
                self.head(404, "text/html", length=0)
            elif path.startswith("/storm/"):  # 429 forever
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.head(200, "text/html", length=0)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def head(self, status, kind, length):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Faulty)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def audit(tmp_path, links, config=""):
    page = "<html lang=en><title>t</title><body><ul>" + "".join(
        f'<li><a href="{href}">Document {i} (PDF, 1 MB)</a></li>' for i, href in enumerate(links)) + "</ul></body></html>"
    (tmp_path / "page.html").write_text(page)
    (tmp_path / "auditor.toml").write_text(config)
    started = time.monotonic()
    result = run_cli("check", *AS_OF_ARG, "--no-cache", "--config", str(tmp_path / "auditor.toml"),
                     "--select", "links,pdf", "--ignore", "pdf-size-mismatch,pdf-link-label", "-f", "json",
                     str(tmp_path / "page.html"))
    elapsed = time.monotonic() - started
    data = json.loads(result.stdout)
    return {f["snippet"].split('"')[1]: (f["rule"], f["message"]) for f in data["findings"]}, elapsed


def test_truncated_body_is_named(server, tmp_path):
    found, _ = audit(tmp_path, [server + "/truncated.pdf"], "[links]\nretries = 0\n")
    rule, message = found[server + "/truncated.pdf"]
    assert rule == "pdf-link-broken"  # the server broke its promise: the document cannot be fetched
    assert "received 600 bytes, expected 100000" in message


def test_slow_drip_and_endless_bodies_are_unverified_within_budget(server, tmp_path):
    config = "[links]\nurl-budget = 2.0\nrun-budget = 6.0\nretries = 0\nmax-pdf-bytes = 1000000\n"
    found, elapsed = audit(tmp_path, [server + "/drip.pdf", server + "/endless.pdf"], config)
    assert elapsed < 20
    # Never "broken" because of our own limits, and the message says which.
    assert found[server + "/drip.pdf"] == ("link-unverified", f"Link to {server}/drip.pdf could not be verified: it "
                                           "answered HTTP 200, but the body was too slow to read within the 2 s budget per link")
    rule, message = found[server + "/endless.pdf"]
    assert rule == "link-unverified" and "larger than the read limit" in message


def test_429_storm_stays_in_budget_and_is_unverified(server, tmp_path):
    links = [f"{server}/storm/{i}" for i in range(40)]
    found, elapsed = audit(tmp_path, links, "[links]\nrun-budget = 4.0\nretry-after-cap = 1.0\nretries = 2\n")
    assert elapsed < 20
    assert {rule for rule, _ in found.values()} == {"link-unverified"}
    assert len(found) == 40
    assert all("429" in message for _, message in found.values())


def test_tls_error_and_refused_connection_are_broken_and_named(server, tmp_path):
    tls = server.replace("http://", "https://") + "/page.html"  # the server speaks plain HTTP
    refused = f"http://127.0.0.1:{_closed_port()}/x.html"
    found, _ = audit(tmp_path, [tls, refused], "[links]\nretries = 1\nbackoff = 0.1\n")
    assert found[tls][0] == "link-broken" and "tls" in found[tls][1].lower()
    assert found[refused][0] == "link-broken" and "refused" in found[refused][1].lower()
