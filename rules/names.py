"""Accessible names: controls, links, frames, objects and graphics that a screen reader
cannot name, decorative markup that is exposed anyway, and names that differ from the label
a sighted user sees."""

from __future__ import annotations

import re
import unicodedata

from auditor import aria
from auditor.accname import accessible_name, declared_style, has_content, is_hidden, role_of, visible_text
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule


def _what(element) -> str:
    return f"<{element.name}>"


class _NameRule(Rule):
    """An element of some kind must have a non-empty accessible name."""

    family = "accessibility"
    severity = Severity.ERROR
    impact = "critical"
    noun = "element"
    advice = "give it an aria-label or visible text"

    def applies(self, element, page) -> bool:  # pragma: no cover - every subclass overrides
        return False

    def visit(self, element, page):
        if not self.applies(element, page) or is_hidden(element, page):
            return
        if not accessible_name(element, page).strip():
            yield self.finding(page, element, f"{self.noun[0].upper()}{self.noun[1:]} {_what(element)} has no accessible name: {self.advice}")


class ImageButtonName(_NameRule):
    id = "image-button-name"
    summary = "Image buttons must have a text alternative"
    wcag = ("1.1.1", "4.1.2")
    act = ("59796f",)
    elements = ("input",)
    noun = "image button"
    advice = "describe what it does in alt (alt=\"Search\"), aria-label or title"
    what = """
        Reports an `<input type="image">` whose accessible name is empty: no `alt`,
        `aria-label`, `aria-labelledby` or `title` with text in it.
    """
    why = """
        An image button is announced by its name alone. Without one, a screen reader says
        "button", or reads the image's file name, and the user cannot tell what it submits.
    """
    bad_example = """
        <input type="image" src="/images/go.gif">
    """
    good_example = """
        <input type="image" src="/images/go.gif" alt="Search">
    """
    fix = """
        Put the action in `alt` ("Search", "Subscribe"), not a description of the picture.
    """

    def applies(self, element, page):
        return (attr(element, "type") or "").strip().lower() == "image" and role_of(element, page) == "button"


class SvgImgName(_NameRule):
    id = "svg-img-name"
    summary = "SVG graphics with an image role must have an accessible name"
    wcag = ("1.1.1",)
    act = ("7d6734",)
    impact = "serious"
    noun = "graphic"
    attributes = ("role",)
    advice = "add a <title> child, aria-label or aria-labelledby"
    _ROLES = frozenset({"img", "graphics-document", "graphics-symbol"})
    what = """
        Reports an `<svg>` element, or an element inside one, with an explicit `role` of
        `img`, `graphics-document` or `graphics-symbol` and no accessible name (from
        `aria-labelledby`, `aria-label` or a `<title>` child).
    """
    why = """
        The role tells assistive technology "this is an image", so users expect to hear what
        it shows; `<text>` drawn inside an `role="img"` SVG is not read, so an SVG chart or
        icon without a title is silent.
    """
    bad_example = """
        <svg role="img" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>
    """
    good_example = """
        <svg role="img" viewBox="0 0 10 10"><title>Status: online</title><circle cx="5" cy="5" r="4"/></svg>
    """
    fix = """
        Give the graphic a `<title>` as its first child, or `aria-label`; if it is purely
        decorative, use `aria-hidden="true"` instead of an image role.
    """

    def applies(self, element, page):
        if aria.explicit_role(element) not in self._ROLES:
            return False
        return element.name == "svg" or element.find_parent("svg") is not None


_MEDIA_EXTENSIONS = re.compile(
    r"\.(png|jpe?g|gif|svg|webp|bmp|tiff?|ico|avif|mp3|wav|ogg|oga|m4a|aac|flac|mp4|m4v|webm|ogv|mov|avi|mkv|swf)$", re.I)


class ObjectName(_NameRule):
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
    bad_example = """
        <object data="/media/minister-speech.mp3"></object>
    """
    good_example = """
        <object data="/media/minister-speech.mp3" title="Minister's speech, 2 minutes"></object>
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


class FrameTitle(_NameRule):
    id = "frame-title"
    summary = "Frames must have an accessible name"
    wcag = ("4.1.2",)
    act = ("cae760",)
    impact = "serious"
    elements = ("iframe",)
    noun = "frame"
    advice = "add a title that says what it contains"
    what = """
        Reports an `<iframe>` with no accessible name (`title`, `aria-label` or
        `aria-labelledby`), unless it is hidden or has `role="presentation"`/`"none"`.
    """
    why = """
        Screen readers list frames by their names so users can decide whether to enter
        them; an unnamed frame is announced as "frame" with its address, or nothing.
    """
    bad_example = """
        <iframe src="https://maps.example.org/embed?q=kenya"></iframe>
    """
    good_example = """
        <iframe src="https://maps.example.org/embed?q=kenya" title="Map of project sites in Kenya"></iframe>
    """
    fix = """
        Add a short `title` naming the frame's content ("Map of project sites").
    """

    def applies(self, element, page):
        return aria.explicit_role(element) not in aria.PRESENTATIONAL_ROLES


class LinkName(_NameRule):
    id = "link-name"
    summary = "Links with content must have an accessible name"
    wcag = ("2.4.4", "4.1.2")
    act = ("c487ae",)
    impact = "serious"
    noun = "link"
    elements = aria.tags_with_implicit_role(r for r in aria.ROLES if aria.role_is_a(r, "link"))
    attributes = ("role",)
    advice = "give its image alt text, or add aria-label"
    what = """
        Reports a link (`<a href>`, `<area href>` or `role="link"`) that has content, such as
        an image or an icon, but no accessible name: the image has no alt or `alt=""`, the icon
        is hidden, an `aria-labelledby` points at nothing. An `<a href>` with no content at all
        is reported by `empty-link` instead.
    """
    why = """
        Screen readers announce a link by its name; without one they read the URL or just
        "link", and a list of links on the page is useless. Image-only links are the usual
        cause: the image is the link's only text.
    """
    bad_example = """
        <a href="/gender/"><img src="/images/wid_banner.jpg"></a>
    """
    good_example = """
        <a href="/gender/"><img src="/images/wid_banner.jpg" alt="Women in Development"></a>
    """
    fix = """
        Give the image inside the link alt text saying where the link goes, or add
        `aria-label` to the link.
    """

    def applies(self, element, page):
        if not aria.role_is_a(role_of(element, page), "link"):
            return False
        # empty-link owns <a href> with nothing inside: one problem, one finding.
        return not (element.name == "a" and element.has_attr("href") and not has_content(element))


class ButtonName(_NameRule):
    id = "button-name"
    summary = "Buttons must have an accessible name"
    wcag = ("4.1.2",)
    act = ("97a4e1",)
    noun = "button"
    elements = aria.tags_with_implicit_role(("button",))
    attributes = ("role",)
    advice = "give it text, or aria-label if it shows only an icon"
    what = """
        Reports an element with the button role (`<button>`, `<input type="button|submit|reset">`,
        `role="button"`) whose accessible name is empty. Image buttons are left to
        `image-button-name`, `<summary>` to `summary-name`.
    """
    why = """
        A button is announced by its name; an icon-only button without one is just
        "button", and users cannot tell whether it saves, deletes or closes.
    """
    bad_example = """
        <button class="icon-search"></button>
    """
    good_example = """
        <button class="icon-search" aria-label="Search"></button>
    """
    fix = """
        Put text in the button, or `aria-label` when it shows only an icon. `value` on a
        `<button>` element is not its name.
    """

    def applies(self, element, page):
        if element.name == "summary" or (element.name == "input" and (attr(element, "type") or "").strip().lower() == "image"):
            return False
        return role_of(element, page) == "button"


_FIELD_ROLES = frozenset({"checkbox", "combobox", "listbox", "menuitemcheckbox", "menuitemradio", "radio",
                          "searchbox", "slider", "spinbutton", "switch", "textbox"})


class FormFieldName(_NameRule):
    id = "label"
    summary = "Form fields must have a label"
    wcag = ("4.1.2", "1.3.1")
    act = ("e086e5",)
    noun = "form field"
    elements = tuple(sorted({"input", *aria.tags_with_implicit_role(_FIELD_ROLES)}))
    attributes = ("role",)
    advice = "add a <label for> (or wrap it in <label>), or aria-label"
    what = """
        Reports a form field (`<input>`, `<select>`, `<textarea>`, or an element with a role
        such as `textbox`, `checkbox`, `combobox`, `slider`) with no accessible name: no
        `<label>`, `aria-label`, `aria-labelledby`, `title` or placeholder. A `<label>`
        only labels a native field; text next to a field is not its label.
    """
    why = """
        A screen reader announces a field by its label; without one the user hears "edit
        text" and must guess what to type. Voice-control users cannot say its name to
        move there.
    """
    bad_example = """
        Email: <input type="email" name="email">
    """
    good_example = """
        <label for="email">Email</label> <input type="email" id="email" name="email">
    """
    fix = """
        Tie a visible `<label>` to the field with `for`/`id`, or wrap the field in the
        label. Use `aria-labelledby` for custom widgets.
    """

    def applies(self, element, page):
        role = role_of(element, page)
        if role in aria.PRESENTATIONAL_ROLES:
            return False
        if role in _FIELD_ROLES:
            return True
        if element.name == "input":
            return role is None and (attr(element, "type") or "").strip().lower() not in aria.NOT_FIELD_INPUT_TYPES
        return False


class HeadingName(_NameRule):
    id = "heading-name"
    summary = "Headings must have an accessible name"
    wcag = ("1.3.1", "2.4.6")
    act = ("ffd0e9",)
    impact = "minor"
    noun = "heading"
    elements = aria.tags_with_implicit_role(("heading",))
    attributes = ("role",)
    advice = "give it text or remove it"
    enabled_by_default = False
    what = """
        Reports a heading (`<h1>`-`<h6>`, `role="heading"`) with no accessible name. This
        is the strict ACT form of `empty-heading`, off by default so one problem is not
        reported twice; select it to check ACT rule ffd0e9 alone.
    """
    why = """
        Screen readers list headings for navigation; an empty one is a stop that leads
        nowhere.
    """
    bad_example = """
        <h2><img src="/images/spacer.gif" alt=""></h2>
    """
    good_example = """
        <h2>Key Publications</h2>
    """
    fix = """
        Give the heading text (or an image with alt text), or remove it.
    """

    def applies(self, element, page):
        return role_of(element, page) == "heading"


class MenuitemName(_NameRule):
    id = "menuitem-name"
    summary = "Menu items must have an accessible name"
    wcag = ("4.1.2",)
    act = ("m6b1q3",)
    impact = "serious"
    noun = "menu item"
    attributes = ("role",)
    advice = "give it text, or aria-label if it shows only an icon"
    what = """
        Reports an element with `role="menuitem"` whose accessible name is empty.
    """
    why = """
        Menu items are announced by name only; an icon-only item without a name is read as
        "menu item" and the user cannot tell the commands apart.
    """
    bad_example = """
        <div role="menu"><button role="menuitem"><img src="/icons/print.png" alt=""></button></div>
    """
    good_example = """
        <div role="menu"><button role="menuitem"><img src="/icons/print.png" alt="">Print</button></div>
    """
    fix = """
        Give the item visible text, or an `aria-label`/`title` naming the command.
    """

    def applies(self, element, page):
        return role_of(element, page) == "menuitem"


class SummaryName(_NameRule):
    id = "summary-name"
    summary = "The summary of a details element must have an accessible name"
    wcag = ("4.1.2",)
    act = ("2t702h",)
    impact = "serious"
    elements = ("summary",)
    noun = "summary"
    advice = "give it text saying what the details contain"
    what = """
        Reports the first `<summary>` child of a `<details>` element (the one that opens it)
        when it has no accessible name and no explicit role.
    """
    why = """
        The summary is the button that opens the details; without a name a screen reader
        announces an unlabelled disclosure button and users do not know what it reveals.
    """
    bad_example = """
        <details><summary></summary><p>Opening times: 9 to 5.</p></details>
    """
    good_example = """
        <details><summary>Opening times</summary><p>9 to 5.</p></details>
    """
    fix = """
        Put a short text in the `<summary>`, or `aria-label` if it holds only an icon.
    """

    def applies(self, element, page):
        parent = element.parent
        if parent is None or parent.name != "details" or aria.role_tokens(element):
            return False
        return parent.find("summary", recursive=False) is element


class PresentationRoleConflict(Rule):
    id = "presentation-role-conflict"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "Elements marked decorative must not be exposed to assistive technology"
    wcag = ("1.1.1",)
    act = ("46ca7f",)
    impact = "minor"
    elements = ("img",)
    attributes = ("role",)
    what = """
        Reports an element marked decorative (`role="none"`, `role="presentation"`, or an
        image with `alt=""`) that browsers expose anyway because it is focusable or carries
        a global ARIA attribute such as `aria-label` or `aria-labelledby`.
    """
    why = """
        Browsers ignore "decorative" when an element can take focus or has ARIA names or
        states, so the author's intent is lost: a screen reader announces an element the
        page meant to hide, often without a useful name.
    """
    bad_example = """
        <img src="/images/divider.gif" alt="" aria-label="divider">
        <nav role="presentation" aria-label="Site">...</nav>
    """
    good_example = """
        <img src="/images/divider.gif" alt="">
        <nav role="presentation">...</nav>
    """
    fix = """
        Decide: if the element is decorative, drop its `aria-*` attributes and `tabindex`;
        if it means something, drop the decorative marking and give it a name.
    """

    def visit(self, element, page):
        marked = aria.explicit_role(element) in aria.PRESENTATIONAL_ROLES or (
            element.name == "img" and attr(element, "alt") == "" and aria.explicit_role(element) is None)
        if not marked or is_hidden(element, page):
            return
        role = role_of(element, page)
        if role not in aria.PRESENTATIONAL_ROLES:
            reason = "it can take focus" if aria.is_focusable(element) else "it has global ARIA attributes"
            yield self.finding(page, element, f"<{element.name}> is marked decorative but is exposed as {role or 'an element'} because {reason}: "
                                              "remove those, or drop the decorative marking")


# --------------------------------------------------------------------------- label in name

_NAME_FROM_CONTENT_WIDGETS = frozenset({"button", "checkbox", "gridcell", "link", "menuitem", "menuitemcheckbox",
                                        "menuitemradio", "option", "radio", "searchbox", "switch", "tab", "treeitem"})
# Single characters that stand for an action rather than spell a word ("X" for close).
_SYMBOLIC = frozenset({"x"})


def _tokens(text: str) -> list[str]:
    """The ACT label-in-name tokenizer: drop (parenthesised) text, fold case, NFKD, keep letters
    and digits only, split on whitespace."""
    text = re.sub(r"\([^()]*\)", " ", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text
                   if unicodedata.category(ch) != "Mn")
    return text.split()


def _contained(label: list[str], name: list[str]) -> bool:
    n = len(label)
    return n == 0 or any(name[i:i + n] == label for i in range(len(name) - n + 1))


def _spelling_variant(label: list[str], name_text: str, label_text: str) -> bool:
    """The label differs only by hyphenation ("nonstandard"/"non-standard") or by an
    abbreviation ("Ave."/"Avenue"): the rule assumes same spelling, so it does not judge."""
    joined_name = re.sub(r"(\w)-(\w)", r"\1\2", name_text.casefold())
    if "-" in name_text and _contained(label, _tokens(joined_name)):
        return True
    name = _tokens(name_text)
    abbrevs = re.findall(r"(\w+)\.", label_text)
    for short in abbrevs:
        short = short.casefold()
        if any(word.startswith(short) and word != short for word in name):
            expanded = [next((w for w in name if w.startswith(t) and t in [a.casefold() for a in abbrevs]), t)
                        for t in label]
            if _contained(expanded, name):
                return True
    return False


def _icon_font(element, page) -> bool:
    family = declared_style(element, page, "font-family", inherit=True) or ""
    return "icon" in family or "awesome" in family


class LabelContentNameMismatch(Rule):
    id = "label-content-name-mismatch"
    family = "accessibility"
    severity = Severity.WARNING
    summary = "A control's accessible name must contain its visible label"
    wcag = ("2.5.3",)
    act = ("2ee8b8",)
    impact = "serious"
    attributes = ("aria-label", "aria-labelledby")
    what = """
        Reports a widget named from its content (button, link, checkbox, tab, menu item...)
        that has visible text and an `aria-label` or `aria-labelledby` whose name does not
        contain that text, word for word and in order. Case, punctuation, symbols and
        (parenthesised) text are ignored; a lone "X" is treated as an icon. A heuristic:
        text styled with an icon font in a `<style>` rule is treated as an icon too.
    """
    why = """
        Speech-input users say what they see ("click Discover Italy"); when the accessible
        name says something else the command fails. Screen reader users who can see also
        hear a name that does not match the screen.
    """
    bad_example = """
        <a href="/italy" aria-label="Travel guide">Discover Italy</a>
    """
    good_example = """
        <a href="/italy" aria-label="Discover Italy: travel guide">Discover Italy</a>
    """
    fix = """
        Start the `aria-label` with the visible text, or drop the `aria-label` and let the
        visible text be the name.
    """

    def visit(self, element, page):
        if not (element.has_attr("aria-label") or element.has_attr("aria-labelledby")):
            return
        if role_of(element, page) not in _NAME_FROM_CONTENT_WIDGETS or is_hidden(element, page):
            return
        label_text = visible_text(element, page)
        label = _tokens(label_text)
        if not label or (len(label) == 1 and label[0] in _SYMBOLIC) or _icon_font(element, page):
            return
        name_text = accessible_name(element, page)
        if _contained(label, _tokens(name_text)) or _spelling_variant(label, name_text, label_text):
            return
        yield self.finding(page, element, f"Accessible name {name_text!r} does not contain the visible label {label_text!r}: "
                                          "start the name with the visible text")

