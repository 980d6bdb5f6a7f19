"""Writing reports: atomically, so an interrupted run never leaves half a report, and with
the permissions any new file of the user's gets (the umask's), so a report can be published."""

from __future__ import annotations

import os
import sys


def write_report(render, result, path: str | None, **options) -> None:
    if path is None or path == "-":
        color = options.pop("color", None)
        if color is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        try:
            render(result, sys.stdout, color=color, **options)
            sys.stdout.flush()
        except BrokenPipeError:
            _reader_gone()
        return
    if os.path.exists(path) and not os.path.isfile(path):
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): write to it, never replace it.
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            render(result, handle, color=False, **options)
        return
    import tempfile  # only for a report written to a file: not at start-up

    # In the report's own folder, so that the rename below is atomic.
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".auditor-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            render(result, handle, color=False, **options)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def missing_folder(path: str | None) -> str | None:
    """The folder a report or baseline at `path` would go in, when it does not exist."""
    if path is None or path == "-":
        return None
    folder = os.path.dirname(os.path.abspath(path))
    return None if os.path.isdir(folder) else os.path.dirname(path) or folder


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def _reader_gone() -> None:
    """The reader of standard output went away (auditor ... | head -1): it has what it wanted,
    and what is left goes nowhere, quietly, instead of failing again at each flush."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a caller's own stream)
        pass
