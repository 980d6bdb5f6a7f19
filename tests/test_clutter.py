"""Leftover navigation clutter (issue 6): the seed page, a modern page, and each rule's edges."""

from datetime import date

import pytest

from auditor.config import ConfigError, parse_config
from auditor.finding import Severity
from auditor.registry import all_rules
from auditor.services import Pattern, Service, Services, defunct_services
from conftest import SAMPLES, SEED, audit_html, rule_ids, run_json

CLUTTER = ["defunct-service", "share-widget", "skip-link-broken", "link-fragment-missing", "breadcrumb-dangling",
           "back-to-top", "link-text-vague", "redundant-link", "empty-link", "nav-duplicate"]


def page(body, head=""):
    return f"<!DOCTYPE html><html lang='en'><head><title>t</title>{head}</head><body>{body}</body></html>"


def findings(html, rule, **kwargs):
    return [f for f in audit_html(html, select=[rule], **kwargs).findings if f.rule == rule]


@pytest.fixture(scope="module")
def seed_result():
    return audit_html(SEED.read_bytes(), select=CLUTTER, name=str(SEED), path=str(SEED))


# --------------------------------------------------------------------------- the seed page

def test_seed_reports_each_dead_share_service_once(seed_result):
    dead = [f for f in seed_result.findings if f.rule == "defunct-service"]
    named = sorted(f.message.split(" to ", 1)[1].split(",")[0] for f in dead)
    assert named == sorted(["Digg's original submit tools", "StumbleUpon", "Delicious (del.icio.us)",
                            "Yahoo! My Web", "Newsvine", "Google Bookmarks", "Mixx",
                            "Technorati (blog directory / Faves)"])
    assert len({f.line for f in dead}) == 8  # one per widget: the images inside are not counted again
    assert not any("Facebook" in f.message or "Reddit" in f.message for f in dead)
    assert all(f.severity is Severity.WARNING for f in dead)


def test_seed_working_share_services_are_share_widgets(seed_result):
    working = [f.message for f in seed_result.findings if f.rule == "share-widget"]
    assert len(working) == 2
    assert any("Facebook" in m for m in working) and any("Reddit" in m for m in working)


def test_seed_breadcrumb_back_to_top_and_vague_link(seed_result):
    by_rule = {}
    for f in seed_result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    [crumb] = by_rule["breadcrumb-dangling"]
    assert "'»'" in crumb.message and crumb.snippet.startswith('<div class="breadcrumb"')
    [top] = by_rule["back-to-top"]
    assert "Back to Top ^" in top.message and "2.3 screens" in top.message
    [vague] = by_rule["link-text-vague"]
    assert "Click to read this story" in vague.message
    # The sentence names the story ("dairy farmers" is in the target's address): 2.4.4 in context.
    assert vague.severity is Severity.NOTICE
    # The story's image link, beside its text link, has no name: link-name reports it, alone.
    assert "redundant-link" not in by_rule


def test_seed_skip_link_and_fragments_are_valid(seed_result):
    # The skip link targets <a name="maincontent">, which exists; #top is valid by the HTML spec.
    ids = rule_ids(seed_result)
    assert "skip-link-broken" not in ids
    assert "link-fragment-missing" not in ids
    assert "empty-link" not in ids
    assert "nav-duplicate" not in ids


def test_seed_from_the_cli_defaults_leave_share_widget_off():
    code, report = run_json("--offline", str(SEED))
    rules = [f["rule"] for f in report["findings"]]
    assert rules.count("defunct-service") == 8
    assert "share-widget" not in rules


def test_modern_page_has_no_clutter():
    path = SAMPLES / "modern-navigation.html"
    result = audit_html(path.read_bytes(), select=CLUTTER, name=str(path))
    assert result.error is None and result.findings == []


# --------------------------------------------------------------------------- defunct-service

def test_service_list_is_complete_and_sourced():
    services = defunct_services()
    assert len(services) >= 30
    assert len({s.name for s in services}) == len(services)
    for service in services:
        assert service.source.startswith("http"), service.name
        assert 1995 < service.year < 2026, service.name
        assert service.patterns, service.name


@pytest.mark.parametrize("pattern,url_host,url_path,expected", [
    ("google.com/ig", "google.com", "/ig", True),
    ("google.com/ig", "google.com", "/images", False),
    ("google.com/bookmarks", "google.com", "/bookmarks/mark", True),
    ("newsvine.com/_tools/seed", "newsvine.com", "/_tools/seed&save", True),
    ("del.icio.us", "tw.del.icio.us", "/post", True),
    ("del.icio.us", "notdel.icio.us.example", "/", False),
])
def test_pattern_matching(pattern, url_host, url_path, expected):
    assert Pattern.parse(pattern).matches(url_host, url_path) is expected


def test_one_widget_is_one_finding():
    html = page('<a href="http://digg.com/submit?url=x"><img src="http://digg.com/img/badge.gif" alt="Digg"></a>'
                '<form action="https://www.stumbleupon.com/submit"><input type="image" src="https://www.stumbleupon.com/b.png" alt="Stumble"></form>')
    found = findings(html, "defunct-service")
    assert [f.snippet[:5] for f in found] == ["<a hr", "<form"]


def test_scripts_frames_and_bookmarklets():
    html = page('<iframe src="//vine.co/v/1/embed" title="v"></iframe>'
                '<a href="javascript:open(\'http://myweb2.search.yahoo.com/myresults/bookmarklet?u=\'+location)">Save</a>',
                head='<script src="https://apis.google.com/js/plusone.js"></script>')
    messages = [f.message for f in findings(html, "defunct-service")]
    assert len(messages) == 3
    assert any("Google+" in m for m in messages) and any("Vine" in m for m in messages)
    assert any("Yahoo! My Web" in m for m in messages)


def test_services_index_finds_the_first_service_for_a_host_or_a_domain_above_it():
    services = Services((Service("Path", (Pattern.parse("example.com/share"),)),
                         Service("Sub", (Pattern.parse("news.example.com"),)),
                         Service("Whole", (Pattern.parse("example.com"),))))
    assert services.first_match("a.news.example.com", "/x").name == "Sub"
    assert services.first_match("news.example.com", "/share").name == "Path"  # listed first
    assert services.first_match("example.com", "/other").name == "Whole"
    assert services.first_match("example.org", "/share") is None
    assert services.first_match("badexample.com", "/") is None  # a suffix, not a domain above


def test_relative_links_are_not_widgets():
    html = page('<a href="digg.com/submit?u=x">Digg</a> <a href="//digg.com/submit?u=x">Digg</a>')
    [found] = findings(html, "defunct-service")
    assert found.snippet == '<a href="//digg.com/submit?u=x">'


def test_services_still_running_are_not_defunct():
    html = page('<a href="https://digg.com/">Digg</a><a href="https://www.facebook.com/sharer.php?u=x">f</a>'
                '<a href="https://twitter.com/intent/tweet?url=x">x</a><a href="https://www.linkedin.com/shareArticle?url=x">in</a>'
                '<a href="https://www.reddit.com/submit?url=x">r</a><a href="mailto:?body=x">mail</a>'
                '<a href="https://www.google.com/images">images</a>')
    assert findings(html, "defunct-service") == []


def test_shutdown_after_the_audit_date_is_not_reported():
    html = page('<script src="https://s7.addthis.com/js/300/addthis_widget.js"></script>')
    assert findings(html, "defunct-service", as_of=date(2020, 1, 1)) == []
    [found] = findings(html, "defunct-service", as_of=date(2026, 11, 28))
    assert "AddThis" in found.message and "2023" in found.message


def test_extra_and_ignored_services():
    html = page('<a href="https://bookmarks.example.com/add?u=x">Save</a><a href="http://digg.com/submit?u=x">Digg</a>')
    options = {"defunct-service": {"extra-services": ["Example Marks|bookmarks.example.com/add|2020"],
                                   "ignore-services": ["digg.com"]}}
    [found] = findings(html, "defunct-service", options=options)
    assert "Example Marks" in found.message and "2020" in found.message


def test_extra_service_replaces_a_builtin_by_name():
    html = page('<a href="http://www.mixx.com/submit?u=x">Mixx</a>')
    options = {"defunct-service": {"extra-services": ["Mixx|mixx.com|2010"]}}
    [found] = findings(html, "defunct-service", options=options)
    assert "2010" in found.message


@pytest.mark.parametrize("bad", [["no-pipes"], ["Name|example.com|soon"], ["Name|not a domain|2020"], [3]])
def test_bad_extra_services_are_config_errors(bad):
    with pytest.raises(ConfigError):
        parse_config({"rules": {"defunct-service": {"extra-services": bad}}}, all_rules(), "auditor.toml")


def test_extra_services_from_a_config_file(tmp_path):
    config = tmp_path / "auditor.toml"
    config.write_text('[rules.defunct-service]\nextra-services = ["Old Marks|oldmarks.example|2015"]\n', encoding="utf-8")
    target = tmp_path / "p.html"
    target.write_text(page('<a href="https://oldmarks.example/save">Save</a>'), encoding="utf-8")
    code, report = run_json("--offline", "--config", str(config), "--select", "defunct-service", str(target))
    assert [f["message"] for f in report["findings"]] == [
        "Link to Old Marks, which shut down in 2015: remove the widget"]


# --------------------------------------------------------------------------- skip links and fragments

NAV = '<nav><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></nav>'


@pytest.mark.parametrize("body,expected", [
    (f'<a href="#content">Skip to content</a>{NAV}<main id="main">x</main>', "does not exist"),
    (f'<a href="#">Skip navigation</a>{NAV}<main id="main">x</main>', "top of the page"),
    (f'<div id="main">x</div><a href="#main">Skip to main content</a>{NAV}', "comes before the link"),
    (f'<a href="#menu">Skip to content</a><nav><ul id="menu"><li><a href="/a">A</a></li></ul></nav><div>x</div>',
     "before the end of the navigation"),
])
def test_skip_link_broken(body, expected):
    [found] = findings(page(body), "skip-link-broken")
    assert expected in found.message


@pytest.mark.parametrize("body", [
    f'<a href="#main">Skip to main content</a>{NAV}<main id="main">x</main>',
    f'<a href="#maincontent">Skip to main content</a>{NAV}<a name="maincontent"></a><h1>x</h1>',
    f'<a href="#contenu">Aller au contenu</a>{NAV}<div id="contenu">x</div>',
    f'<a href="#main">Skip to content</a><main id="main">{NAV}</main>',
])
def test_skip_link_fine(body):
    assert findings(page(body), "skip-link-broken") == []


def test_prose_links_that_mention_skip_are_not_skip_links():
    # python3-doc's library/doctest.html: the option SKIP, linked from prose after the menus.
    body = (f'{NAV}<main id="main"><h1>doctest</h1><p id="doctest.SKIP">SKIP</p>'
            '<p>Use <a href="#doctest.SKIP">SKIP</a> or <a href="#gone">skip ahead</a>.</p></main>')
    assert findings(page(body), "skip-link-broken") == []
    [missing] = findings(page(body), "link-fragment-missing")
    assert "'gone'" in missing.message


def test_a_skip_link_may_follow_the_logo_but_not_the_menu():
    logo = '<a href="/"><img src="/logo.png" alt="Home"></a>'
    before_menu = page(f'{logo}<a href="#content">Skip to content</a>{NAV}<main id="main">x</main>')
    after_menu = page(f'{logo}{NAV}<a href="#content">Skip to content</a><main id="main">x</main>')
    assert len(findings(before_menu, "skip-link-broken")) == 1
    assert findings(after_menu, "skip-link-broken") == []


def test_link_fragment_missing_follows_the_html_spec():
    body = ('<a href="#">top</a><a href="#top">top</a><a href="#TOP">top</a><a href="#caf%C3%A9">c</a>'
            '<a href="#notes">n</a><a href="#/route">r</a><a href="#missing">m</a>'
            '<h2 id="café">Café</h2><a name="notes"></a>')
    [found] = findings(page(body), "link-fragment-missing")
    assert "'missing'" in found.message


def test_missing_skip_link_target_is_reported_once():
    result = audit_html(page(f'<a href="#content">Skip to content</a>{NAV}<main>x</main>'),
                        select=["skip-link-broken", "link-fragment-missing"])
    assert rule_ids(result) == ["skip-link-broken"]


# --------------------------------------------------------------------------- back to top

LONG_TEXT = "<p>" + "Words that fill a long page with real content about the programme. " * 120 + "</p>"


def test_back_to_top_on_a_long_page_is_fine():
    assert findings(page(LONG_TEXT + '<a href="#top">Back to top</a>'), "back-to-top") == []


def test_back_to_top_with_a_missing_target_on_a_long_page():
    [found] = findings(page(LONG_TEXT + '<a href="#header">Top of page ↑</a>'), "back-to-top")
    assert "#header" in found.message and "does not exist" in found.message


def test_back_to_top_threshold_is_configurable():
    html = page("<p>Short.</p><a href='#top'>Haut de page</a>")
    assert len(findings(html, "back-to-top")) == 1
    assert findings(html, "back-to-top", options={"back-to-top": {"min-screens": 0.0}}) == []


# --------------------------------------------------------------------------- breadcrumbs

def test_breadcrumb_link_to_current_page_needs_aria_current():
    body = ('<nav aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/wid/">Gender</a> › '
            '<a href="#">Trafficking</a></nav><h1>Trafficking</h1>')
    [found] = findings(page(body), "breadcrumb-dangling")
    assert "aria-current" in found.message
    assert findings(page(body.replace('href="#"', 'href="#" aria-current="page"')), "breadcrumb-dangling") == []


@pytest.mark.parametrize("marking", ['class="breadcrumb"', 'class="bread&#99;rumb"', 'class="BREAD&#x43;RUMB"',
                                     'aria-label="Fil d&#8217;Ariane"', 'id="m&#x131;ga"'])
def test_breadcrumb_marked_in_any_spelling_the_parser_decodes(marking):
    body = (f'<div {marking}><ol><li><a href="/">Home</a> &raquo;</li>'
            '<li><a href="/wid/">Gender</a> &raquo;</li></ol></div>')
    [found] = findings(page(body), "breadcrumb-dangling")
    assert "'»'" in found.message


def test_link_runs_are_breadcrumbs_only_with_trail_separators():
    trail = page('<p><a href="/">Home</a> &gt; <a href="/a/">Section</a> &gt;</p>')
    footer = page('<p><a href="/about/">About</a> | <a href="/contact/">Contact</a> |</p>')
    assert len(findings(trail, "breadcrumb-dangling")) == 1
    assert findings(footer, "breadcrumb-dangling") == []


# --------------------------------------------------------------------------- link text

@pytest.mark.parametrize("lang,text", [("en", "click here"), ("en", "Read more »"), ("en", "[More...]"),
                                       ("fr", "Cliquez ici"), ("fr-CA", "en savoir plus"), ("es", "Haga clic aquí"),
                                       ("es-419", "Leer más"), ("en-GB", "Learn more →")])
def test_vague_link_text_in_three_languages(lang, text):
    [found] = findings(page(f'<div lang="{lang}"><a href="/x?id=1">{text}</a></div>'), "link-text-vague")
    assert found.severity is Severity.WARNING


def test_each_language_has_its_own_vague_phrases():
    # python3-doc's index: "plus" and "suite" are English words there, not vague French.
    english = page('<ul><li><a href="/expressions#index-61">plus</a></li><li><a href="/stmts#index-1">suite</a></li>'
                   '<li><a href="/x">Leer más</a></li></ul>')
    assert findings(english, "link-text-vague") == []
    french = '<a href="/x">plus</a><a href="/y">click here</a>'
    assert [f.line for f in findings(page(f'<p lang="fr">{french}</p>'), "link-text-vague")] == [1]
    untagged = f"<!DOCTYPE html><html><head><title>t</title></head><body>{french}</body></html>"
    [found] = findings(untagged, "link-text-vague")
    assert "'click here'" in found.message
    meta = '<meta http-equiv="content-language" content="es">'
    [found] = findings(untagged.replace("<title>", meta + "<title>").replace("plus", "aquí"), "link-text-vague")
    assert "'aquí'" in found.message
    german = page('<a href="/x">click here</a><a href="/y">hier</a>').replace("lang='en'", "lang='de'")
    assert findings(german, "link-text-vague") == []
    assert len(findings(german, "link-text-vague", options={"link-text-vague": {"phrases": ["hier"]}})) == 1


@pytest.mark.parametrize("link", ['<a href="/api#link">link()</a>', '<a href="/api#info"><code>info</code></a>',
                                  '<a href="/cli#more"><kbd>more</kbd></a>'])
def test_names_of_functions_and_commands_are_not_vague(link):
    assert findings(page(f"<p>See {link} for details.</p>"), "link-text-vague") == []


@pytest.mark.parametrize("link", ['<a href="/zipapp#cmdoption-zipapp-info">--info</a>',
                                  '<a href="/inspect#details">-details</a>',
                                  '<code><a href="/simple_stmts#index-33">continue</a></code>'])
def test_options_and_terms_are_not_vague(link):
    assert findings(page(f"<ul><li>{link}</li></ul>"), "link-text-vague") == []


def test_table_of_contents_links_named_after_their_section_are_not_vague():
    toc = ('<nav><ul><li><a href="#details">Details</a></li><li><a href="#more">More</a></li>'
           '<li><a href="other.html#details">Details</a></li><li><a href="other.html#part-2">Details</a></li></ul></nav>'
           '<section id="details"><h2>Details<a class="headerlink" href="#details">¶</a></h2></section>'
           '<h2 id="more">Further reading</h2>')
    found = findings(page(toc), "link-text-vague")
    assert [f.snippet for f in found] == ['<a href="#more">', '<a href="other.html#part-2">']


def test_vague_link_named_by_its_context_is_a_notice():
    html = page('<ul><li>Our 2024 annual report: <a href="/reports/annual-report.pdf">read more</a></li></ul>')
    [found] = findings(html, "link-text-vague")
    assert found.severity is Severity.NOTICE


def test_descriptive_names_and_options():
    assert findings(page('<a href="/x" aria-label="Read more about the dairy cooperative">Read more</a>'),
                    "link-text-vague") == []
    assert findings(page('<a href="/x">here</a>'), "link-text-vague", options={"link-text-vague": {"allow": ["Here"]}}) == []
    assert len(findings(page('<a href="/x">Pincha</a>'), "link-text-vague",
                        options={"link-text-vague": {"phrases": ["pincha"]}})) == 1


def test_empty_link_and_link_name_split_the_work():
    rules = ["empty-link"] + (["link-name"] if "link-name" in all_rules() else [])
    empty = audit_html(page('<a href="/rss/"></a>'), select=rules)
    with_image = audit_html(page('<a href="/rss/"><img src="rss.gif"></a>'), select=rules)
    assert rule_ids(empty) == ["empty-link"]
    assert "empty-link" not in rule_ids(with_image)
    if "link-name" in rules:
        assert rule_ids(with_image) == ["link-name"]


def test_an_image_link_without_alt_is_one_link_name_finding():
    rules = ["link-name", "image-alt", "redundant-link"]
    nameless = audit_html(page('<a href="/x"><img src="y.png"></a> <a href="/x">Story</a>'), select=rules)
    assert [(f.rule, f.snippet) for f in nameless.findings] == [("link-name", '<a href="/x">')]
    named = audit_html(page('<a href="/x"><img src="y.png" alt="Story photo"></a> <a href="/x">Story</a>'),
                       select=rules)
    assert rule_ids(named) == ["redundant-link"]
    text_beside = audit_html(page('<a href="/x"><img src="y.png"> Story</a>'), select=rules)
    assert [(f.rule, f.snippet) for f in text_beside.findings] == [("image-alt", '<img src="y.png">')]


def test_empty_link_metadata():
    rule = all_rules()["empty-link"]
    assert rule.act == ("c487ae",) and set(rule.wcag) == {"2.4.4", "4.1.2"}


def test_redundant_link_needs_neighbours():
    apart = page('<a href="/s"><img src="s.jpg" alt="S"></a><a href="/other">Other</a><a href="/s">Story</a>')
    together = page('<a href="/s/"><img src="s.jpg" alt="S"></a> <a href="/s">Story</a>')
    assert findings(apart, "redundant-link") == []
    assert len(findings(together, "redundant-link")) == 1


# --------------------------------------------------------------------------- repeated menus

def test_nav_duplicate_counts_blocks_not_their_nested_lists():
    items = "".join(f'<li><a href="/{i}">Item {i}</a></li>' for i in range(5))
    once = page(f"<nav><ul>{items}</ul></nav>")
    twice = page(f"<nav><ul>{items}</ul></nav><footer><nav><ul>{items}</ul></nav></footer>")
    assert findings(once, "nav-duplicate") == []
    [found] = findings(twice, "nav-duplicate")
    assert "5 navigation links" in found.message
    assert findings(twice, "nav-duplicate", options={"nav-duplicate": {"min-links": 6}}) == []


def test_nav_duplicate_compares_the_links_of_each_nested_block():
    items = "".join(f'<li><a href="/{i}">Item {i}</a></li>' for i in range(5))
    more = '<li><a href="/more">More</a></li>'
    # The outer list has one link more; its inner list is the same five links as the menu.
    html = page(f"<nav><ul>{items}</ul></nav><div><ul><li><ul>{items}</ul></li>{more}</ul></div>")
    [found] = findings(html, "nav-duplicate")
    assert "5 navigation links" in found.message and found.snippet == "<ul>"


def test_one_repeated_menu_is_one_finding_on_its_outermost_block():
    # python3-doc: the sidebar's nested table of contents, once per nesting level before.
    inner = "".join(f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(5))
    toc = f'<ul><li><a href="#top">Page</a><ul>{inner}<li><a href="#s9">Last</a><ul>{inner}</ul></li></ul></li></ul>'
    html = page(f'<nav aria-label="Contents">{toc}</nav><main><h1>x</h1></main>'
                f'<div class="sidebar" role="navigation"><div>{toc}</div></div>')
    [found] = findings(html, "nav-duplicate")
    assert found.snippet == '<div class="sidebar" role="navigation">'


@pytest.mark.parametrize("marking", ['class="mobile-nav"', 'class="menu_mobile"', 'class="d-lg-none"',
                                     'class="visible-xs"', 'class="hide-for-large"', 'class="md:hidden"',
                                     'class="hidden md:flex"'])
def test_a_menu_and_its_copy_for_other_screen_sizes_are_not_duplicates(marking):
    items = "".join(f'<li><a href="/{i}">Item {i}</a></li>' for i in range(5))
    html = page(f'<div {marking}><nav><ul>{items}</ul></nav></div><nav class="site-menu"><ul>{items}</ul></nav>')
    assert findings(html, "nav-duplicate") == []
    assert len(findings(html.replace(marking, 'class="header"'), "nav-duplicate")) == 1


def test_a_defunct_widget_is_one_finding_and_its_links_are_not_checked(tmp_path):
    # The Digg button: a link to Digg's submit page holding Digg's image, both long gone.
    # Removing the widget is the fix, so the link is neither checked nor reported broken,
    # and its image without alt is not reported either (one problem, one finding).
    from linkserver import LinkServer

    with LinkServer() as server:
        widget = '<a href="http://digg.com/submit?url=x"><img src="http://digg.com/img/badge.gif"></a>'
        dead = f'<a href="{server.url("/missing.html")}">old page</a>'
        text = (f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>News</h1>'
                f'<p>Share: {widget} {dead}</p></main></body></html>')
        page = tmp_path / "page.html"
        page.write_text(text)
        code, report = run_json("--no-cache", str(page))
        found = [(f["rule"], f["line"], f["column"]) for f in report["findings"]]
        assert server.hits[("HEAD", "/missing.html")] == 1
    assert found == [("defunct-service", 1, text.index(widget) + 1), ("link-broken", 1, text.index(dead) + 1)]
