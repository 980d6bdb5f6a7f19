from __future__ import annotations

from auditor.landmarks import TopLevelLandmark


class ContentinfoIsTopLevel(TopLevelLandmark):
    id = "landmark-contentinfo-is-top-level"
    role = "contentinfo"
    summary = "The contentinfo landmark should not be inside another landmark"
    what = """
        Reports a contentinfo landmark (`role="contentinfo"`, or a page-level `<footer>`)
        that is inside another landmark such as `<main>` or `<aside>`.
    """
    why = """
        The site footer belongs at the top level of the landmark map; inside the main
        content screen reader users find it in the wrong place, or take it for part of
        the article.
    """
    fix = """
        Move the site footer out of the other landmark, or drop `role="contentinfo"` if
        it is only the footer of a section.
    """
