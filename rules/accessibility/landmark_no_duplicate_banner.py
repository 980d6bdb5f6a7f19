from __future__ import annotations

from auditor.landmarks import NoDuplicateLandmark


class NoDuplicateBanner(NoDuplicateLandmark):
    id = "landmark-no-duplicate-banner"
    role = "banner"
    tag = "header"
    summary = "The page should have at most one banner landmark"
    what = """
        Reports every banner landmark after the first: a `<header>` that is not inside an
        `<article>`, `<aside>`, `<main>`, `<nav>` or `<section>`, or an element with
        `role="banner"`.
    """
    why = """
        The banner is the site-wide header (logo, site search, main menu). Screen readers
        offer a shortcut to it; with two, users cannot tell which is the real one.
    """
    fix = """
        Keep one site header; a section or article may have its own `<header>` (inside
        `<article>` or `<section>` it is not a banner). Remove extra `role="banner"`.
    """
