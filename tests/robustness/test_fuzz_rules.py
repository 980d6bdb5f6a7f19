"""Every rule over random and mutated pages: no rule may crash (a crash is a tool error)."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.config import Config, active_rules
from auditor.engine import audit_loaded
from auditor.loading import Loaded
from auditor.registry import all_rules
from auditor.targets import Target
from conftest import AS_OF, SAMPLES

SEEDS = sorted(p.read_bytes() for p in SAMPLES.rglob("*.html"))
# Every rule, including those off by default.
RULES = active_rules(all_rules(), Config(), ("all",))
TAGS = ["<a href='#x'>", "</a>", "<img src=a.png>", "<div role=img>", "<table>", "<td headers='q'>", "</table>",
        "<ul>", "<li>", "<h1>", "</h1>", "<!-- auditor-disable", " -->", "<meta http-equiv=refresh content='0;x'>",
        "<html lang='zz-!!'>", "<svg role=img>", "<input type=image>", "<label for=x>", "aria-hidden=true",
        "<nav aria-label=Breadcrumb>", "&raquo;", "10/08 (2.5MB PDF)", "<time datetime='9999-99-99'>", "\x00", "\ufffd"]


def _audit(data: bytes):
    return audit_loaded(Target("file", "fuzz.html"), Loaded(data=data), RULES, AS_OF, page_seconds=None)


@st.composite
def mutated_page(draw):
    page = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(page)))
        action = draw(st.sampled_from(["insert-tag", "delete", "bytes", "truncate"]))
        if action == "insert-tag":
            page[where:where] = draw(st.sampled_from(TAGS)).encode()
        elif action == "delete":
            del page[where: where + draw(st.integers(1, 200))]
        elif action == "bytes":
            page[where:where] = draw(st.binary(max_size=20))
        else:
            del page[where:]
    return bytes(page)


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(mutated_page())
def test_no_rule_crashes_on_mutated_samples(page):
    result = _audit(page)
    assert result.tool_errors == [], [(e.rule, e.message) for e in result.tool_errors]


@FUZZ
@given(st.lists(st.sampled_from(TAGS) | st.text(max_size=30), max_size=40).map("".join))
def test_no_rule_crashes_on_random_markup(markup):
    result = _audit(markup.encode("utf-8", "surrogatepass"))
    assert result.tool_errors == [], [(e.rule, e.message) for e in result.tool_errors]
