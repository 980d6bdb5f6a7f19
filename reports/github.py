"""GitHub Actions workflow commands: one annotation per finding, and a Markdown summary
appended to $GITHUB_STEP_SUMMARY when it is set.

Every value is escaped as the runner unescapes it (`%`, CR and LF in messages; also `:`
and `,` in properties), so page text can never end the line and start a command of its own.
"""

import os

from auditor.reports import markdown
from auditor.reports._common import file_path, more_places

FORMAT = "github"

_LEVEL = {"error": "error", "warning": "warning", "notice": "notice"}


def escape_data(text) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props) -> str:
    parts = ",".join(f"{k}={escape_property(v)}" for k, v in props.items() if v not in (None, ""))
    return f"::{level} {parts}::{escape_data(message)}" if parts else f"::{level}::{escape_data(message)}"


def lines(result) -> list[str]:
    data = result.to_dict()
    out = []
    for f in data["findings"]:
        props = {"file": file_path(f["page"]), "line": max(1, f["line"]), "col": max(1, f["column"]),
                 "title": f"{f['rule']} ({f['severity']})"}
        out.append(command(_LEVEL[f["severity"]], f["message"] + more_places(f.get("related")), **props))
    for p in data["pages"]:
        if p["error"]:
            out.append(command("error", f"page error: {p['error']}", file=file_path(p["page"]), title="auditor"))
        for e in p.get("tool_errors", []):
            out.append(command("error", f"tool error in {e['rule']}: {e['message']}", file=file_path(p["page"]),
                               title="auditor"))
    return out


def render(result, stream, **_):
    for line in lines(result):
        stream.write(line + "\n")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write("\n".join(markdown.lines(result)) + "\n")
        except OSError as exc:  # the annotations are the main output; say why the summary is missing
            stream.write(command("warning", f"cannot write the step summary: {exc}") + "\n")
