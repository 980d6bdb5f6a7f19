from dataclasses import replace

from auditor.config import Config, active_rules
from auditor.engine import audit_loaded
from auditor.finding import Severity
from auditor.loading import Loaded
from auditor.options import RunOptions
from auditor.registry import all_rules
from auditor.rule import Rule
from auditor.targets import Target, expand_targets
from conftest import AS_OF, SEED, audit_html, rule_ids


def test_location_points_at_the_start_tag_across_lines():
    html = "<!doctype html>\n<html lang=en><title>x</title>\n<body>\n  <p>text <img\n     src='a.png'\n     width=3></p>\n</body></html>"
    result = audit_html(html, select=["image-alt"])
    (finding,) = result.findings
    assert (finding.line, finding.column) == (4, 11)
    assert finding.snippet == "<img src='a.png' width=3>"
    assert finding.selector == "html > body > p > img"


def test_crlf_newlines_keep_lines_right():
    html = "<html lang=en>\r\n<title>x</title>\r\n\r\n<img src=a.png>\r\n</html>"
    (finding,) = audit_html(html, select=["image-alt"]).findings
    assert (finding.line, finding.column) == (4, 1)


def test_seed_page_reports_missing_and_file_name_alt_text():
    result = audit_html(SEED.read_bytes(), select=["alt-text"])
    lines = SEED.read_text(encoding="latin-1").splitlines()
    found = {(f.rule, f.line) for f in result.findings}
    photo = next(i for i, l in enumerate(lines, 1) if "trafficking_reintegration.jpg" in l)
    banner = next(i for i, l in enumerate(lines, 1) if 'alt="wid_banner.jpg"' in l)
    assert ("image-alt", photo) in found
    assert ("image-alt-suspicious", banner) in found


class Crashes(Rule):
    id = "test-crash"
    family = "meta"
    severity = Severity.ERROR
    summary = what = why = fix = "test"
    elements = ("p",)

    def visit(self, element, page):
        raise ZeroDivisionError("boom")


def test_a_crashing_rule_is_a_tool_error_and_other_rules_still_run():
    rules = [Crashes(), *active_rules(all_rules(), Config(), ("image-alt",))]
    result = audit_loaded(Target("file", "x.html"), Loaded(data=b"<p>a</p><p>b</p><img src=x.png>"), rules, AS_OF)
    assert [(e.rule, e.message) for e in result.tool_errors] == [("test-crash", "rule crashed: ZeroDivisionError: boom")]
    assert rule_ids(result) == ["image-alt"]


def test_fingerprints_survive_moved_lines_and_separate_repeats():
    page = "<html lang=en><title>x</title><body>{}<img src=a.png><img src=a.png><img src=b.png></body></html>"
    before = audit_html(page.format(""), select=["image-alt"])
    after = audit_html(page.format("<p>new paragraph</p>\n\n\n"), select=["image-alt"])
    fp_before = [f.fingerprint for f in before.findings]
    fp_after = [f.fingerprint for f in after.findings]
    assert fp_before == fp_after
    assert len(set(fp_before)) == 3
    assert [f.line for f in before.findings] != [f.line for f in after.findings]


def test_empty_and_binary_files_are_page_errors():
    assert audit_html(b"").error == "empty file"
    assert "binary" in audit_html(b"\x00\x01\x02\x03GIF89a" * 10).error


def test_folder_targets_are_sorted_and_symlink_loops_visited_once(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.html").write_text("<p>")
    (tmp_path / "a.htm").write_text("<p>")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    names = [t.name for t in expand_targets((str(tmp_path),))]
    assert names == [f"{tmp_path}/a.htm", f"{tmp_path}/b/z.html"]


def test_exclude_globs(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x.html").write_text("<p>")
    (tmp_path / "y.html").write_text("<p>")
    names = [t.name for t in expand_targets((str(tmp_path),), exclude=("old/*",))]
    assert names == [f"{tmp_path}/y.html"]


def test_deep_nesting_is_capped_like_a_browser():
    from auditor.parsing import MAX_DEPTH, parse

    soup = parse("<div>" * 5000 + "<img src=x.png>" + "</div>" * 5000)
    img = soup.find("img")
    assert len(list(img.parents)) <= MAX_DEPTH + 2
    assert len(soup.find_all("div")) == 5000  # nothing is dropped, only flattened


def test_a_page_over_its_time_budget_is_a_page_error():
    rules = active_rules(all_rules(), Config(), ("image-alt",))
    html = ("<div>" * 20000).encode()
    result = audit_loaded(Target("file", "deep.html"), Loaded(data=html), rules, AS_OF, page_seconds=0.2)
    assert result.error == "not audited: over the time budget of 0.2 s per page"


def test_identical_siblings_get_their_own_selectors():
    html = "<html lang=en><title>x</title><ul><li><img src=a.gif></li><li><img src=a.gif></li></ul></html>"
    selectors = [f.selector for f in audit_html(html, select=["image-alt"]).findings]
    assert selectors == ["html > body > ul > li:nth-of-type(1) > img", "html > body > ul > li:nth-of-type(2) > img"]
    from auditor.selector import css_path
    from auditor.parsing import parse

    second = parse(html).find_all("img")[1]
    assert css_path(second) == "html > body > ul > li:nth-of-type(2) > img"  # without a page's cache too


class SeesAttributes(Rule):
    id = "test-sees-attributes"
    family = "meta"
    severity = Severity.NOTICE
    summary = what = why = fix = "test"
    elements = ("button",)
    attributes = ("tabindex", "aria-*")

    def visit(self, element, page):
        yield self.finding(page, element, element.name)


def test_rules_get_the_elements_of_their_tags_and_attributes():
    html = ("<html lang=en><title>t</title><p tabindex=0>a</p><span aria-label=x>b</span><div role=button>c</div>"
            "<button>d</button><p>e</p><em data-aria-x=1>f</em></html>")
    result = audit_loaded(Target("file", "x.html"), Loaded(data=html.encode()), [SeesAttributes()], AS_OF)
    assert [f.message for f in result.findings] == ["p", "span", "button"]  # not the role= div, the plain p, data-aria-x


def test_worker_batches_start_with_the_largest_pages_and_keep_large_ones_alone():
    from auditor.engine import _chunks

    sizes = [10, 5000, 10, 10, 20, 3000] + [10] * 40
    chunks = _chunks(sizes, jobs=2)
    assert chunks[0] == [1] and chunks[1] == [5]  # each over its share of the bytes: alone, and first
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(sizes)))  # every page once
    assert all(len(chunk) <= 16 for chunk in chunks)


def test_a_small_run_stays_in_one_process_and_a_large_one_uses_workers(tmp_path, monkeypatch):
    import concurrent.futures

    import auditor.engine as engine

    started = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def counting_pool(*args, **kwargs):
        started.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting_pool)  # the engine imports it when used
    rules = active_rules(all_rules(), Config(), select=("image-alt",))
    for n in range(3):
        (tmp_path / f"p{n}.html").write_text("<html lang=en><title>t</title><img src=a.png></html>")
    options = RunOptions(rules=rules, as_of=AS_OF, offline=True, jobs=2, use_cache=False)
    small = engine.run_audit(expand_targets((str(tmp_path),)), options)
    assert started == [] and len(small.findings) == 3
    monkeypatch.setattr(engine, "IN_PROCESS_BYTES", 100)
    large = engine.run_audit(expand_targets((str(tmp_path),)), options)
    assert started == [2] and large.findings == small.findings
