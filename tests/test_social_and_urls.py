"""Link previews (sphinxext-opengraph), sitemap, canonical links and the 404 page."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import page, sitemap_urls, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_labnews.site_urls import url_prefix

BASE = "https://lab.example.org/en/latest/"


@pytest.fixture
def built(news_cards_site: SphinxTestApp) -> SphinxTestApp:
    return news_cards_site


def og(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def test_post_preview_uses_the_posts_fields(built: SphinxTestApp) -> None:
    assert warnings_of(built) == ""
    soup = page(built, "news/2025-05-05-centre")
    assert og(soup, "og:title") == "New centre"
    assert og(soup, "og:description") == "A joint centre opens."
    assert og(soup, "og:type") == "article"
    assert og(soup, "og:url") == BASE + "news/2025-05-05-centre.html"
    assert og(soup, "og:image") == BASE + "_images/cover.png"
    assert og(soup, "twitter:card") == "summary_large_image"


def test_post_without_cover_has_the_default_image_and_no_large_card(
    built: SphinxTestApp,
) -> None:
    soup = page(built, "news/2025-01-10-award")
    default = "https://lab.example.org/en/latest/_static/labnews-placeholder.svg"
    assert og(soup, "og:image") == default
    assert og(soup, "twitter:card") is None
    assert og(soup, "og:description") == "Two students won an award."


def test_preview_values_are_escaped(built: SphinxTestApp) -> None:
    raw = (Path(built.outdir) / "news" / "2025-03-03-workshop.html").read_text("utf-8")
    head = raw.split("</head>")[0]
    assert "<script>alert" not in head
    assert "<b>more" not in head
    assert (
        '<meta property="og:title" content="Workshop &quot;day&quot; &amp; '
        '&lt;b&gt;more&lt;/b&gt;" />' in head
    )
    soup = page(built, "news/2025-03-03-workshop")
    assert og(soup, "og:title") == 'Workshop "day" & <b>more</b>'
    # docutils' smart quotes have curled the description's quotes
    assert og(soup, "og:description") == "A “workshop” <script>alert(1)</script> with friends."


def test_canonical_link(built: SphinxTestApp) -> None:
    link = page(built, "news/2025-05-05-centre").find("link", rel="canonical")
    assert link["href"] == BASE + "news/2025-05-05-centre.html"


def test_sitemap_lists_pages_under_the_base_url(built: SphinxTestApp) -> None:
    locs = set(sitemap_urls(built.outdir))
    assert BASE + "index.html" in locs
    assert BASE + "news/2025-05-05-centre.html" in locs
    assert BASE + "news/tag/workshop.html" in locs
    assert not {BASE + "404.html", BASE + "search.html", BASE + "genindex.html"} & locs
    assert all(loc.startswith(BASE) and "/en/latest/en/" not in loc for loc in locs)


def test_404_page_links_under_the_prefix(built: SphinxTestApp) -> None:
    soup = page(built, "404")
    urls = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    urls += [script["src"] for script in soup.select("script[src]")]
    assert urls
    assert all(url.startswith("/en/latest/") for url in urls), urls


@pytest.mark.parametrize(
    ("base", "prefix"),
    [
        ("https://x.org/en/latest/", "/en/latest/"),
        ("https://x.org/en/latest", "/en/latest/"),
        ("https://x.org", "/"),
        ("https://x.org/", "/"),
    ],
)
def test_url_prefix(base: str, prefix: str) -> None:
    assert url_prefix(base) == prefix
