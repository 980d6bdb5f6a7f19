"""JUnit XML: a testsuite per page and a testcase per rule that ran, so CI test views show
which rules pass on which page. Errors and warnings fail a testcase; notices are listed in
its output without failing it; a page that could not be read is an error of the suite."""

import xml.etree.ElementTree as ET
from collections import defaultdict

from auditor.reports._common import more_places

FORMAT = "junit"

_FAILING = ("error", "warning")
# XML 1.0 cannot carry most control characters, even escaped.
_XML_BAD = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF], "\ufffd")


def _clean(text: str) -> str:
    text = str(text).translate(_XML_BAD)
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def _line(f: dict) -> str:
    return f"{f['page']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['message']}{more_places(f.get('related'))} [{f['selector']}]"


def build(result) -> ET.Element:
    data = result.to_dict()
    by_page = defaultdict(lambda: defaultdict(list))
    for f in data["findings"]:
        by_page[f["page"]][f["rule"]].append(f)
    ran = sorted(getattr(result, "rules", None) or {})
    root = ET.Element("testsuites", name="auditor")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for page in data["pages"]:
        name = page["page"]
        rules = sorted(set(ran) | set(by_page[name]))
        suite = ET.SubElement(root, "testsuite", name=_clean(name))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if page["error"]:
            case = ET.SubElement(suite, "testcase", name="page", classname=_clean(name))
            ET.SubElement(case, "error", message=_clean(page["error"]), type="page-error")
            counts["tests"] += 1
            counts["errors"] += 1
        crashed = {e["rule"]: e["message"] for e in page.get("tool_errors", [])}
        for rule in ([] if page["error"] else rules):
            case = ET.SubElement(suite, "testcase", name=_clean(rule), classname=_clean(name))
            counts["tests"] += 1
            found = by_page[name].get(rule, [])
            failing = [f for f in found if f["severity"] in _FAILING]
            if rule in crashed:
                ET.SubElement(case, "error", message=_clean(crashed[rule]), type="tool-error")
                counts["errors"] += 1
            elif failing:
                first = failing[0]
                message = (f"{len(failing)} finding{'s' if len(failing) != 1 else ''}: "
                           f"line {first['line']}, column {first['column']}: {first['message']}"
                           f"{more_places(first.get('related'))}")
                failure = ET.SubElement(case, "failure", message=_clean(message), type=_clean(rule))
                failure.text = _clean("\n".join(_line(f) for f in failing))
                counts["failures"] += 1
            notices = [f for f in found if f["severity"] not in _FAILING]
            if notices:
                ET.SubElement(case, "system-out").text = _clean("\n".join(_line(f) for f in notices))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("skipped", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(result, stream, **_):
    tree = build(result)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode"))
    stream.write("\n")
