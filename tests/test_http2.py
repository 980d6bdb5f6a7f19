"""The link checker over HTTP/2: a real h2 server over TLS on 127.0.0.1 (tests/h2server.py), no mocks.

Most https sites answer over HTTP/2 when the client offers it, and the checker does (httpx
with h2). These tests pin down that the same outcomes and findings come back as over
HTTP/1.1 (tests/test_links.py), that the requests really went over h2, that a body larger
than HTTP/2's initial flow-control window is read whole, and that many URLs at once are
each asked once.
"""

import gc
import http.client
import json
import re
import socket
import ssl
import threading
from urllib.parse import urlsplit

import h2.config
import h2.connection
import h2.events
import pytest

from auditor.linkcheck import LinkChecker, LinkSettings
from conftest import AS_OF_ARG, run_cli
from h2server import H2Server
from linkserver import BIG, SOFT_404, TAGGED, TLS_CERT, UNTAGGED

# Short limits: a hang or a stall fails a test in seconds, not after the 10 s defaults.
FAST = dict(timeout=2.0, url_budget=3.0, retries=1, backoff=0.05)

FAST_CONFIG = """
[links]
timeout = 2.0
url-budget = 3.0
backoff = 0.05
retries = 1
cache-path = "{cache}"
"""


@pytest.fixture
def server(monkeypatch):
    # The certificate as httpx reads trust from the environment, as tests/test_links.py does.
    monkeypatch.setenv("SSL_CERT_FILE", TLS_CERT)
    with H2Server() as srv:
        yield srv
    # A socket the client leaked is reported (ResourceWarning) against the test that leaked
    # it, not against whichever later test the garbage collector happens to run in.
    gc.collect()
    # Shut down means shut down: a lingering thread would outlive the test and mix with the next.
    assert not [t for t in threading.enumerate() if t.name.startswith("h2server")]
    assert srv.errors == []


def _check(targets: dict[str, str], **settings):
    """{url: needs} -> {url: Outcome}, through the checker's public entry point, nothing cached."""
    checker = LinkChecker(LinkSettings(cache=False, **{**FAST, **settings}), use_cache=False)
    return {url: outcome for (url, _), outcome in checker.check({(u, False): n for u, n in targets.items()}).items()}


def test_each_route_gives_the_outcome_it_gives_over_http1(server):
    u = server.url
    out = _check({u("/ok"): "status", u("/missing"): "status", u("/gone"): "status", u("/moved"): "status",
                  u("/nohead"): "status", u("/doc.pdf"): "magic", u("/soft.pdf"): "magic",
                  u("/untagged.pdf"): "body", u("/b/whole/doc.pdf"): "body"})

    ok = out[u("/ok")]
    assert (ok.status, ok.error, ok.unverified, ok.attempts, ok.final_url) == (200, None, None, 1, u("/ok"))
    assert ok.ok and ok.content_type.startswith("text/html")
    assert out[u("/missing")].status == 404 and out[u("/missing")].broken
    assert out[u("/gone")].status == 410 and out[u("/gone")].broken

    moved = out[u("/moved")]
    assert (moved.status, moved.redirects, moved.final_url) == (200, [(301, u("/ok"))], u("/ok"))
    assert moved.permanent_redirect == u("/ok")

    nohead = out[u("/nohead")]
    assert (nohead.status, nohead.error, nohead.unverified) == (200, None, None)

    # The PDF magic comes from a ranged GET: 206, its size from the Content-Range total.
    magic = out[u("/doc.pdf")]
    assert (magic.status, magic.size, magic.head, magic.pdf) == (200, len(TAGGED), TAGGED, None)
    assert magic.content_type == "application/pdf" and magic.is_pdf

    soft = out[u("/soft.pdf")]
    assert soft.status == 200 and soft.content_type.startswith("text/html")
    assert soft.head == SOFT_404 and not soft.is_pdf

    untagged = out[u("/untagged.pdf")]
    assert untagged.size == len(UNTAGGED)
    assert untagged.pdf["tagged"] is False and untagged.pdf["text"] is False and untagged.pdf["error"] is None
    tagged = out[u("/b/whole/doc.pdf")]
    assert (tagged.pdf["tagged"], tagged.pdf["lang"], tagged.pdf["title"]) == (True, "en-US", "Annual report")

    # Every request the checker should make, once: a HEAD for a status, a GET for the
    # rest, a GET after a refused HEAD, and the redirect's target.
    assert server.hits == {
        ("HEAD", "/ok"): 2, ("HEAD", "/missing"): 1, ("HEAD", "/gone"): 1, ("HEAD", "/moved"): 1,
        ("HEAD", "/nohead"): 1, ("GET", "/nohead"): 1, ("GET", "/doc.pdf"): 1, ("GET", "/soft.pdf"): 1,
        ("GET", "/untagged.pdf"): 1, ("GET", "/b/whole/doc.pdf"): 1,
    }
    assert server.protocols == {"h2": sum(server.hits.values())}


def test_a_300_kb_pdf_is_read_whole_over_http2(server):
    # 300 KB is well past HTTP/2's initial 64 KB window: the body arrives in many DATA frames
    # under flow control, several such bodies at once on the same connection(s).
    u = server.url
    whole = [u("/big.pdf")] + [u(f"/b/{i}/big.pdf") for i in range(3)]
    out = _check({**{url: "body" for url in whole}, u("/b/magic/big.pdf"): "magic"})
    for url in whole:
        big = out[url]
        assert (big.status, big.error, big.unverified, big.too_large) == (200, None, None, False), url
        assert big.size == len(BIG) and big.head == BIG[:1024]
        assert big.pdf["tagged"] is True and big.pdf["error"] is None and big.pdf["text"] is True
    magic = out[u("/b/magic/big.pdf")]  # the first kilobyte only, yet the whole size
    assert (magic.size, magic.head, magic.pdf) == (len(BIG), BIG[:1024], None)
    assert server.hits == {("GET", "/big.pdf"): 1, **{("GET", f"/b/{i}/big.pdf"): 1 for i in range(3)},
                           ("GET", "/b/magic/big.pdf"): 1}
    assert server.protocols == {"h2": 5}


def _many(server, n=60):
    # per_host as high as the URLs: all of them in flight at once, as many streams as URLs.
    urls = [server.url(f"/b/{i}/ok") for i in range(n)]
    return urls, _check({url: "status" for url in urls}, per_host=64, concurrency=64)


def test_sixty_urls_at_once_are_each_asked_once(server):
    urls, out = _many(server)
    assert [(out[url].status, out[url].error, out[url].attempts) for url in urls] == [(200, None, 1)] * len(urls)
    assert server.hits == {("HEAD", f"/b/{i}/ok"): 1 for i in range(len(urls))}
    assert server.protocols == {"h2": len(urls)}


def test_sixty_urls_at_once_share_one_connection(server):
    # RFC 9113 9.1: one HTTP/2 connection per origin; its streams carry the concurrency. Requests
    # that start together must wait for the first one's connection rather than each open one.
    _many(server)
    assert server.connections == 1


def test_two_checkers_at_once_on_connections_of_their_own(server):
    # Two runs at once, each with its own event loop and client: the server serves several
    # connections side by side, large bodies included.
    results = {}

    def run(who):
        targets = {server.url(f"/b/{who}{i}/ok"): "status" for i in range(20)}
        targets[server.url(f"/b/{who}/big.pdf")] = "body"
        results[who] = _check(targets)

    threads = [threading.Thread(target=run, args=(who,)) for who in "xy"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["x", "y"]
    for outcomes in results.values():
        assert all(o.ok and o.attempts == 1 for o in outcomes.values())
        assert [o.size for url, o in outcomes.items() if url.endswith("big.pdf")] == [len(BIG)]
    assert server.connections >= 2
    assert sum(server.hits.values()) == 42 and set(server.hits.values()) == {1}
    assert server.protocols == {"h2": 42}


def test_bodies_left_unread_do_not_stall_the_connection(monkeypatch):
    # A server that ignores Range sends each whole 300 KB PDF; the checker reads the first
    # kilobyte and closes the response. httpcore's HTTP/2 connection drops the rest without
    # acknowledging it or resetting the stream (encode/httpcore#943): about 56 of those use up
    # the 16 MB connection window it grants, and every later body on the connection would stall
    # (reported as "unverified"). The checker counts what it left unread and moves to new
    # connections before that.
    monkeypatch.setenv("SSL_CERT_FILE", TLS_CERT)
    with H2Server(honour_ranges=False) as srv:
        urls = [srv.url(f"/b/{i}/big.pdf") for i in range(80)]
        out = _check({url: "magic" for url in urls}, timeout=0.5, url_budget=1.0, retries=0)
    assert [(out[url].status, out[url].unverified) for url in urls] == [(200, None)] * len(urls)
    assert all(out[url].head == BIG[:1024] for url in urls)
    assert srv.connections > 1
    assert srv.errors == [] and srv.protocols == {"h2": len(urls)}


def test_a_certificate_the_checker_does_not_trust_is_a_broken_link(server, monkeypatch):
    # The handshake fails on the client's side; the server sees a client hang up, which is
    # not an error there (the fixture checks) and prints nothing.
    monkeypatch.delenv("SSL_CERT_FILE")
    (outcome,) = _check({server.url("/ok"): "status"}, retries=0).values()
    assert outcome.broken and outcome.error.startswith("TLS error") and "certificate" in outcome.error.lower()
    assert server.hits == {}


def _config(tmp_path):
    path = tmp_path / "auditor.toml"
    path.write_text(FAST_CONFIG.format(cache=(tmp_path / "cache" / "links.sqlite").as_posix()))
    return str(path)


def test_the_link_rules_over_http2_end_to_end(tmp_path, server):
    u = server.url
    body = f"""
    <ul>
      <li><a href="{u('/ok')}">A page</a></li>
      <li><a href="{u('/missing')}">Missing</a></li>
      <li><a href="{u('/gone')}">Gone</a></li>
      <li><a href="{u('/moved')}">Moved</a></li>
      <li><a href="{u('/nohead')}">No HEAD</a></li>
      <li><a href="{u('/doc.pdf')}">Report (PDF, 1 KB)</a></li>
      <li><a href="{u('/untagged.pdf')}">Scan (PDF, 1 KB)</a></li>
      <li><a href="{u('/soft.pdf')}">Soft 404 (PDF, 1 KB)</a></li>
    </ul>"""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<!doctype html><html lang="en"><title>t</title><body>{body}</body></html>')
    result = run_cli("check", "--format", "json", "--jobs", "1", "--config", _config(tmp_path), "--select", "links,pdf",
                     "--no-cache", "--allow-private", *AS_OF_ARG, str(site))
    report = json.loads(result.stdout)

    found: dict[str, list[tuple[str, str]]] = {}
    for finding in report["findings"]:
        href = re.search(r'href="([^"]*)"', finding["snippet"]).group(1)
        found.setdefault(href.split(server.url(""), 1)[-1], []).append((finding["rule"], finding["message"]))
    rules = {path: sorted(rule for rule, _ in items) for path, items in found.items()}
    assert rules == {"/missing": ["link-broken"], "/gone": ["link-broken"], "/moved": ["link-redirect"],
                     "/soft.pdf": ["pdf-link-not-pdf"], "/untagged.pdf": ["pdf-inaccessible"]}
    assert "HTTP 404" in found["/missing"][0][1] and "HTTP 410" in found["/gone"][0][1]
    assert found["/moved"][0][1].endswith(f"(HTTP 301) to {u('/ok')}; update the link")
    assert "text/html" in found["/soft.pdf"][0][1]
    assert "not tagged" in found["/untagged.pdf"][0][1] and "no text layer" in found["/untagged.pdf"][0][1]

    # Each link once (the PDFs read whole for pdf-inaccessible, so a plain GET each), over h2 only.
    assert server.hits == {
        ("HEAD", "/ok"): 2, ("HEAD", "/missing"): 1, ("HEAD", "/gone"): 1, ("HEAD", "/moved"): 1,
        ("HEAD", "/nohead"): 1, ("GET", "/nohead"): 1, ("GET", "/doc.pdf"): 1, ("GET", "/untagged.pdf"): 1,
        ("GET", "/soft.pdf"): 1,
    }
    assert server.protocols["h2"] == sum(server.hits.values()) and server.protocols["http/1.1"] == 0


# --- the server itself: what the checker's client never makes it do ------------------------

def _address(server) -> tuple[str, int]:
    parts = urlsplit(server.url())
    return parts.hostname, parts.port


def _tls(alpn: list[str]) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=TLS_CERT)
    context.set_alpn_protocols(alpn)
    return context


def test_the_server_keeps_to_a_small_flow_control_window(server):
    # httpx/httpcore opens a 16 MB window on every stream, so the server never has to wait for
    # it there. h2's own client keeps the 65,535-byte default windows, for the connection as
    # for each stream, and raises FlowControlError on any byte beyond them: three 300 KB
    # bodies at once on one connection only arrive if the server waits for WINDOW_UPDATEs.
    host, port = _address(server)
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
    conn.initiate_connection()
    paths = {1: "/big.pdf", 3: "/b/1/big.pdf", 5: "/b/2/big.pdf", 7: "/big.pdf"}
    for stream_id, path in paths.items():
        method = "HEAD" if stream_id == 7 else "GET"
        conn.send_headers(stream_id, [(":method", method), (":scheme", "https"), (":authority", f"{host}:{port}"),
                                      (":path", path)], end_stream=True)
    bodies = {stream_id: b"" for stream_id in paths}
    headers, ended = {}, set()
    with socket.create_connection((host, port), timeout=5) as raw, \
            _tls(["h2"]).wrap_socket(raw, server_hostname=host) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # the WINDOW_UPDATEs go at once
        assert sock.selected_alpn_protocol() == "h2"
        sock.sendall(conn.data_to_send())
        while ended != set(paths):
            data = sock.recv(65536)
            assert data, "the server closed the connection"
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.ResponseReceived):
                    headers[event.stream_id] = dict(event.headers)
                elif isinstance(event, h2.events.DataReceived):
                    bodies[event.stream_id] += event.data
                    conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, h2.events.StreamEnded):
                    ended.add(event.stream_id)
            sock.sendall(conn.data_to_send())  # the WINDOW_UPDATEs the acknowledgements made
        conn.close_connection()
        sock.sendall(conn.data_to_send())
    assert [bodies[s] == BIG for s in (1, 3, 5)] == [True] * 3 and bodies[7] == b""
    assert {headers[s]["content-length"] for s in paths} == {str(len(BIG))}
    assert server.protocols == {"h2": 4}


def test_a_client_that_does_not_offer_h2_is_told_so(server):
    # The documented fallback: HTTP/1.1 gets 505 and a closed connection, and is counted.
    host, port = _address(server)
    connection = http.client.HTTPSConnection(host, port, context=_tls(["http/1.1"]), timeout=5)
    try:
        connection.request("GET", "/ok")
        response = connection.getresponse()
        assert response.status == 505 and response.read()
    finally:
        connection.close()
    assert server.hits == {("GET", "/ok"): 1} and server.protocols == {"http/1.1": 1}
