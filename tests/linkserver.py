"""A real HTTP server on 127.0.0.1 for the link checker's tests and benchmark (never a mock).

Routes cover what the link rules must get right: a PDF, an empty .pdf (416 for a range), 404, 410, 500 then 200, 429 with
Retry-After then 200, HEAD refused, a 301 chain, a redirect loop, an HTML page served for a
.pdf, a slow endpoint, a connection reset mid-body, tagged and untagged PDFs made here.
Every request is counted by (method, path) so tests can assert how many were made.
"""

from __future__ import annotations

import re
import ssl
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

TLS_CERT = str(Path(__file__).parent / "data" / "tls" / "localhost.pem")
TLS_KEY = str(Path(__file__).parent / "data" / "tls" / "localhost-key.pem")


def make_pdf(tagged: bool, text: str = "Annual report", title: str = "Annual report", pad: int = 0) -> bytes:
    """A small valid PDF, written by hand: tagged (MarkInfo, StructTreeRoot, Lang, Title) or not."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    extra = b"/MarkInfo << /Marked true >> /StructTreeRoot 6 0 R /Lang (en-US) " if tagged else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /StructTreeRoot >>",
        (b"<< /Title (" + title.encode() + b") >>") if tagged and title else b"<< /Producer (scanner) >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if pad:
        out += b"%" + b"x" * pad + b"\n"  # a comment: makes the file as large as a test needs
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TAGGED = make_pdf(True)
UNTAGGED = make_pdf(False, text="")
BIG = make_pdf(True, pad=300_000)  # about 300 KB; its label in tests says otherwise

HTML = b"<!doctype html><html lang=en><title>t</title><h1 id=sec>Section</h1><a name=old>x</a></html>"
SOFT_404 = b"<!doctype html><html><title>Page not found</title><p>Sorry, that page is gone.</p></html>"


RANGE = re.compile(r"bytes=(\d+)-(\d*)")


def ranged_pdf(body: bytes, range_header: str) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, part) answering `Range: bytes=N-M` (M optional) for a PDF, as both test
    servers answer it: 206 with the part and Content-Range, an end beyond the file clipped to
    it, 416 for a start beyond it."""
    match = RANGE.fullmatch(range_header)
    start = int(match.group(1))
    end = min(len(body), int(match.group(2)) + 1 if match.group(2) else len(body))
    if start >= len(body):
        return 416, {"Content-Type": "text/plain", "Content-Range": f"bytes */{len(body)}"}, b""
    return 206, {"Content-Type": "application/pdf", "Content-Range": f"bytes {start}-{end - 1}/{len(body)}"}, body[start:end]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "linkserver"

    def log_message(self, *args):  # quiet tests
        pass

    def do_HEAD(self):
        self._route("HEAD")

    def do_GET(self):
        self._route("GET")

    def _send(self, status, body=b"", ctype="text/html", headers=None, method="GET"):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method == "GET":
            self.wfile.write(body)

    def _route(self, method):
        path = urlsplit(self.path).path
        server = self.server
        with server.lock:
            server.hits[(method, path)] += 1
            count = server.hits[("GET", path)] + server.hits[("HEAD", path)]
        path = server.route(path)  # the benchmark's many URLs share a few behaviours
        ranged = server.honour_ranges and RANGE.fullmatch(self.headers.get("Range") or "") is not None

        def pdf(body, **kw):
            if ranged:
                self._partial(body, method)
            else:
                self._send(200, body, "application/pdf", method=method, **kw)

        if path in ("/doc.pdf", "/tagged.pdf"):
            pdf(TAGGED)
        elif path == "/untagged.pdf":
            pdf(UNTAGGED)
        elif path == "/big.pdf":
            pdf(BIG)
        elif path == "/empty.pdf":  # no byte to give: a range gets 416
            pdf(b"")
        elif path in ("/page.html", "/"):
            self._send(200, HTML, method=method)
        elif path.startswith("/ok/"):
            self._send(200, HTML, method=method)
        elif path in ("/missing.pdf", "/missing.html"):
            self._send(404, b"not found", method=method)
        elif path in ("/gone.pdf", "/gone.html"):
            self._send(410, b"gone", method=method)
        elif path.startswith("/flaky"):  # 500 on the first request, then 200
            if count == 1:
                self._send(500, b"oops", method=method)
            elif path.endswith(".pdf"):
                pdf(TAGGED)
            else:
                self._send(200, HTML, method=method)
        elif path.startswith("/limited-forever"):
            self._send(429, b"slow down", headers={"Retry-After": "0"}, method=method)
        elif path.startswith("/limited-long"):
            self._send(429, b"slow down", headers={"Retry-After": "3600"}, method=method)
        elif path.startswith("/limited"):  # 429 with Retry-After: 1 on the first request, then 200
            if count == 1:
                self._send(429, b"slow down", headers={"Retry-After": "1"}, method=method)
            else:
                self._send(200, HTML, method=method)
        elif path.startswith("/nohead"):  # HEAD refused, GET fine
            if method == "HEAD":
                self._send(405, b"", method=method)
            elif path.endswith(".pdf"):
                pdf(TAGGED)
            else:
                self._send(200, HTML, method=method)
        elif path.startswith("/moved"):  # /moved -> /moved2 -> /page.html, permanently
            target = "/moved2" if path == "/moved" else "/page.html"
            self._send(301, b"", headers={"Location": target}, method=method)
        elif path == "/temporary":
            self._send(302, b"", headers={"Location": "/page.html"}, method=method)
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, b"", headers={"Location": "/loop-b" if path == "/loop-a" else "/loop-a"}, method=method)
        elif path == "/auth":  # needs the header a test configures per host from an environment variable
            if self.headers.get("X-Token") == "sesame":
                self._send(200, HTML, method=method)
            else:
                self._send(401, b"who are you", method=method)
        elif path == "/soft404.pdf":
            self._send(200, SOFT_404, method=method)
        elif path.startswith("/slow"):
            time.sleep(server.slow_seconds)
            self._send(200, HTML, method=method)
        elif path == "/reset.pdf":  # promises 100 KB, sends 1 KB, then drops the connection
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            if method == "GET":
                self.wfile.write(TAGGED[:1024])
                self.wfile.flush()
            self.close_connection = True
            try:
                import socket

                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        else:
            self._send(404, b"not found", method=method)

    def _partial(self, body: bytes, method: str):
        status, headers, part = ranged_pdf(body, self.headers.get("Range"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(part)))
        self.end_headers()
        if method == "GET":
            self.wfile.write(part)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default backlog of 5 drops bursts of connections (1 s SYN retries)

    def handle_error(self, request, client_address):  # a client that hangs up is not news here
        pass


class LinkServer:
    """Start with `with LinkServer() as server:`; `server.url("/doc.pdf")`; `server.hits`."""

    def __init__(self, slow_seconds: float = 3.0, honour_ranges: bool = True, handler=Handler, tls: bool = False):
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.scheme = "https" if tls else "http"
        if tls:  # tests/data/tls: a self-signed certificate for 127.0.0.1 and localhost, for tests only
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS_CERT, TLS_KEY)
            # The handshake happens in each connection's handler thread, not in the accept loop.
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True, do_handshake_on_connect=False)
        self.httpd.hits = Counter()
        self.httpd.lock = threading.Lock()
        self.httpd.slow_seconds = slow_seconds
        self.httpd.honour_ranges = honour_ranges
        self.httpd.route = lambda path: path
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def hits(self) -> Counter:
        return self.httpd.hits

    def url(self, path: str = "/") -> str:
        host, port = self.httpd.server_address[:2]
        return f"{self.scheme}://{host}:{port}{path}"

    def __enter__(self) -> "LinkServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
