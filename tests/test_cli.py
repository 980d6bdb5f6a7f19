import http.server
import json
import os
import subprocess
import sys
import threading

import pytest

from conftest import AS_OF_ARG, SAMPLES, SEED, run_cli, run_json

GOOD = "<!doctype html><html lang=en><head><title>Fine</title></head><body><img src=a.png alt='Harbour at dawn'></body></html>"
BAD = "<!doctype html><html lang=en><head><title>Bad</title></head><body><img src=a.png></body></html>"
WARN = "<!doctype html><html lang=en><head><title>Warn</title></head><body><img src=a.png alt='photo'></body></html>"


@pytest.fixture
def pages(tmp_path):
    for name, html in (("good.html", GOOD), ("bad.html", BAD), ("warn.html", WARN)):
        (tmp_path / name).write_text(html)
    return tmp_path


def test_exit_codes_follow_fail_on(pages):
    alt = ["--select", "alt-text"]
    assert run_cli("check", *AS_OF_ARG, *alt, str(pages / "good.html")).exit_code == 0
    assert run_cli("check", *AS_OF_ARG, *alt, str(pages / "bad.html")).exit_code == 1
    assert run_cli("check", *AS_OF_ARG, *alt, str(pages / "warn.html")).exit_code == 0
    assert run_cli("check", *AS_OF_ARG, *alt, "--fail-on", "warning", str(pages / "warn.html")).exit_code == 1
    assert run_cli("check", *AS_OF_ARG, *alt, "--fail-on", "never", str(pages / "bad.html")).exit_code == 0


def test_page_errors_fail_the_run_at_fail_on_error_and_below(pages):
    (pages / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    both = [str(pages / "good.html"), str(pages / "binary.html")]
    for fail_on, code in (("error", 1), ("warning", 1), ("notice", 1), ("never", 0)):
        assert run_cli("check", *AS_OF_ARG, "--select", "alt-text", "--fail-on", fail_on, *both).exit_code == code


def test_a_missing_file_among_targets_is_a_page_error(pages):
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", str(pages / "gone.html"), str(pages / "good.html"))
    assert result.exit_code == 1 and result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{pages}/gone.html: page error cannot read: No such file or directory", "",
        "1 page audited, 0 findings (0 errors, 0 warnings, 0 notices), 1 page error (as of 2026-11-28)"]


@pytest.mark.parametrize("make, message", [
    (lambda d: (d / "css").mkdir() or (d / "css" / "site.css").write_text("p {}"),
     "auditor: no page audited: no HTML file (*.html, *.htm, *.xhtml, *.shtml) in {d}\n"),
    (lambda d: (d / "a.html").write_bytes(b"") or (d / "b.html").write_bytes(b"\x00\x01"),
     "auditor: no page audited: every page was a page error (2); see the report\n"),
])
def test_a_run_that_audited_no_page_exits_2(tmp_path, make, message):
    make(tmp_path)
    result = run_cli("check", *AS_OF_ARG, "--offline", "-q", str(tmp_path))
    assert result.exit_code == 2 and result.stderr == message.format(d=tmp_path)
    missing = run_cli("check", *AS_OF_ARG, str(tmp_path / "a.htm"), str(tmp_path / "b.htm"))
    assert missing.exit_code == 2 and missing.stderr == "auditor: no page audited: every page was a page error (2); see the report\n"


def test_a_page_over_its_time_budget_fails_the_run(pages):
    (pages / "big.html").write_text("<html lang=en><title>b</title><body>"
                                    + '<div><p>para <a href="#x">link</a></p></div>' * 60_000 + "</body></html>")
    (pages / "auditor.toml").write_text("page-timeout = 0.1\n")
    code, data = run_json("--select", "alt-text", "--no-cache", "--config", str(pages / "auditor.toml"),
                          str(pages / "big.html"), str(pages / "good.html"))
    assert code == 1
    assert [p["error"] for p in data["pages"]] == ["not audited: over the time budget of 0.1 s per page", None]


def test_a_subset_that_chose_no_page_is_clean_and_says_so(pages):
    runs = [run_cli("check", *AS_OF_ARG, "--select", "alt-text", "-q", "--shard", f"{k}/2", str(pages / "good.html"))
            for k in (1, 2)]
    assert [r.exit_code for r in runs] == [0, 0]
    assert sorted(r.stderr for r in runs) == [
        "", "auditor: none of the 1 page(s) found is in this run's subset (--changed-since, --shard): nothing to audit\n"]


@pytest.mark.parametrize("args, message", [
    (["check", "missing.html"], "auditor: no page audited: missing.html: cannot read: No such file or directory"),
    (["check", "--select", "nope", "x"], "unknown rule or family 'nope'"),
    (["check", "--as-of", "28/11/2026", "x"], "--as-of must be a date"),
    (["check", "-f", "yaml", "x"], "unknown report format 'yaml'"),
    (["check", "--report", "json", "x"], "--report takes FORMAT:PATH"),
    (["check", "ftp://example.org/a.html"], "unsupported URL scheme"),
    (["explain", "no-such-rule"], "unknown rule 'no-such-rule'"),
])
def test_usage_errors_exit_2_with_one_line(pages, monkeypatch, args, message):
    monkeypatch.chdir(pages)
    (pages / "x").write_text(GOOD)
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_json_report_shape(pages):
    code, data = run_json("--select", "alt-text", str(pages))
    assert code == 1
    assert list(data) == ["schema_version", "tool", "as_of", "pages", "findings", "summary", "skipped_targets"]
    assert data["schema_version"] == 1 and data["tool"]["name"] == "auditor" and data["as_of"] == "2026-11-28"
    assert [p["page"] for p in data["pages"]] == [str(pages / n) for n in ("bad.html", "good.html", "warn.html")]
    assert [p["findings"] for p in data["pages"]] == [1, 0, 1]
    finding = data["findings"][0]
    assert list(finding) == ["rule", "severity", "page", "line", "column", "selector", "message", "snippet", "fingerprint"]
    assert finding["rule"] == "image-alt" and finding["snippet"] == "<img src=a.png>"
    assert data["summary"]["by_severity"] == {"error": 1, "warning": 1, "notice": 0}
    assert data["summary"]["by_rule"] == {"image-alt": 1, "image-alt-suspicious": 1}


def test_output_is_deterministic_across_runs_and_jobs(tmp_path, workers):
    outputs = []
    for jobs in ("1", "2", "2"):
        out = tmp_path / f"r{len(outputs)}.json"
        run_cli("check", *AS_OF_ARG, "--offline", "--jobs", jobs, "-f", "json", "-o", str(out), str(SAMPLES))
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["summary"]["findings"] > 0


def test_folder_with_binary_empty_and_latin1_pages_lists_every_page(tmp_path):
    (tmp_path / "a-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    (tmp_path / "b-empty.html").write_bytes(b"")
    (tmp_path / "c-latin1.html").write_bytes(
        '<html lang="fr"><meta charset="iso-8859-1"><title>Café</title><img src="café.png" alt="café.png"></html>'.encode("latin-1"))
    (tmp_path / "d-fine.html").write_text(GOOD)
    code, data = run_json("--select", "alt-text", str(tmp_path))
    assert code == 1  # one warning, no errors, but two page errors
    pages = {p["page"].rsplit("/", 1)[1]: p for p in data["pages"]}
    assert list(pages) == ["a-binary.html", "b-empty.html", "c-latin1.html", "d-fine.html"]
    assert "binary" in pages["a-binary.html"]["error"]
    assert pages["b-empty.html"]["error"] == "empty file"
    assert pages["c-latin1.html"]["error"] is None
    assert [f["message"] for f in data["findings"]] == ["Alt text 'café.png' is a file name, not a description"]


def test_unreadable_files_are_page_errors(tmp_path):
    (tmp_path / "a-dangling.html").symlink_to(tmp_path / "gone.html")
    (tmp_path / "ok.html").write_text(GOOD)
    if os.geteuid() != 0:  # root reads files whatever their mode
        (tmp_path / "locked.html").write_text(GOOD)
        (tmp_path / "locked.html").chmod(0)
    code, data = run_json(str(tmp_path), "--select", "alt-text")
    errors = {p["page"].rsplit("/", 1)[1]: p["error"] for p in data["pages"] if p["error"]}
    assert code == 1  # a page error fails the run
    assert errors.pop("a-dangling.html") == "cannot read: No such file or directory"
    assert errors in ({}, {"locked.html": "cannot read: permission denied"})


def test_text_output_lines_and_summary(pages):
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", str(pages / "bad.html"))
    lines = result.stdout.splitlines()
    assert lines[0] == f"{pages}/bad.html:1:67: error image-alt Image 'a.png' has no text alternative: add alt text, or alt=\"\" if it is decorative"
    assert lines[-1] == "1 page audited, 1 finding (1 error, 0 warnings, 0 notices) (as of 2026-11-28)"
    assert "\x1b[" not in result.stdout  # no colours when not a terminal


def test_terminal_output_strips_control_characters(tmp_path):
    (tmp_path / "evil.html").write_text("<html lang=en><title>t</title><img src=a.png alt='photo\x1b]0;pwned\x07'></html>")
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", str(tmp_path / "evil.html"))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_standard_input(pages):
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", "-", input=BAD.encode())
    assert result.exit_code == 1 and result.stdout.startswith("-:1:67: error image-alt")


def test_several_reports_from_one_audit(pages, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("check", *AS_OF_ARG, "--select", "alt-text", str(pages), "--report", f"json:{out}/a.json", "--report", f"text:{out}/a.txt")
    assert result.exit_code == 1
    assert result.stdout == (out / "a.txt").read_text()  # --report also writes: standard output keeps -f's report
    assert json.loads((out / "a.json").read_text())["summary"]["findings"] == 2
    assert "2 findings" in (out / "a.txt").read_text()


def test_url_target_from_a_local_server(tmp_path):
    (tmp_path / "index.html").write_text(BAD)
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        code, data = run_json("--select", "alt-text", url + "index.html", url + "missing.html")
    finally:
        server.shutdown()
    assert code == 1
    assert data["pages"][0]["error"] is None and data["findings"][0]["page"] == url + "index.html"
    assert data["pages"][1]["error"] == "cannot read: HTTP 404 File not found"


def test_offline_url_is_a_page_error():
    code, data = run_json("--offline", "--select", "alt-text", "http://127.0.0.1:9/page.html")
    assert code == 2 and data["pages"][0]["error"] == "cannot read: cannot fetch a URL with --offline"


def test_rules_and_explain():
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    image_alt = next(r for r in listed if r["id"] == "image-alt")
    assert image_alt["wcag"] == ["1.1.1"] and image_alt["act"] == ["23a2a8"] and image_alt["docs_url"].endswith("#image-alt")
    text = run_cli("explain", "image-alt").stdout
    assert "What it does" in text and "Use instead" in text and "WCAG 1.1.1" in text


def test_version_and_python_dash_m():
    version = run_cli("--version").stdout
    assert version.startswith("auditor, version ")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", *AS_OF_ARG, "--select", "alt-text", "--offline", str(SEED)],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "image-alt" in proc.stdout and proc.stderr == ""


@pytest.mark.parametrize("select", ["alt-text", "document-title"])
def test_streamed_json_is_exactly_json_dump(select, tmp_path):
    import io
    import stat

    from auditor.config import Config, active_rules
    from auditor.engine import run_audit
    from auditor.options import RunOptions
    from auditor.registry import all_reporters, all_rules
    from auditor.targets import expand_targets
    from conftest import AS_OF

    options = RunOptions(rules=active_rules(all_rules(), Config(), (select,)), as_of=AS_OF, offline=True, jobs=1,
                         use_cache=False)
    result = run_audit(expand_targets((str(SAMPLES / "rules" / "image-alt"),)), options)
    stream = io.StringIO()
    all_reporters()["json"].render(result, stream)
    assert stream.getvalue() == json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    # Written to a device, the report goes through it; the device stays a device.
    assert run_cli("check", *AS_OF_ARG, "--select", select, "-f", "json", "-o", "/dev/null",
                   str(SAMPLES / "rules" / "image-alt")).exit_code in (0, 1)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_offline_audit_of_files_starts_without_the_network_and_report_libraries(tmp_path):
    # Start-up is most of a short or fully cached run: what it does not need stays unimported.
    probe = ("import sys;"
             "from auditor.cli import main;"
             "sys.argv = ['auditor', 'check', '--offline', '--no-cache', '--as-of', '2026-11-28', '-f', 'json', '-o', %r, %r];"
             "code = 0\n"
             "try: main()\n"
             "except SystemExit as exc: code = exc.code\n"
             "real = [m for m in ('httpx', 'jinja2', 'asyncio') if m in sys.modules]\n"
             "print(code, real)")
    out = tmp_path / "r.json"
    page = SAMPLES / "rules" / "image-alt" / "bad.html"
    done = subprocess.run([sys.executable, "-c", probe % (str(out), str(page))], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.split() == ["1", "[]"], done.stderr
    assert json.loads(out.read_text())["summary"]["by_rule"]["image-alt"] >= 1


def test_the_program_ends_with_its_exit_code_every_byte_written_and_the_caches_closed(tmp_path):
    # What main() writes to a pipe must arrive whole, the exit code must be the command's,
    # and the cache files must be closed (SQLite removes a closed file's write-ahead log).
    site = tmp_path / "site"
    site.mkdir()
    for i in range(40):
        (site / f"p{i}.html").write_text("<html><body>" + "<img src=a.png>" * 50 + "</body></html>")
    command = [sys.executable, "-m", "auditor", "check", *AS_OF_ARG, "--offline", "-f", "json", "site"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)  # larger than a pipe's buffer, and whole
    assert len(done.stdout) > 200_000 and report["summary"]["pages"] == 40
    cache = sorted(p.name for p in (tmp_path / ".auditor-cache").iterdir())
    assert cache and not [name for name in cache if name.endswith(("-wal", "-shm"))], cache
    again = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)  # from the cache
    assert (again.returncode, again.stdout) == (1, done.stdout)
    assert cache[0] == ".gitignore" and (tmp_path / ".auditor-cache" / ".gitignore").read_text() == "*\n"
    usage = subprocess.run([sys.executable, "-m", "auditor", "check", "--fail-on", "sometimes", "site"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr == ("auditor: error: invalid value for '--fail-on': 'sometimes' is not one of 'error', "
                            "'warning', 'notice', 'never' (see 'auditor check --help')\n")
    # A reader that stops early (auditor check ... | head -1): quietly, with the run's exit code.
    for fmt, reader in (("json", "head -c 10"), ("text", "head -1")):
        piped = [*command[:-3], "-f", fmt, "site"]
        head = subprocess.run(f"{' '.join(piped)} | {reader}; exit ${{PIPESTATUS[0]}}", shell=True,
                              executable="/bin/bash", capture_output=True, text=True, cwd=tmp_path)
        assert (head.returncode, head.stderr) == (1, ""), head.stderr
        assert head.stdout == (done.stdout[:10] if fmt == "json" else
                               "site/p0.html:1:1: error document-title The page has no <title>: add one that says what the page is\n")


@pytest.mark.parametrize("option", ["-o", "--report json:", "--write-baseline"])
def test_a_report_in_a_missing_folder_is_a_usage_error_before_the_audit(pages, monkeypatch, option):
    monkeypatch.chdir(pages)
    flag, _, prefix = option.partition(" ")
    result = run_cli("check", *AS_OF_ARG, flag, f"{prefix}nowhere/r.json", "good.html")
    what = {"-o": "text report", "--report": "json report", "--write-baseline": "baseline"}[flag]
    assert (result.exit_code, result.stderr) == (2, f"auditor: error: cannot write {what} to nowhere/r.json: no folder nowhere\n")
    assert not (pages / "nowhere").exists() and not (pages / ".auditor-cache").exists()  # nothing audited


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_reports_and_baselines_get_the_umask_permissions(pages, umask, mode):
    old = os.umask(umask)
    try:
        run_cli("check", *AS_OF_ARG, "--select", "alt-text", "-o", str(pages / "r.txt"), "--report",
                f"html:{pages / 'r.html'}", str(pages / "good.html"))
        run_cli("check", *AS_OF_ARG, "--select", "alt-text", "--write-baseline", str(pages / "b.json"), str(pages / "good.html"))
    finally:
        os.umask(old)
    assert {name: (pages / name).stat().st_mode & 0o777 for name in ("r.txt", "r.html", "b.json")} == dict.fromkeys(
        ("r.txt", "r.html", "b.json"), mode)
    assert not [p.name for p in pages.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_is_walked_for_every_page_suffix_outside_dot_folders_and_node_modules(tmp_path):
    for name in ("a.html", "b.HTM", "c.xhtml", "d.shtml", "e.txt", ".git/f.html", ".cache/g.html",
                 "node_modules/pkg/h.html", "sub/i.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD)
    code, data = run_json("--select", "alt-text", str(tmp_path))
    assert [p["page"][len(str(tmp_path)) + 1:] for p in data["pages"]] == ["a.html", "b.HTM", "c.xhtml", "d.shtml", "sub/i.html"]
    # A dot-folder named as the target is walked.
    code, data = run_json("--select", "alt-text", str(tmp_path / ".git"))
    assert [p["page"] for p in data["pages"]] == [f"{tmp_path}/.git/f.html"]


@pytest.mark.parametrize("args, line", [
    (["check"], "missing argument 'TARGETS...' (see 'auditor check --help')"),
    (["bogus"], "no such command 'bogus' (see 'auditor --help')"),
    (["check", "-j", "0", "x"], "invalid value for '--jobs' / '-j': 0 is not in the range x>=1 (see 'auditor check --help')"),
    (["merge", "--fail-on", "often", "r.json"],
     "invalid value for '--fail-on': 'often' is not one of 'error', 'warning', 'notice', 'never' (see 'auditor merge --help')"),
    (["rules", "--wrong"], "no such option '--wrong' (see 'auditor rules --help')"),
])
def test_click_usage_errors_are_one_line_like_the_others(args, line):
    result = run_cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"auditor: error: {line}\n")


def test_format_help_lists_the_formats():
    for command in ("check", "merge"):
        text = " ".join(run_cli(command, "--help").stdout.split())
        assert ("-f, --format FORMAT Report format for standard output or -o: csv, github, gitlab, html, json, "
                "junit, markdown, sarif, text (default: text).") in text
