"""The HTML report in real headless Chromium (driven over the DevTools protocol): filters
change what is shown, counts match the JSON, it works without JavaScript, and page text
carrying script payloads cannot run anything. A screenshot goes to test-artifacts/."""

import json
from pathlib import Path

import pytest

from chromium import Browser, find_chromium
from conftest import AS_OF_ARG, ROOT, SAMPLES, run_cli

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it), so the HTML report's browser tests cannot run")

ARTIFACTS = ROOT / "test-artifacts"

VISIBLE = "Array.from(document.querySelectorAll('li.finding')).filter(li => li.offsetParent !== null)"


@pytest.fixture(scope="module")
def browser():
    b = Browser(CHROMIUM)
    yield b
    b.close()


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    result = run_cli("check", "--offline", *AS_OF_ARG, "--report", f"json:{out / 'r.json'}",
                     "--report", f"html:{out / 'r.html'}", str(SAMPLES))
    assert result.exit_code in (0, 1), result.stderr
    return out / "r.html", json.loads((out / "r.json").read_text(encoding="utf-8"))


def visible(tab) -> list[dict]:
    return tab.eval(f"{VISIBLE}.map(li => ({{rule: li.dataset.rule, severity: li.dataset.severity,"
                    " page: li.dataset.page, text: li.textContent}))")


def test_counts_match_the_json(browser, sample_report):
    path, data = sample_report
    tab = browser.open(path)
    s = data["summary"]
    assert tab.eval("document.getElementById('filters').hidden") is False  # our script ran under the CSP
    assert int(tab.eval("document.getElementById('count-findings').textContent")) == s["findings"]
    assert int(tab.eval("document.getElementById('count-pages').textContent")) == s["pages"]
    for sev, n in s["by_severity"].items():
        assert int(tab.eval(f"document.getElementById('count-{sev}').textContent")) == n
    pages_with_errors = len({f["page"] for f in data["findings"] if f["severity"] == "error"})
    assert int(tab.eval("document.getElementById('count-pages-with-errors').textContent")) == pages_with_errors
    embedded = tab.eval("JSON.parse(document.getElementById('report-data').textContent).report")
    assert embedded == data
    assert len(visible(tab)) == s["findings"]
    assert tab.eval("document.getElementById('shown').textContent") == f"Showing {s['findings']} of {s['findings']} findings."
    assert tab.eval("window.__violations") == []
    tab.screenshot(ARTIFACTS / "html-report.png")
    assert (ARTIFACTS / "html-report.png").stat().st_size > 10_000


def test_filters_change_what_is_shown(browser, sample_report):
    path, data = sample_report
    findings = data["findings"]
    tab = browser.open(path)

    tab.eval("document.getElementById('sev-error').click()")
    shown = visible(tab)
    assert len(shown) == sum(1 for f in findings if f["severity"] != "error") < len(findings)
    assert all(f["severity"] != "error" for f in shown)
    tab.eval("document.querySelector('#filters button[type=reset]').click()")
    tab.eval("new Promise(r => setTimeout(r, 50))")
    assert len(visible(tab)) == len(findings)

    rule, count = sorted(data["summary"]["by_rule"].items(), key=lambda kv: kv[1])[0]
    tab.eval(f"(s => {{ s.value = {json.dumps(rule)}; s.dispatchEvent(new Event('change', {{bubbles: true}})); }})"
             "(document.getElementById('filter-rule'))")
    shown = visible(tab)
    assert len(shown) == count and {f["rule"] for f in shown} == {rule}
    assert tab.eval("document.getElementById('shown').dataset.shown") == str(count)

    tab.eval("document.querySelector('#filters button[type=reset]').click()")
    tab.eval("new Promise(r => setTimeout(r, 50))")
    word = "wid_banner"
    tab.eval("document.getElementById('filter-q').focus()")
    tab.call("Input.insertText", {"text": word})
    shown = visible(tab)
    expected = [f for f in findings if word in (f["message"] + f["snippet"] + f["page"] + f["selector"]).lower()]
    assert shown and len(shown) == len(expected)
    assert all(word in f["text"].lower() for f in shown)


def test_grouping_sorting_and_page_links(browser, sample_report):
    path, data = sample_report
    tab = browser.open(path)
    tab.eval("document.getElementById('group-rule').click()")
    headings = tab.eval("Array.from(document.querySelectorAll('#groups section.group:not([hidden]) h3'))"
                        ".map(h => h.querySelector('code').textContent)")
    assert headings == sorted(data["summary"]["by_rule"])
    first_group = tab.eval("Array.from(document.querySelector('#groups section.group').querySelectorAll('li.finding'))"
                           ".map(li => li.dataset.rule)")
    assert set(first_group) == {headings[0]}

    tab.eval("(s => { s.value = 'severity'; s.dispatchEvent(new Event('change', {bubbles: true})); })"
             "(document.getElementById('sort'))")
    tab.eval("document.getElementById('group-page').click()")
    rank = {"error": 3, "warning": 2, "notice": 1}
    for sev_list in tab.eval("Array.from(document.querySelectorAll('#groups section.group'))"
                             ".map(g => Array.from(g.querySelectorAll('li.finding')).map(li => li.dataset.severity))"):
        assert [rank[s] for s in sev_list] == sorted((rank[s] for s in sev_list), reverse=True)

    # Two clicks to any finding: a page in the summary table, then the finding.
    page = data["findings"][-1]["page"]
    tab.eval(f"Array.from(document.querySelectorAll('a[data-show-page]')).find(a => a.textContent === {json.dumps(page)}).click()")
    shown = visible(tab)
    assert len(shown) == sum(1 for f in data["findings"] if f["page"] == page)


def test_everything_is_visible_without_javascript(browser, sample_report):
    path, data = sample_report
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.send("Page.enable", session=session)
    browser.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
    browser.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")
    reply = browser.send("Runtime.evaluate", {"expression": f"{VISIBLE}.length", "returnByValue": True}, session=session)
    assert reply["result"]["value"] == len(data["findings"])
    hidden_form = browser.send("Runtime.evaluate", {"expression": "document.getElementById('filters').hidden",
                                                    "returnByValue": True}, session=session)
    assert hidden_form["result"]["value"] is True  # controls that need JavaScript are not shown


EVIL_TITLE = "</title><script>window.__pwned='title'</script>"
EVIL_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{EVIL_TITLE}</title></head>
<body><main><h1>x<script>window.__pwned='script'</script></h1>
<img src="x.png" onerror="window.__pwned='attr'" data-a="&quot;&gt;&lt;script&gt;window.__pwned='attr2'&lt;/script&gt;">
<img src="javascript:window.__pwned='img-url'" alt="photo">
<a href="javascript:window.__pwned='link'"></a>
<a href="javascript:window.__pwned='link2'">&lt;/script&gt;&lt;script&gt;window.__pwned='text'&lt;/script&gt;</a>
<p>&lt;img src=x onerror="window.__pwned='text2'"&gt; {{{{ 7*7 }}}} ${{window.__pwned='tpl'}}</p>
<svg><script>window.__pwned='svg'</script></svg>
<iframe src="javascript:window.__pwned='iframe'"></iframe>
</main></body></html>
"""


def test_script_payloads_in_page_text_cannot_run(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = Path("site")
    site.mkdir()
    name = "\"><img src=x onerror=window.__pwned='name'>.html"
    (site / name).write_text(EVIL_PAGE, encoding="utf-8")
    (site / "javascript:window.__pwned='file'.html").write_text(EVIL_PAGE, encoding="utf-8")
    result = run_cli("check", "--offline", *AS_OF_ARG, "--report", "html:report.html", "--report", "json:report.json", "site")
    assert result.exit_code == 1, result.stderr
    data = json.loads(Path("report.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) >= 4
    tab = browser.open(Path("report.html"))
    for li in tab.eval("Array.from(document.querySelectorAll('li.finding')).map(li => li.id)"):  # open every "How to fix"
        tab.eval(f"document.querySelectorAll('#{li} details').forEach(d => d.open = true)")
    # Click every in-page link and every control, as a reviewer would.
    tab.eval("document.querySelectorAll('a[href^=\"#\"]').forEach(a => a.click())")
    tab.eval("document.getElementById('group-rule').click(); document.getElementById('group-page').click()")
    browser.drain(0.5)
    assert tab.eval("typeof window.__pwned") == "undefined"
    assert tab.events("Page.javascriptDialogOpening") == []
    # Nothing even tried: the CSP would have reported any script or handler it blocked.
    assert tab.eval("window.__violations") == []
    assert tab.eval("document.querySelectorAll('script').length") == 2
    assert tab.eval("document.querySelectorAll('iframe, svg, img, object, embed').length") == 0
    assert tab.eval("Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
                    ".filter(a => a.name.startsWith('on')).length") == 0
    hrefs = tab.eval("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    text = tab.eval("document.body.textContent")
    assert "onerror" in text and name in text  # shown as text, not run
    assert tab.eval("document.title") == "Accessibility and content audit"
    requests = [e["params"]["request"]["url"] for e in tab.events("Network.requestWillBeSent")]
    assert all(u.startswith("file://") for u in requests), requests
