import pytest

from conftest import audit_html, rule_ids

HEAD = "<!doctype html><html lang=en><head><title>t</title></head><body>\n"
TAIL = "\n</body></html>"
SELECT = ["image-alt", "image-alt-suspicious", "unused-suppression"]


def audit(body):
    return audit_html(HEAD + body + TAIL, select=SELECT)


def test_disable_to_end_of_file_with_reason():
    result = audit("<img src=a.png>\n<!-- auditor-disable image-alt -- legacy gallery, fixed in #12 -->\n<img src=b.png>\n<img src=c.png>")
    assert [f.snippet for f in result.findings] == ["<img src=a.png>"]


def test_enable_turns_a_rule_back_on():
    result = audit("<!-- auditor-disable image-alt -->\n<img src=a.png>\n<!-- auditor-enable image-alt -->\n<img src=b.png>")
    assert [f.snippet for f in result.findings] == ["<img src=b.png>"]


def test_disable_without_ids_covers_every_rule():
    result = audit("<!-- auditor-disable -->\n<img src=a.png><img src=b.png alt=image>")
    assert result.findings == []


def test_disable_block_ends_with_the_enclosing_element():
    result = audit("<div><!-- auditor-disable-block image-alt --><img src=a.png><p><img src=b.png></p></div>\n<img src=c.png>")
    assert [f.snippet for f in result.findings] == ["<img src=c.png>"]


def test_disable_next_covers_only_the_next_element():
    result = audit("<!-- auditor-disable-next image-alt -->\n<img src=a.png>\n<img src=b.png>")
    assert [f.snippet for f in result.findings] == ["<img src=b.png>"]


def test_disable_of_one_rule_leaves_others():
    result = audit("<!-- auditor-disable-next image-alt -->\n<img src=a.png alt='image'>\n<img src=b.png>")
    assert sorted(rule_ids(result)) == ["image-alt", "image-alt-suspicious", "unused-suppression"]
    result = audit("<!-- auditor-disable-next image-alt-suspicious -->\n<img src=a.png alt='image'>")
    assert result.findings == []


def test_a_suppression_that_suppressed_nothing_is_reported():
    result = audit("<p>\n<!-- auditor-disable-next image-alt -- was broken -->\n<img src=a.png alt='Harbour at dawn'></p>")
    (finding,) = result.findings
    assert finding.rule == "unused-suppression"
    assert finding.severity.label == "notice"
    assert finding.line == 3
    assert "image-alt" in finding.message


def test_unused_suppression_is_not_reported_when_the_rule_is_not_selected():
    html = HEAD + "<!-- auditor-disable-next image-alt --><img src=a.png alt='x y'>" + TAIL
    assert audit_html(html, select=["image-alt"]).findings == []


# --- link findings: directives are applied after the link stage, to outcomes -----------

LINK_SELECT = ("--select", "link-broken,unused-suppression")


def _audit_site(tmp_path, body, *args):
    import json

    from conftest import AS_OF_ARG, run_cli

    (tmp_path / "exists.html").write_text("<!doctype html><html lang=en><title>t</title></html>")
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html lang=en><title>t</title><body>\n{body}\n</body></html>")
    result = run_cli("check", "-f", "json", "--jobs", "1", "--no-cache", *AS_OF_ARG, *LINK_SELECT, *args, str(page))
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_a_stale_link_suppression_above_a_working_local_link_is_unused(tmp_path):
    stale = "<!-- auditor-disable-next link-broken -- was missing -->\n<a href='exists.html'>x</a>"
    assert _audit_site(tmp_path, stale, "--offline") == [("unused-suppression", 2, 1)]
    needed = "<!-- auditor-disable-next link-broken -- was missing -->\n<a href='missing.html'>x</a>"
    assert _audit_site(tmp_path, needed, "--offline") == []
    assert _audit_site(tmp_path, "<a href='missing.html'>x</a>", "--offline") == [("link-broken", 2, 1)]


def test_a_stale_link_suppression_above_a_working_web_link_is_unused(tmp_path):
    from linkserver import LinkServer

    with LinkServer() as server:
        stale = f"<!-- auditor-disable-next link-broken -->\n<a href='{server.url('/ok/a')}'>x</a>"
        assert _audit_site(tmp_path, stale) == [("unused-suppression", 2, 1)]
        needed = f"<!-- auditor-disable-next link-broken -->\n<a href='{server.url('/gone.html')}'>x</a>"
        assert _audit_site(tmp_path, needed) == []
        assert server.hits[("HEAD", "/ok/a")] == 1 and server.hits[("HEAD", "/gone.html")] >= 1


def test_a_link_suppressed_for_good_is_not_checked_when_unused_suppressions_are_not_reported(tmp_path):
    from linkserver import LinkServer

    with LinkServer() as server:
        body = f"<!-- auditor-disable-next link-broken -->\n<a href='{server.url('/gone.html')}'>x</a>"
        assert _audit_site(tmp_path, body, "--ignore", "unused-suppression") == []
        assert server.hits[("HEAD", "/gone.html")] == 0


def test_of_two_identical_directives_the_unused_one_is_reported_where_it_is():
    html = ("<!doctype html><html lang=en><head><title>t</title></head><body>\n"  # line 1
            "<!-- auditor-disable-next image-alt -->\n"  # line 2: used
            "<img src=a.png>\n"
            "<p>text</p>\n"
            "<!-- auditor-disable-next image-alt -->\n"  # line 5: unused
            "<img src=b.png alt='Harbour at dawn'>\n"
            "</body></html>")
    (finding,) = audit_html(html, select=SELECT).findings
    assert (finding.rule, finding.line, finding.column) == ("unused-suppression", 5, 1)
    assert finding.snippet == "<!-- auditor-disable-next image-alt -->"


@pytest.mark.parametrize("directive, message, kept", [
    ("<!-- auditor-disable no-such-rule -->", "auditor-disable names unknown rule no-such-rule: `auditor rules` lists them",
     ["image-alt"]),
    # Even when a rule it names did suppress something: the unknown names are still wrong.
    ("<!-- auditor-disable-next image-alt, nope, also-nope -->",
     "auditor-disable-next names unknown rules also-nope, nope: `auditor rules` lists them", []),
])
def test_a_suppression_naming_an_unknown_rule_says_so(directive, message, kept):
    result = audit(f"{directive}\n<img src=a.png>")
    assert [(f.rule, f.line, f.column, f.message) for f in result.findings if f.rule == "unused-suppression"] == [
        ("unused-suppression", 2, 1, message)]
    assert [f.rule for f in result.findings if f.rule != "unused-suppression"] == kept


def test_a_page_wide_disable_covers_the_findings_about_the_page_on_its_html_element():
    page = "<!doctype html>\n<html>\n<body><!-- auditor-disable html-has-lang -- legacy --><main><h1>x</h1></main></body></html>"
    result = audit_html(page, select=["html-has-lang", "document-title", "unused-suppression"])
    assert [(f.rule, f.line, f.column, f.snippet) for f in result.findings] == [("document-title", 2, 1, "<html>")]
    moved = audit_html(page.replace("disable html-has-lang", "disable-block html-has-lang"), select=["html-has-lang"])
    assert rule_ids(moved) == ["html-has-lang"]  # a block's range does not reach back to <html>
