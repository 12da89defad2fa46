"""news-cards on pages and the same cards on ablog's archive pages; the post byline."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build, copy_root, page, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_labnews.incremental import LISTING_NODES


@pytest.fixture
def built(news_cards_site: SphinxTestApp) -> SphinxTestApp:
    return news_cards_site


def card_titles(soup, selector: str = ".labnews-cards") -> list[str]:
    return [a.get_text() for a in soup.select(f"{selector} .labnews-card .sd-card-title a")]


def test_limit_keeps_the_newest_posts(built: SphinxTestApp) -> None:
    assert warnings_of(built) == ""
    assert card_titles(page(built, "index")) == ["New centre", 'Workshop "day" & <b>more</b>']


def test_card_shows_thumbnail_title_date_category_description(built: SphinxTestApp) -> None:
    card = page(built, "index").select_one(".labnews-card")
    assert "sd-card" in card["class"]
    assert card.select_one("img.sd-card-img-top")["src"] == "_images/cover.png"
    assert card.select_one(".sd-card-title a")["href"] == "news/2025-05-05-centre.html"
    meta = card.select_one(".labnews-card-meta")
    assert meta.select_one("time")["datetime"] == "2025-05-05"
    assert meta.select_one("time").get_text() == "05 May 2025"
    assert meta.select_one("a.labnews-card__author")["href"] == "news/author/cheng-jin.html"
    assert meta.select_one("a.labnews-card__category")["href"] == "news/category/news.html"
    assert card.select_one("h3.sd-card-title")  # a card title is a heading
    assert card.select_one(".sd-card-text").get_text() == "A joint centre opens."


def test_post_without_cover_gets_the_placeholder(built: SphinxTestApp) -> None:
    soup = page(built, "news")  # the all-news page, with the same cards
    award = next(c for c in soup.select(".labnews-card") if "Student award" in c.get_text())
    # inline, so it takes the theme's colours in dark mode
    svg = award.select_one("svg.labnews-card-placeholder")
    assert "var(--pst-color-surface" in str(svg)
    assert 'stroke="currentColor"' in str(svg)
    assert award.select_one("img") is None
    assert (Path(built.outdir) / "_static" / "labnews-placeholder.svg").is_file()


def test_filters_by_tag_category_and_author(built: SphinxTestApp) -> None:
    soup = page(built, "filtered")
    workshops, awards = soup.select(".labnews-cards")
    assert card_titles(workshops, "") == ['Workshop "day" & <b>more</b>']
    assert card_titles(awards, "") == ["Student award"]


def test_every_value_is_escaped(built: SphinxTestApp) -> None:
    raw = (Path(built.outdir) / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in raw
    assert "<b>more</b>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_archive_pages_show_the_same_cards(built: SphinxTestApp) -> None:
    tag_page = page(built, "news/tag/workshop")
    assert card_titles(tag_page) == ['Workshop "day" & <b>more</b>']
    img = tag_page.select_one(".labnews-card img")
    assert img["src"] == "../../_images/cover.png"
    # catalog lists: the cards' title and meta markup, title and date apart
    catalog = page(built, "news/category")
    row = catalog.select_one(".labnews-catalog li.labnews-card--row")
    assert row.select_one("h3.labnews-card__title a").get_text()
    assert row.select_one("p.labnews-card__meta time.labnews-card__date")["datetime"]


def test_pages_with_cards_are_listing_pages(built: SphinxTestApp) -> None:
    assert {"index", "filtered"} <= built.env.labnews_listing_docs
    assert len(LISTING_NODES) == 2


def test_post_byline_links_to_archives(built: SphinxTestApp) -> None:
    soup = page(built, "news/2025-03-03-workshop")
    byline = soup.select_one("article p.labnews-byline")
    title = soup.select_one("article h1")
    assert byline is not None and title.find_next("p") is byline
    assert byline.select_one("time")["datetime"] == "2025-03-03"
    links = {a.get_text(): a["href"] for a in byline.select("a")}
    assert links == {
        "Cheng Jin": "author/cheng-jin.html",
        "news": "category/news.html",
        "workshop": "tag/workshop.html",
        "AI": "tag/ai.html",
    }


def test_prev_next_links(built: SphinxTestApp) -> None:
    nav = page(built, "news/2025-03-03-workshop").select_one("nav.labnews-prev-next")
    assert nav.select_one(".labnews-prev")["href"] == "2025-01-10-award.html"
    assert nav.select_one(".labnews-next")["href"] == "2025-05-05-centre.html"


def test_text_builder_gets_a_list_of_titles(tmp_path: Path) -> None:
    app = build(copy_root("news-cards", tmp_path), "text")
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    assert "* New centre (05 May 2025)" in text
    post = (Path(app.outdir) / "news" / "2025-03-03-workshop.txt").read_text("utf-8")
    assert "03 March 2025 · Cheng Jin · news · workshop, AI" in post
