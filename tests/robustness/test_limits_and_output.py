"""A gzip bomb stops at the page size limit; an interrupted report leaves nothing half-written."""

import gzip
import http.server
import json
import threading

import pytest

from auditor.output import write_report
from conftest import AS_OF_ARG, run_cli

BOMB = gzip.compress(b"<p>" + b" " * (60 * 1024 * 1024), compresslevel=9)


class Bomb(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(BOMB)))
        self.end_headers()
        try:
            self.wfile.write(BOMB)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def test_a_gzip_bomb_is_stopped_at_the_decompressed_limit(tmp_path, monkeypatch):
    assert len(BOMB) < 200_000  # small on the wire, 60 MB once decompressed
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bomb)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (tmp_path / "auditor.toml").write_text("max-page-bytes = 5_000_000\n")
    monkeypatch.chdir(tmp_path)
    try:
        result = run_cli("check", *AS_OF_ARG, "--no-cache", "-f", "json", f"http://127.0.0.1:{server.server_port}/bomb.html")
    finally:
        server.shutdown()
    data = json.loads(result.stdout)
    assert result.exit_code == 2  # its only page a page error: no page audited
    assert data["pages"][0]["error"] == "cannot read: larger than the page size limit of 5000000 bytes"


def test_an_interrupted_report_leaves_the_previous_one_whole(tmp_path):
    target = tmp_path / "report.json"
    target.write_text('{"previous": true}\n')

    def render(result, stream, **_):
        stream.write('{"half": ')
        raise KeyboardInterrupt  # the run is stopped while the report is being made

    with pytest.raises(KeyboardInterrupt):
        write_report(render, None, str(target))
    assert target.read_text() == '{"previous": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind
