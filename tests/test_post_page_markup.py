"""What a post page's markup gives readers and browsers, checked without a browser.

The look itself is checked in Chromium by ``test_browser_design.py``; these tests
hold the markup it relies on where no browser is installed.
"""

from __future__ import annotations

from helpers import page
from sphinx.testing.util import SphinxTestApp

POST = "news/2025-03-03-workshop"


def test_older_and_newer_are_separate_labelled_links(news_cards_site: SphinxTestApp) -> None:
    nav = page(news_cards_site, POST).select_one("nav.labnews-prev-next")
    assert nav["aria-label"]
    found = [
        (
            a["rel"],
            a.select_one(".labnews-prev-next__label").get_text(strip=True),
            a.select_one(".labnews-prev-next__title").get_text(strip=True),
            a["href"],
        )
        for a in nav.select("a")
    ]
    assert found == [
        (["prev"], "← Older", "Student award", "2025-01-10-award.html"),
        (["next"], "Newer →", "New centre", "2025-05-05-centre.html"),
    ]


def test_breadcrumb_leads_through_news_and_year(news_cards_site: SphinxTestApp) -> None:
    crumbs = page(news_cards_site, POST).select("ul.bd-breadcrumbs li")
    assert [(li.get_text(strip=True), li.a and li.a["href"]) for li in crumbs[1:]] == [
        ("News", "../news.html"),
        ("2025", "2025.html"),
        (crumbs[-1].get_text(strip=True), None),
    ]
