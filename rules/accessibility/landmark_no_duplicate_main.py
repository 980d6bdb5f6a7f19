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
    bad_example = """
        <main><h1>Trafficking in Persons</h1></main>
        <div role="main"><h2>Key Publications</h2></div>
    """
    good_example = """
        <main>
          <h1>Trafficking in Persons</h1>
          <section aria-labelledby="pubs"><h2 id="pubs">Key Publications</h2></section>
        </main>
    """
    fix = "Keep one main landmark around all of the main content; use `<section>` for its parts."
