"""The news pages of a 43-post site: labels as tags, one paginated All news page,
no broken link anywhere, search, previews, footer and 404.

The posts are generated from a few templates (with and without covers, each of the
lab's labels, some on the same day) into a copy of ``tests/roots/test-news-site``.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import build, copy_root, page, run_node_tests, sitemap_urls, warnings_of
from sphinx.testing.util import SphinxTestApp

LABELS = [
    "Press Release",
    "ICLR 2025",
    "Nature Communications",
    "Call for Papers",
    "Seminar",
    "Academic Achievement",
    None,
]
AUTHORS = ["Cheng Jin", "Ada Lovelace", "Alan Turing"]
POSTS = 43
PAGE_SIZE = 12


def post_text(number: int, date: dt.date) -> str:
    label = LABELS[number % len(LABELS)]
    title = f"Story {number:02d}"
    lines = [
        "---",
        f"title: '{f'[{label}] ' if label else ''}{title}'",
        f"author: {AUTHORS[number % len(AUTHORS)]}",
        "group: news" if number % 2 else "group: events",
        f"last_updated: {date:%Y/%m/%d}",
        f"oneline_description: 'What happened in story {number}.'",
    ]
    if number % 3 == 0:
        lines.append("cover: /static/cover.png")
    if number % 10 == 0:
        lines.append("tags: [robots]")
    return "\n".join([*lines, "---", "", f"The body of story {number}.", ""])


def post_dates() -> list[dt.date]:
    dates, day = [], dt.date(2023, 1, 5)
    for number in range(POSTS):
        if number % 5 != 4:  # every fifth post shares its predecessor's day
            day += dt.timedelta(days=19)
        dates.append(day)
    return dates


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = copy_root("news-site", tmp_path_factory.mktemp("news-site"))
    for number, date in enumerate(post_dates()):
        path = srcdir / "news" / f"{date:%Y-%m-%d}-story-{number:02d}.md"
        path.write_text(post_text(number, date), "utf-8")
    return build(srcdir, freshenv=True)


def outdir(app: SphinxTestApp) -> Path:
    return Path(app.outdir)


def html_pages(app: SphinxTestApp) -> list[Path]:
    skip = {"_sources", "_static"}  # source copies, the theme's template fragments
    # the recent-news fragment post pages load (sphinx_labnews.recent) is not a page
    return sorted(
        p
        for p in outdir(app).rglob("*.html")
        if not skip & set(p.parts) and not p.name.startswith("_")
    )


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select(".labnews-card .labnews-card__title a")]


def post_name(app: SphinxTestApp, number: int) -> str:
    return f"news/{post_dates()[number]:%Y-%m-%d}-story-{number:02d}"


def test_builds_without_warnings(site: SphinxTestApp) -> None:
    assert warnings_of(site) == ""


# labels → tags, badges and titles


def test_label_is_a_tag_with_its_page_and_feeds(site: SphinxTestApp) -> None:
    out = outdir(site)
    for slug in (
        "press-release",
        "iclr-2025",
        "nature-communications",
        "call-for-papers",
        "seminar",
        "academic-achievement",
        "robots",
    ):
        assert (out / "news" / "tag" / f"{slug}.html").is_file(), slug
        assert (out / "news" / "tag" / slug / "atom.xml").is_file(), slug
    # the venue-year pattern adds Publication to [ICLR 2025] posts only
    publication = page(site, "news/tag/publication")
    titles = card_titles(publication)
    assert titles and all(int(t.split()[1]) % len(LABELS) == 1 for t in titles)


def test_post_page_shows_the_title_without_label_and_the_label_as_badge(
    site: SphinxTestApp,
) -> None:
    soup = page(site, post_name(site, 1))  # [ICLR 2025] Story 01
    h1 = soup.select_one("section.labnews-post > h1")
    assert h1.get_text().startswith("Story 01")
    assert soup.title.get_text().startswith("Story 01")
    assert soup.select_one('meta[property="og:title"]')["content"] == "Story 01"
    assert soup.select_one(".labnews-post-label .sd-badge").get_text() == "ICLR 2025"
    tags = [a.get_text() for a in soup.select(".labnews-tags a")]
    assert tags == ["ICLR 2025", "Publication"]


def test_cards_show_badge_before_title_and_feeds_keep_the_full_title(
    site: SphinxTestApp,
) -> None:
    title = page(site, "news/tag/seminar").select_one(".labnews-card__title")
    badge, link = title.select_one(".sd-badge"), title.select_one("a")
    assert badge.get_text() == "Seminar" and link.get_text().startswith("Story")
    assert title.index(badge) < title.index(link)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(outdir(site) / "news" / "tag" / "seminar" / "atom.xml")
    entry_titles = [t.text for t in feed.findall("a:entry/a:title", ns)]
    assert entry_titles and all(t.startswith("[Seminar] Story") for t in entry_titles)


# one All news page, paginated


#: All news' pages in reading order, with their label in the page links: the newest
#: 19 posts (a full page and the 7 that do not make one), then the older pages
#: numbered from the oldest post.
ALL_NEWS_PAGES = [("archive", "Latest"), ("news/page/2", "2"), ("news/page/1", "1")]


def test_all_news_is_paginated_by_year_newest_first(site: SphinxTestApp) -> None:
    assert not (outdir(site) / "news" / "page" / "3.html").exists()
    seen: list[str] = []
    labels = [label for _, label in ALL_NEWS_PAGES]
    for number, (name, label) in enumerate(ALL_NEWS_PAGES):
        soup = page(site, name)
        titles = card_titles(soup)
        assert len(titles) == (POSTS - 2 * PAGE_SIZE if number == 0 else PAGE_SIZE)
        years = [int(h.get_text()) for h in soup.select("h2.labnews-archive__year")]
        assert years == sorted(years, reverse=True)
        current = soup.select_one('.labnews-pagination [aria-current="page"]')
        assert current.get_text() == label
        pages = [a.get_text() for a in soup.select(".labnews-pagination li > a:not([rel])")]
        assert pages == [other for other in labels if other != label]
        rel = {
            link["rel"][0]: link["href"]
            for link in soup.select('head link[rel="prev"], head link[rel="next"]')
        }
        newer = ALL_NEWS_PAGES[number - 1][0] if number else None
        older = ALL_NEWS_PAGES[number + 1][0] if number < 2 else None
        for key, neighbour in (("prev", newer), ("next", older)):
            href = posixpath.join(posixpath.dirname(name), rel[key]) if key in rel else None
            assert (href and posixpath.normpath(href)) == (neighbour and f"{neighbour}.html")
        seen += titles
    # every post once, newest first
    dates = post_dates()
    expected = sorted(range(POSTS), key=lambda n: (dates[n], f"Story {n:02d}"), reverse=True)
    assert seen == [f"Story {n:02d}" for n in expected]


def test_filter_row_links_years_and_tags(site: SphinxTestApp) -> None:
    soup = page(site, "news/page/2")
    links = [a["href"] for a in soup.select(".labnews-filters a")]
    assert "../2023.html" in links and "../tag/seminar.html" in links


def test_one_all_news_page_no_duplicates(site: SphinxTestApp) -> None:
    out = outdir(site)
    # ablog's all-posts page is only a redirect to All news (test_old_all_posts_url_redirects)
    assert not page(site, "news").select(".labnews-card")
    assert not (out / "news" / "archive.html").exists()  # ablog's catalog of years
    urls = sitemap_urls(out)
    assert urls.count("https://lab.example.org/en/latest/archive.html") == 1
    root = "https://lab.example.org/en/latest/"
    assert f"{root}news.html" not in urls and f"{root}news/archive.html" not in urls
    assert not [u for u in urls if "/page/" in u]  # further pages of All news
    # the sidebars lead to All news
    headings = page(site, post_name(site, 3)).select(".ablog-sidebar-item h3 a")
    assert [a["href"] for a in headings] == ["../archive.html", "../archive.html"]


def test_old_all_posts_url_redirects_to_all_news(site: SphinxTestApp) -> None:
    """ablog's ``news.html`` is not generated when a document holds All news: old links to
    it land on a redirect (no script needed) instead of a 404."""
    soup = page(site, "news")
    refresh = soup.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == "0; url=archive.html"
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "https://lab.example.org/en/latest/archive.html"
    )
    assert [a["href"] for a in soup.select("a")] == ["archive.html"]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "news" not in search_index(site)["docnames"]
    assert "https://lab.example.org/en/latest/news.html" not in sitemap_urls(outdir(site))


def test_every_internal_link_and_image_resolves(site: SphinxTestApp) -> None:
    out = outdir(site)
    broken = []
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        here = path.relative_to(out).parent.as_posix()
        for tag, attr in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr)
                if not url or url.startswith("#"):
                    continue
                parts = urlsplit(url)
                if parts.scheme or parts.netloc:
                    continue
                if parts.path.startswith("/en/latest/"):  # the 404 page's absolute links
                    target = parts.path[len("/en/latest/") :]
                else:
                    target = posixpath.normpath(posixpath.join(here, parts.path))
                if not (out / target).is_file():
                    broken.append(f"{path.relative_to(out)}: {url}")
    assert len(html_pages(site)) > 60
    assert broken == []


# search, previews, footer, 404


def search_index(app: SphinxTestApp) -> dict:
    text = (outdir(app) / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_listing_pages_are_not_in_the_search_index(site: SphinxTestApp) -> None:
    index = search_index(site)
    docnames, titles = index["docnames"], index["titles"]
    # Sphinx feeds a ``nosearch`` page with no title and no words: it is never a hit
    found = {
        n for hits in index["terms"].values() for n in ([hits] if isinstance(hits, int) else hits)
    }
    for listing in ("index", "archive"):
        number = docnames.index(listing)
        assert titles[number] == "" and number not in found
    posts = [n for n, d in enumerate(docnames) if d.startswith("news/")]
    assert len(posts) == POSTS and all(titles[n].startswith("Story") for n in posts)
    assert page(site, "index").select_one('input[name="q"]')["placeholder"] == "Search news…"


def test_search_page_carries_post_dates_for_its_script(site: SphinxTestApp) -> None:
    soup = page(site, "search")
    dates = json.loads(soup.select_one("script#labnews-post-dates").string)
    assert len(dates) == POSTS
    name = post_name(site, 0)
    assert dates[name] == [post_dates()[0].isoformat(), f"{post_dates()[0]:%d %B %Y}"]
    assert soup.select_one('script[src^="_static/labnews-search.js"]')
    assert page(site, "index").select_one('script[src*="labnews-search.js"]') is None


def test_node_unit_tests_of_the_search_dates() -> None:
    run_node_tests("search-dates.test.js")


def test_every_page_has_a_preview_image_and_description(site: SphinxTestApp) -> None:
    missing = []
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        if soup.select_one('meta[http-equiv="refresh"]'):
            continue  # a redirect: previews read the page it leads to
        image = soup.select_one('meta[property="og:image"]')
        description = soup.select_one('meta[property="og:description"]')
        if image is None or description is None or not description["content"].strip():
            missing.append(path.relative_to(outdir(site)).as_posix())
    assert missing == []
    soup = page(site, "index")
    assert soup.select_one('meta[property="og:description"]')["content"] == (
        "News from Site Lab: papers, seminars and awards."
    )
    assert "Atom feed" not in soup.select_one('meta[name="description"]')["content"]
    default = "https://lab.example.org/en/latest/_static/labnews-placeholder.svg"
    assert (
        page(site, "news/tag/seminar").select_one('meta[property="og:image"]')["content"] == default
    )
    covered = page(site, post_name(site, 3)).select_one('meta[property="og:image"]')
    assert covered["content"].endswith("_images/cover.png")


def test_footer_links_home_contact_and_feeds(site: SphinxTestApp) -> None:
    for name in ("index", "news/page/2", post_name(site, 5)):
        footer = page(site, name).select_one("footer .labnews-footer")
        hrefs = [a["href"] for a in footer.select("a")]
        assert hrefs[:2] == ["https://lab.example.org/", "mailto:lab@example.org"]
        assert [h.rsplit("/", 1)[-1] for h in hrefs[2:]] == ["atom.xml", "rss.xml"]


def test_404_offers_search_latest_news_and_all_news(site: SphinxTestApp) -> None:
    soup = page(site, "404")
    form = soup.select_one("form.labnews-404-search")
    assert form["action"] == "/en/latest/search.html"
    latest = [a.get_text() for a in soup.select(".labnews-404-latest li a")]
    newest = max(range(POSTS), key=lambda n: (post_dates()[n], f"Story {n:02d}"))
    assert len(latest) == 5 and latest[0] == f"Story {newest:02d}"
    assert soup.select_one(".labnews-404-latest p a")["href"] == "/en/latest/archive.html"
    assert re.search(r"Page not found", soup.select_one("h1").get_text())


def test_incremental_builds_keep_all_news_right(tmp_path: Path) -> None:
    """An edit reaches the All news page that shows the post; a new post leaves the
    older pages' posts alone; fewer posts, fewer pages."""
    srcdir = copy_root("news-site", tmp_path)
    paths = []
    for number, date in enumerate(post_dates()):
        path = srcdir / "news" / f"{date:%Y-%m-%d}-story-{number:02d}.md"
        path.write_text(post_text(number, date), "utf-8")
        paths.append(path)
    app = build(srcdir, freshenv=True)
    # (this site bakes ablog's recent posts into every page, so a new post rewrites
    # them all; test_rewrites.py counts the pages an edit rewrites)
    # story 20 is on page 2 (the 13th to 24th oldest posts)
    paths[20].write_text(paths[20].read_text("utf-8").replace("Story 20", "Renamed"), "utf-8")
    app = build(srcdir)
    assert "Renamed" in card_titles(page(app, "news/page/2"))
    # a new post is on the first page and leaves the older pages' posts alone
    newest = srcdir / "news" / "2024-12-01-story-43.md"  # in the newest year: no new filter
    newest.write_text(post_text(43, dt.date(2024, 12, 1)), "utf-8")
    app = build(srcdir)
    assert card_titles(page(app, "archive"))[0] == "Story 43"
    assert [card_titles(page(app, f"news/page/{n}")) for n in (1, 2)] == [
        [f"Story {n:02d}" for n in range(11, -1, -1)],
        ["Renamed" if n == 20 else f"Story {n:02d}" for n in range(23, 11, -1)],
    ]
    # ... until it brings a new tag, which every page's filter row links to
    newest.write_text(newest.read_text("utf-8").replace("---\n\n", "tags: [drones]\n---\n\n"))
    app = build(srcdir)
    for name in ("archive", "news/page/2", "news/page/1"):
        filters = [a.get_text() for a in page(app, name).select(".labnews-filters a")]
        assert "drones" in filters
    newest.unlink()
    for path in paths[:10]:
        path.unlink()
    app = build(srcdir)
    assert warnings_of(app) == ""
    assert not (
        outdir(app) / "news" / "page" / "2.html"
    ).exists()  # 33 posts: the newest 21, then the oldest 12
    assert len(card_titles(page(app, "archive"))) == 33 - PAGE_SIZE
    last = page(app, "news/page/1")
    assert card_titles(last) == [
        "Renamed" if n == 20 else f"Story {n:02d}" for n in range(21, 9, -1)
    ]
    assert last.select_one('head link[rel="next"]') is None


def _small_site(tmp_path: Path, **overrides: str) -> SphinxTestApp:
    srcdir = copy_root("news-site", tmp_path)
    for number, date in enumerate(post_dates()[:3]):
        path = srcdir / "news" / f"{date:%Y-%m-%d}-story-{number:02d}.md"
        path.write_text(post_text(number, date), "utf-8")
    if "doc" in overrides:
        page_text = "---\norphan: true\n---\n\n# Our own page\n\nText.\n"
        (srcdir / f"{overrides.pop('doc')}.md").write_text(page_text, "utf-8")
    return build(srcdir, freshenv=True, confoverrides=overrides)


def test_redirect_follows_blog_path(tmp_path: Path) -> None:
    app = _small_site(tmp_path, blog_path="press/all")
    assert warnings_of(app) == ""
    soup = page(app, "press/all")
    assert soup.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../archive.html"
    assert soup.select_one("a")["href"] == "../archive.html"
    assert not (outdir(app) / "news.html").exists()
    assert "https://lab.example.org/en/latest/press/all.html" not in sitemap_urls(outdir(app))


def test_no_redirect_over_a_document_of_that_name(tmp_path: Path) -> None:
    app = _small_site(tmp_path, doc="news")
    assert warnings_of(app) == ""
    soup = page(app, "news")
    assert soup.select_one('meta[http-equiv="refresh"]') is None
    assert "Our own page" in soup.get_text()
    assert "https://lab.example.org/en/latest/news.html" in sitemap_urls(outdir(app))
