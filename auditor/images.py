"""What the image rules share: the file name an image's `src` ends in."""

from __future__ import annotations


def file_name(src: str | None) -> str:
    return (src or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
