"""Hostile front matter in a whole build: it finishes, says what it refused, keeps every post.

Each post of ``tests/roots/test-hostile-yaml`` crashed or exhausted the build before
issue 12 (PyYAML's ``ValueError`` for an impossible date in any key, a 391-byte alias
bomb, a 1000-level nested title) or built differently depending on the day
(``July 1st``) or the machine's locale (``LANG=de_DE.UTF-8``).
"""

from __future__ import annotations

import locale
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import build_copy, page, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_labnews.frontmatter import MAX_TAGS


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_copy("hostile-yaml", tmp_path_factory)


def test_the_build_finishes_with_a_located_typed_warning_per_post(
    hostile_site: SphinxTestApp,
) -> None:
    warnings = warnings_of(hostile_site)
    expected = [
        r"news/2025-01-10-impossible-dates\.md:5: WARNING: last_updated: '2021-02-30' is not a "
        r"date that exists .*; using 2025-01-10 from the file name \[labnews\.date\]",
        r"news/2025-01-11-incomplete-date\.md:4: WARNING: last_updated: 'July 1st' does not give "
        r"a year, a month and a day .*; using 2025-01-11 from the file name \[labnews\.date\]",
        r"news/2025-01-12-alias-bomb\.md:7: WARNING: front matter is refused: it holds more than "
        r"10000 values with its aliases expanded; .* \[labnews\.frontmatter\]",
        r"news/2025-01-13-deep-title\.md:2: WARNING: front matter is refused: it nests lists and "
        r"mappings more than 32 deep; .* \[labnews\.frontmatter\]",
        r"news/2025-01-14-unconstructible\.md:4: WARNING: front matter has a value YAML cannot "
        r"read: 'maybe' \[labnews\.frontmatter\]",
    ]
    for pattern in expected:
        assert re.search(pattern, warnings), (pattern, warnings)
    # the arbitrary key is text, not a date, and not a warning
    assert "event_date" not in warnings
    assert "Traceback" not in warnings and "RecursionError" not in warnings


@pytest.mark.parametrize(
    ("docname", "title", "date"),
    [
        ("2025-01-10-impossible-dates", "Impossible dates", "10 January 2025"),
        ("2025-01-11-incomplete-date", "Incomplete date", "11 January 2025"),
        ("2025-01-12-alias-bomb", "Alias bomb", "12 January 2025"),
        ("2025-01-13-deep-title", "Deep title", "13 January 2025"),
        ("2025-01-14-unconstructible", "Unconstructible values", "14 January 2025"),
    ],
)
def test_each_post_is_built_with_its_file_name_title_and_date(
    hostile_site: SphinxTestApp, docname: str, title: str, date: str
) -> None:
    html = page(hostile_site, f"news/{docname}")
    assert html.select_one("section.labnews-post h1").get_text().strip("#¶ ") == title
    assert html.select_one("p.labnews-byline time").get_text() == date
    cards = page(hostile_site, "index").select(".labnews-card .sd-card-title a")
    assert title in [card.get_text() for card in cards]


def test_an_arbitrary_date_like_key_stays_the_text_written(hostile_site: SphinxTestApp) -> None:
    env = hostile_site.env
    assert env.metadata["news/2025-01-10-impossible-dates"]["event_date"] == "2025-31-12"


# ------------------------------------------------------------------------- locale


def english_month_places(app: SphinxTestApp) -> dict[str, list[str]]:
    """Every place the July post's date is shown, by page."""
    post = page(app, "news/2025-07-14-workshop")
    index = page(app, "index")
    archive = page(app, "news")
    return {
        "byline": [t.get_text() for t in post.select("p.labnews-byline time")],
        "sidebar": [s.get_text() for s in post.select(".ablog__postcard h2 span")],
        "cards": [t.get_text() for t in index.select(".labnews-card-meta time")][:1],
        "archive": [s.get_text() for s in archive.select(".labnews-date")][:1]
        or [t.get_text() for t in archive.select(".labnews-card-meta time")][:1],
        # ablog's postlist directive (see compat.ablog.name_postlist_dates_in_site_language)
        "postlist": [
            li.get_text().strip().rsplit("(", 1)[1].rstrip(")")
            for li in index.select("ul.postlist li")
            if "July workshop" in li.get_text()
        ],
    }


@pytest.fixture
def german_locale() -> Iterator[None]:
    """The process locale set as ``sphinx-build`` sets it from ``LANG=de_DE.UTF-8``."""
    saved = locale.setlocale(locale.LC_ALL)
    for name in ("de_DE.UTF-8", "de_DE.utf8"):
        try:
            locale.setlocale(locale.LC_ALL, name)
            break
        except locale.Error:
            continue
    else:
        pytest.skip("the de_DE.UTF-8 locale is not installed (see `locale -a`)")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_ALL, saved)


def test_month_names_do_not_come_from_the_machines_locale(
    german_locale: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import datetime as dt

    assert dt.date(2025, 7, 14).strftime("%B") == "Juli"  # the locale is really German
    app = build_copy("hostile-yaml", tmp_path_factory)
    places = english_month_places(app)
    assert places == {place: ["14 July 2025"] for place in places}, places
    outdir = Path(app.outdir)
    german = [
        str(path.relative_to(outdir))
        for path in outdir.rglob("*")
        if path.suffix in (".html", ".xml") and "Juli" in path.read_text("utf-8")
    ]
    assert german == []


def test_the_sites_language_names_the_months(tmp_path_factory: pytest.TempPathFactory) -> None:
    # a site that says it is German gets German month names, on any machine
    app = build_copy("hostile-yaml", tmp_path_factory, confoverrides={"language": "de"})
    places = english_month_places(app)
    assert places == {place: ["14 Juli 2025"] for place in places}, places


# ---------------------------------------------------------------------- many tags


def test_many_tags_give_right_feeds_with_one_category_call_per_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1000 tags on one post took 280 s: feedgen rebuilds an entry's RSS categories on
    every ``category()`` call, and we called it once per tag, in every tag's feed."""
    import feedparser
    from feedgen.entry import FeedEntry

    calls: list[int] = []
    original = FeedEntry.category

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FeedEntry, "category", counting)
    count = MAX_TAGS  # the most a post keeps
    tags = [f"tag{i:03d}" for i in range(count)]
    (tmp_path / "news").mkdir()
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_labnews"]\nlabnews_site_defaults = True\nproject = "Tags"\n'
        'html_baseurl = "https://lab.example.org/"\n'
    )
    (tmp_path / "index.md").write_text("# Tags\n")
    (tmp_path / "news" / "2025-01-10-many-tags.md").write_text(
        f"---\ntitle: Many tags\nlast_updated: 2025/01/10\ngroup: news\n"
        f"tags: [{', '.join(tags)}]\n---\n\nBody.\n"
    )
    from helpers import build

    app = build(tmp_path, freshenv=True)
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    feeds = ["news", "news/category/news", *(f"news/tag/{tag}" for tag in tags)]
    for folder in feeds:
        for name in ("atom.xml", "rss.xml"):
            (entry,) = feedparser.parse((outdir / folder / name).read_bytes()).entries
            assert [t.term for t in entry.tags] == ["news", *tags]
    # one call per entry written (two formats per feed), not one per tag
    assert len(calls) == 2 * len(feeds)
