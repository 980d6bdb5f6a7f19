from __future__ import annotations

from auditor.landmarks import TopLevelLandmark


class BannerIsTopLevel(TopLevelLandmark):
    id = "landmark-banner-is-top-level"
    role = "banner"
    summary = "The banner landmark should not be inside another landmark"
    what = """
        Reports a banner landmark (`role="banner"`, or a page-level `<header>`) that is
        inside another landmark such as `<main>` or `<nav>`.
    """
    why = """
        Screen readers present landmarks as the page's top-level map. A site banner tucked
        inside the main content or navigation is announced in the wrong place and is hard
        to find with the banner shortcut.
    """
    fix = """
        Move the banner out of the other landmark, or, if it is only the header of a
        section, drop `role="banner"` (a `<header>` inside `<main>` is not a banner).
    """
