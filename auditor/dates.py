"""The dates a page carries, as evidence: when, what kind of date, where it was found.

Precision over recall. A date is read only from a machine field (`<meta>`, `<time>`,
microdata, JSON-LD, the Last-Modified header), from text in a dated position (after
"Last updated" and the like, in a list item or table row beside a link, in a copyright
line), or from a /YYYY/MM/ path. A year alone in running prose ("Since 2001") is never a
date, and neither is what only looks like one: phone numbers, fractions, sizes, money,
counts, versions. The matcher is our own, on the standard library: the general-purpose
parsers guess (dateutil's fuzzy mode reads "(2.5MB PDF)" as a date) and none reads the
"10/08" (month and two-digit year) that publication lists of the 2000s use.

This module only finds dates; what is too old or too new is for the rules to say.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from auditor import dom
from auditor.page import Page, attr, text_of

PUBLISHED, MODIFIED, ITEM, COPYRIGHT = "published", "modified", "item", "copyright"
ORDERS = ("mdy", "dmy")

# Stands between text runs that must not be read as one: across a link's edge, a cell, a <br>.
_BREAK = "\u2063"
# Stands for a <time> or microdata element whose date is read from its attributes.
_MARKER = "\ufffc"

# English names, spelled out: calendar.month_name follows the process locale.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = {name.lower(): index for index, name in enumerate(_MONTHS, start=1)}
_MONTH_NAMES.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                     "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
# Capitalised or upper case only: "may" and "march" in lower case are a verb far more often.
_MONTH = "(?P<mon>" + "|".join(
    alt for name in sorted(_MONTH_NAMES, key=len, reverse=True)
    for alt in (name.capitalize(), name.upper())) + r")(?![a-zA-Z])\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# Not glued to a word, a currency, a decimal point, a path or another number.
_BEFORE = r"(?<![\w$£€¥#@+./\\-])"
_AFTER = r"(?![\w/%$£€]|[.,:/-]\d|-[A-Za-z])"

_PATTERNS = [
    ("iso", re.compile(_BEFORE + _YEAR + r"(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)"
                       r"(?:(?=T\d)|" + _AFTER + ")")),
    ("dmy-words", re.compile(_BEFORE + _DAY + r"(?:\s+|-)(?:of\s+)?" + _MONTH + r",?(?:\s+|-)" + _YEAR + _AFTER)),
    ("mdy-words", re.compile(_BEFORE + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _AFTER)),
    ("month-year", re.compile(_BEFORE + _MONTH + r",?\s+" + _YEAR + _AFTER)),
    ("numeric", re.compile(_BEFORE + r"(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d\d)" + _AFTER)),
    ("month-yy", re.compile(_BEFORE + r"(?P<m>[01]?\d)/(?P<yy>(?:19|20)\d\d|\d\d)" + _AFTER)),
]
_STANDALONE_BEFORE = set(_BREAK + "|·•–—-,;:([")
_STANDALONE_AFTER = set(_BREAK + "|·•–—-,;:()[]")
_DATED_WORD = re.compile(r"\b(?:updated|revised|reviewed|modified|posted|published|dated)(?:\s+on)?$", re.I)

_PHRASES = {
    "last updated": MODIFIED, "updated": MODIFIED, "last reviewed": MODIFIED, "reviewed": MODIFIED,
    "last modified": MODIFIED, "modified": MODIFIED, "last revised": MODIFIED, "revised": MODIFIED,
    "date modified": MODIFIED, "date updated": MODIFIED,
    "posted": PUBLISHED, "published": PUBLISHED, "first published": PUBLISHED,
    "date published": PUBLISHED, "date posted": PUBLISHED,
}
# A phrase counts only where a label starts: the start of the text, after a separator or a
# sentence. "The report will be published March 2027" is not a byline.
_BYLINE = re.compile(
    r"(?:^|[" + _BREAK + r"|·•:;(\[–—]|\s-\s|[.!?]\s)\s*"
    r"(?:(?:this|the)\s+)?(?:(?:page|site|web\s?site|article|document|content|information|post|story)\s+)?"
    r"(?:(?:was|has\s+been|is)\s+)?"
    r"(?P<phrase>" + "|".join(p.replace(" ", r"\s+") for p in sorted(_PHRASES, key=len, reverse=True)) + r")"
    r"\s*(?:on\s+|:\s*|[-–—]\s*)?(?:on\s+)?$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"(?:\bcopyright\b\s*(?:©|\(c\))?|©|\(c\)(?=\s*(?:19|20)\d\d))\s*"
    r"(?P<years>(?:19|20)\d\d(?:\s*[-–—,/]\s*(?:19|20)\d\d)*)(?!\d)",
    re.I,
)
_YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")

# Meta names (name, property, itemprop, http-equiv), lower case, dc:/dcterms: as dc./dcterms.
_META = {
    "article:modified_time": MODIFIED, "og:updated_time": MODIFIED, "dcterms.modified": MODIFIED,
    "dc.date.modified": MODIFIED, "last-modified": MODIFIED, "datemodified": MODIFIED,
    "revised": MODIFIED,
    "article:published_time": PUBLISHED, "dcterms.created": PUBLISHED, "dcterms.issued": PUBLISHED,
    "dcterms.date": PUBLISHED, "dc.date": PUBLISHED, "dc.date.created": PUBLISHED,
    "dc.date.issued": PUBLISHED, "date": PUBLISHED, "datepublished": PUBLISHED,
    "datecreated": PUBLISHED,
}
_MICRODATA = {"datepublished": PUBLISHED, "datecreated": PUBLISHED, "datemodified": MODIFIED}
_JSON_LD = {"datePublished": PUBLISHED, "dateCreated": PUBLISHED, "dateModified": MODIFIED}
# hAtom / microformats2 class names on <time>.
_TIME_CLASSES = {"published": PUBLISHED, "dt-published": PUBLISHED, "entry-date": PUBLISHED,
                 "post-date": PUBLISHED, "updated": MODIFIED, "dt-updated": MODIFIED, "modified": MODIFIED}

_URL_PATH_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")
_URL_SLUG_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?!\d)")
_ARCHIVE_REST = re.compile(r"^(?:(?:index|default)\.\w+)?$", re.I)

# Code samples carry licence headers and example dates that are not the page's.
_SKIP = {"script", "style", "template", "noscript", "head", "title", "textarea", "select", "option",
         "pre", "code", "samp", "kbd"}
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|zip|epub)$", re.I)
# Elements whose text is one unit: dates are read within one, never across two.
_GROUPS = {"li", "dd", "dt", "tr", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "address",
           "header", "footer", "section", "article", "aside", "main", "nav", "blockquote",
           "caption", "figcaption", "figure", "body", "form", "fieldset", "legend", "center", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "details", "summary"}
# Items of these are always items (a news list's "Posted ..." dates the item, not the page).
_LIST_ITEMS = {"li", "dd", "dt"}
# A row is an item too, but a byline phrase in it dates the page: old layout tables put the
# whole footer, links and "Last updated", in one row.
_ROWS = {"tr"}
_SHORT_ITEMS = {"p", "div"}
_SHORT_WORDS = 30
_BREAKS = {"br", "td", "th", "hr", "img"}
_WEEKDAY = re.compile(r"\s*(?:(?:" + "|".join(_WEEKDAYS) + "|" + "|".join(d[:3] for d in _WEEKDAYS) + r")\.?,?\s+)?", re.I)
_TIME_OF_DAY = re.compile(r"\s*(?:,?\s*(?:at\s+)?\d\d?:\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}|[+-]\d\d:?\d\d)?)?\s*")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    day: date
    precision: str  # "day", "month" or "year"
    text: str


@dataclass(frozen=True)
class DateEvidence:
    """One date found on a page. `day` is the first day the text can mean."""

    day: date
    precision: str
    kind: str  # published, modified, item (a publication or news item), copyright
    source: str  # meta, time, microdata, json-ld, byline, link text, item text, url, http header, copyright
    text: str  # the text the date was read from, as written
    line: int
    element: dom.Tag | None = field(default=None, compare=False, repr=False)
    label: str = ""  # the meta or JSON-LD name, the byline phrase, or the item's title

    @property
    def last_day(self) -> date:
        """The last day the text can mean ("March 2006" runs to 31 March)."""
        if self.precision == "year":
            return date(self.day.year, 12, 31)
        if self.precision == "month":
            return date(self.day.year, self.day.month, calendar.monthrange(self.day.year, self.day.month)[1])
        return self.day

    @property
    def display(self) -> str:
        return format_date(self.day, self.precision)

    @property
    def where(self) -> str:
        """Where it was found, for a message."""
        if self.source == "meta":
            return f"<meta> {self.label}"
        if self.source == "json-ld":
            return f"JSON-LD {self.label}"
        if self.source == "http header":
            return "the HTTP Last-Modified header"
        if self.source == "byline":
            return f'"{self.label}" on line {self.line}'
        if self.source == "copyright":
            return f'the copyright line "{self.label}"'
        if self.source == "url":
            return "the URL"
        if self.source == "time":
            return f"<time> on line {self.line}"
        if self.source == "microdata":
            return f"itemprop {self.label} on line {self.line}"
        return f"{self.source} on line {self.line}"


def format_date(day: date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# ---------------------------------------------------------------- text

def _year(text: str, as_of: date) -> int:
    """Four digits as written; two digits in the century that keeps them within 20 years of today."""
    value = int(text)
    if len(text) == 4:
        return value
    return 2000 + value if 2000 + value <= as_of.year + 20 else 1900 + value


def _make(year: int, month: int, day: int | None) -> tuple[date, str] | None:
    try:
        return (date(year, month, day), "day") if day else (date(year, month, 1), "month")
    except ValueError:
        return None


def _numeric(a: int, b: int, sep: str, order: str) -> tuple[int, int] | None:
    """(month, day) of a numeric date; unambiguous values decide, then the order."""
    if a > 12 and b > 12:
        return None
    if a > 12:
        return b, a
    if b > 12:
        return a, b
    # Dotted dates (14.11.2008) are a day-first convention everywhere.
    day_first = order == "dmy" or sep == "."
    return (b, a) if day_first else (a, b)


def _opens_run(text: str, start: int) -> bool:
    """True when nothing but a separator or a word like "updated" stands before `start` in
    its run of text: "Report 10/08", "(March 2006, 1MB PDF)", but not "in March 2006"."""
    before = text[:start].rstrip()
    return not before or before[-1] in _STANDALONE_BEFORE or bool(_DATED_WORD.search(before))


def _standalone(text: str, start: int, end: int) -> bool:
    """True when a short numeric token stands by itself: where a run opens, and before the
    end, a separator or a bracket. "(7/10)" alone is a score."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if not _opens_run(text, start):
        return False
    if after and after[0] not in _STANDALONE_AFTER:
        return False
    return not (before[-1:] in ("(", "[") and after[:1] in (")", "]"))


def _read(kind: str, m: re.Match, text: str, order: str, as_of: date, short_numeric: bool):
    g = m.groupdict()
    if kind == "iso":
        return _make(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in ("dmy-words", "mdy-words"):
        return _make(int(g["y"]), _MONTH_NAMES[g["mon"].lower()], int(g["d"]))
    if kind == "month-year":
        return _make(int(g["y"]), _MONTH_NAMES[g["mon"].lower()], None)
    if kind == "numeric":
        if len(g["y"]) == 2 and g["sep"] != "/":
            return None  # 1.2.10 and 3-2-10 are versions and scores far more often than dates
        month_day = _numeric(int(g["a"]), int(g["b"]), g["sep"], order)
        return month_day and _make(_year(g["y"], as_of), month_day[0], month_day[1])
    if kind == "month-yy":
        if not short_numeric or not _standalone(text, m.start(), m.end()):
            return None
        month, yy = int(g["m"]), int(g["yy"])
        # Day-first pages write 10/08 for the 10th of August: month/year only when it can't be.
        if order == "dmy" and len(g["yy"]) == 2 and 1 <= yy <= 12:
            return None
        return _make(_year(g["yy"], as_of), month, None) if 1 <= month <= 12 else None
    return None


def find_dates(text: str, as_of: date, order: str = "mdy", short_numeric: bool = False) -> list[DateMatch]:
    """Every date written in `text`, left to right, without overlaps.

    `short_numeric` allows month/year tokens ("10/08", "12/2008"), which are dates only in
    a dated position such as a publication list, and then only when they stand by themselves.
    """
    candidates = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            read = _read(kind, m, text, order, as_of, short_numeric)
            if read:
                candidates.append(DateMatch(m.start(), m.end(), read[0], read[1], m.group(0)))
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    found: list[DateMatch] = []
    for c in candidates:
        if not found or c.start >= found[-1].end:
            found.append(c)
    return found


def parse_date_value(value: str, as_of: date, order: str = "mdy") -> tuple[date, str] | None:
    """A date from a machine field: ISO 8601 (or part of it), an HTTP/RFC 2822 date, or
    one human-written date that is the whole value."""
    value = value.strip()
    if not value or len(value) > 80:
        return None
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-?(\d\d)(?:-?(\d\d))?)?(?:[T ][\d:.,]+(?:Z|[+-]\d\d:?\d\d)?)?", value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if month is None:
            return date(year, 1, 1), "year"
        return _make(year, int(month), int(day) if day else None)
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d\d?\s+[A-Za-z]{3}\s+\d{4}\s+\d", value):
        try:
            return parsedate_to_datetime(value).date(), "day"
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    found = find_dates(value, as_of, order)
    if len(found) != 1:
        return None
    # A weekday may come before a human date, and a time of day after it.
    if not _WEEKDAY.fullmatch(value[: found[0].start]) or not _TIME_OF_DAY.fullmatch(value[found[0].end:]):
        return None
    return found[0].day, found[0].precision


def url_date(url: str, as_of: date, archives: bool = True) -> tuple[date, str, str] | None:
    """A date in a URL's path, /2004/06/ or 2004-06-14; (day, precision, matched text).
    With archives=False, a path that ends at the date (an archive index) gives none."""
    if not _DIGIT.search(url):  # no year in it, whatever urlsplit makes of it
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    m = _URL_SLUG_DATE.search(path)
    if m:
        made = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if made and made[0].year <= as_of.year + 1:
            return made[0], made[1], m.group(0)
    m = _URL_PATH_DATE.search(path)
    if m is None or (not archives and _ARCHIVE_REST.match(path[m.end():])):
        return None
    made = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    if made is None or made[0].year > as_of.year + 1:
        return None
    return made[0], made[1], m.group(0)


# ---------------------------------------------------------------- durations

_DURATION = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.I)


def parse_duration(text: str) -> tuple[int, str]:
    """ "90d", "6w", "18m", "2y" -> (count, unit); ValueError otherwise."""
    m = _DURATION.match(text) if isinstance(text, str) else None
    if not m:
        raise ValueError(f"{text!r} is not a duration: write a number and d, w, m or y, like \"90d\", \"18m\" or \"2y\"")
    return int(m.group(1)), m.group(2).lower()


def before(day: date, duration: str) -> date:
    """The day `duration` before `day` (calendar months and years; 29 Feb steps to 28 Feb)."""
    count, unit = parse_duration(duration)
    if unit == "d":
        return day - timedelta(days=count)
    if unit == "w":
        return day - timedelta(weeks=count)
    months = count * (12 if unit == "y" else 1)
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    if year < 1:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age(day: date, as_of: date) -> str:
    """How long before as_of, in whole years (or months, or days)."""
    months = (as_of.year - day.year) * 12 + as_of.month - day.month - (as_of.day < day.day)
    if months >= 12:
        years = months // 12
        return f"{years} year{'s' * (years != 1)}"
    if months >= 1:
        return f"{months} month{'s' * (months != 1)}"
    days = (as_of - day).days
    return f"{days} day{'s' * (days != 1)}"


# ---------------------------------------------------------------- the page

@dataclass(slots=True)  # one per block of text: no per-instance dict
class _Group:
    """The text of one block or item, with where its links and date elements sit."""

    element: dom.Tag
    parts: list[str] = field(default_factory=list)
    length: int = 0
    links: list[dom.Tag] = field(default_factory=list)
    link_spans: list[tuple[int, int, dom.Tag]] = field(default_factory=list)
    markers: dict[int, dom.Tag] = field(default_factory=dict)
    last_link: dom.Tag | None = None
    pending_break: bool = False

    def add(self, text: str, link: dom.Tag | None) -> int:
        if self.parts and (self.pending_break or link is not self.last_link):
            self.parts.append(_BREAK)
            self.length += len(_BREAK)
        self.pending_break = False
        self.last_link = link
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if link is not None:
            self.link_spans.append((start, self.length, link))
        return start

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _meta_key(name: str) -> str:
    key = name.strip().lower()
    for prefix in ("dcterms:", "dc:"):
        if key.startswith(prefix):
            key = prefix[:-1] + "." + key[len(prefix):]
    return key


class _Extractor:
    def __init__(self, page: Page, order: str):
        self.page = page
        self.order = order
        self.as_of = page.as_of
        self.found: list[tuple[int, DateEvidence]] = []

    def evidence(self, day_precision, kind, source, text, element, label="") -> None:
        day, precision = day_precision
        line = self.page.location(element).line if element is not None else 1
        seq = self.page.order_of(element) if element is not None else -1
        self.found.append((seq, DateEvidence(day, precision, kind, source, " ".join(text.split()),
                                             line, element, label)))

    def run(self) -> list[DateEvidence]:
        self.walk()
        self.from_headers()
        self.found.sort(key=lambda pair: (pair[1].line, pair[0]))
        return [e for _, e in self.found]

    def walk(self) -> None:
        groups: dict[int, _Group] = {}

        def group(tag: dom.Tag) -> _Group:
            g = groups.get(id(tag))
            if g is None:
                g = groups[id(tag)] = _Group(tag)
            return g

        # Machine fields are read wherever they are, <head> and hidden parts included.
        for tag in self.page.by_name("meta", "script"):
            if tag.name == "meta":
                self.from_meta(tag)
            elif (attr(tag, "type") or "").strip().lower() == "application/ld+json":
                self.from_json_ld(tag)
        # The text, in document order. Each open element's frame holds its children still to
        # read, its nearest group element, that group once made (when first needed), and its
        # link; skipped elements are left out with everything inside them.
        stack: list[tuple] = [(iter(self.page.soup.contents), None, None, None)]
        while stack:
            children, group_element, owner, link = stack[-1]
            for node in children:
                if isinstance(node, dom.Tag):
                    name, attrs = node.name, node.attrs
                    if name in _SKIP or "hidden" in attrs:
                        continue
                    own_link = node if name == "a" and "href" in attrs else link
                    if group_element is not None:
                        owner = owner or group(group_element)
                        if own_link is node:
                            owner.links.append(node)
                        if self._is_date_element(node):
                            # Its text is read from its attributes; the marker keeps its place in the text.
                            owner.markers[owner.add(_MARKER, link)] = node
                            continue
                        if name in _BREAKS:
                            owner.pending_break = True
                    if node.contents:
                        stack[-1] = (children, group_element, owner, link)
                        if name in _GROUPS:
                            stack.append((iter(node.contents), node, None, own_link))
                        else:
                            stack.append((iter(node.contents), group_element, owner, own_link))
                        break  # read the element's children, then come back for its siblings
                elif group_element is not None and type(node) in (dom.NavigableString, dom.CData):
                    owner = owner or group(group_element)
                    owner.add(node, link)  # a NavigableString is a str: no need to copy it
            else:
                stack.pop()

        for g in groups.values():
            self.from_group(g)
        self.from_links(groups)
        self.from_page_url()

    def _is_date_element(self, tag: dom.Tag) -> bool:
        if tag.name == "time":
            return True
        if "itemprop" not in tag.attrs:
            return False
        itemprop = (attr(tag, "itemprop") or "").lower().split()
        return tag.name != "meta" and any(p in _MICRODATA for p in itemprop)

    # ---------------------------------------------------------- machine fields

    def from_meta(self, tag: dom.Tag) -> None:
        for key_attr in ("name", "property", "itemprop", "http-equiv"):
            name = attr(tag, key_attr)
            kind = _META.get(_meta_key(name)) if name else None
            value = attr(tag, "content")
            if kind and value:
                parsed = parse_date_value(value, self.as_of, self.order)
                if parsed:
                    self.evidence(parsed, kind, "meta", value, tag, name.strip())
                return

    def from_json_ld(self, tag: dom.Tag) -> None:
        try:
            data = json.loads(tag.string or "")
        except (ValueError, RecursionError):
            return
        nodes = data if isinstance(data, list) else [data]
        # Top-level objects and @graph members describe the page; nested ones describe other things.
        for obj in list(nodes):
            if isinstance(obj, dict) and isinstance(obj.get("@graph"), list):
                nodes.extend(obj["@graph"])
        for obj in nodes:
            if not isinstance(obj, dict):
                continue
            for key, kind in _JSON_LD.items():
                value = obj.get(key)
                if isinstance(value, str):
                    parsed = parse_date_value(value, self.as_of, self.order)
                    if parsed:
                        self.evidence(parsed, kind, "json-ld", value, tag, key)

    def from_headers(self) -> None:
        value = self.page.headers.get("last-modified")
        if value:
            parsed = parse_date_value(value, self.as_of, self.order)
            if parsed:
                self.evidence(parsed, MODIFIED, "http header", value, None, "Last-Modified")

    def from_page_url(self) -> None:
        if self.page.url:
            found = url_date(self.page.url, self.as_of)
            if found:
                self.evidence(found[:2], PUBLISHED, "url", found[2], None, self.page.url)

    def from_links(self, groups: dict[int, _Group]) -> None:
        """Links to dated paths: documents and posts; an archive index is not a publication."""
        for g in groups.values():
            item = g.element if self._is_item(g) else None
            for link in g.links:
                href = attr(link, "href") or ""
                found = url_date(href, self.as_of, archives=False)
                # In prose, only a dated document is a publication; a dated post is a citation.
                if found and (item or _DOCUMENT.search(urlsplit(href).path)):
                    self.evidence(found[:2], ITEM, "url", found[2], item or link, _title(link, g if item else None))

    # ---------------------------------------------------------- text

    def _is_item(self, g: _Group) -> bool:
        if not g.links:
            return False
        if g.element.name in _LIST_ITEMS or g.element.name in _ROWS:
            return True
        return g.element.name in _SHORT_ITEMS and len(g.text.split()) <= _SHORT_WORDS

    def from_group(self, g: _Group) -> None:
        text = g.text
        if not g.markers and not _DIGIT.search(text):
            return
        item = self._is_item(g)
        list_item = item and g.element.name in _LIST_ITEMS
        dated = [(m.start, m.end, (m.day, m.precision), m.text, None)
                 for m in find_dates(text, self.as_of, self.order, short_numeric=True)]
        for offset, element in g.markers.items():
            value = attr(element, "datetime") or attr(element, "content") or text_of(element)
            parsed = parse_date_value(value or "", self.as_of, self.order)
            if parsed:
                dated.append((offset, offset + 1, parsed, value, element))
        for start, _end, parsed, raw, element in sorted(dated, key=lambda d: d[0]):
            source = "time" if element is not None and element.name == "time" else "microdata" if element is not None else None
            explicit = _explicit_kind(element) if element is not None else None
            # A cut window starts with NUL so that its first word is not taken for a label's start.
            phrase = _BYLINE.search(("\0" if start > 80 else "") + text[max(0, start - 80): start])
            where = self._item_source(g, start) if item else None
            if item and where is None:
                continue
            # Beside a link, a date opens its run of text; "adopted in December 2019" is prose.
            in_item = item and (where == "link text" or element is not None or _opens_run(text, start))
            if in_item and list_item:
                self.evidence(parsed, ITEM, source or where, raw, g.element, _title(None, g, raw))
            elif explicit:
                self.evidence(parsed, explicit[0], source, raw, element, explicit[1])
            elif phrase:
                label = " ".join(phrase.group("phrase").split())
                self.evidence(parsed, _PHRASES[label.lower()], source or "byline", raw, element or g.element,
                              label[0].upper() + label[1:])
            elif in_item:
                self.evidence(parsed, ITEM, source or where, raw, g.element, _title(None, g, raw))
        for m in _COPYRIGHT.finditer(text):
            newest = max(int(y) for y in _YEAR_ONLY.findall(m.group("years")))
            self.evidence((date(newest, 1, 1), "year"), COPYRIGHT, "copyright", m.group(0), g.element,
                          " ".join(m.group(0).split()))

    @staticmethod
    def _item_source(g: _Group, offset: int) -> str | None:
        """Where in the item the date sits; None for the month of a blog's archive link."""
        link = next((link for a, b, link in g.link_spans if a <= offset < b), None)
        if link is None:
            return "item text"
        href = attr(link, "href") or ""
        if url_date(href, date.max) and not url_date(href, date.max, archives=False):
            return None
        return "link text"


def _explicit_kind(element: dom.Tag) -> tuple[str, str] | None:
    """(kind, what marks it) when the markup says what the date is."""
    for prop in (attr(element, "itemprop") or "").split():
        if prop.lower() in _MICRODATA:
            return _MICRODATA[prop.lower()], prop
    if element.name == "time":
        if element.has_attr("pubdate"):
            return PUBLISHED, "pubdate"
        for cls in (attr(element, "class") or "").lower().split():
            if cls in _TIME_CLASSES:
                return _TIME_CLASSES[cls], cls
    return None


def _title(link: dom.Tag | None, g: _Group | None, date_text: str = "") -> str:
    """What an item is called: its link text, or the file name when the link text is the date."""
    link = link or (g.links[0] if g and g.links else None)
    if link is None:
        return ""
    text = text_of(link)
    if not text or text == " ".join(date_text.split()):
        href = (attr(link, "href") or "").split("?")[0].split("#")[0].rstrip("/")
        text = href.rsplit("/", 1)[-1] or text
    return text if len(text) <= 80 else text[:79] + "…"


def extract_dates(page: Page, order: str = "mdy") -> list[DateEvidence]:
    """Every date the page carries, in document order; extracted once per page and order,
    so the rules of one page share one extraction."""
    return page.derived(f"dates-{order}", lambda page: _Extractor(page, order).run())
