"""`auditor rules` and `auditor explain`: the listing, and each rule's docs with its samples."""

import re
import tomllib

from auditor.registry import all_rules
from auditor.ruledocs import explain_text, rules_text
from conftest import ROOT, SAMPLES


def _indented(path) -> str:
    """The sample as the docs show it: indented, without the sample tests' marks."""
    text = re.sub(r' data-expect(="\d+")?', "", path.read_text(encoding="utf-8"))
    return "\n".join(f"  {line}" if line else "" for line in text.strip().splitlines())


def test_the_docs_leave_out_the_sample_marks():
    assert "data-expect" in (SAMPLES / "rules" / "image-alt" / "bad.html").read_text(encoding="utf-8")
    assert "data-expect" not in explain_text(all_rules()["image-alt"])


def test_explain_shows_the_bad_sample_as_the_example_and_the_good_one_to_use_instead():
    text = explain_text(all_rules()["image-alt"])
    example = text.index("\nExample\n")
    use_instead = text.index("\nUse instead\n")
    options = text.index("\nOptions\n")
    assert text.index(_indented(SAMPLES / "rules" / "image-alt" / "bad.html")) == example + len("\nExample\n")
    assert text.index(_indented(SAMPLES / "rules" / "image-alt" / "good.html")) == use_instead + len("\nUse instead\n")
    assert example < use_instead < options


def test_a_rule_without_samples_says_none():
    unsampled = type("Unsampled", (all_rules()["image-alt"],), {"id": "no-such-sample"})
    text = explain_text(unsampled)
    assert "\nExample\n  none\n" in text and "\nUse instead\n  none\n" in text


def test_the_listing_columns_line_up_however_long_the_ids():
    rules = all_rules()
    lines = rules_text(rules).splitlines()
    assert len(lines) == len(rules)
    longest_id = max(len(rule_id) for rule_id in rules)
    assert longest_id > 28  # the old fixed width, which long ids overran
    family_column = {line.index(rule.family, len(rule_id)) for line, (rule_id, rule) in zip(lines, rules.items())}
    assert family_column == {longest_id + 1}
    assert lines[0] == ("accesskeys".ljust(longest_id) + " accessibility warning Access keys must be unique")


def test_every_rule_family_and_the_samples_are_packaged():
    # A non-editable install has only the packages pyproject lists: a family folder missing
    # there would leave its rules out, and the samples out would leave `explain` without them.
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {path.name for path in (ROOT / "rules").iterdir() if (path / "__init__.py").is_file()}
    assert {f"auditor.rules.{folder}" for folder in folders} <= set(setuptools["packages"])
    assert setuptools["package-dir"]["auditor.samples"] == "samples"
    assert "rules/*/*.html" in setuptools["package-data"]["auditor.samples"]
