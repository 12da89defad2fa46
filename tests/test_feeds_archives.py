"""Feeds for the site and for each tag and category: valid, absolute, escaped, reproducible."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from helpers import build, copy_root, page, warnings_of
from sphinx.testing.util import SphinxTestApp

BASE = "https://lab.example.org/en/latest/"
FEEDS = [
    "news/atom.xml",
    "news/rss.xml",
    "news/tag/workshop/atom.xml",
    "news/tag/workshop/rss.xml",
    "news/category/awards/atom.xml",
    "news/category/news/rss.xml",
]


@pytest.fixture
def built(news_cards_site: SphinxTestApp) -> SphinxTestApp:
    return news_cards_site


def parse(app: SphinxTestApp, name: str):
    return feedparser.parse((Path(app.outdir) / name).read_bytes())


@pytest.mark.parametrize("name", FEEDS)
def test_feeds_are_valid_with_absolute_links(built: SphinxTestApp, name: str) -> None:
    assert warnings_of(built) == ""
    feed = parse(built, name)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith(BASE) and entry.id == entry.link
        html = BeautifulSoup(entry.content[0].value, "html.parser")
        assert all(img["src"].startswith(BASE) for img in html.select("img"))
        assert html.select("p p") == []


def test_archive_feeds_hold_only_their_posts(built: SphinxTestApp) -> None:
    assert [e.title for e in parse(built, "news/tag/workshop/atom.xml").entries] == [
        'Workshop "day" & <b>more</b>'
    ]
    assert [e.title for e in parse(built, "news/category/awards/atom.xml").entries] == [
        "Student award"
    ]
    feed = parse(built, "news/category/news/atom.xml").feed
    assert feed.id == BASE + "news/category/news.html"
    assert feed.updated == "2025-05-05T00:00:00+00:00"


def test_html_content_is_escaped_once(built: SphinxTestApp) -> None:
    (entry,) = parse(built, "news/tag/workshop/rss.xml").entries
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entry.content[0].value
    assert "<script>" not in entry.content[0].value
    raw = (Path(built.outdir) / "news/tag/workshop/atom.xml").read_text("utf-8")
    assert '<content type="html">' in raw


def test_cover_is_enclosure_and_media(built: SphinxTestApp) -> None:
    cover = BASE + "_images/cover.png"
    size = str((Path(built.srcdir) / "static" / "cover.png").stat().st_size)
    rss = parse(built, "news/tag/workshop/rss.xml").entries[0]
    assert rss.enclosures == [{"href": cover, "length": size, "type": "image/png"}]
    atom = parse(built, "news/tag/workshop/atom.xml").entries[0]
    assert atom.media_content[0]["url"] == cover
    assert [link.href for link in atom.links] == [atom.link]


def test_archive_pages_advertise_their_feeds(built: SphinxTestApp) -> None:
    links = page(built, "news/tag/workshop").select('link[rel="alternate"]')
    hrefs = [link["href"] for link in links]
    assert hrefs[:2] == ["workshop/atom.xml", "workshop/rss.xml"]
    assert "../atom.xml" in hrefs
    post_links = page(built, "news/2025-05-05-centre").select('link[rel="alternate"]')
    assert [link["href"] for link in post_links] == ["atom.xml", "rss.xml"]


def test_two_clean_builds_give_identical_feeds(built: SphinxTestApp, tmp_path: Path) -> None:
    again = build(copy_root("news-cards", tmp_path), freshenv=True)
    for name in FEEDS:
        assert (Path(again.outdir) / name).read_bytes() == (Path(built.outdir) / name).read_bytes()


def test_archive_feeds_can_be_switched_off(tmp_path: Path) -> None:
    app = build(copy_root("news-cards", tmp_path), confoverrides={"labnews_feed_archives": False})
    assert (Path(app.outdir) / "news/atom.xml").is_file()
    assert not (Path(app.outdir) / "news/tag/workshop").exists()
