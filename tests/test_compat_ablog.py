"""The parts of ``compat/ablog.py`` that can be checked without a build.

What each workaround does to a whole site is tested through Sphinx builds
(``test_rewrites.py``, ``test_template_escaping.py``, ``test_non_html_builders.py``);
these pin the rules themselves, fast enough for ``nox -s mutation`` to run per mutant.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from ablog.blog import Post

from sphinx_labnews.compat.ablog import (
    NewsPost,
    SiteDate,
    declare_ablog_parallel_safe,
    escape_archive_titles,
)


def news_post(docname: str, title: str, date: dt.datetime | None, section: str = "") -> NewsPost:
    """A ``NewsPost`` with only what ordering reads (ablog's constructor needs a blog)."""
    post = NewsPost.__new__(NewsPost)
    post.docname, post._title, post.date, post.section = docname, title, date, section
    return post


def test_same_day_posts_are_ordered_by_file_not_title() -> None:
    day = dt.datetime(2025, 1, 10)
    zeta = news_post("news/2025-01-10-alpha", "Zeta workshop", day)
    alpha = news_post("news/2025-01-10-bravo", "Alpha award", day)
    older = news_post("news/2024-12-31-zulu", "Zulu", dt.datetime(2024, 12, 31))
    draft = news_post("news/aaa-draft", "Draft", None)  # undated: after every dated post
    assert sorted([draft, alpha, zeta, older]) == [older, zeta, alpha, draft]
    assert zeta < alpha and not alpha < zeta and not zeta < zeta
    second = news_post("news/2025-01-10-alpha", "Zeta workshop", day, section="part-2")
    assert zeta < second  # two posts in one document: by section


def test_a_post_is_not_ordered_against_anything_else() -> None:
    post = news_post("news/a", "A", dt.datetime(2025, 1, 1))
    assert post.__lt__("news/b") is NotImplemented
    with pytest.raises(TypeError):
        assert post < 3
    assert isinstance(post, Post)


@pytest.mark.parametrize(
    ("language", "expected"),
    [(None, "2 March 2025"), ("en", "2 March 2025"), ("de", "2 März 2025"), ("fr", "2 mars 2025")],
)
def test_postlist_dates_are_named_in_the_site_language(language: str | None, expected: str) -> None:
    date = SiteDate(2025, 3, 2, 14, 30, 5, 7, tzinfo=dt.UTC)
    date.language = language
    assert date.strftime("%d %B %Y").lstrip("0") == expected
    assert date.strftime("%H:%M:%S") == "14:30:05"
    hong_kong = dt.timezone(dt.timedelta(hours=8))
    assert SiteDate(2025, 3, 2, 9, tzinfo=hong_kong).strftime("%H:%M %z") == "09:00 +0800"
    # equal to the post's own date, so ablog's sorting is unchanged
    assert date == dt.datetime(2025, 3, 2, 14, 30, 5, 7, tzinfo=dt.UTC)


def page_context(title: Any) -> dict[str, Any]:
    return {"title": title}


@pytest.mark.parametrize(
    ("templatename", "doctree", "title", "expected"),
    [
        # ablog's archive pages: the tag's name reaches the title as text
        (
            "ablog/catalog.html",
            None,
            'Posts in <script>"x"</script>',
            'Posts in &lt;script&gt;"x"&lt;/script&gt;',
        ),
        ("ablog/collection.html", None, "R&D", "R&amp;D"),
        # a document's title is HTML Sphinx rendered from the doctree: left as it is
        ("ablog/collection.html", object(), "<em>Posts</em>", "<em>Posts</em>"),
        # other generated pages (search, genindex) are Sphinx's own
        ("search.html", None, "<b>Search</b>", "<b>Search</b>"),
        ("ablog/catalog.html", None, "", ""),
    ],
)
def test_archive_page_titles_are_escaped(templatename, doctree, title, expected) -> None:
    context = page_context(title)
    escape_archive_titles(SimpleNamespace(), "news/tag/x", templatename, context, doctree)
    assert context["title"] == expected


def test_a_page_without_a_title_gets_none() -> None:
    context: dict[str, Any] = {}
    escape_archive_titles(SimpleNamespace(), "news/tag/x", "ablog/catalog.html", context, None)
    assert context == {}


def test_ablog_is_declared_parallel_read_safe() -> None:
    ablog = SimpleNamespace(parallel_read_safe=False)
    declare_ablog_parallel_safe(SimpleNamespace(extensions={"ablog": ablog}))
    assert ablog.parallel_read_safe is True
