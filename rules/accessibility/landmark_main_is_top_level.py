from __future__ import annotations

from auditor.landmarks import TopLevelLandmark


class MainIsTopLevel(TopLevelLandmark):
    id = "landmark-main-is-top-level"
    role = "main"
    summary = "The main landmark should not be inside another landmark"
    what = """
        Reports a main landmark (`<main>` or `role="main"`) that is inside another landmark,
        such as a `<nav>`, `<aside>` or `role="banner"` container.
    """
    why = """
        The main landmark is the shortcut past the navigation; nested inside a navigation or
        banner landmark it is announced as part of it, and users skip it with the rest.
    """
    fix = "Move `<main>` out of the other landmark so it sits at the top level beside it."
