"""Crawling a site served on 127.0.0.1 by the test, and a local static folder. The crawl
reads no page itself: each batch it fetches goes through the page stage, and it follows the
links that stage found (CheckedPage.hrefs)."""

import http.server
import json
import threading
from datetime import date
from pathlib import Path

import pytest

import auditor.parsing
from auditor.crawl import Crawl, CrawlSettings, crawl, parse_sitemap
from auditor.loading import LoadError, Loaded
from auditor.pagestage import PageStage
from auditor.targets import Target
from conftest import AS_OF_ARG, run_cli

PAGE = "<!doctype html><html lang=en><title>{title}</title><body>{links}</body></html>"


def write_site(root: Path):
    pages = {
        "index.html": ["a.html", "b.html", "private/secret.html", "report.pdf", "http://elsewhere.invalid/x.html",
                       "mailto:web@example.org", "a.html#section"],
        "a.html": ["deep/c.html", "index.html"],
        "b.html": ["a.html", "0-missing.html", "./"],
        "deep/c.html": ["d.html", "/rootonly.html"],
        "deep/d.html": [],
        "private/secret.html": [],
        "orphan.html": [],
        "rootonly.html": [],
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
    requested = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def send_head(self):
            requested.append(self.path)
            return super().send_head()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    for name in ("sitemap.xml", "sitemap-pages.xml"):
        (root / name).write_text((root / name).read_text().replace("{base}", base))
    server.requested = requested
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, root, server
    server.shutdown()


def crawled(urls=(), files=(), sitemaps=(), **settings):
    """A crawl whose batches go through a page stage without rules, in this process."""
    stage = PageStage((), date(2026, 11, 28), None, follow=True)
    plan = Crawl(urls=tuple(urls), files=tuple(files), sitemaps=tuple(sitemaps), settings=CrawlSettings(**settings))
    return crawl(plan, lambda batch: [stage.audit(target, loaded) for target, loaded in batch])


def names(result, base):
    return [(t.name.removeprefix(base), "error" if page.error else "ok") for t, page in result.pages]


def test_breadth_first_same_site_with_robots(site):
    base, _, _ = site
    result = crawled([base + "/index.html"])
    assert names(result, base) == [
        ("/index.html", "ok"),
        ("/a.html", "ok"), ("/b.html", "ok"),  # depth 1, sorted; the PDF is not a page, the fragment is the same page
        ("/deep/c.html", "ok"),  # 0-missing.html is a broken link (link-broken's), not a page; "/" is /index.html
        ("/deep/d.html", "ok"), ("/rootonly.html", "ok"),
    ]
    assert result.skipped_by_robots == [base + "/private/secret.html"]
    assert result.unvisited == 0


def test_a_start_page_that_cannot_be_read_is_a_page_error(site):
    base, _, _ = site
    assert names(crawled([base + "/nope.html"]), base) == [("/nope.html", "error")]


def test_pdf_links_are_not_fetched_as_pages(site):
    base, _, server = site
    server.requested.clear()
    crawled([base + "/index.html"], max_depth=1)
    assert "/report.pdf" not in server.requested and "/a.html" in server.requested


def test_a_folder_and_its_index_page_with_the_same_bytes_are_one_page(site):
    base, _, _ = site
    result = crawled([base + "/", base + "/index.html", base + "/a.html"], max_depth=0)
    assert names(result, base) == [("/", "ok"), ("/a.html", "ok")]


def test_max_depth_and_max_pages(site):
    base, _, _ = site
    shallow = crawled([base + "/index.html"], max_depth=1)
    assert [n for n, _ in names(shallow, base)] == ["/index.html", "/a.html", "/b.html"]
    assert shallow.unvisited == 0
    few = crawled([base + "/index.html"], max_pages=2)
    assert [n for n, _ in names(few, base)] == ["/index.html", "/a.html"]
    assert few.unvisited == 3  # b.html and private/secret.html not reached, and a.html's deep/c.html
    refilled = crawled([base + "/b.html"], max_pages=2, exclude=("/$",))
    assert [n for n, _ in names(refilled, base)] == ["/b.html", "/a.html"]


def test_include_and_exclude_patterns(site):
    base, _, _ = site
    result = crawled([base + "/index.html"], exclude=(r"/b\.html$",))
    assert "/b.html" not in [n for n, _ in names(result, base)]
    only = crawled([base + "/index.html"], include=(r"/(index|a)\.html$",))
    assert [n for n, _ in names(only, base)] == ["/index.html", "/a.html"]


def test_sitemap_index_gives_pages_the_links_do_not(site):
    base, _, _ = site
    result = crawled(sitemaps=[base + "/sitemap.xml"], max_depth=0)
    assert [n for n, _ in names(result, base)] == ["/orphan.html", "/deep/d.html"]


def test_a_missing_sitemap_is_a_clear_error(site):
    base, _, _ = site
    with pytest.raises(LoadError, match="sitemap .*/nope.xml: HTTP 404"):
        crawled(sitemaps=[base + "/nope.xml"])


def test_sitemap_parsing_rejects_other_xml():
    with pytest.raises(LoadError, match="not a sitemap"):
        parse_sitemap(b"<rss><channel/></rss>")
    with pytest.raises(LoadError, match="not valid XML"):
        parse_sitemap(b"<urlset")


def followed(html: str, url: str = "http://h/index.html") -> tuple:
    stage = PageStage((), date(2026, 11, 28), None, follow=True)
    return stage.audit(Target("url", url), Loaded(data=html.encode(), url=url)).hrefs


def test_followed_links_honour_base_and_drop_fragments_mailto_and_pdfs():
    html = ('<base href="/docs/"><a href="x.html#s">x</a><a href="mailto:a@b">m</a><iframe src="/f.html"></iframe>'
            '<a href="x.html">again</a><a href="r.pdf">PDF</a><a href="r" type="application/pdf">PDF</a>')
    assert followed(html) == ("http://h/docs/x.html", "http://h/f.html")


def test_the_crawl_skips_the_schemes_the_link_checks_skip():
    from auditor.deferred import IGNORED_SCHEMES

    html = "".join(f'<a href="{scheme.upper()}:x">{scheme}</a>' for scheme in IGNORED_SCHEMES) + '<a href="y.html">y</a>'
    assert followed(html) == ("http://h/y.html",)


def test_local_static_site_follows_relative_and_root_relative_links(site):
    _, root, _ = site
    result = crawled(files=[str(root / "index.html")])
    found = [Path(t.name).relative_to(root).as_posix() for t, _ in result.pages]
    # Local files have no robots.txt; missing files are not pages (the link rules report them);
    # "/rootonly.html" is below the crawl's root folder.
    assert found == ["index.html", "a.html", "b.html", "private/secret.html", "deep/c.html", "deep/d.html",
                     "rootonly.html"]


@pytest.fixture
def counted_parses(monkeypatch):
    parsed = []
    real_parse = auditor.parsing.parse
    monkeypatch.setattr(auditor.parsing, "parse", lambda text: parsed.append(text) or real_parse(text))
    return parsed


def test_cli_crawls_a_site_and_audits_each_page_once(site, counted_parses):
    base, _, _ = site
    result = run_cli("check", *AS_OF_ARG, "--crawl", "--no-cache", "--select", "document-title,link-broken",
                     "-f", "json", base + "/index.html")
    data = json.loads(result.stdout)
    pages = [p["page"].removeprefix(base) for p in data["pages"]]
    assert pages == ["/index.html", "/a.html", "/b.html", "/deep/c.html", "/deep/d.html", "/rootonly.html"]
    assert len(counted_parses) == len(pages)  # parsed once, by the page stage: the crawl reads no page itself
    # One broken same-site link is one finding, not a page error as well.
    assert data["summary"]["page_errors"] == 0
    assert [(f["page"].removeprefix(base), f["rule"]) for f in data["findings"] if "0-missing" in f["message"]] == [
        ("/b.html", "link-broken")]
    assert "disallowed by robots.txt" in result.stderr and "--max-pages" not in result.stderr
    assert "unvisited_pages" not in data["summary"]


def test_cli_says_when_max_pages_stopped_the_crawl(site):
    base, _, _ = site
    result = run_cli("check", *AS_OF_ARG, "--crawl", "--no-cache", "--max-pages", "2", "--select", "document-title",
                     "-f", "json", base + "/index.html")
    assert "auditor: the crawl stopped at --max-pages 2: 3 more same-site link(s) not followed" in result.stderr
    assert json.loads(result.stdout)["summary"]["unvisited_pages"] == 3


def test_cli_a_sitemap_alone_names_the_pages(site):
    base, _, _ = site
    result = run_cli("check", *AS_OF_ARG, "--sitemap", base + "/sitemap.xml", "--max-depth", "0", "--no-cache",
                     "--select", "document-title", "-f", "json")
    assert [p["page"].removeprefix(base) for p in json.loads(result.stdout)["pages"]] == ["/orphan.html", "/deep/d.html"]
    nothing = run_cli("check", "--no-cache")
    assert nothing.exit_code == 2 and "missing argument 'TARGETS...'" in nothing.stderr


def test_cli_crawls_a_local_folder_from_its_index(site, monkeypatch):
    _, root, _ = site
    monkeypatch.chdir(root)
    result = run_cli("check", *AS_OF_ARG, "--crawl", "--max-depth", "1", "--no-cache", "--offline",
                     "--select", "document-title", "-f", "json", ".")
    assert [p["page"] for p in json.loads(result.stdout)["pages"]] == [
        "./index.html", "./a.html", "./b.html", "./private/secret.html"]


def test_a_cached_crawl_follows_the_same_links(site, tmp_path, monkeypatch, counted_parses):
    # The result cache keeps where a crawled page leads: a warm crawl parses nothing and finds the same pages.
    _, root, _ = site
    monkeypatch.chdir(tmp_path)
    args = ("check", *AS_OF_ARG, "--crawl", "--offline", "--select", "document-title", "-f", "json",
            str(root / "index.html"))
    cold = run_cli(*args).stdout
    parsed = len(counted_parses)
    assert run_cli(*args).stdout == cold and len(counted_parses) == parsed
    # A plain run of the same page is no crawl: it is not answered with a crawled page's result.
    run_cli("check", *AS_OF_ARG, "--offline", "--select", "document-title", "-f", "json", str(root / "index.html"))
    assert len(counted_parses) == parsed + 1


@pytest.mark.parametrize("args, message", [
    (["--crawl", "--offline", "http://127.0.0.1:9/"], "--crawl and --sitemap need the network"),
    (["--crawl", "--crawl-exclude", "(", "http://127.0.0.1:9/"], "invalid crawl pattern"),
    (["--crawl", "-"], "cannot follow links from standard input"),
])
def test_cli_crawl_usage_errors(args, message):
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
