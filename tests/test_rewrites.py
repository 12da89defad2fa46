"""An edit rewrites the pages that show what changed, and only those.

The ``post-order`` root has ten posts, three of them on one day and two more
pairs sharing a day, whose titles sort in another order than their files: posts
are ordered by (date, file), so a title edit never moves a post. Each test
records the HTML pages an incremental build wrote (new, or with another mtime),
asserts that set, then builds the same sources from scratch and compares every
output file byte for byte. The one exception is Sphinx's own: ``searchindex.js``
loses the ``indexentries`` of the pages an incremental build does not rewrite, and
keeps words, in text and in titles, no page has any more (with no pages); it is
compared without those (as in ``test_reproducible.py``).

Sphinx rewrites ``search`` and ``genindex``, and sphinx-notfound-page its ``404``,
on every build; ``index`` lists posts (``news-cards``), and ablog's catalog pages
(``news/author``, ``news/category``, ``news/tag``) list every post, so they show
any edit of one. All news shows three posts a page here: the newest four
(``news``), then ``news/page/2`` and ``news/page/1`` (the oldest three), numbered
from the oldest, so only the page that shows an edited post is rewritten, and a
new post rewrites the first page only.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from ablog.blog import Blog
from bs4 import BeautifulSoup
from helpers import rewritten_by_sphinx
from sphinx.testing.util import SphinxTestApp
from test_reproducible import differences, search_index_as_sphinx_keeps_it, snapshot

from sphinx_labnews.incremental import blog_state, neighbours

#: Rewritten by every build.
ALWAYS = ["404", "genindex", "search"]
#: Rewritten by every build that changes what listings show of a post.
EVERY_EDIT = [
    *ALWAYS,
    "index",
    "news/author",
    "news/category",
    "news/tag",
]


def search_index(out: Path) -> dict:
    """The search index less what Sphinx does not keep across incremental builds; title
    words no page has any more too (an edited title's old words)."""
    index = search_index_as_sphinx_keeps_it(out)
    index["titleterms"] = {word: pages for word, pages in index["titleterms"].items() if pages}
    return index


class Site:
    """A copy of the ``post-order`` root, rebuilt in place like ``sphinx-build`` does."""

    def __init__(self, rootdir: Path, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.src = tmp_path / "src"
        shutil.copytree(rootdir / "test-post-order", self.src)

    @property
    def out(self) -> Path:
        return self.src / "_build" / "html"

    def build(self, builddir: Path | None = None, fresh: bool = False) -> list[str]:
        """Build; the HTML pages written (new or changed), without ``.html``."""
        Blog._dict.clear()
        out = builddir / "html" if builddir else self.out
        before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
        app = SphinxTestApp("html", srcdir=self.src, builddir=builddir, freshenv=fresh)
        try:
            app.build()
            assert app.warning.getvalue() == ""
        finally:
            app.cleanup()
        return sorted(
            p.relative_to(out).with_suffix("").as_posix()
            for p in out.rglob("*.html")
            if ".doctrees" not in p.parts and before.get(p) != p.stat().st_mtime_ns
        )

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.src / "news" / f"{name}.md"
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new), "utf-8")

    def page(self, name: str) -> str:
        return (self.out / f"{name}.html").read_text("utf-8")

    def assert_equals_clean_build(self) -> None:
        incremental = snapshot(self.out)
        incremental_index = search_index(self.out)
        clean = self.tmp / "clean"
        self.build(clean, fresh=True)
        assert set(differences(incremental, snapshot(clean / "html"))) <= {"searchindex.js"}
        assert incremental_index == search_index(clean / "html")


def older(page: str) -> str | None:
    """The title the post's "← Older" link names (``rel="prev"``)."""
    link = BeautifulSoup(page, "lxml").select_one(".labnews-prev-next a[rel=prev]")
    return link.select_one(".labnews-prev-next__title").get_text() if link else None


def newer(page: str) -> str | None:
    """The title the post's "Newer →" link names (``rel="next"``)."""
    link = BeautifulSoup(page, "lxml").select_one(".labnews-prev-next a[rel=next]")
    return link.select_one(".labnews-prev-next__title").get_text() if link else None


@pytest.fixture
def site(rootdir: Path, tmp_path: Path) -> Site:
    site = Site(rootdir, tmp_path)
    site.build()
    return site


def test_same_day_posts_are_ordered_by_file_not_title(site: Site) -> None:
    # "Mu award" (bravo) sits between "Zeta workshop" (alpha) and "Beta talk"
    # (charlie): by title it would come after Beta, before Zeta
    page = site.page("news/2025-01-10-bravo")
    assert older(page) == "Zeta workshop" and newer(page) == "Beta talk"
    assert newer(site.page("news/2025-01-10-alpha")) == "Mu award"
    assert older(site.page("news/2025-01-10-charlie")) == "Mu award"


def test_nothing_changed_rewrites_only_what_sphinx_always_rewrites(site: Site) -> None:
    # ALWAYS on Sphinx >= 8.2; nothing at all on Sphinx 8.1
    assert site.build() == rewritten_by_sphinx()


def test_middle_title_edit_among_same_day_posts(site: Site) -> None:
    # by title, "Aardvark award" would now come first of its day
    site.edit("2025-01-10-bravo", "title: Mu award", "title: Aardvark award")
    rewritten = site.build()
    assert rewritten == sorted(
        [
            *EVERY_EDIT,
            "news/2025-01-10-alpha",  # previous: its "next" link names the post
            "news/2025-01-10-bravo",
            "news/2025-01-10-charlie",  # next: its "previous" link
            "news/page/1",  # the All news page that shows it
            "news/2025",
            "news/author/cheng-jin",
            "news/category/awards",
            "news/tag/award",
        ]
    )
    assert newer(site.page("news/2025-01-10-alpha")) == "Aardvark award"
    assert older(site.page("news/2025-01-10-charlie")) == "Aardvark award"
    site.assert_equals_clean_build()


def test_new_post_rewrites_its_neighbour_and_listings_not_every_post(site: Site) -> None:
    (site.src / "news" / "2025-07-01-kilo.md").write_text(
        "---\ntitle: Kilo news\nauthor: Cheng Jin\ngroup: news\ntags: [paper]\n"
        "last_updated: 2025/07/01\noneline_description: About Kilo news.\n---\n\nBody.\n",
        "utf-8",
    )
    rewritten = site.build()
    assert rewritten == sorted(
        [
            *EVERY_EDIT,
            "news/2025-07-01-kilo",
            "news/2025-06-30-juliet",  # its "next" link is the new post
            "news",  # All news' first page; its older pages stay
            "news/_recent",  # the fragment: recent news and counts
            "news/2025",
            "news/author/cheng-jin",
            "news/category/news",
            "news/tag/paper",
        ]
    )
    assert "Kilo news" in site.page("news/_recent")
    site.assert_equals_clean_build()


def test_newest_title_fixed(site: Site) -> None:
    site.edit("2025-06-30-juliet", "title: Juliet results", "title: Juliet results, fixed")
    rewritten = site.build()
    assert rewritten == sorted(
        [
            *EVERY_EDIT,
            "news/2025-06-30-juliet",
            "news/2025-05-05-india",  # its "next" link
            "news",
            "news/_recent",
            "news/2025",
            "news/author/cheng-jin",
            "news/category/news",
            "news/tag/paper",
        ]
    )
    site.assert_equals_clean_build()


UNPUBLISHED_REWRITES = sorted(
    [
        *EVERY_EDIT,
        "news/2025-02-14-delta",  # its neighbours, which now link each other
        "news/2025-03-03-foxtrot",
        "news",  # golf moves to page 2, which loses echo; page 1 stays
        "news/page/2",
        "news/_recent",  # counts per category
        "news/2025",
        "news/author/cheng-jin",
        "news/category/news",
        "news/tag/talk",
    ]
)


def unpublish_echo(site: Site) -> list[str]:
    site.edit("2025-03-03-echo", "title: Omega visit", "published: false\ntitle: Omega visit")
    return site.build()


def test_unpublished_post_is_gone_and_its_neighbours_link_each_other(site: Site) -> None:
    rewritten = unpublish_echo(site)
    assert set(UNPUBLISHED_REWRITES) <= set(rewritten)
    assert not (site.out / "news" / "2025-03-03-echo.html").exists()
    assert newer(site.page("news/2025-02-14-delta")) == "Gamma seminar"
    assert older(site.page("news/2025-03-03-foxtrot")) == "Delta paper"
    site.assert_equals_clean_build()


def test_unpublished_post_rewrites_only_its_neighbours_and_listings(site: Site) -> None:
    assert unpublish_echo(site) == UNPUBLISHED_REWRITES


def test_tag_added(site: Site) -> None:
    site.edit("2025-04-20-golf", "tags: [award]", "tags: [award, robotics]")
    rewritten = site.build()
    assert rewritten == sorted(
        [
            *EVERY_EDIT,
            "news/2025-04-20-golf",
            "news/2025-03-03-foxtrot",  # its neighbours: the listing data changed
            "news/2025-05-05-hotel",
            "news",  # every All news page: its filter row links the new tag
            "news/page/1",
            "news/page/2",
            "news/2025",
            "news/author/cheng-jin",
            "news/category/awards",
            "news/tag/award",
            "news/tag/robotics",
        ]
    )
    site.assert_equals_clean_build()


def test_neighbours_are_the_previous_and_next_posts() -> None:
    order = ["a", "b", "c", "d"]
    assert neighbours(order, "b") == ["a", "c"]
    assert neighbours(order, "a") == ["b"]
    assert neighbours(order, "d") == ["c"]
    assert neighbours(order, "x") == []
    assert neighbours(order, "c", {d: i for i, d in enumerate(order)}) == ["b", "d"]


def test_the_recorded_order_is_by_date_then_file() -> None:
    day = dt.datetime(2025, 1, 10)
    posts = {
        "news/b": [{"title": "A", "date": day}],
        "news/a": [{"title": "Z", "date": day}],
        "news/c": [{"title": "M", "date": day - dt.timedelta(days=1)}],
    }
    assert blog_state(SimpleNamespace(ablog_posts=posts))["order"] == ["news/c", "news/a", "news/b"]


def test_recent_news_fragment_is_escaped_and_the_sidebar_links_to_all_news(site: Site) -> None:
    site.edit("2025-06-30-juliet", "title: Juliet results", "title: '<b>Juliet</b> & co'")
    site.build()
    fragment = site.page("news/_recent")
    assert "&lt;b&gt;Juliet&lt;/b&gt; &amp; co" in fragment and "<b>" not in fragment
    assert 'href="2025-06-30-juliet.html"' in fragment  # relative to the fragment
    assert "news (5)" in fragment and "2025 (10)" in fragment  # per category and year
    post = site.page("news/2025-01-10-alpha")
    assert 'data-labnews-recent="_recent.html"' in post
    assert '<a href="../news.html">All news' in post
    assert "Juliet" not in post  # the post shows nothing of other posts but its neighbours
