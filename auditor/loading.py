"""Reading a page's bytes: from disk, over HTTP(S) with httpx, or from standard input."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor import __version__
from auditor.limits import Limits
from auditor.targets import Target

if TYPE_CHECKING:
    import httpx

# httpx and asyncio are imported where a page is fetched: an audit of files never needs
# them, and their import is a good part of the start-up of a short run.

USER_AGENT = f"auditor/{__version__} (+https://github.com/auditor-lint/auditor)"


class LoadError(Exception):
    pass


@dataclass
class Loaded:
    data: bytes
    http_charset: str | None = None
    url: str | None = None
    path: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    import email.message  # only for pages fetched over HTTP: not at start-up

    msg = email.message.Message()
    msg["content-type"] = content_type
    return msg.get_param("charset")


def read_file(path: str, limit: int) -> Loaded:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise LoadError("is a folder, not a file") from None
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise LoadError(f"larger than the page size limit of {limit} bytes")
    return Loaded(data=data, path=path)


def client(limits: Limits) -> httpx.AsyncClient:
    import httpx

    return httpx.AsyncClient(follow_redirects=True, timeout=limits.fetch_seconds, headers={"User-Agent": USER_AGENT})


async def fetch(client: httpx.AsyncClient, url: str, limits: Limits) -> Loaded:
    """GET one page, reading at most the page size limit (decompressed bytes: a gzip bomb stops there)."""
    import httpx

    try:
        async with client.stream("GET", url) as response:
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limits.max_page_bytes:
                    raise LoadError(f"larger than the page size limit of {limits.max_page_bytes} bytes")
                chunks.append(chunk)
            if response.status_code >= 400:
                raise LoadError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            headers = {k.lower(): v for k, v in response.headers.items()}
            return Loaded(data=b"".join(chunks), http_charset=charset_of(headers.get("content-type")),
                          url=str(response.url), headers=headers)
    except httpx.TimeoutException:
        raise LoadError(f"timed out after {limits.fetch_seconds:g} s") from None
    except httpx.TooManyRedirects:
        raise LoadError("too many redirects") from None
    except httpx.HTTPError as exc:
        raise LoadError(f"{type(exc).__name__}: {exc}") from None


def fetch_url(url: str, limits: Limits) -> Loaded:
    import asyncio

    async def one():
        async with client(limits) as session:
            return await fetch(session, url, limits)

    return asyncio.run(one())


def load(target: Target, offline: bool = False, limits: Limits = Limits()) -> Loaded:
    if target.kind == "stdin":
        data = sys.stdin.buffer.read(limits.max_page_bytes + 1)
        if len(data) > limits.max_page_bytes:
            raise LoadError(f"larger than the page size limit of {limits.max_page_bytes} bytes")
        return Loaded(data=data)
    if target.kind == "url":
        if offline:
            raise LoadError("cannot fetch a URL with --offline")
        return fetch_url(target.name, limits)
    return read_file(target.name, limits.max_page_bytes)


def load_or_error(target: Target, offline: bool, limits: Limits) -> Loaded | str:
    """The page's bytes, or why they could not be read (a page error)."""
    try:
        return load(target, offline=offline, limits=limits)
    except LoadError as exc:
        return f"cannot read: {exc}"
