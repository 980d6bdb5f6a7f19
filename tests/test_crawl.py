"""Crawling a site served on 127.0.0.1 by the test, and a local static folder."""

import http.server
import threading
from pathlib import Path

import pytest

from auditor.crawl import CrawlSettings, crawl_files, crawl_urls, extract_links, parse_sitemap
from auditor.limits import Limits
from auditor.loading import LoadError

PAGE = "<!doctype html><html lang=en><title>{title}</title><body>{links}</body></html>"


def write_site(root: Path):
    pages = {
        "index.html": ["a.html", "b.html", "private/secret.html", "report.pdf", "http://elsewhere.invalid/x.html",
                       "mailto:web@example.org", "a.html#section"],
        "a.html": ["deep/c.html", "index.html"],
        "b.html": ["a.html", "missing.html"],
        "deep/c.html": ["d.html"],
        "deep/d.html": [],
        "private/secret.html": [],
        "orphan.html": [],
    }
    for name, links in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=name, links="".join(f'<a href="{l}">{l}</a>' for l in links)))
    (root / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (root / "sitemap-pages.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{base}/orphan.html</loc></url><url><loc>{base}/deep/d.html</loc></url></urlset>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>{base}/sitemap-pages.xml</loc></sitemap></sitemapindex>")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    write_site(root)
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(root), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None
    base = f"http://127.0.0.1:{server.server_port}"
    for name in ("sitemap.xml", "sitemap-pages.xml"):
        (root / name).write_text((root / name).read_text().replace("{base}", base))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, root
    server.shutdown()


def names(result, base):
    return [(t.name.removeprefix(base), "error" if isinstance(l, str) else "ok") for t, l in result.pages]


def test_breadth_first_same_site_with_robots(site):
    base, _ = site
    result = crawl_urls([base + "/index.html"], [], CrawlSettings(), Limits())
    assert names(result, base) == [
        ("/index.html", "ok"),
        ("/a.html", "ok"), ("/b.html", "ok"),  # depth 1, sorted; the PDF is not a page, the fragment is the same page
        ("/deep/c.html", "ok"), ("/missing.html", "error"),
        ("/deep/d.html", "ok"),
    ]
    assert result.skipped_by_robots == [base + "/private/secret.html"]


def test_max_depth_and_max_pages(site):
    base, _ = site
    shallow = crawl_urls([base + "/index.html"], [], CrawlSettings(max_depth=1), Limits())
    assert [n for n, _ in names(shallow, base)] == ["/index.html", "/a.html", "/b.html"]
    few = crawl_urls([base + "/index.html"], [], CrawlSettings(max_pages=2), Limits())
    assert [n for n, _ in names(few, base)] == ["/index.html", "/a.html"]


def test_include_and_exclude_patterns(site):
    base, _ = site
    result = crawl_urls([base + "/index.html"], [], CrawlSettings(exclude=(r"/b\.html$",)), Limits())
    assert "/b.html" not in [n for n, _ in names(result, base)]
    assert "/missing.html" not in [n for n, _ in names(result, base)]  # only b.html linked to it
    only = crawl_urls([base + "/index.html"], [], CrawlSettings(include=(r"/(index|a)\.html$",)), Limits())
    assert [n for n, _ in names(only, base)] == ["/index.html", "/a.html"]


def test_sitemap_index_gives_pages_the_links_do_not(site):
    base, _ = site
    result = crawl_urls([], [base + "/sitemap.xml"], CrawlSettings(max_depth=0), Limits())
    assert [n for n, _ in names(result, base)] == ["/orphan.html", "/deep/d.html"]


def test_a_missing_sitemap_is_a_clear_error(site):
    base, _ = site
    with pytest.raises(LoadError, match="sitemap .*/nope.xml: HTTP 404"):
        crawl_urls([], [base + "/nope.xml"], CrawlSettings(), Limits())


def test_sitemap_parsing_rejects_other_xml():
    with pytest.raises(LoadError, match="not a sitemap"):
        parse_sitemap(b"<rss><channel/></rss>")
    with pytest.raises(LoadError, match="not valid XML"):
        parse_sitemap(b"<urlset")


def test_link_extraction_honours_base_and_drops_fragments_and_mailto():
    html = '<base href="/docs/"><a href="x.html#s">x</a><a href="mailto:a@b">m</a><iframe src="/f.html"></iframe>'
    assert extract_links(html, "http://h/index.html") == ["http://h/docs/x.html", "http://h/f.html"]


def test_the_crawl_skips_the_schemes_the_link_checks_skip():
    from auditor.deferred import IGNORED_SCHEMES

    html = "".join(f'<a href="{scheme.upper()}:x">{scheme}</a>' for scheme in IGNORED_SCHEMES) + '<a href="y.html">y</a>'
    assert extract_links(html, "http://h/index.html") == ["http://h/y.html"]


def test_local_static_site_follows_relative_links(site):
    _, root = site
    result = crawl_files([str(root / "index.html")], CrawlSettings(), Limits())
    found = [Path(t.name).relative_to(root).as_posix() for t, _ in result.pages]
    # Local files have no robots.txt; missing files are not pages (the link rules report them).
    assert found == ["index.html", "a.html", "b.html", "private/secret.html", "deep/c.html", "deep/d.html"]


def test_cli_crawls_a_site_and_audits_each_page_once(site):
    import json

    from conftest import AS_OF_ARG, run_cli

    base, _ = site
    result = run_cli("check", *AS_OF_ARG, "--crawl", "--no-cache", "--select", "document-title", "-f", "json",
                     base + "/index.html")
    data = json.loads(result.stdout)
    pages = [p["page"].removeprefix(base) for p in data["pages"]]
    assert pages == ["/index.html", "/a.html", "/b.html", "/deep/c.html", "/missing.html", "/deep/d.html"]
    assert data["pages"][4]["error"] == "cannot read: HTTP 404 File not found"
    assert "disallowed by robots.txt" in result.stderr


def test_cli_crawls_a_local_folder_from_its_index(site, tmp_path, monkeypatch):
    import json

    from conftest import AS_OF_ARG, run_cli

    _, root = site
    monkeypatch.chdir(root)
    result = run_cli("check", *AS_OF_ARG, "--crawl", "--max-depth", "1", "--no-cache", "--offline",
                     "--select", "document-title", "-f", "json", ".")
    assert [p["page"] for p in json.loads(result.stdout)["pages"]] == [
        "./index.html", "./a.html", "./b.html", "./private/secret.html"]


@pytest.mark.parametrize("args, message", [
    (["--crawl", "--offline", "http://127.0.0.1:9/"], "--crawl and --sitemap need the network"),
    (["--crawl", "--crawl-exclude", "(", "http://127.0.0.1:9/"], "invalid crawl pattern"),
    (["--crawl", "-"], "cannot follow links from standard input"),
])
def test_cli_crawl_usage_errors(args, message):
    from conftest import run_cli

    result = run_cli("check", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_progress_line_and_quiet_terminal():
    import io

    from auditor.progress import Progress

    stream = io.StringIO()
    progress = Progress(enabled=True, stream=stream, min_interval=0)
    progress.stage("pages", 4)
    progress.advance()
    assert "[######                  ] 1/4 pages" in progress.line() and "left" in progress.line()
    progress.advance(3)
    progress.finish()
    assert "4/4 pages" in stream.getvalue() and stream.getvalue().endswith("\r\x1b[2K")
    silent = io.StringIO()
    off = Progress(enabled=False, stream=silent)
    off.stage("pages", 2)
    off.advance(2)
    off.finish()
    assert silent.getvalue() == ""
