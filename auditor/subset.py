"""Auditing part of a site: only the files changed since a git ref, or one stable shard of
the targets so that a CI matrix can split a large site over several machines."""

from __future__ import annotations

import hashlib
import os
import re

from auditor.targets import HTML_SUFFIXES, Target


class SubsetError(Exception):
    pass


def _git(args: list[str], cwd: str) -> str:
    import subprocess  # only for --changed-since: not at start-up

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise SubsetError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise SubsetError(message.removeprefix("fatal: "))
    return done.stdout


def changed_files(ref: str, cwd: str | None = None) -> set[str]:
    """Real paths of HTML files added, copied, modified or renamed since `ref` (committed
    or not), in the git repository around `cwd`."""
    cwd = cwd or os.getcwd()
    if ref.startswith("-"):  # would be read as an option of git diff
        raise SubsetError(f"--changed-since takes a git ref, not {ref!r}")
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    except SubsetError:
        raise SubsetError("--changed-since needs a git repository, and "
                          f"{os.path.abspath(cwd)} is not inside one") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except SubsetError:
        raise SubsetError(f"--changed-since: unknown git ref {ref!r}") from None
    out = _git(["-c", "core.quotepath=off", "diff", "--name-only", "--diff-filter=ACMR", "-z", ref, "--"], cwd)
    return {os.path.realpath(os.path.join(top, name)) for name in out.split("\0")
            if name and name.lower().endswith(HTML_SUFFIXES)}


def only_changed(targets: list[Target], ref: str, cwd: str | None = None) -> list[Target]:
    """Keep the file targets changed since `ref`; URLs and standard input are kept, as the
    user named them and git knows nothing about them."""
    changed = changed_files(ref, cwd)
    return [t for t in targets if t.kind != "file" or os.path.realpath(t.name) in changed]


_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str) -> tuple[int, int]:
    match = _SHARD.match(text or "")
    if not match:
        raise SubsetError(f"--shard takes K/N, like 1/4, not {text!r}")
    k, n = int(match.group(1)), int(match.group(2))
    if n < 1 or not 1 <= k <= n:
        raise SubsetError(f"--shard {text}: K must be between 1 and N")
    return k, n


def shard_of(name: str, n: int) -> int:
    """1-based shard of a target: a hash of its name, so it never depends on which other
    targets exist, on their order, or on the machine."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % n + 1


def only_shard(targets: list[Target], k: int, n: int) -> list[Target]:
    return [t for t in targets if shard_of(t.name, n) == k]
