from __future__ import annotations

import re

from auditor import aria
from auditor.name_rules import NameRule
from auditor.page import attr

_MEDIA_EXTENSIONS = re.compile(
    r"\.(png|jpe?g|gif|svg|webp|bmp|tiff?|ico|avif|mp3|wav|ogg|oga|m4a|aac|flac|mp4|m4v|webm|ogv|mov|avi|mkv|swf)$", re.I)


class ObjectName(NameRule):
    id = "object-alt"
    summary = "Objects that show images, audio or video must have a text alternative"
    wcag = ("1.1.1",)
    act = ("8fc3b6",)
    impact = "serious"
    elements = ("object",)
    noun = "object"
    advice = "add aria-label, aria-labelledby or title (alt does nothing on <object>)"
    what = """
        Reports an `<object>` without a role whose `data` (or `type`) is an image, audio or
        video, and whose accessible name is empty. `alt` does not name an `<object>`; its
        fallback content does not either.
    """
    why = """
        A screen reader cannot describe embedded media on its own: the user hears
        "object" or nothing, and does not know a video or recording is there.
    """
    fix = """
        Add `title` or `aria-label` naming the media; better, use `<img>`, `<audio>` or
        `<video>` with their own text alternatives.
    """

    def applies(self, element, page):
        if aria.role_tokens(element):
            return False
        kind = (attr(element, "type") or "").strip().lower()
        if kind.startswith(("image/", "audio/", "video/")):
            return True
        data = (attr(element, "data") or "").split("?")[0].split("#")[0]
        return bool(_MEDIA_EXTENSIONS.search(data))
