from __future__ import annotations

import re

from auditor.accname import accessible_name, is_hidden
from auditor.finding import Severity
from auditor.images import file_name
from auditor.page import attr
from auditor.rule import Option, Rule

_IMAGE_FILE = re.compile(r"^[\w\-. ~%()]+\.(jpe?g|png|gif|svg|webp|bmp|tiff?|ico|avif)$", re.I)
_NUMBERED = re.compile(r"^(img|image|dsc|dscn|pic|photo|picture|screenshot|untitled)[\s_-]?\d+$", re.I)
_HASH = re.compile(r"^[0-9a-f_-]{12,}$", re.I)


def _is_file_name(text: str, src_name: str) -> bool:
    """The name is a file name: it looks like one, or it is the image's own file name when that
    name cannot be a word (it has an extension, or it is a hash). "nyhavn" for nyhavn is fine."""
    if _IMAGE_FILE.match(text):
        return True
    if not src_name or text.lower() != src_name.lower():
        return False
    return "." in src_name or bool(_HASH.match(src_name))


class ImageAltSuspicious(Rule):
    id = "image-alt-suspicious"
    family = "alt-text"
    severity = Severity.WARNING
    summary = "Alt text must describe the image, not be a file name or a placeholder"
    wcag = ("1.1.1",)
    act = ("9eb3f6",)  # deprecated ACT rule "Image filename is accessible name for image"
    impact = "serious"
    elements = ("img", "area", "input")
    options = {
        "placeholders": Option(
            ("image", "img", "photo", "picture", "pic", "graphic", "spacer", "untitled", "blank",
             "alt", "alt text", "placeholder", "icon", "banner", "photograph", "*", "-", "."),
            "Alt texts that are placeholders (compared case-insensitively).",
        ),
        "prefixes": Option(
            ("image of", "picture of", "photo of", "photograph of", "graphic of", "an image of", "a picture of", "a photo of"),
            "Openings that a screen reader makes redundant (it already says \"image\").",
        ),
    }
    what = """
        Reports an image whose accessible name is a file name (`wid_banner.jpg`, or the
        image's own file name when it has an extension or is a long hash), a placeholder
        (`image`, `photo`, `spacer`, `untitled`, `img123`, `DSC_0042`), or starts with
        "image of", "picture of" or "photo of". A file name inside a download link
        (`<a download>`) is accepted: there it names the file.
    """
    why = """
        Content tools fill in the file name or a placeholder when an editor leaves alt
        empty. A screen reader user then hears "wid underscore banner dot jpg" instead of
        what the image shows. "Image of" is redundant: the screen reader already says image.
    """
    fix = """
        Write what the image shows or does, as you would describe it on the phone; drop
        "image of"; use `alt=""` for an image that is purely decorative.
    """

    def visit(self, element, page):
        if element.name == "input" and (attr(element, "type") or "").lower() != "image":
            return
        if is_hidden(element, page):
            return
        text = accessible_name(element, page)
        if not text:
            return
        lowered = text.lower()
        src_name = file_name(attr(element, "src"))
        if _is_file_name(text, src_name):
            if not element.find_parent("a", attrs={"download": True}):
                yield self.finding(page, element, f"Alt text {text!r} is a file name, not a description")
        elif lowered in {p.lower() for p in self.config["placeholders"]} or _NUMBERED.match(text):
            yield self.finding(page, element, f"Alt text {text!r} is a placeholder, not a description")
        else:
            prefix = next((p for p in self.config["prefixes"] if lowered.startswith(p.lower() + " ")), None)
            if prefix:
                yield self.finding(page, element, f"Alt text starts with {prefix!r}: screen readers already say it is an image")
