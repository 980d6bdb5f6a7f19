from __future__ import annotations

from auditor.landmarks import NoDuplicateLandmark


class NoDuplicateMain(NoDuplicateLandmark):
    id = "landmark-no-duplicate-main"
    role = "main"
    tag = "main"
    summary = "The page should have at most one main landmark"
    what = """
        Reports every main landmark after the first: a second visible `<main>` or
        `role="main"` element. (A `<main hidden>` kept for a single-page app is ignored.)
    """
    why = """
        The main landmark is where screen reader users jump to skip the navigation. With
        two, the shortcut lands on one of them and the other is easily missed.
    """
    fix = "Keep one main landmark around all of the main content; use `<section>` for its parts."
