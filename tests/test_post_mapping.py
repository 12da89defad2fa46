"""Each row of the front-matter table, proved on a real build's output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from helpers import build_copy
from sphinx.testing.util import SphinxTestApp

POST = "news/2025-07-27-full"
ROOTS = Path(__file__).parent / "roots"


def heading_text(tag) -> str:
    """A heading's text without the theme's permalink sign."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return tag.get_text()


def html(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "lxml")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One build of the front-matter root, shared by the read-only assertions below."""
    return build_copy("frontmatter", tmp_path_factory)


def test_build_has_no_warnings(built) -> None:
    assert built.warning.getvalue() == ""


def test_title_becomes_the_h1_and_body_headings_nest_under_it(built) -> None:
    doctree = built.env.get_doctree(POST)
    (top,) = [s for s in doctree.children if isinstance(s, nodes.section)]
    assert top[0].astext() == "Full <b>post</b> & friends"
    subsections = [n for n in top.children if isinstance(n, nodes.section)]
    assert [s[0].astext() for s in subsections] == ["First body heading"]
    assert subsections[0].next_node(nodes.section)[0].astext() == "A deeper heading"
    page = html(built, POST)
    h1 = page.select_one("section.labnews-post > h1")
    assert heading_text(h1) == "Full <b>post</b> & friends"
    assert h1.find("b") is None  # the title's markup is text, not HTML
    assert [heading_text(h) for h in page.select("section.labnews-post h2")] == [
        "First body heading"
    ]
    # the label is a badge under the title, not part of the browser tab's title
    assert page.title.get_text().startswith("Full <b>post</b> & friends")
    badge = page.select_one("section.labnews-post .labnews-post-label .sd-badge")
    assert badge.get_text() == "Press Release"


def test_last_updated_is_the_post_date(built) -> None:
    posts = {p["docname"]: p for ps in built.env.ablog_posts.values() for p in ps}
    assert posts[POST]["date"].strftime("%Y-%m-%d") == "2025-07-27"
    assert posts["news/2024-03-05-unpadded"]["date"].strftime("%Y-%m-%d") == "2024-03-05"
    assert posts["news/2024-06-01-date-wins"]["date"].strftime("%Y-%m-%d") == "2024-06-02"
    assert (
        posts["news/2024-09-09-datetime"]["date"].strftime("%Y-%m-%d %H:%M") == "2024-09-09 02:30"
    )
    assert "27 July 2025" in html(built, POST).select_one(".ablog__postcard").get_text()


def test_author_group_and_tags_become_archives(built) -> None:
    outdir = Path(built.outdir)
    for page in [
        "news/author/cheng-jin",
        "news/author/hao-chen",
        "news/category/news",
        "news/category/awards",
        "news/category/partnerships",
        "news/tag/workshop",
        "news/tag/ai",
        "news/tag/students",
        "news/tag/urop",
        "news/2025",
        "news/2024",
    ]:
        assert (outdir / f"{page}.html").is_file(), page
    author_page = html(built, "news/author/hao-chen")
    titles = [a.get_text() for a in author_page.select(".labnews-card .sd-card-title a")]
    assert titles == ["Second post", "YAML datetime", "Date field wins", "Unpadded date"]
    card = html(built, POST).select_one(".ablog__postcard").get_text(" ", strip=True)
    assert "Cheng Jin" in card and "news" in card and "workshop" in card and "AI" in card


def test_cover_is_shown_at_the_top_and_in_listings(built) -> None:
    page = html(built, POST)
    cover = page.select_one("img.labnews-cover")
    assert cover["src"] == "../_images/cover.png"
    assert (Path(built.outdir) / "_images" / "cover.png").is_file()
    listing = html(built, "news/category/news")
    images = [img["src"] for img in listing.select(".labnews-card img")]
    assert "../../_images/cover.png" in images


def test_description_is_excerpt_feed_summary_and_meta(built) -> None:
    page = html(built, POST)
    meta = page.find("meta", attrs={"name": "description"})
    assert meta["content"] == "One line about the <i>full</i> post."
    listing = html(built, "news")
    excerpts = [p.get_text() for p in listing.select(".labnews-card p.sd-card-text")]
    assert "One line about the <i>full</i> post." in excerpts
    assert listing.select_one(".labnews-card i") is None
    feed = feedparser.parse((Path(built.outdir) / "news" / "atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.link.endswith("2025-07-27-full.html")]
    assert entry.summary == "One line about the <i>full</i> post."


def test_layout_and_unknown_keys_are_page_metadata(built) -> None:
    metadata = built.env.metadata["news/2025-01-02-second"]
    assert metadata["layout"] == "post"
    assert metadata["lab_internal_id"] == "42"


def test_feeds_parse_with_dates_and_authors(built) -> None:
    outdir = Path(built.outdir)
    for name in ["atom.xml", "rss.xml"]:
        feed = feedparser.parse((outdir / "news" / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        by_title = {e.title: e for e in feed.entries}
        assert set(by_title) == {
            "[Press Release] Full <b>post</b> & friends",
            "Second post",
            "Unpadded date",
            "Date field wins",
            "YAML datetime",
        }
        second = by_title["Second post"]
        assert second.published_parsed[:3] == (2025, 1, 2)
        authors = {a.get("name") for a in second.get("authors", [])} or {second.get("author")}
        assert {"Hao Chen", "Cheng Jin"} <= authors or second.get("author") == "Hao Chen, Cheng Jin"
        assert second.link == "https://lab.example.org/news-site/news/2025-01-02-second.html"
    atom = feedparser.parse((outdir / "news" / "atom.xml").read_bytes())
    assert atom.feed.updated_parsed[:3] == (2025, 7, 27)  # the newest post, not the build time


def test_unpublished_posts_leak_nowhere(built) -> None:
    outdir = Path(built.outdir)
    leaks = [
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*")
        if path.is_file() and b"UNPUBLISHEDMARKER" in path.read_bytes()
    ]
    assert leaks == []
    assert not (outdir / "_sources" / "news" / "2025-02-02-unpublished.md.txt").exists()
    assert "news/2025-02-02-unpublished" not in built.env.found_docs
    assert "skipped unpublished post news/2025-02-02-unpublished" in built.status.getvalue()
    assert list(outdir.glob("news/category/secret*")) == []
    assert list(outdir.glob("news/author/secret*")) == []
    # the sitemap was written, and lists the published posts but not this one
    sitemap = (outdir / "sitemap.xml").read_text("utf-8")
    assert "2025-07-27-full.html" in sitemap
    assert "2025-02-02-unpublished" not in sitemap


@pytest.mark.sphinx("dirhtml", testroot="frontmatter", freshenv=True)
def test_unpublished_posts_leak_nowhere_in_dirhtml(app) -> None:
    """The exclusion happens before reading, so it holds for every builder."""
    app.build()
    outdir = Path(app.outdir)
    assert (outdir / "news" / "2025-07-27-full" / "index.html").is_file()
    leaks = [
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*")
        if path.is_file() and b"UNPUBLISHEDMARKER" in path.read_bytes()
    ]
    assert leaks == []


def test_published_posts_all_reach_sources_and_search(built) -> None:
    outdir = Path(built.outdir)
    assert (outdir / "_sources" / "news" / "2025-07-27-full.md.txt").is_file()
    assert re.search(r"Second post", (outdir / "searchindex.js").read_text("utf-8"))


def test_unpublished_posts_excluded_in_a_fresh_process(tmp_path: Path) -> None:
    """``sphinx-build`` in a new process must exclude unpublished posts too.

    The exclusion ran before Sphinx merged ``.md`` into ``source_suffix``, so it found
    no posts; in-process tests passed only because an earlier build had added ``.md``
    to Sphinx's shared default. Found by the hostile-post tests.
    """
    outdir = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            str(ROOTS / "test-frontmatter"),
            str(outdir),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    leaks = [
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*")
        if path.is_file() and b"UNPUBLISHEDMARKER" in path.read_bytes()
    ]
    assert leaks == []
