"""The checker is not a way into the auditing machine's network (SSRF), and never reads
files through a redirect."""

import asyncio
import http.server
import json
import threading

import pytest

from auditor.addresses import is_private_host
from auditor.linkcheck import LinkSettings, Policy
from conftest import AS_OF_ARG, run_cli

ADDRESSES = {"www.example.gov": ["93.184.216.34"], "intranet.example.gov": ["10.1.2.3"],
             "metadata.example": ["169.254.169.254"], "mixed.example": ["93.184.216.34", "192.168.0.9"]}


async def fake_resolve(host):
    return ADDRESSES.get(host, [])


def refuse(source, target, allow=False):
    policy = Policy(LinkSettings(allow_private=allow), resolve=fake_resolve)
    return asyncio.run(policy.refuse_redirect(source, target))


@pytest.mark.parametrize("target", [
    "http://intranet.example.gov/admin", "http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/", "http://metadata.example/", "http://mixed.example/",
    "http://[::ffff:10.0.0.1]/", "http://0.0.0.0/",
])
def test_a_public_host_cannot_redirect_into_a_private_network(target):
    assert "public host to a private address" in refuse("https://www.example.gov/report.pdf", target)
    assert refuse("https://www.example.gov/report.pdf", target, allow=True) is None


@pytest.mark.parametrize("source, target", [
    ("https://www.example.gov/a", "https://www.example.gov/b"),  # public to public
    ("http://intranet.example.gov/a", "http://10.9.9.9/b"),  # an intranet page's own links
    ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b"),
    ("https://www.example.gov/a", "https://unresolvable.example/b"),  # fails on its own, not private
])
def test_other_redirects_are_followed(source, target):
    assert refuse(source, target) is None


def test_private_host_classification():
    assert asyncio.run(is_private_host("LOCALHOST"))
    assert asyncio.run(is_private_host("fd00::1"))
    assert not asyncio.run(is_private_host("8.8.8.8"))


class Redirects(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd" if self.path == "/to-file" else "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def test_a_redirect_to_a_file_url_is_never_followed(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirects)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    (tmp_path / "page.html").write_text(f'<html lang=en><title>t</title><a href="{base}/to-file">secret</a></html>')
    try:
        result = run_cli("check", *AS_OF_ARG, "--no-cache", "--select", "links", "-f", "json", str(tmp_path / "page.html"))
    finally:
        server.shutdown()
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "link-unverified" and "file:///etc/passwd" in finding["message"]
    assert "root:" not in result.stdout
