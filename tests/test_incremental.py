"""Incremental builds stay correct: an edit shows wherever the post is shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from ablog.blog import Blog
from helpers import rewritten_by_sphinx, sitemap_urls
from sphinx.testing.util import SphinxTestApp

BASE_URL = "https://lab.example.org/"


class Site:
    """A copy of the ``incremental`` root, rebuilt in place like ``sphinx-build`` does."""

    def __init__(self, rootdir: Path, tmp_path: Path) -> None:
        self.src = tmp_path / "src"
        shutil.copytree(rootdir / "test-incremental", self.src)
        self.rewritten: list[str] = []
        self.read: list[str] = []

    def build(self) -> SphinxTestApp:
        Blog._dict.clear()
        before = {p: p.stat().st_mtime_ns for p in self.out.rglob("*.html")}
        app = SphinxTestApp("html", srcdir=self.src, freshenv=False)
        self.read = []
        app.connect("env-before-read-docs", lambda app, env, docnames: self.read.extend(docnames))
        try:
            app.build()
            self.rewritten = sorted(
                p.relative_to(self.out).with_suffix("").as_posix()
                for p, mtime in before.items()
                if p.exists() and p.stat().st_mtime_ns != mtime
            )
            assert app.warning.getvalue() == ""
            return app
        finally:
            app.cleanup()

    @property
    def out(self) -> Path:
        return self.src / "_build" / "html"

    def page(self, name: str) -> str:
        return (self.out / f"{name}.html").read_text("utf-8")

    def feed_titles(self) -> list[str]:
        feed = feedparser.parse((self.out / "news" / "atom.xml").read_bytes())
        return [entry.title for entry in feed.entries]

    def sitemap(self) -> list[str]:
        """The URLs ``sitemap.xml`` lists, in its order."""
        return [url.removeprefix(BASE_URL) for url in sitemap_urls(self.out)]

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.src / name
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


@pytest.fixture
def site(rootdir: Path, tmp_path: Path) -> Site:
    site = Site(rootdir, tmp_path)
    site.build()
    return site


def test_a_rebuild_with_nothing_changed_rewrites_nothing(site: Site) -> None:
    site.build()
    # no document is read again: a configuration value that differs between builds (one
    # set after Sphinx pickled the configuration) would re-read every one
    assert site.read == []
    # unchanged archive pages are skipped, not regenerated (Sphinx >= 8.2 still
    # rewrites its genindex and search, Sphinx 8.1 writes nothing)
    assert site.rewritten == rewritten_by_sphinx()


def test_title_edit_reaches_post_archives_feeds_and_lists(site: Site) -> None:
    site.edit("news/2025-02-01-second.md", "title: Second post", "title: Second post, renamed")
    site.build()
    assert "Second post, renamed" in site.page("news/2025-02-01-second")
    for page in [
        "news",
        "news/2025",
        "news/tag/beta",
        "news/category/news",
        "news/author/cheng-jin",
    ]:
        assert "Second post, renamed" in site.page(page), page
    assert "Second post, renamed" in site.feed_titles()
    assert "Second post, renamed" in site.page("index")  # the postlist
    # the neighbours' previous/next links name the new title
    assert "Second post, renamed" in site.page("news/2025-01-01-first")
    assert "Second post, renamed" in site.page("news/2025-03-01-third")


def test_tag_edit_moves_the_post_between_tag_archives(site: Site) -> None:
    site.edit("news/2025-02-01-second.md", "tags: [beta]", "tags: [delta]")
    site.build()
    assert "Second post" in site.page("news/tag/delta")
    showing = [p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html")]
    showing = [p for p in showing if "Second post" in (site.out / p).read_text("utf-8")]
    assert "news/tag/beta.html" not in showing
    feed = feedparser.parse((site.out / "news" / "atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title == "Second post"]
    assert [t.term for t in entry.tags] == ["news", "delta"]


def test_deleted_post_is_gone_everywhere(site: Site) -> None:
    (site.src / "news" / "2025-02-01-second.md").unlink()
    site.build()
    assert not (site.out / "news" / "2025-02-01-second.html").exists()
    assert not list((site.out / "_sources" / "news").glob("2025-02-01-second*"))
    assert "Second post" not in site.feed_titles()
    for page in [
        "news",
        "news/2025",
        "news/category/news",
        "news/author/cheng-jin",
        "index",
        "news/2025-01-01-first",
        "news/2025-03-01-third",
    ]:
        assert "Second post" not in site.page(page), page


def test_about_block_edit_reaches_every_post(site: Site) -> None:
    site.edit("_about/lab.md", "first version", "second version")
    site.build()
    for name in ["2025-01-01-first", "2025-02-01-second", "2025-03-01-third"]:
        page = site.page(f"news/{name}")
        assert "second version" in page and "first version" not in page


def test_one_edit_rewrites_only_what_shows_the_post(site: Site) -> None:
    site.edit("news/2025-01-01-first.md", "Body of the First post.", "A new body.")
    site.build()
    assert site.read == ["news/2025-01-01-first"]
    # the body is not in any listing: only the post itself is rewritten (and, by Sphinx
    # 8.1 on any build that writes a page, the root document)
    assert site.rewritten == rewritten_by_sphinx("news/2025-01-01-first")


def test_unpublishing_a_post_removes_its_page_and_source_copy(site: Site) -> None:
    assert (site.out / "news" / "2025-02-01-second.html").exists()
    site.edit(
        "news/2025-02-01-second.md", "title: Second post", "published: false\ntitle: Second post"
    )
    site.build()
    leaks = [p for p in site.out.rglob("*") if p.is_file() and b"Second post" in p.read_bytes()]
    assert leaks == []


def test_the_sitemap_stays_whole_after_an_edit(site: Site) -> None:
    full = site.sitemap()
    assert "news/2025-02-01-second.html" in full
    assert "news/tag/beta.html" in full
    assert full == sorted(full)
    site.edit("news/2025-01-01-first.md", "Body of the First post.", "A new body.")
    site.build()
    # one post rewritten; sphinx-sitemap alone would list only that page
    assert site.rewritten == rewritten_by_sphinx("news/2025-01-01-first")
    assert site.sitemap() == full


def test_the_sitemap_drops_a_deleted_post_and_its_emptied_archive(site: Site) -> None:
    before = site.sitemap()
    (site.src / "news" / "2025-02-01-second.md").unlink()
    site.build()
    after = site.sitemap()
    # beta is the second post's only tag: its archive page is gone too
    assert sorted(set(before) - set(after)) == ["news/2025-02-01-second.html", "news/tag/beta.html"]
    assert after == sorted(after)
