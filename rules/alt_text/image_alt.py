from __future__ import annotations

from auditor import aria
from auditor.accname import accessible_name, is_hidden, role_of
from auditor.finding import Severity
from auditor.images import file_name
from auditor.linktext import nameless_link
from auditor.page import attr
from auditor.rule import Rule


class ImageAlt(Rule):
    id = "image-alt"
    family = "alt-text"
    severity = Severity.ERROR
    summary = "Images must have a text alternative, or be marked decorative"
    wcag = ("1.1.1",)
    act = ("23a2a8",)
    impact = "critical"
    elements = aria.tags_with_implicit_role(("img",))
    attributes = ("role",)
    what = """
        Reports an `<img>`, or an element with `role="img"`, that has no accessible name
        (no `alt`, `aria-label`, `aria-labelledby` or `title`) and is neither marked
        decorative (`alt=""`, `role="presentation"` or `role="none"`) nor hidden. An image
        that leaves the link around it without a name is reported once, by `link-name`.
    """
    why = """
        A screen reader announces an image without a text alternative by its file name,
        or not at all, so the photo, chart or logo is lost to blind users. Search engines
        and text browsers lose it too. A visible caption next to the image does not count:
        it is not tied to the image.
    """
    fix = """
        Describe what the image shows or does in `alt`; use `alt=""` only for images that
        add nothing (spacers, borders). For a photo with a caption, wrap both in `<figure>`
        with `<figcaption>`, and still give the image an alt.
    """

    def visit(self, element, page):
        # <svg role="img"> belongs to svg-img-name; one problem, one finding.
        if element.name == "svg" or role_of(element, page) != "img" or is_hidden(element, page):
            return
        if accessible_name(element, page) or nameless_link(element, page) is not None:
            return  # named, or link-name reports the link this image leaves without a name
        is_img = element.name == "img"
        what = f"image {file_name(attr(element, 'src'))!r}" if is_img and attr(element, "src") else "image"
        what = what[0].upper() + what[1:]
        if is_img and (attr(element, "role") or "").strip().lower() in ("none", "presentation"):
            yield self.finding(page, element, f"{what} is marked decorative but can take focus, so it needs alt text: "
                                              "add alt text, or remove its tabindex")
        elif is_img and element.has_attr("alt"):
            yield self.finding(page, element, f"{what} has an alt of only spaces: describe the image, or use alt=\"\" if it is decorative")
        else:
            yield self.finding(page, element, f"{what} has no text alternative: add alt text, or alt=\"\" if it is decorative")
