"""Human-readable lines, one per finding: `path:line:column: severity rule-id message`."""

from auditor.reports._common import more_places
from auditor.terminal import printable

FORMAT = "text"

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "notice": "\x1b[36m"}
_RESET = "\x1b[0m"


def render(result, stream, color=False, quiet=False, **_):
    def paint(text, label):
        return f"{_COLORS[label]}{text}{_RESET}" if color else text

    for page in result.pages:
        if page.error:
            stream.write(f"{printable(page.page)}: {paint('page error', 'error')} {printable(page.error)}\n")
        for error in page.tool_errors:
            stream.write(f"{printable(page.page)}: {paint('tool error', 'error')} {error.rule} {printable(error.message)}\n")
        for f in page.findings:
            label = f.severity.label
            stream.write(f"{printable(f.page)}:{f.line}:{f.column}: {paint(label, label)} {f.rule} {printable(f.message)}{more_places(f.related)}\n")
    if quiet:
        return
    s = result.summary()
    sev = s["by_severity"]
    parts = [f"{_count(s['pages'] - s['page_errors'], 'page')} audited",
             f"{_count(s['findings'], 'finding')} ({_count(sev['error'], 'error')}, "
             f"{_count(sev['warning'], 'warning')}, {_count(sev['notice'], 'notice')})"]
    for key, noun in (("page_errors", "page error"), ("tool_errors", "tool error"), ("skipped_checks", "skipped check")):
        if s[key]:
            parts.append(_count(s[key], noun))
    stream.write("\n" + ", ".join(parts) + f" (as of {result.as_of})\n")
    baseline = getattr(result, "baseline_dict", None)
    if baseline:  # a --baseline run: the findings above are the new ones
        b = baseline()
        stream.write(f"against the baseline: {_count(b['new'], 'new finding')}, {b['known']} known, {len(b['fixed'])} fixed\n")
        for e in b["fixed"]:
            stream.write(f"  fixed: {printable(e['page'])} {e['rule']} {printable(e['message'])}"
                         + (f" (x{e['count']})" if e["count"] > 1 else "") + "\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
