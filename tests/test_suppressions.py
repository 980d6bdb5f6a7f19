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
