"""Broken front matter: a warning naming file, line and value; the post still builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences


@pytest.mark.sphinx("html", testroot="bad-frontmatter", freshenv=True)
def test_each_problem_is_a_located_labnews_warning(app: SphinxTestApp) -> None:
    app.build()
    warnings = strip_escape_sequences(app.warning.getvalue())
    expected = [
        r"news/2021-02-01-impossible-date\.md:4: WARNING: last_updated: '2021/02/30' is not a "
        r"date that exists .*; using 2021-02-01 from the file name \[labnews\.date\]",
        r"news/2021-03-01-malformed\.md:\d: WARNING: front matter is not valid YAML: .* "
        r"\[labnews\.frontmatter\]",
        r"news/2021-04-01-no-title\.md:1: WARNING: post has no title; using 'No title' from its "
        r"file name \[labnews\.title\]",
        r"news/2021-05-01-wrong-type\.md:5: WARNING: front-matter field 'oneline_description' "
        r"should be text, got \{'not': 'text'\} \[labnews\.field_type\]",
    ]
    for pattern in expected:
        assert re.search(pattern, warnings), (pattern, warnings)
    # every post is still built and listed
    outdir = Path(app.outdir)
    for name in [
        "2021-02-01-impossible-date",
        "2021-03-01-malformed",
        "2021-04-01-no-title",
        "2021-05-01-wrong-type",
    ]:
        assert (outdir / "news" / f"{name}.html").is_file()
    listing = (outdir / "news.html").read_text("utf-8")
    for title in ["Impossible date", "Malformed", "No title", "Wrong type"]:
        assert title in listing


@pytest.mark.sphinx(
    "html",
    testroot="bad-frontmatter",
    freshenv=True,
    confoverrides={
        "suppress_warnings": [
            "labnews.date",
            "labnews.frontmatter",
            "labnews.title",
            "labnews.field_type",
        ]
    },
)
def test_warnings_can_be_suppressed_by_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert "labnews" not in app.warning.getvalue()
