"""Resolving a link's href against its page: auditor.deferred.resolve joins each (folder,
href without its fragment) once a run, and must give what joining the whole href gives."""

from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.deferred import resolve
from auditor.page import Page
from auditor.parsing import parse
from conftest import AS_OF

BASES = [("https://example.org/a/b/page.html", None), ("http://host/x/y/", None), ("https://example.org/a?q=1", None),
         ("https://example.org", None), (None, "/srv/site/docs/index.html"), (None, "/srv/site/a;b/c.html")]
PIECES = list("ab./#?;=%:@!$&'()*+,-_~ \t\n1é") + ["%2F", "..", "//", "1a:", "../", "x.pdf", "#top"]


def _page(url, path):
    return Page(name=url or path, text="<p>", soup=parse("<p>"), as_of=AS_OF, url=url, path=path)


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
    page = _page(*where)
    base = where[0] or Path(where[1]).as_uri()
    expected = _expected(base, where[0] is None, raw)
    assert resolve(raw, page) == expected
    assert resolve(raw, _page(*where)) == expected  # a second page of the folder: from the join cache
    reference = raw.partition("#")[0]
    if reference and "#" in raw:  # the same target with another fragment shares the cached join
        assert resolve(reference + "#other", page)[:1] == expected[:1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.booleans(), st.sampled_from(["status", "magic", "body"]),
                          st.booleans()), max_size=12))
def test_every_pages_targets_merge_as_link_targets_merges_them(rows):
    # The link stage merges the targets of every page with merged_targets, a faster
    # link_targets for LinkTargets: one per (url, local), needing the most any needs.
    from auditor.deferred import LinkTarget, link_targets, merged_targets

    targets = [LinkTarget(*row) for row in rows]
    assert merged_targets(targets) == link_targets(targets)
