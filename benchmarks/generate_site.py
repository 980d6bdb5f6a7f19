#!/usr/bin/env python3
"""Write a static site of N legacy-style pages for benchmarks.

    python benchmarks/generate_site.py 10000 /tmp/legacy-site [--seed 2008]

The pages imitate samples/usaid-trafficking-2008.html: XHTML 1.0 Transitional declared as
ISO-8859-1, a layout table, top/left/foot navigation, a share bar of bookmarking sites,
images with and without alt text (file-name alts, empty alts, linked images), PDF lists
with sizes and dates, "last updated" dates, quotes in tables, and links between the
generated pages (relative, so a folder crawl can follow them). The same N and seed always
give the same bytes, so runs on different machines audit the same site.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from html import escape

SECTIONS = ["our_work", "press", "locations", "stories", "policy", "business", "careers", "about"]
TOPICS = [
    "Trafficking in Persons", "Women in Development", "Economic Growth", "Basic Education",
    "Clean Water", "Food Security", "Maternal Health", "Microenterprise", "Democracy and Governance",
    "Disaster Assistance", "Malaria Prevention", "Climate Change", "Land Tenure", "Youth Employment",
    "Trade Capacity", "Conflict Mitigation", "Anti-Corruption", "Agriculture", "Energy", "Forestry",
]
PLACES = [
    "Kenya", "Cambodia", "Ecuador", "Nepal", "Ghana", "Peru", "Bangladesh", "Mali", "Haiti", "Jordan",
    "Mozambique", "Guatemala", "Indonesia", "Ukraine", "Senegal", "Bolivia", "Zambia", "Colombia",
]
WORDS = (
    "assistance program mission partners communities governments capacity training results "
    "households services justice officials rural urban health education market women children "
    "local national regional reform support access income protection prevention funding "
    "activities strategy evaluation research development officers field cases approach"
).split()
SHARE_SITES = [
    ("digg", "http://digg.com/submit?phase=2&url={u}", "Digg this page"),
    ("stumbleupon", "http://www.stumbleupon.com/submit?url={u}", "Share this page on StumbleUpon"),
    ("delicious", "http://del.icio.us/post?url={u}", "Post This Page to"),
    ("reddit", "http://reddit.com/submit?url={u}", "Save this page to Reddit"),
    ("yahoo_myweb", "http://myweb2.search.yahoo.com/myresults/bookmarklet?u={u}", "Save this page to Yahoo MyWeb"),
    ("facebook", "http://www.facebook.com/sharer.php?u={u}", "Share this page on Facebook"),
    ("newsvine", "http://www.newsvine.com/_tools/seed&save?u={u}", "Save this page to Newsvine"),
    ("google", "http://www.google.com/bookmarks/mark?op=edit&bkmk={u}", "Save this page to Google Bookmarks"),
    ("mixx", "http://www.mixx.com/submit?page_url={u}", "Save this page to Mixx"),
    ("technorati", "http://technorati.com/faves?add={u}", "Save this page to Technorati"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PAGES_PER_FOLDER = 100


def page_path(index: int) -> str:
    return f"{SECTIONS[index % len(SECTIONS)]}/p{index // PAGES_PER_FOLDER:04d}/page{index:05d}.html"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    if rng.random() < 0.15:  # a few Latin-1 characters, as on old ISO-8859-1 pages
        words.insert(rng.randrange(len(words)), rng.choice(["Asunción", "São Tomé", "Bogotá", "Peñalosa"]))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def image(rng: random.Random, src: str, width: int, height: int) -> str:
    kind = rng.random()
    if kind < 0.35:
        alt = ""  # no alt attribute at all
    elif kind < 0.5:
        alt = f' alt="{src.rsplit("/", 1)[-1]}"'  # the file name as alt text
    elif kind < 0.6:
        alt = ' alt=""'
    else:
        alt = f' alt="{escape(rng.choice(PLACES))}: {escape(" ".join(rng.choice(WORDS) for _ in range(4)))}"'
    border = ' border="0"' if rng.random() < 0.5 else ""
    return f'<img src="{src}" width="{width}" height="{height}"{border}{alt} />'


def date_text(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1998, 2012), rng.randint(1, 12), rng.randint(1, 28)


def relative(from_path: str, to_path: str) -> str:
    return os.path.relpath(to_path, os.path.dirname(from_path) or ".").replace(os.sep, "/")


def render(index: int, total: int, rng: random.Random) -> str:
    path = page_path(index)
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    title = f"{topic} in {place}" if rng.random() < 0.7 else topic
    year, month, day = date_text(rng)
    url = f"http://www.example.gov/{path}"
    out = [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">' if rng.random() < 0.8 else "<html>",
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />',
        f"<title>Agency: {escape(title)}</title>" if rng.random() < 0.95 else "<title></title>",
        f'<meta name="keywords" content="{escape(topic.lower())}, {escape(place.lower())}" />',
        f'<meta name="DC.date.modified" content="{year}-{month:02d}-{day:02d}" />',
        '<link rel="stylesheet" type="text/css" href="/css/main.css" />',
        '<script type="text/javascript" src="/js/menus.js"></script>',
        "</head>",
        "<body>",
        '<div id="skip"><a href="#maincontent" class="skip">Skip to main content</a></div>' if rng.random() < 0.6 else "",
        '<table id="wrapper" width="760" border="0" cellpadding="0" cellspacing="0" align="center">',
        '<tr><td colspan="2" id="header">',
        f'  <a href="http://www.example.gov/">{image(rng, "/images/logo.gif", 213, 80)}</a>',
        '  <ul id="topnav">',
        *[f'    <li><a href="/{s}/">{s.replace("_", " ").title()}</a></li>' for s in SECTIONS[: rng.randint(4, 8)]],
        "  </ul>",
        "  " + image(rng, "/images/banners/" + topic.lower().replace(" ", "_") + "_banner.jpg", 547, 60),
        "</td></tr>",
        '<tr><td id="leftcol" width="180" valign="top">',
    ]
    story = rng.randrange(total)
    out += [
        '  <div class="feature">',
        f'    <a href="{relative(path, page_path(story))}">{image(rng, f"/images/stories/thumb{story % 50}.jpg", 160, 100)}</a>',
        f'    <p>{escape(sentence(rng))} - <a href="{relative(path, page_path(story))}">Click to read this story</a></p>',
        "  </div>",
        '  <ul id="leftnav">',
        *[f'    <li><a href="{relative(path, page_path(rng.randrange(total)))}">{escape(rng.choice(TOPICS))}</a></li>'
          for _ in range(rng.randint(2, 7))],
        "  </ul>",
        "</td>",
        '<td id="content" valign="top">',
        '  <a name="maincontent"></a>',
        f"  <h1>{escape(title)}</h1>" if rng.random() < 0.9 else f'  <p class="title"><b>{escape(title)}</b></p>',
    ]
    if rng.random() < 0.5:
        photo = f"/images/photos/{place.lower()}_{rng.randint(1, 400)}.jpg"
        out += ['  <table class="photo" align="right" width="220" cellpadding="4">',
                f"    <tr><td>{image(rng, photo, 210, 140)}</td></tr>",
                f'    <tr><td class="caption">Photo: {escape(sentence(rng))}</td></tr>', "  </table>"]
    heading = rng.choice(["h2", "h2", "h3", "h4"])  # some pages skip heading levels
    for block in range(rng.randint(2, 6)):
        out.append(f"  <{heading}>{escape(rng.choice(TOPICS))}</{heading}>")
        out += [f"  <p>{escape(' '.join(sentence(rng) for _ in range(rng.randint(1, 5))))}</p>"
                for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.4:
            out.append('  <ul class="pubs">')
            for _ in range(rng.randint(1, 8)):
                y, m, _d = date_text(rng)
                name = f"{rng.choice(WORDS)}_{y}.pdf"
                size = rng.choice([f"{rng.randint(100, 999)}K", f"{rng.randint(1, 9)}MB"])
                out.append(f'    <li>{image(rng, "/images/icon_pdf.gif", 16, 16)} '
                           f'<a href="/pubs/{name}">{MONTHS[m - 1]} {y}</a> ({size} PDF)</li>')
            out.append("  </ul>")
        if rng.random() < 0.2:
            out.append("  <ul>" + "".join(f"<li>{escape(rng.choice(WORDS))}</li>" for _ in range(rng.randint(0, 4))) + "</ul>")
        if rng.random() < 0.15:
            out += ['  <table class="quote" width="100%" cellpadding="8"><tr><td>',
                    f"  <p>{escape(sentence(rng))}</p>", f'  <p class="source">&ndash; {escape(rng.choice(PLACES))} report, {year}</p>',
                    "  </td></tr></table>"]
    if rng.random() < 0.6:
        out.append(f"  <p><i>Last updated: {MONTHS[month - 1]} {day}, {year}</i></p>")
    out += ['  <p class="backtotop"><a href="#top">Back to Top ^</a></p>', "</td></tr>",
            '<tr><td colspan="2" id="footer">', '  <ul id="footnav">',
            *[f'    <li><a href="/{s}/">{s.replace("_", " ").title()}</a></li>' for s in rng.sample(SECTIONS, 2)],
            "  </ul>"]
    if rng.random() < 0.8:
        sites = rng.sample(SHARE_SITES, rng.randint(3, len(SHARE_SITES)))
        out.append('  <div id="sharebar">')
        for name, link, label in sites:
            src = f"/images/share/{name}.gif"
            # mostly labelled icons, as on the seed page; some with the generated alt variants
            icon = image(rng, src, 16, 16) if rng.random() < 0.3 else f'<img src="{src}" alt="{label}" />'
            out.append(f'    <a href="{escape(link.format(u=url))}">{icon}</a> :')
        out.append("  </div>")
    out += ["</td></tr>", "</table>", "</body>", "</html>", ""]
    return "\n".join(line for line in out if line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of pages")
    parser.add_argument("folder", help="output folder (created; existing generated pages are overwritten)")
    parser.add_argument("--seed", type=int, default=2008, help="random seed (default: 2008)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    size = 0
    for index in range(args.count):
        rng = random.Random(args.seed * 1_000_003 + index)  # per-page seed, independent of page order
        target = os.path.join(args.folder, page_path(index))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        data = render(index, args.count, rng).encode("iso-8859-1", "xmlcharrefreplace")
        with open(target, "wb") as fh:
            fh.write(data)
        size += len(data)
    print(f"wrote {args.count} pages ({size / 1e6:.1f} MB) under {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
