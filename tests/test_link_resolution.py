"""Resolving a link's href against its page: auditor.deferred.resolve joins each (folder,
href without its fragment) once a run, and must give what joining the whole href gives."""

from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.deferred import JoinedHrefs, resolve
from auditor.page import Page
from auditor.parsing import parse
from conftest import AS_OF

BASES = [("https://example.org/a/b/page.html", None), ("http://host/x/y/", None), ("https://example.org/a?q=1", None),
         ("https://example.org", None), (None, "/srv/site/docs/index.html"), (None, "/srv/site/a;b/c.html")]
PIECES = list("ab./#?;=%:@!$&'()*+,-_~ \t\n1é") + ["%2F", "..", "//", "1a:", "../", "x.pdf", "#top"]


def _page(url, path, joined=None):
    page = Page(name=url or path, text="<p>", soup=parse("<p>"), as_of=AS_OF, url=url, path=path)
    if joined is not None:  # as the page stage gives every page of a run the run's joins
        page.derived("joined", lambda _: joined)
    return page


def _expected(base: str, local: bool, raw: str):
    url, fragment = urldefrag(urljoin(base, raw))
    root_relative = local and raw.startswith("/") and not raw.startswith("//")
    if raw.startswith("//"):
        local = False
    return url, fragment, local and urlsplit(url).scheme == "file", root_relative


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join), st.sampled_from(BASES))
def test_an_href_resolves_as_joining_it_whole_would(raw, where):
    raw = raw.strip()
    if not raw or (":" in raw.split("/", 1)[0] and urlsplit(raw).scheme):
        return  # hrefs with a scheme are not joined
    joined = JoinedHrefs()
    page = _page(*where, joined)
    base = where[0] or Path(where[1]).as_uri()
    expected = _expected(base, where[0] is None, raw)
    assert resolve(raw, page) == expected
    assert resolve(raw, _page(*where, joined)) == expected  # a second page of the folder: from the run's joins
    reference = raw.partition("#")[0]
    if reference and "#" in raw:  # the same target with another fragment shares the cached join
        assert resolve(reference + "#other", page)[:1] == expected[:1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.booleans(),
                          st.lists(st.sampled_from(["status", "magic", "body"]), min_size=1, max_size=3),
                          st.booleans()), max_size=12))
def test_the_run_checks_each_target_once_reading_the_most_any_link_needs(rows):
    # Each page boils its packed links down to its targets; the link stage merges every page's.
    from auditor.deferred import NEEDS, Link, LinkRequest, LinkTarget, merged_targets, pack_links

    links = []
    for i, (url, local, wants, root_relative) in enumerate(rows):
        link = Link(url, "", "a", local, root_relative, False, False, "p.html", i, 1, 1, "a", "<a>", "a")
        links.append([LinkRequest(f"rule-{n}", link, needs) for n, needs in enumerate(wants)])
    expected = {}
    for url, local, wants, root_relative in rows:
        needs = max(wants, key=NEEDS.index)
        kept = expected.get((url, local))
        if kept is None or NEEDS.index(needs) > NEEDS.index(kept.needs):
            expected[(url, local)] = LinkTarget(url, local, needs, root_relative)
    half = len(links) // 2
    pages = [pack_links(r for requests in links[:half] for r in requests)[0],
             pack_links(r for requests in links[half:] for r in requests)[0]]
    assert merged_targets(pages) == tuple(expected.values())
