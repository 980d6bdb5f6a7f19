"""A real HTTP/2 server over TLS on 127.0.0.1 for the link checker's tests (never a mock).

Written with the `h2` library and the standard library: one thread accepts, one thread per
connection runs the TLS handshake and an h2 state machine, so no lock is needed around a
connection (only around the shared counters). The certificate is tests/data/tls's, valid for
127.0.0.1 and localhost; a client trusts it through SSL_CERT_FILE.

ALPN offers "h2" and "http/1.1". A client that negotiates h2 is served over HTTP/2: many
concurrent streams per connection, several connections, flow control both ways (received
DATA is acknowledged; bodies are sent no faster than the client's stream and connection
windows and its frame size allow, waiting for WINDOW_UPDATE when a window is spent). A client
that negotiates http/1.1, or no ALPN at all, gets a minimal `HTTP/1.1 505 HTTP Version Not
Supported` and the connection is closed: these tests are about HTTP/2, and a client that
falls back to HTTP/1.1 should show up as a failure (and in `protocols`), not pass unnoticed.

Routes, for HEAD and GET (HEAD answers the same headers without the body); "/b/<anything>"
before a route serves the same route under a distinct path, for tests that need many URLs:
    /ok             200 text/html
    /missing        404
    /gone           410
    /doc.pdf        200 application/pdf, tagged            (206 for `Range: bytes=N-M`)
    /untagged.pdf   200 application/pdf, untagged, no text (206 for a range)
    /big.pdf        200 application/pdf, about 300 KB      (206 for a range)
    /moved          301 to /ok
    /soft.pdf       200 text/html: a "not found" page served for a .pdf
    /nohead         HEAD 405, GET 200 text/html
Anything else is 404. `H2Server(honour_ranges=False)` ignores Range and sends whole PDFs,
as many servers do.

Every request is counted by (method, path) in `hits` and by protocol in `protocols`;
`connections` counts accepted connections. Client hang-ups are not news (no traceback);
anything else that goes wrong in the server (a bug here, or a client breaking the HTTP/2
protocol) is kept in `errors`, which tests can assert is empty.
"""

from __future__ import annotations

import functools
import re
import selectors
import socket
import ssl
import threading
from collections import Counter
from urllib.parse import urlsplit

import h2.config
import h2.connection
import h2.events
import h2.exceptions

from linkserver import BIG, RANGE, HTML, SOFT_404, TAGGED, TLS_CERT, TLS_KEY, UNTAGGED, ranged_pdf

# A stalled client must not keep a connection thread (and so the server's shutdown) waiting forever.
IO_TIMEOUT = 5.0

_SPREAD = re.compile(r"/b/[^/]+(/.*)")
_PDFS = {"/doc.pdf": TAGGED, "/untagged.pdf": UNTAGGED, "/big.pdf": BIG}


def route(method: str, path: str, range_header: str | None, honour_ranges: bool = True
          ) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) for a request; the body as a GET gets it (HEAD drops it later,
    so that both carry the same Content-Length)."""
    spread = _SPREAD.fullmatch(path)
    if spread:
        path = spread.group(1)
    html = {"content-type": "text/html; charset=utf-8"}
    text = {"content-type": "text/plain"}
    if path in _PDFS:
        body = _PDFS[path]
        if not (honour_ranges and RANGE.fullmatch(range_header or "")):
            return 200, {"content-type": "application/pdf"}, body
        status, headers, part = ranged_pdf(body, range_header)
        return status, {name.lower(): value for name, value in headers.items()}, part  # HTTP/2: lower-case names
    if path == "/ok":
        return 200, html, HTML
    if path == "/missing":
        return 404, text, b"not found"
    if path == "/gone":
        return 410, text, b"gone"
    if path == "/moved":
        return 301, {**text, "location": "/ok"}, b""
    if path == "/soft.pdf":
        return 200, html, SOFT_404
    if path == "/nohead":
        return (405, {**text, "allow": "GET"}, b"") if method == "HEAD" else (200, html, HTML)
    return 404, text, b"not found"


class H2Server:
    """Start with `with H2Server() as server:`; `server.url("/doc.pdf")`; `server.hits`,
    `server.protocols`, `server.connections`, `server.errors`."""

    def __init__(self, honour_ranges: bool = True):
        self.honour_ranges = honour_ranges
        self.hits: Counter = Counter()
        self.protocols: Counter = Counter()
        self.connections = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(TLS_CERT, TLS_KEY)
        self._context.minimum_version = ssl.TLSVersion.TLSv1_2  # RFC 9113 9.2: HTTP/2 needs TLS 1.2 or later
        self._context.options |= ssl.OP_NO_COMPRESSION
        self._context.set_alpn_protocols(["h2", "http/1.1"])
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=256)  # bursts of connections: no SYN retries
        self._listener.setblocking(False)
        # Written once on exit and never read: it stays readable, so it wakes every thread
        # that waits on a socket, however many, without a polling interval.
        self._wake_r, self._wake_w = socket.socketpair()
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept_loop, name="h2server-accept", daemon=True)

    def url(self, path: str = "/") -> str:
        host, port = self._listener.getsockname()[:2]
        return f"https://{host}:{port}{path}"

    def __enter__(self) -> "H2Server":
        self._accepting.start()
        return self

    def __exit__(self, *exc) -> None:
        self._wake_w.send(b"x")
        self._accepting.join()
        with self.lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(IO_TIMEOUT * 2)
        self._listener.close()
        self._wake_r.close()
        self._wake_w.close()

    # --- connections -------------------------------------------------------------------

    def _accept_loop(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._wake_r, selectors.EVENT_READ)
            while True:
                ready = {key.fileobj for key, _ in selector.select()}
                if self._wake_r in ready:
                    return
                try:
                    raw, _ = self._listener.accept()
                except (BlockingIOError, InterruptedError):
                    continue  # another wake-up took it, or the client gave up
                except OSError as exc:  # out of file descriptors, say: worth knowing, not worth a crash
                    self._error(exc)
                    continue
                thread = threading.Thread(target=self._connection, args=(raw,), name="h2server-connection", daemon=True)
                with self.lock:
                    self.connections += 1
                    self._threads = [t for t in self._threads if t.is_alive()] + [thread]
                thread.start()

    def _connection(self, raw: socket.socket) -> None:
        sock = None
        try:
            raw.setblocking(True)
            raw.settimeout(IO_TIMEOUT)
            # HTTP/2 writes many small frames (HEADERS, SETTINGS acks, WINDOW_UPDATE): Nagle's
            # algorithm against the peer's delayed ACKs would hold each for tens of milliseconds.
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            # The handshake runs here, not in the accept loop: a slow client holds up only itself.
            sock = self._context.wrap_socket(raw, server_side=True)
            with selectors.DefaultSelector() as selector:
                selector.register(sock, selectors.EVENT_READ)
                selector.register(self._wake_r, selectors.EVENT_READ)
                readable = functools.partial(self._readable, sock, selector)
                if sock.selected_alpn_protocol() == "h2":
                    self._serve_h2(sock, readable)
                else:
                    self._serve_http1(sock, readable)
        except OSError:  # a hang-up, a reset, a TLS alert (a client that does not trust the certificate)
            pass
        except Exception as exc:  # noqa: BLE001 - kept for the test to see, not printed
            self._error(exc)
        finally:
            if sock is not None:
                sock.close()
            raw.close()  # wrap_socket detached it when it succeeded: then this does nothing

    def _error(self, exc: BaseException) -> None:
        with self.lock:
            self.errors.append(f"{type(exc).__name__}: {exc}")

    def _readable(self, sock: ssl.SSLSocket, selector: selectors.BaseSelector) -> bool:
        """Wait until the socket has something to read; False when the server is stopping."""
        if sock.pending():  # decrypted bytes already buffered by TLS: the kernel would not say so
            return True
        ready = {key.fileobj for key, _ in selector.select()}
        return self._wake_r not in ready

    def _count(self, method: str, target: str, protocol: str) -> str:
        path = urlsplit(target).path
        with self.lock:
            self.hits[(method, path)] += 1
            self.protocols[protocol] += 1
        return path

    # --- HTTP/1.1: refused ---------------------------------------------------------------

    def _serve_http1(self, sock: ssl.SSLSocket, readable) -> None:
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            if not readable():
                return
            chunk = sock.recv(65536)
            if not chunk:
                return
            data += chunk
        parts = data.split(b"\r\n", 1)[0].decode("latin-1").split()
        if len(parts) >= 2:
            self._count(parts[0], parts[1], "http/1.1")
        body = b"This server speaks HTTP/2 only.\n"
        sock.sendall(b"HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)

    # --- HTTP/2 --------------------------------------------------------------------------

    def _serve_h2(self, sock: ssl.SSLSocket, readable) -> None:
        conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
        conn.initiate_connection()
        sock.sendall(conn.data_to_send())
        requests: dict[int, dict[str, str]] = {}  # stream -> request headers, until the request ends
        sending: dict[int, bytes] = {}  # stream -> the part of its body the windows have not let out yet
        while True:
            self._send_bodies(conn, sending)
            out = conn.data_to_send()
            if out:
                sock.sendall(out)
            if not readable():  # stopping: tell the client, as far as it still listens
                try:
                    conn.close_connection()
                except h2.exceptions.ProtocolError:  # the connection was closed already
                    return
                sock.sendall(conn.data_to_send())
                return
            data = sock.recv(65536)
            if not data:
                return
            try:
                events = conn.receive_data(data)
            except h2.exceptions.ProtocolError:
                sock.sendall(conn.data_to_send())  # the GOAWAY h2 queued says why
                raise
            for event in events:
                if isinstance(event, h2.events.RequestReceived):
                    requests[event.stream_id] = dict(event.headers)
                elif isinstance(event, h2.events.DataReceived):
                    # Request bodies are not used, but unacknowledged bytes would shrink the
                    # client's windows for good and stall its later requests.
                    conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, h2.events.StreamEnded):
                    headers = requests.pop(event.stream_id, None)
                    if headers is not None:
                        self._answer(conn, event.stream_id, headers, sending)
                elif isinstance(event, h2.events.StreamReset):
                    requests.pop(event.stream_id, None)
                    sending.pop(event.stream_id, None)
                elif isinstance(event, h2.events.ConnectionTerminated):
                    sock.sendall(conn.data_to_send())
                    return

    def _answer(self, conn: h2.connection.H2Connection, stream_id: int, request: dict[str, str],
                sending: dict[int, bytes]) -> None:
        method = request.get(":method", "")
        path = self._count(method, request.get(":path", "/"), "h2")
        status, headers, body = route(method, path, request.get("range"), self.honour_ranges)
        response = [(":status", str(status)), *headers.items(), ("content-length", str(len(body))),
                    ("server", "h2server")]
        if method == "HEAD" or not body:
            conn.send_headers(stream_id, response, end_stream=True)
        else:
            conn.send_headers(stream_id, response)
            sending[stream_id] = body

    @staticmethod
    def _send_bodies(conn: h2.connection.H2Connection, sending: dict[int, bytes]) -> None:
        """As much of each pending body as the windows and the frame size allow; the rest
        waits for the client's WINDOW_UPDATE frames (the loop reads them, then comes back)."""
        for stream_id in list(sending):
            body = sending[stream_id]
            try:
                while body:
                    size = min(conn.local_flow_control_window(stream_id), conn.max_outbound_frame_size, len(body))
                    if size <= 0:
                        break
                    conn.send_data(stream_id, body[:size], end_stream=size == len(body))
                    body = body[size:]
            except h2.exceptions.NoSuchStreamError:  # the client reset or closed the stream: nobody reads the rest
                body = b""
            if body:
                sending[stream_id] = body
            else:
                del sending[stream_id]
