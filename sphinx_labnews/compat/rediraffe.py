"""What we work around in sphinxext-rediraffe (tested 0.2.7 and 0.3).

:mod:`sphinx_labnews.redirects` reads and checks the site's redirects; these are
the places where rediraffe itself would fail the build over something that is not
an error on a news site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx

from ..frontmatter import echo


def needs_rediraffe(redirects: dict[str, str]) -> bool:
    """Whether to set rediraffe up at all: only for a site that has redirects.

    rediraffe warns when given no redirects (and ``-W`` fails the build); a site that
    never imported anything has none. Remove when rediraffe accepts an empty mapping.
    """
    return bool(redirects)


def final_target(redirects: dict[str, str], key: str) -> str:
    """Where a chain of redirects starting at ``key`` ends."""
    page, seen = redirects[key], {key}
    while page in redirects and page not in seen:
        seen.add(page)
        page = redirects[page]
    return page


def redirects_rediraffe_fails_on(
    app: Sphinx, redirects: dict[str, str], outfilename: Callable[[str], str]
) -> dict[str, str]:
    """``{old page: why}`` for each redirect rediraffe would fail the build on.

    A redirect whose (final) target has no page in this build (an unpublished or
    deleted post), and a key that is itself a page of the site: rediraffe reports
    both untyped and sets the exit status to 1 even without ``-W``. Remove when
    rediraffe reports them as warnings a site can suppress. ``outfilename`` is the
    HTML builder's ``get_outfilename``.
    """
    problems = {}
    for key in redirects:
        target = final_target(redirects, key)
        if key in app.env.found_docs:
            problems[key] = f"{echo(key)} is a page of the site"
        elif not Path(outfilename(target)).is_file():
            problems[key] = f"target {echo(target)} is not built (unpublished or deleted?)"
    return problems
