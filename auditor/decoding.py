"""Bytes to text, the way a browser picks the encoding.

Order: byte-order mark, the HTTP charset, `<meta charset>` / `http-equiv` in the first
1024 bytes, then detection (UTF-16 without BOM by its zero bytes, UTF-8 if it decodes,
else windows-1252, the legacy default of browsers). Undecodable bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE
)


class NotHTMLError(ValueError):
    """The bytes are not a text document (a binary file named .html)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int  # U+FFFD characters in the text: undecodable bytes, mostly


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # The HTML spec maps these labels to windows-1252.
    return "cp1252" if found in ("latin_1", "iso8859-1", "ascii") else found


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 4:
        return None
    even_zero = head[0::2].count(0)
    odd_zero = head[1::2].count(0)
    half = len(head) // 2
    if odd_zero > half * 0.6 and even_zero < half * 0.1:
        return "utf-16-le"
    if even_zero > half * 0.6 and odd_zero < half * 0.1:
        return "utf-16-be"
    return None


# Bytes below 32 that text does not use (tab, newlines, form feed and escape it does).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"MZ")


def _looks_binary(head: bytes) -> bool:
    # A stray NUL does not make a page binary (browsers read on); many control bytes do.
    if head.startswith(_BINARY_MAGIC):
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # bytes methods: no Python loop per byte
    return len(head) > 0 and controls / len(head) > 0.05


def decode_page(data: bytes, http_charset: str | None = None) -> Decoded:
    """A loaded page's text, as the audit and the crawler read it; NotHTMLError says why
    the bytes are no page (empty, whitespace only, binary)."""
    if not data.strip():
        raise NotHTMLError("empty file" if data == b"" else "blank page (whitespace only)")
    return decode(data, http_charset)


def decode(data: bytes, http_charset: str | None = None) -> Decoded:
    encoding = None
    body = data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, body = name, data[len(bom):]
            break
    head = body[:1024]
    if encoding is None:
        encoding = _utf16_without_bom(head)
    if encoding is None and _looks_binary(head):
        raise NotHTMLError("binary content, not an HTML document")
    if encoding is None:
        encoding = _known(http_charset)
    if encoding is None:
        match = _META_CHARSET.search(head)
        encoding = _known(match.group(1).decode("ascii", "replace")) if match else None
        # A page cannot declare itself UTF-16 in ASCII-compatible bytes; browsers use UTF-8.
        if encoding and encoding.startswith("utf-16"):
            encoding = "utf-8"
    if encoding is None:
        try:
            body.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    text = body.decode(encoding, errors="replace")
    return Decoded(text=text, encoding=encoding, replaced=text.count("\ufffd"))
