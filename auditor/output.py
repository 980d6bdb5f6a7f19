"""Writing reports: atomically, so an interrupted run never leaves half a report."""

from __future__ import annotations

import os
import sys


def write_report(render, result, path: str | None, **options) -> None:
    if path is None or path == "-":
        color = options.pop("color", None)
        if color is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        render(result, sys.stdout, color=color, **options)
        sys.stdout.flush()
        return
    if os.path.exists(path) and not os.path.isfile(path):
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): write to it, never replace it.
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            render(result, handle, color=False, **options)
        return
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    import tempfile  # only for a report written to a file: not at start-up

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".auditor-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            render(result, handle, color=False, **options)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
