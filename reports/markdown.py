"""Markdown for a pull-request comment or a CI step summary: a summary table and the top
findings. Page text is escaped so it can neither break the table nor add links, HTML or
@-mentions to the comment."""

import re

from auditor.reports._common import more_places, plural, rule_meta

FORMAT = "markdown"

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&$])")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


def escape(text) -> str:
    text = " ".join(str(text).split())  # one line: a newline would end the table row
    text = _SPECIAL.sub(r"\\\1", text)
    # A zero-width joiner after @ stops GitHub from turning page text into mentions.
    return text.replace("@", "@\u200d")


def code(text, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    text = text.replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if text else ""


def _where(f: dict) -> str:
    return f"{f['page']}:{f['line']}:{f['column']}"


def lines(result, top: int = 50, title: str = "auditor report") -> list[str]:
    data = result.to_dict()
    s = data["summary"]
    sev = s["by_severity"]
    out = [f"## {escape(title)}", "",
           f"{plural(s['pages'] - s['page_errors'], 'page')} audited, {plural(s['findings'], 'finding')} "
           f"({plural(sev['error'], 'error')}, {plural(sev['warning'], 'warning')}, "
           f"{plural(sev['notice'], 'notice')}); as of {data['as_of']}, auditor {escape(data['tool']['version'])}.", ""]
    baseline = data.get("baseline")
    if baseline:
        out += [f"Against the baseline: {plural(baseline['new'], 'new finding')}, "
                f"{plural(len(baseline['fixed']), 'fixed finding')}.", ""]
    extra = [(k, n) for k, n in (("page_errors", "page error"), ("tool_errors", "tool error"),
                                 ("skipped_checks", "skipped check")) if s.get(k)]
    if extra:
        out += [", ".join(plural(s[k], n) for k, n in extra).capitalize() + ".", ""]
    if s["by_rule"]:
        out += ["| Rule | Family | Findings | Summary |", "| --- | --- | ---: | --- |"]
        for rule, count in sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
            meta = rule_meta(result, rule)
            out.append(f"| {code(rule)} | {escape(meta['family'])} | {count} | {escape(meta['summary'])} |")
        out.append("")
    findings = sorted(data["findings"], key=lambda f: (_SEVERITY_ORDER[f["severity"]], f["page"], f["line"], f["column"]))
    if findings:
        shown = findings[:top]
        heading = "Findings" if len(shown) == len(findings) else f"Top {len(shown)} of {len(findings)} findings"
        out += [f"### {heading}", "", "| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
        for f in shown:
            out.append(f"| {f['severity']} | {code(f['rule'])} | {code(_where(f))} "
                       f"| {escape(f['message'] + more_places(f.get('related')))} |")
        out.append("")
    problems = [(p["page"], p["error"]) for p in data["pages"] if p["error"]]
    problems += [(p["page"], f"{e['rule']}: {e['message']}") for p in data["pages"] for e in p.get("tool_errors", [])]
    if problems:
        out += ["### Pages not fully audited", ""]
        out += [f"- {code(page)}: {escape(why)}" for page, why in problems] + [""]
    return out


def render(result, stream, top: int = 50, **_):
    stream.write("\n".join(lines(result, top=top)) + "\n")
