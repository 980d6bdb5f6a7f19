from __future__ import annotations

from auditor.landmarks import NoDuplicateLandmark


class NoDuplicateContentinfo(NoDuplicateLandmark):
    id = "landmark-no-duplicate-contentinfo"
    role = "contentinfo"
    tag = "footer"
    summary = "The page should have at most one contentinfo landmark"
    what = """
        Reports every contentinfo landmark after the first: a `<footer>` that is not inside
        an `<article>`, `<aside>`, `<main>`, `<nav>` or `<section>`, or an element with
        `role="contentinfo"`.
    """
    why = """
        The contentinfo landmark is the site-wide footer (copyright, contact, privacy
        links). Screen readers offer a shortcut to it; two of them make users guess.
    """
    fix = """
        Merge the footers into one; a section or article may have its own `<footer>`
        inside `<article>` or `<section>`. Remove extra `role="contentinfo"`.
    """
