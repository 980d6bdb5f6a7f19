"""Link and PDF checks against a real HTTP server on 127.0.0.1 (tests/linkserver.py); no mocks."""

import json
import re
import time

import pytest

from auditor.deferred import Outcome
from auditor.linkcheck import LinkChecker, LinkSettings, _retry_after, parse_settings
from conftest import AS_OF_ARG, run_cli
from linkserver import BIG, LinkServer, make_pdf
from auditor.pdf_rules import label_context, stated_size
from auditor.rules.pdf.pdf_size_mismatch import size_range

FAST = """
[links]
timeout = 1.0
url-budget = 1.5
backoff = 0.05
retries = 2
retry-after-cap = 2.0
cache-path = "{cache}"
"""


@pytest.fixture(scope="module")
def server():
    with LinkServer(slow_seconds=3.0) as srv:
        yield srv


def _config(tmp_path, extra=""):
    path = tmp_path / "auditor.toml"
    path.write_text(FAST.format(cache=(tmp_path / "cache" / "links.sqlite").as_posix()) + extra)
    return str(path)


def _run(tmp_path, pages: dict[str, str], *args, extra="", select="links,pdf"):
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    for name, body in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f'<!doctype html><html lang="en"><title>t</title><body>{body}</body></html>')
    result = run_cli("check", "--format", "json", "--jobs", "1", "--config", _config(tmp_path, extra),
                     "--select", select, *AS_OF_ARG, *args, str(site))
    return json.loads(result.stdout)


def _by_link(report) -> dict[str, list[tuple[str, str]]]:
    """path of the linked URL -> [(rule, message)]"""
    found: dict[str, list] = {}
    for f in report["findings"]:
        href = re.search(r'(?:href|src)="([^"]*)"', f["snippet"]).group(1)
        key = href.split("127.0.0.1:", 1)[-1].split("/", 1)[-1] if "127.0.0.1" in href else href
        found.setdefault("/" + key.lstrip("/"), []).append((f["rule"], f["message"]))
    return found


def test_every_case_against_a_real_server(tmp_path, server):
    u = server.url
    body = f"""
    <ul>
      <li><a href="{u('/doc.pdf')}">Report (PDF, 1 KB)</a></li>
      <li><a href="{u('/missing.pdf')}">Missing (PDF, 1 KB)</a></li>
      <li><a href="{u('/gone.html')}">Gone</a></li>
      <li><a href="{u('/flaky')}">Flaky</a></li>
      <li><a href="{u('/limited')}">Limited</a></li>
      <li><a href="{u('/limited-forever')}">Always limited</a></li>
      <li><a href="{u('/nohead')}">No HEAD</a></li>
      <li><a href="{u('/moved')}">Moved</a></li>
      <li><a href="{u('/temporary')}">Temporary</a></li>
      <li><a href="{u('/loop-a')}">Loop</a></li>
      <li><a href="{u('/soft404.pdf')}">Soft 404 (PDF, 1 KB)</a></li>
      <li><a href="{u('/slow')}">Slow</a></li>
      <li><a href="{u('/reset.pdf')}">Reset (PDF, 98 KB)</a></li>
      <li><a href="{u('/big.pdf')}">Big</a> (PDF, 50 KB)</li>
      <li><a href="{u('/untagged.pdf')}">Scan (PDF, 1 KB)</a></li>
      <li><a href="{u('/tagged.pdf')}">Tagged (PDF, 1 KB)</a></li>
      <li><a href="{u('/nope')}">Nothing</a> <img src="{u('/missing.html')}" alt="x"></li>
    </ul>"""
    started = time.monotonic()
    report = _run(tmp_path, {"index.html": body}, "--no-cache")
    found = _by_link(report)
    rules = {k: sorted(r for r, _ in v) for k, v in found.items()}
    assert "/doc.pdf" not in found and "/tagged.pdf" not in found
    assert rules["/missing.pdf"] == ["pdf-link-broken"] and "HTTP 404" in found["/missing.pdf"][0][1]
    assert rules["/gone.html"] == ["link-broken"] and "HTTP 410" in found["/gone.html"][0][1]
    assert "/flaky" not in found and server.hits[("HEAD", "/flaky")] == 2  # 500, then 200
    assert "/limited" not in found and server.hits[("HEAD", "/limited")] == 2  # 429 + Retry-After, then 200
    assert rules["/limited-forever"] == ["link-unverified"] and "429" in found["/limited-forever"][0][1]
    assert "/nohead" not in found and server.hits[("HEAD", "/nohead")] == 1 and server.hits[("GET", "/nohead")] == 1
    assert rules["/moved"] == ["link-redirect"] and found["/moved"][0][1].endswith(
        f"to {u('/page.html')} after 2 redirects; update the link")
    assert "/temporary" not in found
    assert rules["/loop-a"] == ["link-broken"] and "redirect loop" in found["/loop-a"][0][1]
    assert rules["/soft404.pdf"] == ["pdf-link-not-pdf"] and "text/html" in found["/soft404.pdf"][0][1]
    assert rules["/slow"] == ["link-broken"] and "timed out" in found["/slow"][0][1]
    assert rules["/reset.pdf"] == ["pdf-link-broken"] and "RemoteProtocolError" in found["/reset.pdf"][0][1]
    assert rules["/big.pdf"] == ["pdf-size-mismatch"] and f"{len(BIG):,} bytes" in found["/big.pdf"][0][1]
    assert rules["/untagged.pdf"] == ["pdf-inaccessible"]
    assert "not tagged" in found["/untagged.pdf"][0][1] and "no text layer" in found["/untagged.pdf"][0][1]
    assert rules["/nope"] == ["link-broken"] and rules["/missing.html"] == ["link-broken"]
    assert "1 attempt" in found["/nope"][0][1]
    assert time.monotonic() - started < 15


def test_each_url_once_and_no_more_requests_than_needed(tmp_path, server):
    u = server.url
    before = server.hits.copy()
    pages = {f"p{i}.html": f'<a href="{u("/ok/once")}#a{i}">x</a> <a href="{u("/ok/once")}">y</a>'
                           f'<a href="{u("/doc.pdf")}">Report (PDF, 1 KB)</a>' for i in range(5)}
    pages["q.html"] = f'<a href="{u("/ok/twice")}">z</a>'
    report = _run(tmp_path, pages, "--no-cache", "--ignore", "pdf-inaccessible")
    assert report["findings"] == []
    made = server.hits - before
    # One HEAD per unique URL whatever the fragments; a PDF needs its first bytes (the
    # magic): one ranged GET and no HEAD before it.
    assert made == {("HEAD", "/ok/once"): 1, ("HEAD", "/ok/twice"): 1, ("GET", "/doc.pdf"): 1}


def test_cache_makes_the_second_run_free_and_no_cache_rechecks(tmp_path, server):
    u = server.url
    pages = {"a.html": f'<a href="{u("/ok/cached")}">a</a> <a href="{u("/missing.pdf?c=1")}">m (PDF, 1 KB)</a>'}
    first = _run(tmp_path, pages)
    hits = server.hits[("HEAD", "/ok/cached")]
    second = _run(tmp_path, pages)
    assert server.hits[("HEAD", "/ok/cached")] == hits == 1  # answered from the cache
    assert [f["rule"] for f in first["findings"]] == ["pdf-link-broken"]
    assert second["findings"] == first["findings"]  # a warm run reports the same bytes as a cold one
    _run(tmp_path, pages, "--no-cache")
    assert server.hits[("HEAD", "/ok/cached")] == 2
    assert (tmp_path / "cache" / "links.sqlite").is_file()


def test_offline_checks_local_files_and_counts_the_rest(tmp_path, server):
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "ok.pdf").write_bytes(make_pdf(True))
    (site / "docs" / "fake.pdf").write_text("<html>Not found</html>")
    body = (f'<a href="{server.url("/gone.html")}">remote</a> <a href="docs/ok.pdf">ok (PDF, 1 KB)</a> '
            '<a href="docs/fake.pdf">fake (PDF, 1 KB)</a> <a href="docs/lost.pdf">lost (PDF, 1 KB)</a> '
            '<a href="other.html#here">fine</a> <a href="other.html#gone">no anchor</a> <a href="/abs/x.html">root</a>')
    pages = {"index.html": body, "other.html": '<p id="here">here</p>'}
    before = sum(server.hits.values())
    report = _run(tmp_path, pages, "--offline")
    assert sum(server.hits.values()) == before  # nothing reached the server
    found = _by_link(report)
    assert [r for r, _ in found["/docs/lost.pdf"]] == ["pdf-link-broken"]
    assert [r for r, _ in found["/docs/fake.pdf"]] == ["pdf-link-not-pdf"]
    assert [r for r, _ in found["/other.html#gone"]] == ["link-broken"]
    assert "/docs/ok.pdf" not in found and "/other.html#here" not in found
    assert report["summary"]["skipped_checks"] == 2  # the remote URL, and /abs/x.html with no site root


def test_a_malformed_url_is_a_broken_link_and_the_page_s_other_links_are_still_judged(tmp_path):
    # urllib refuses both; they used to crash the link rules on the page (a tool error, exit
    # 2) and take the page's other link findings with them.
    body = ('<a href="http://[::1/report">a</a> <a href="http://example.org:99999/">b</a> '
            '<a href="http://[::1/report.pdf">c (PDF, 1 KB)</a> <a href="missing.html">d</a>')
    report = _run(tmp_path, {"index.html": body}, "--offline", "--no-cache")
    assert report["summary"]["tool_errors"] == 0
    found = {re.search(r'href="([^"]*)"', f["snippet"]).group(1): (f["rule"], f["message"])
             for f in report["findings"] if f["rule"] != "pdf-link-label"}
    assert found["http://[::1/report"] == (
        "link-broken", "Link to http://[::1/report is broken: malformed URL: Invalid IPv6 URL; fix the address or remove the link")
    assert found["http://example.org:99999/"] == (
        "link-broken", "Link to http://example.org:99999/ is broken: malformed URL: Port out of range 0-65535; "
                       "fix the address or remove the link")
    assert found["http://[::1/report.pdf"][0] == "pdf-link-broken"
    assert "malformed URL: Invalid IPv6 URL" in found["http://[::1/report.pdf"][1]
    assert found["missing.html"][0] == "link-broken" and "no such file" in found["missing.html"][1]
    assert len(found) == 4


def test_root_relative_links_map_through_the_site_root(tmp_path):
    site = tmp_path / "site"
    (site / "abs").mkdir(parents=True)
    (site / "abs" / "x.html").write_text("<p>x</p>")
    extra = f'root = "{site.as_posix()}"\n'
    report = _run(tmp_path, {"index.html": '<a href="/abs/x.html">x</a> <a href="/abs/y.html">y</a>'}, "--offline", extra=extra)
    assert [(f["rule"], "y.html" in f["snippet"]) for f in report["findings"]] == [("link-broken", True)]
    assert report["summary"]["skipped_checks"] == 0


def test_suppressed_links_are_not_requested_unless_unused_suppression_must_know(tmp_path, server):
    # With unused-suppression on, a suppressed link is checked: only its outcome says
    # whether the directive still suppresses anything (tests/test_suppressions.py).
    body = (f'<!-- auditor-disable-next link-broken -- known dead --><a href="{server.url("/suppressed")}">x</a>'
            f'<a href="{server.url("/not-suppressed")}">y</a>')
    report = _run(tmp_path, {"index.html": body}, "--no-cache", select="link-broken")
    assert [f["rule"] for f in report["findings"]] == ["link-broken"]
    assert server.hits[("HEAD", "/suppressed")] == 0 and server.hits[("HEAD", "/not-suppressed")] == 1


def test_accept_exclude_and_headers_per_host(tmp_path, server, monkeypatch):
    monkeypatch.setenv("TEST_TOKEN", "sesame")
    extra = f"""
exclude = ["/private/"]
[links.accept]
"/gone\\\\.html" = [410]
[links.headers]
"127.0.0.1" = {{ "X-Token" = "$TEST_TOKEN" }}
"""
    u = server.url
    body = f'<a href="{u("/gone.html")}">g</a> <a href="{u("/private/x")}">p</a> <a href="{u("/auth")}">a</a>'
    report = _run(tmp_path, {"index.html": body}, "--no-cache", extra=extra)
    found = _by_link(report)
    assert list(found) == ["/private/x"] and found["/private/x"][0][0] == "link-unverified"
    assert "excluded by links.exclude" in found["/private/x"][0][1]
    assert server.hits[("HEAD", "/private/x")] == 0


def test_bad_links_config_is_a_usage_error(tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text("[links]\ntimeout = 'soon'\n")
    (tmp_path / "p.html").write_text("<p>x</p>")
    result = run_cli("check", "--config", str(config), str(tmp_path / "p.html"))
    assert result.exit_code == 2 and "links.timeout must be a number" in result.stderr
    config.write_text("[links]\ntimeout = 1\nspeed = 3\n")
    result = run_cli("check", "--config", str(config), str(tmp_path / "p.html"))
    assert result.exit_code == 2 and "links has no key 'speed'" in result.stderr
    with pytest.raises(ValueError, match="NOPE_NOT_SET"):
        parse_settings({"headers": {"h": {"Authorization": "$NOPE_NOT_SET"}}}, environ={})


def test_host_interval_spaces_requests(server):
    settings = LinkSettings(host_interval=0.2, cache=False, backoff=0.05)
    checker = LinkChecker(settings)
    started = time.monotonic()
    out = checker.check({(server.url(f"/ok/interval{i}"), False): "status" for i in range(4)})
    assert all(o.ok for o in out.values())
    assert time.monotonic() - started >= 0.6  # 4 starts, 0.2 s apart


def test_run_budget_makes_links_unverified_not_broken(server):
    settings = LinkSettings(run_budget=0.5, url_budget=5.0, timeout=5.0, cache=False)
    out = LinkChecker(settings).check({(server.url("/slow/budget"), False): "status"})
    outcome = next(iter(out.values()))
    assert outcome.unverified and "time budget" in outcome.unverified and not outcome.broken


def test_retry_after_seconds_and_dates():
    assert _retry_after("7") == 7.0
    assert 0 <= _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert _retry_after("soon") is None


@pytest.mark.parametrize("label, size, ok", [
    ("(2.5MB PDF)", 2_500_000, True), ("(2.5MB PDF)", 2_621_440, True), ("(2.5MB PDF)", 3_100_000, False),
    ("(525K PDF)", 537_600, True), ("(525K PDF)", 300_000, False), ("PDF, 310 KB", 317_000, True),
    ("(1MB PDF)", 1_400_000, True), ("(1MB PDF)", 2_600_000, False), ("1,234 bytes", 1_234, True),
    ("(PDF, 1.22 MB, 120 pages)", 1_280_000, True), ("(PDF, 1.22 MB, 120 pages)", 1_400_000, False),
])
def test_size_labels_and_rounding(label, size, ok):
    match = stated_size("", "", label)
    assert match is not None
    assert any(lo <= size <= hi for lo, hi in size_range(match)) is ok


def test_label_context_is_the_list_item_or_sentence():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup('<ul><li><img alt="PDF"> <a href="a.pdf">March 2006</a> (1MB PDF)</li>'
                         '<li><a href="b.pdf">B</a></li></ul><p>First one. See <a href="c.pdf">the plan</a> '
                         '(PDF, 2 MB). Unrelated 5 MB here.</p>', "html5lib")
    a, b, c = soup.find_all("a")
    assert label_context(a) == ("PDF", "March 2006", "(1MB PDF)")
    assert label_context(b) == ("", "B", "")
    assert label_context(c) == ("See", "the plan", "(PDF, 2 MB).")


def test_outcome_round_trips_through_the_cache_format():
    outcome = Outcome(url="http://x/", status=301, redirects=[(301, "http://y/")], head=b"%PDF-1.7", size=3)
    again = Outcome.from_dict(json.loads(json.dumps(outcome.to_dict())))
    assert again.redirects == outcome.redirects and again.head == outcome.head and again.size == 3


def test_connections_are_reused_across_requests_to_one_host():
    from auditor.deferred import LinkTarget
    from linkserver import Handler

    opened = []

    class Counting(Handler):
        def setup(self):  # once per connection the server accepts
            opened.append(1)
            super().setup()

    settings = LinkSettings(allow_private=True)
    with LinkServer(slow_seconds=0.0, handler=Counting) as srv:
        targets = [LinkTarget(srv.url(f"/ok/{i}"), False, "status", False) for i in range(30)]
        targets += [LinkTarget(srv.url(f"/missing.html?{i}"), False, "status", False) for i in range(30)]
        targets += [LinkTarget(srv.url(f"/doc.pdf?{i}"), False, "magic", False) for i in range(30)]
        outcomes = LinkChecker(settings, use_cache=False).check_requests(targets, audited={})
        requests = sum(srv.hits.values())
    assert [o.status for o in outcomes.values()] == [200] * 30 + [404] * 30 + [200] * 30
    assert requests == 90
    # At most per_host connections at once, each reused (HEAD answers and small bodies are
    # read through, so the pool keeps the connection): not one connection per request.
    assert len(opened) <= settings.per_host


def _checked(handler, paths, **settings):
    """(status, error, attempts) per path from a LinkChecker against a LinkServer with this handler."""
    from auditor.deferred import LinkTarget

    with LinkServer(slow_seconds=0.0, handler=handler) as srv:
        targets = [LinkTarget(srv.url(p), False, "status", False) for p in paths]
        outcomes = LinkChecker(LinkSettings(allow_private=True, **settings), use_cache=False).check_requests(targets, audited={})
    return [(o.status, o.error, o.attempts) for o in outcomes.values()]


def test_a_connection_the_server_closed_while_idle_is_not_reused():
    from linkserver import Handler

    class ClosesIdle(Handler):
        timeout = 0.1  # the server drops a keep-alive connection idle this long

    # One connection at a time, requests 0.3 s apart: each finds the last connection closed
    # and opens another, rather than failing on the closed one and needing a second attempt.
    assert _checked(ClosesIdle, [f"/ok/{i}" for i in range(4)], per_host=1, host_interval=0.3) == [(200, None, 1)] * 4


def test_a_request_the_server_drops_on_a_kept_alive_connection_is_sent_again_at_once():
    from linkserver import Handler

    class DropsSecond(Handler):
        """Reads a connection's second request and closes it unanswered: what a server does
        when its keep-alive timer fires just as the request arrives."""

        def setup(self):
            super().setup()
            self.served = 0

        def handle_one_request(self):
            if self.served:
                self.rfile.readline(65537)
                self.close_connection = True
                return
            self.served += 1
            super().handle_one_request()

    # Nothing came back on a reused connection, so nothing was judged: the request goes out
    # again on a new connection within the same attempt, with no backoff and no error.
    assert _checked(DropsSecond, [f"/ok/{i}" for i in range(4)], per_host=1) == [(200, None, 1)] * 4


def test_a_body_that_arrives_in_parts_is_read_whole_on_a_connection_kept_for_the_next():
    # A body whose first part came with the headers and whose rest comes later is read whole,
    # and the connection then serves the next request.
    import time as _time

    from auditor.deferred import LinkTarget
    from linkserver import BIG, Handler

    opened = []

    class Split(Handler):
        def setup(self):
            opened.append(1)
            super().setup()

        def do_GET(self):
            if not self.path.startswith("/split.pdf"):
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(BIG)))
            self.end_headers()
            self.wfile.write(BIG[:600])
            self.wfile.flush()
            _time.sleep(0.2)
            self.wfile.write(BIG[600:])

    with LinkServer(slow_seconds=0.0, handler=Split) as srv:
        targets = [LinkTarget(srv.url("/ok/1"), False, "status", False),
                   LinkTarget(srv.url("/split.pdf"), False, "body", False),
                   LinkTarget(srv.url("/doc.pdf"), False, "body", False),
                   LinkTarget(srv.url("/missing.html"), False, "status", False)]
        outcomes = LinkChecker(LinkSettings(allow_private=True, per_host=1), use_cache=False).check_requests(targets, audited={})
    got = {key[0].rsplit("/", 1)[1]: o for key, o in outcomes.items()}
    assert got["split.pdf"].size == len(BIG) and got["split.pdf"].pdf["tagged"] is True
    assert got["doc.pdf"].pdf["tagged"] is True and got["doc.pdf"].status == 200
    assert (got["1"].status, got["missing.html"].status) == (200, 404)
    assert len(opened) == 1


def test_a_get_after_a_refused_head_is_the_same_attempt():
    from linkserver import Handler

    class RefusesHead(Handler):
        def _route(self, method):
            if self.path == "/gone-too":  # refuses HEAD; the GET says the page is gone
                self._send(405 if method == "HEAD" else 404, method=method)
            else:
                super()._route(method)

    # One attempt each, not two: the message would otherwise read as a retry.
    assert _checked(RefusesHead, ["/gone-too", "/nohead"]) == [(404, None, 1), (200, None, 1)]


def test_a_range_an_empty_file_cannot_satisfy_is_asked_again_without_it(server):
    # `Range: bytes=0-1023` of an empty file is 416; the plain GET that follows is the same attempt.
    before = server.hits.copy()
    out = LinkChecker(LinkSettings(allow_private=True), use_cache=False).check({(server.url("/empty.pdf"), False): "magic"})
    ((_, outcome),) = out.items()
    assert (outcome.status, outcome.error, outcome.attempts, outcome.head, outcome.size) == (200, None, 1, b"", 0)
    assert server.hits - before == {("GET", "/empty.pdf"): 2}


def test_cookies_a_server_sets_are_sent_back():
    from linkserver import Handler

    class Login(Handler):
        def _route(self, method):
            if self.path == "/login":  # sets a session, then sends the client where it is needed
                self._send(302, headers={"Set-Cookie": "session=1; Path=/", "Location": "/inside"}, method=method)
            elif self.path == "/inside":
                self._send(200 if "session=1" in (self.headers.get("Cookie") or "") else 403, method=method)
            else:
                super()._route(method)

    assert _checked(Login, ["/login"]) == [(200, None, 1)]


def test_proxies_from_the_environment_are_used(monkeypatch, server):
    from auditor.deferred import LinkTarget

    with LinkServer(slow_seconds=0.0) as proxy:  # answers a proxied request as if it were the origin
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url(""))
        target = LinkTarget(server.url("/ok/proxied"), False, "status", False)
        outcomes = LinkChecker(LinkSettings(allow_private=True), use_cache=False).check_requests([target], audited={})
        assert [o.status for o in outcomes.values()] == [200]
        assert proxy.hits[("HEAD", "/ok/proxied")] == 1 and server.hits[("HEAD", "/ok/proxied")] == 0


def test_a_host_is_resolved_once_for_the_redirect_check():
    import asyncio

    from auditor.addresses import system_resolver
    from auditor.linkcheck import Policy

    asked = []

    async def resolve(host):  # the system resolver, counting what it is asked
        asked.append(host)
        return await system_resolver(host)

    async def redirects():
        policy = Policy(LinkSettings(), resolve=resolve)
        return [await policy.refuse_redirect(f"http://public.invalid/{i}", f"http://localhost.invalid/{i}") for i in range(3)]

    # A name that does not resolve is not private (so the source is never asked about); three
    # redirects to it, one lookup.
    assert asyncio.run(redirects()) == [None] * 3
    assert asked == ["localhost.invalid"]


def test_many_hosts_through_a_pool_smaller_than_them():
    import contextlib

    from auditor.deferred import LinkTarget

    # Two connections for five hosts: each new host's request closes an idle connection to make room.
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(LinkServer(slow_seconds=0.0)) for _ in range(5)]
        targets = [LinkTarget(srv.url(path), False, "status", False)
                   for path in ("/ok/a", "/missing.html", "/ok/b") for srv in servers]
        outcomes = LinkChecker(LinkSettings(allow_private=True, concurrency=2), use_cache=False).check_requests(targets, audited={})
    assert [o.status for o in outcomes.values()] == [200] * 5 + [404] * 5 + [200] * 5
    assert all(o.attempts == 1 for o in outcomes.values())


def test_https_links_are_checked_over_tls_on_reused_connections(tmp_path, monkeypatch):
    # Most links on real sites are https: the same checks over TLS (the link checker wraps
    # the connection's stream, TLS included), the test's own certificate trusted through
    # SSL_CERT_FILE as httpx reads it, and connections reused as over plain http.
    from linkserver import TLS_CERT, Handler

    opened = []

    class Counting(Handler):
        def setup(self):
            opened.append(1)
            super().setup()

    monkeypatch.setenv("SSL_CERT_FILE", TLS_CERT)
    with LinkServer(slow_seconds=0.0, handler=Counting, tls=True) as srv:
        assert srv.url("/").startswith("https://127.0.0.1:")
        pages = {"index.html": "".join(f'<p><a href="{srv.url(p)}">{p} (PDF, 1 KB)</a></p>' for p in
                                       ("/doc.pdf", "/missing.pdf", "/untagged.pdf", "/moved", "/missing.html", "/ok/page"))}
        pages["index.html"] += "".join(f'<p><a href="{srv.url(f"/ok/{i}")}">page {i}</a></p>' for i in range(20))
        report = _run(tmp_path, pages, "--allow-private", extra='[rules.pdf-link-label]\nseverity = "notice"\n')
        requests = sum(srv.hits.values())
    found = _by_link(report)
    assert [r for r, _ in found.get("/missing.pdf", [])] == ["pdf-link-broken"]
    assert ("pdf-inaccessible" in [r for r, _ in found.get("/untagged.pdf", [])])
    assert [r for r, _ in found.get("/missing.html", [])] == ["link-broken"]
    assert [r for r, _ in found.get("/moved", [])] == ["link-redirect"]
    assert "/doc.pdf" not in found and "/ok/page" not in found and not any(k.startswith("/ok/") for k in found)
    assert len(opened) <= LinkSettings().per_host < requests  # 26 links and their redirects over a few connections


def test_a_certificate_the_checker_does_not_trust_is_a_broken_link(tmp_path, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with LinkServer(slow_seconds=0.0, tls=True) as srv:
        report = _run(tmp_path, {"index.html": f'<p><a href="{srv.url("/ok/page")}">a page</a></p>'}, "--allow-private")
    ((rule, message),) = _by_link(report)["/ok/page"]
    assert rule == "link-broken" and "certificate" in message.lower(), message


def test_a_machine_without_network_leaves_links_unverified_not_broken(tmp_path):
    # .invalid names never resolve (RFC 2606): with no server answering in the run, nothing
    # tells a dead host from a missing network, so the links could not be verified.
    body = '<a href="http://dead.invalid/a">a</a> <a href="https://gone.invalid/b.html">b</a>'
    report = _run(tmp_path, {"index.html": body}, "--no-cache")
    found = sorted((f["rule"], f["message"]) for f in report["findings"])
    assert [rule for rule, _ in found] == ["link-unverified", "link-unverified"]
    assert all("no network: no server answered in this run (DNS failure)" in message for _, message in found)


def test_a_dead_host_is_broken_when_another_host_answers(tmp_path, server):
    body = f'<a href="http://dead.invalid/a">a</a> <a href="{server.url("/ok/page")}">ok</a>'
    report = _run(tmp_path, {"index.html": body}, "--no-cache")
    found = [(f["rule"], f["message"]) for f in report["findings"]]
    assert len(found) == 1 and found[0][0] == "link-broken" and "DNS failure" in found[0][1]
