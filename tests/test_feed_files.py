"""The feed files, their links on pages and each entry's XML, without a Sphinx build.

The functions of :mod:`sphinx_labnews.feeds` are called with a small stand-in for the
Sphinx application (config, builder, env) and stand-in posts holding real docutils
excerpt nodes; each test reads the XML feedgen wrote. Fast enough for mutation
testing (``nox -s mutation``), where each mutant reruns the tests that reach it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from helpers import fake_env

from sphinx_labnews import feeds
from sphinx_labnews.feeds import (
    absolute_url,
    add_feed_links,
    archive_collections,
    as_utc,
    build_feed,
    entry_content,
    feed_filename,
    image_url,
    write_feed_files,
    write_feeds,
)
from sphinx_labnews.incremental import FEEDS_STATE, OutputRecord

BASE = "https://lab.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def fake_app(tmp_path: Path, **config: Any) -> SimpleNamespace:
    settings = {
        "blog_baseurl": BASE,
        "html_baseurl": BASE,
        "blog_feed_subtitle": "",
        "language": "en",
        "labnews_feed_formats": ["atom", "rss"],
        "labnews_feed_length": 0,
        "labnews_feed_archives": True,
        "blog_path": "news",
        "blog_title": "Lab news",
        "html_sidebars": {},
        "html_theme_options": {},
    }
    settings.update(config)
    builder = SimpleNamespace(
        outdir=str(tmp_path / "out"),
        imagedir="_images",
        format="html",
        name="html",
        get_target_uri=lambda docname: f"{docname}.html",
    )
    env = fake_env(images={}, metadata={})
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "doctrees").mkdir(exist_ok=True)
    return SimpleNamespace(
        config=SimpleNamespace(**settings),
        builder=builder,
        env=env,
        srcdir=str(tmp_path / "src"),
        doctreedir=str(tmp_path / "doctrees"),
    )


def fake_post(
    day: int,
    *,
    description: str = "",
    cover: dict[str, str] | None = None,
    **fields: Any,
) -> SimpleNamespace:
    excerpt: list[nodes.Node] = []
    if cover is not None:
        excerpt.append(nodes.image(**cover))
    if description:
        excerpt.append(nodes.paragraph(text=description))
    values = {
        "date": dt.datetime(2025, 1, day),
        "update": None,
        "title": f"Post {day}",
        "docname": f"news/post-{day}",
        "section": None,
        "author": [],
        "category": [],
        "tags": [],
        "excerpt": excerpt,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def with_cover(app: SimpleNamespace, uri: str = "img/cover.png", size: int = 7) -> None:
    """Make ``uri`` a collected image with a source file of ``size`` bytes."""
    source = Path(app.srcdir) / uri
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(b"x" * size)
    app.env.images[uri] = ({"news/post-1"}, "cover1.png")


# --- small helpers -----------------------------------------------------------------


def test_feed_filename_and_absolute_url() -> None:
    assert feed_filename("rss") == "rss.xml"
    assert absolute_url("https://lab.example/", "/news/a.html") == "https://lab.example/news/a.html"
    assert absolute_url("https://lab.example", "news/a.html") == "https://lab.example/news/a.html"
    # only slashes are trimmed
    assert absolute_url("https://x.org/boX//", "//Xa.html") == "https://x.org/boX/Xa.html"


def test_as_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # a naive post date is UTC, whatever the build machine's zone (not its local time)
    monkeypatch.setenv("TZ", "Asia/Hong_Kong")
    time.tzset()
    try:
        assert as_utc(dt.datetime(2025, 1, 2, 3, 4)) == dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC)
    finally:
        monkeypatch.undo()
        time.tzset()
    plus_two = dt.timezone(dt.timedelta(hours=2))
    moved = as_utc(dt.datetime(2025, 1, 2, 3, 4, tzinfo=plus_two))
    assert moved.tzinfo is dt.UTC and (moved.hour, moved.minute) == (1, 4)


def test_image_url(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    with_cover(app)
    assert image_url(app, "img/cover.png") == "https://lab.example/_images/cover1.png"
    assert image_url(app, "https://cdn.example/x.png") == "https://cdn.example/x.png"
    assert image_url(app, "img/unknown.png") is None
    app.config.html_baseurl = ""
    assert image_url(app, "img/cover.png") is None


# --- entry_content -----------------------------------------------------------------


def test_entry_content_is_escaped_cover_then_description(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    with_cover(app, size=7)
    post = fake_post(
        1,
        description='Fish & <chips> "today"',
        cover={"uri": "img/cover.png", "alt": 'A "big" <fish>'},
    )
    content, enclosure = entry_content(app, post)
    assert content == (
        '<img src="https://lab.example/_images/cover1.png" '
        'alt="A &quot;big&quot; &lt;fish&gt;" />\n'
        '<p>Fish &amp; &lt;chips&gt; "today"</p>'
    )
    assert enclosure == ("https://lab.example/_images/cover1.png", 7, "image/png")


def test_entry_content_escapes_the_cover_url(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    post = fake_post(1, cover={"uri": 'https://cdn.example/a.png?x=1&y="2"'})
    content, enclosure = entry_content(app, post)
    assert content == '<img src="https://cdn.example/a.png?x=1&amp;y=&quot;2&quot;" alt="" />'
    assert enclosure is None  # no source file for an external image


@pytest.mark.parametrize(
    ("uri", "setup"),
    [
        ("img/cover.png", "no-file"),  # collected, but its source is gone
        ("img/cover.unknownext", "file"),  # no MIME type
    ],
)
def test_no_enclosure_without_a_file_and_a_type(tmp_path: Path, uri: str, setup: str) -> None:
    app = fake_app(tmp_path)
    app.env.images[uri] = (set(), "cover1.png")
    if setup == "file":
        (Path(app.srcdir) / uri).parent.mkdir(parents=True)
        (Path(app.srcdir) / uri).write_bytes(b"x")
    content, enclosure = entry_content(app, fake_post(1, cover={"uri": uri, "alt": "a"}))
    assert content == '<img src="https://lab.example/_images/cover1.png" alt="a" />'
    assert enclosure is None


def test_entry_content_without_a_resolvable_cover(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    post = fake_post(1, description="Only words", cover={"uri": "img/missing.png"})
    assert entry_content(app, post) == ("<p>Only words</p>", None)
    assert entry_content(app, fake_post(2)) == ("", None)


# --- build_feed and its entries: the XML -------------------------------------------


def full_post(app: SimpleNamespace) -> SimpleNamespace:
    with_cover(app, size=42)
    return fake_post(
        1,
        description="A <b>bold</b> claim",
        cover={"uri": "img/cover.png", "alt": "Cover"},
        update=dt.datetime(2025, 2, 3, 4, 5),
        author=["Ada", "Grace"],
        category=["Awards"],
        tags=["robots", "ai"],
    )


def atom_of(feed) -> ET.Element:
    return ET.fromstring(feed.atom_str(pretty=False))


def rss_of(feed) -> ET.Element:
    return ET.fromstring(feed.rss_str(pretty=False))


def test_atom_feed_and_entry(tmp_path: Path) -> None:
    app = fake_app(tmp_path, blog_feed_subtitle="All about us")
    feed = build_feed(
        app,
        [full_post(app)],
        title="Lab news",
        feed_url=BASE + "news/atom.xml",
        length=0,
        page_url=BASE + "news/tag/ai.html",
    )
    root = atom_of(feed)
    assert root.findtext(f"{ATOM}id") == BASE + "news/tag/ai.html"
    assert root.findtext(f"{ATOM}title") == "Lab news"
    assert root.findtext(f"{ATOM}subtitle") == "All about us"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(f"{ATOM}updated") == "2025-02-03T04:05:00+00:00"
    links = [(link.get("rel"), link.get("href")) for link in root.findall(f"{ATOM}link")]
    assert links == [("self", BASE + "news/atom.xml"), ("alternate", BASE + "news/tag/ai.html")]
    generator = root.find(f"{ATOM}generator")
    assert generator.text == "sphinx-labnews" and generator.get("version")
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == BASE + "news/post-1.html"
    assert entry.findtext(f"{ATOM}title") == "Post 1"
    assert entry.find(f"{ATOM}link").get("href") == BASE + "news/post-1.html"
    assert [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")] == ["Ada", "Grace"]
    assert entry.findtext(f"{ATOM}published") == "2025-01-01T00:00:00+00:00"
    assert entry.findtext(f"{ATOM}updated") == "2025-02-03T04:05:00+00:00"
    terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert terms == ["Awards", "robots", "ai"]
    assert entry.findtext(f"{ATOM}summary") == "A <b>bold</b> claim"
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == (
        '<img src="https://lab.example/_images/cover1.png" alt="Cover" />\n'
        "<p>A &lt;b&gt;bold&lt;/b&gt; claim</p>"
    )
    media = entry.find(f"{MEDIA}group/{MEDIA}content")
    assert media.attrib == {
        "url": "https://lab.example/_images/cover1.png",
        "fileSize": "42",
        "type": "image/png",
        "medium": "image",
    }
    assert entry.find(f"{ATOM}link[@rel='enclosure']") is None
    assert entry.find(f"{DC}creator") is None  # Dublin Core is for RSS only


def test_rss_feed_and_item(tmp_path: Path) -> None:
    app = fake_app(tmp_path, language=None)
    feed = build_feed(
        app,
        [full_post(app)],
        title="Lab news",
        feed_url=BASE + "news/rss.xml",
        length=0,
        feed_format="rss",
    )
    channel = rss_of(feed).find("channel")
    assert channel.findtext("title") == "Lab news"
    assert channel.findtext("link") == BASE  # the site, set last
    assert channel.findtext("description") == "Lab news"  # no subtitle: the title
    assert channel.findtext("language") == "en"
    self_link = channel.find(f"{ATOM}link")
    assert (self_link.get("rel"), self_link.get("href")) == ("self", BASE + "news/rss.xml")
    (item,) = channel.findall("item")
    assert item.findtext("guid") == BASE + "news/post-1.html"
    assert item.find("guid").get("isPermaLink") == "true"
    assert item.findtext("link") == BASE + "news/post-1.html"
    assert [c.text for c in item.findall(f"{DC}creator")] == ["Ada", "Grace"]
    assert item.find("author") is None  # RSS authors need an e-mail
    assert [c.text for c in item.findall("category")] == ["Awards", "robots", "ai"]
    assert item.findtext("pubDate") == "Wed, 01 Jan 2025 00:00:00 +0000"
    assert item.findtext("description") == (
        '<img src="https://lab.example/_images/cover1.png" alt="Cover" />\n'
        "<p>A &lt;b&gt;bold&lt;/b&gt; claim</p>"
    )
    enclosure = item.find("enclosure")
    assert enclosure.attrib == {
        "url": "https://lab.example/_images/cover1.png",
        "length": "42",
        "type": "image/png",
    }
    assert item.find(f"{MEDIA}content") is None


def test_a_bare_post_has_no_authors_categories_summary_or_content(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    feed = build_feed(app, [fake_post(3)], title="T", feed_url=BASE + "atom.xml", length=0)
    (entry,) = atom_of(feed).findall(f"{ATOM}entry")
    assert [child.tag.removeprefix(ATOM) for child in entry] == [
        "id",
        "title",
        "updated",
        "link",
        "published",
    ]
    assert entry.findtext(f"{ATOM}updated") == "2025-01-03T00:00:00+00:00"
    (item,) = rss_of(feed).find("channel").findall("item")
    assert [child.tag for child in item] == ["title", "link", "guid", "pubDate"]


def test_feed_entries_are_newest_first_and_dated_by_their_newest_update(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    posts = [
        fake_post(2, update=dt.datetime(2025, 3, 1)),
        fake_post(5),
        fake_post(1),
        fake_post(4, date=None),
    ]
    feed = build_feed(app, posts, title="T", feed_url=BASE + "atom.xml", length=2)
    root = atom_of(feed)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Post 5", "Post 2"]
    # the feed's date is its newest entry's newest date, an update included
    assert root.findtext(f"{ATOM}updated") == "2025-03-01T00:00:00+00:00"


def test_same_day_posts_are_ordered_by_file_not_title(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    posts = [
        fake_post(1, docname="news/a", title="Zebra"),
        fake_post(1, docname="news/b", title="Aardvark"),
    ]
    feed = build_feed(app, posts, title="T", feed_url=BASE + "atom.xml", length=0)
    titles = [e.findtext(f"{ATOM}title") for e in atom_of(feed).findall(f"{ATOM}entry")]
    assert titles == ["Aardvark", "Zebra"]


# --- write_feed_files ---------------------------------------------------------------


def write(app: SimpleNamespace, posts, **kwargs: Any) -> list[Path]:
    record = OutputRecord(app, FEEDS_STATE)
    kwargs.setdefault("title", "Lab news")
    kwargs.setdefault("folder", "news")
    written = write_feed_files(app, posts, record=record, **kwargs)
    record.save()
    return written


def test_write_feed_files_writes_each_format(tmp_path: Path) -> None:
    app = fake_app(tmp_path, labnews_feed_length=2)
    posts = (fake_post(day) for day in (1, 2, 3))  # any iterable, read twice
    out = Path(app.builder.outdir)
    assert write(app, posts) == [out / "news/atom.xml", out / "news/rss.xml"]
    atom_text = (out / "news/atom.xml").read_text("utf-8")
    assert "\n  <title>Lab news</title>" in atom_text  # pretty-printed
    atom = ET.fromstring(atom_text.encode())
    assert atom.tag == f"{ATOM}feed"
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == [
        "Post 3",
        "Post 2",
    ]
    assert atom.findtext(f"{ATOM}id") == BASE
    self_link = atom.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == BASE + "news/atom.xml"
    rss_text = (out / "news/rss.xml").read_text("utf-8")
    assert "\n    <title>Lab news</title>" in rss_text
    rss = ET.fromstring(rss_text.encode())
    assert rss.tag == "rss"
    assert len(rss.find("channel").findall("item")) == 2
    assert rss.find(f"channel/{ATOM}link").get("href") == BASE + "news/rss.xml"


def test_write_feed_files_in_a_new_nested_folder_for_a_page(tmp_path: Path) -> None:
    app = fake_app(tmp_path, labnews_feed_formats=["rss"])
    out = Path(app.builder.outdir)
    written = write(
        app, [fake_post(1)], title="Lab news: ai", folder="news/tag/ai", page="news/tag/ai"
    )
    assert written == [out / "news/tag/ai/rss.xml"]
    channel = ET.parse(out / "news/tag/ai/rss.xml").getroot().find("channel")
    assert channel.findtext("title") == "Lab news: ai"
    assert channel.findtext("link") == BASE + "news/tag/ai.html"
    assert channel.find(f"{ATOM}link").get("href") == BASE + "news/tag/ai/rss.xml"
    assert not (out / "news/tag/ai/atom.xml").exists()


def test_write_feed_files_refuses_a_folder_outside_the_output(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = fake_app(tmp_path)
    assert write(app, [fake_post(1)], folder="../escaped") == []
    assert not (tmp_path / "escaped").exists()
    assert "the feeds of '../escaped' would be written to" in caplog.text


def test_write_feed_files_puts_the_cover_in_each_format(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    post = full_post(app)
    write(app, [post])
    out = Path(app.builder.outdir)
    atom = ET.parse(out / "news/atom.xml").getroot()
    media = atom.find(f"{ATOM}entry/{MEDIA}group/{MEDIA}content")
    assert media.get("url") == "https://lab.example/_images/cover1.png"
    assert atom.find(f"{ATOM}entry/{ATOM}link[@rel='enclosure']") is None
    rss = ET.parse(out / "news/rss.xml").getroot()
    assert rss.find("channel/item/enclosure").get("length") == "42"
    assert rss.find(f"channel/item/{MEDIA}group") is None


def write_site(app: SimpleNamespace, posts: list[SimpleNamespace]) -> None:
    """One build's feeds: the site's and one tag's, with one record, as :func:`write_feeds`."""
    record = OutputRecord(app, FEEDS_STATE)
    write_feed_files(app, posts, title="Lab news", folder="news", record=record)
    write_feed_files(app, posts, title="x", folder="news/tag/x", page="news/tag/x", record=record)
    record.save()


def test_unchanged_feeds_are_not_written_again(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    out = Path(app.builder.outdir)
    posts = [fake_post(1), fake_post(2)]
    write_site(app, posts)
    marked = {}
    for name in ("news/atom.xml", "news/rss.xml", "news/tag/x/atom.xml", "news/tag/x/rss.xml"):
        (out / name).write_text(f"kept {name}", "utf-8")
        marked[name] = f"kept {name}"
    # the next build: same posts, same titles and pages; each feed is kept
    write_site(app, posts)
    assert {name: (out / name).read_text("utf-8") for name in marked} == marked
    # a feed deleted by hand is written again, the others are still kept
    (out / "news/atom.xml").unlink()
    write_site(app, posts)
    assert ET.parse(out / "news/atom.xml").getroot().tag == f"{ATOM}feed"
    del marked["news/atom.xml"]
    assert {name: (out / name).read_text("utf-8") for name in marked} == marked


@pytest.mark.parametrize(
    "change",
    [{"title": "Other title"}, {"page": "news/other"}, {"posts": [fake_post(1)]}],
)
def test_a_changed_feed_is_written_again(tmp_path: Path, change: dict[str, Any]) -> None:
    app = fake_app(tmp_path)
    out = Path(app.builder.outdir)
    posts = [fake_post(1), fake_post(2)]
    write(app, posts)
    for name in ("atom.xml", "rss.xml"):
        (out / "news" / name).write_text("stale", "utf-8")
    change = dict(change)  # the parameter is shared by reruns in one process
    write(app, change.pop("posts", posts), **change)
    for name in ("atom.xml", "rss.xml"):
        assert (out / "news" / name).read_text("utf-8") != "stale"


# --- write_feeds: the site's and each archive's feeds ------------------------------


class Collection(list):
    """An ablog tag or category: its posts, name, page and output folder."""

    def __init__(self, name: str, kind: str, posts: list[SimpleNamespace]) -> None:
        super().__init__(posts)
        self.name = name
        self.docname = f"news/{kind}/{name}"
        self.path = f"news/{kind}/{name}"

    def __str__(self) -> str:
        return self.name


class Catalog(list):
    """ablog's tags or categories: the collections, and the folder they live under."""

    def __init__(self, path: str, collections: list[Collection]) -> None:
        super().__init__(collections)
        self.path = path


def fake_blog(posts: list[SimpleNamespace]) -> SimpleNamespace:
    tags = Catalog("news/tag", [Collection("ai", "tag", posts[:1]), Collection("empty", "tag", [])])
    category = Catalog("news/category", [Collection("awards", "category", posts)])
    return SimpleNamespace(
        posts=posts, blog_title="Lab <news>", blog_path="news", tags=tags, category=category
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SimpleNamespace, Any]:
    app = fake_app(tmp_path)
    blog = fake_blog([fake_post(1), fake_post(2)])

    def blog_of(given: Any) -> SimpleNamespace:
        assert given is app
        return blog

    monkeypatch.setattr(feeds, "blog_of", blog_of)
    return app, blog


def test_archive_collections(site) -> None:
    app, blog = site
    assert [str(c) for c in archive_collections(app, blog)] == ["ai", "awards"]
    app.config.labnews_feed_archives = False
    assert archive_collections(app, blog) == []


def test_write_feeds_writes_the_sites_and_each_archives_feeds(site) -> None:
    app, _blog = site
    out = Path(app.builder.outdir)
    stale = out / "news/tag/gone/atom.xml"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", "utf-8")
    other = out / "news/tag/ai/keep.xml"
    other.parent.mkdir(parents=True)
    other.write_text("not a feed", "utf-8")
    assert list(write_feeds(app)) == []
    found = sorted(str(p.relative_to(out)) for p in out.rglob("*.xml"))
    assert found == [
        "news/atom.xml",
        "news/category/awards/atom.xml",
        "news/category/awards/rss.xml",
        "news/rss.xml",
        "news/tag/ai/atom.xml",
        "news/tag/ai/keep.xml",
        "news/tag/ai/rss.xml",
    ]
    assert not stale.parent.exists()  # the empty folder went too
    site_feed = ET.parse(out / "news/atom.xml").getroot()
    assert site_feed.findtext(f"{ATOM}title") == "Lab <news>"
    assert len(site_feed.findall(f"{ATOM}entry")) == 2
    tag_feed = ET.parse(out / "news/tag/ai/atom.xml").getroot()
    assert tag_feed.findtext(f"{ATOM}title") == "Lab <news>: ai"
    assert tag_feed.findtext(f"{ATOM}id") == BASE + "news/tag/ai.html"
    assert [e.findtext(f"{ATOM}title") for e in tag_feed.findall(f"{ATOM}entry")] == ["Post 1"]
    record = Path(app.doctreedir) / FEEDS_STATE
    assert sorted(OutputRecord(app, FEEDS_STATE).old) == [
        "news/atom.xml",
        "news/category/awards/atom.xml",
        "news/category/awards/rss.xml",
        "news/rss.xml",
        "news/tag/ai/atom.xml",
        "news/tag/ai/rss.xml",
    ]
    assert record.is_file()


@pytest.mark.parametrize(
    "setting",
    [
        {"labnews_feed_formats": []},
        {"blog_baseurl": ""},
        {"builder": "json"},
        {"builder": "pickle"},
        {"format": "text"},
    ],
)
def test_write_feeds_writes_nothing_when_off(
    site, setting: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    app, _blog = site
    if "builder" in setting:
        app.builder.name = setting["builder"]
    elif "format" in setting:
        app.builder.format = setting["format"]
    else:
        vars(app.config).update(setting)
    assert list(write_feeds(app)) == []
    assert not Path(app.builder.outdir).exists()
    assert not (Path(app.doctreedir) / FEEDS_STATE).exists()
    said = "labnews: no feeds written, as html_baseurl is not set"
    messages = [record.getMessage() for record in caplog.records]
    assert (said in messages) is (setting == {"blog_baseurl": ""})


# --- add_feed_links ---------------------------------------------------------------


def pathto(target: str, resource: int = 0) -> str:
    return f"../{target}" if resource == 1 else f"WRONG/{target}"


SITE_LINKS = (
    '<link rel="alternate" type="application/atom+xml" title="Lab &quot;news&quot; &amp; more'
    ' (ATOM)" href="../news/atom.xml" />\n'
    '<link rel="alternate" type="application/rss+xml" title="Lab &quot;news&quot; &amp; more'
    ' (RSS)" href="../news/rss.xml" />\n'
)


def test_every_page_advertises_the_sites_feeds(tmp_path: Path) -> None:
    app = fake_app(tmp_path, blog_title='Lab "news" & more')
    context: dict[str, Any] = {"pathto": pathto, "metatags": "<meta x>\n"}
    add_feed_links(app, "index", "page.html", context, None)
    assert context["metatags"] == "<meta x>\n" + SITE_LINKS
    fresh: dict[str, Any] = {"pathto": pathto}
    add_feed_links(app, "index", "page.html", fresh, None)
    assert fresh["metatags"] == SITE_LINKS


def test_feed_links_escape_the_href(tmp_path: Path) -> None:
    app = fake_app(tmp_path, blog_path='a"b', labnews_feed_formats=["rss"])
    context: dict[str, Any] = {"pathto": pathto}
    add_feed_links(app, "index", "page.html", context, None)
    assert 'href="../a&quot;b/rss.xml"' in context["metatags"]


@pytest.mark.parametrize("setting", ["no-baseurl", "no-pathto"])
def test_no_feed_links_without_a_base_url_or_pathto(tmp_path: Path, setting: str) -> None:
    app = fake_app(tmp_path, blog_baseurl="" if setting == "no-baseurl" else BASE)
    context: dict[str, Any] = {"metatags": "<meta x>"}
    if setting == "no-baseurl":
        context["pathto"] = pathto
    add_feed_links(app, "index", "page.html", context, None)
    assert context == {
        "metatags": "<meta x>",
        **({"pathto": pathto} if "pathto" in context else {}),
    }


def test_an_archive_page_advertises_its_own_feed_first(site) -> None:
    app, blog = site
    app.config.labnews_feed_formats = ["atom"]
    ai = blog.tags[0]
    context: dict[str, Any] = {"pathto": pathto, "collection": ai}
    add_feed_links(app, "news/tag/ai", "collection.html", context, None)
    assert context["metatags"] == (
        '<link rel="alternate" type="application/atom+xml" title="Lab &lt;news&gt;: ai (ATOM)" '
        'href="../news/tag/ai/atom.xml" />\n'
        '<link rel="alternate" type="application/atom+xml" title="Lab news (ATOM)" '
        'href="../news/atom.xml" />\n'
    )


@pytest.mark.parametrize("case", ["archives-off", "no-feed-of-its-own", "a-copy"])
def test_other_collections_advertise_only_the_sites_feeds(site, case: str) -> None:
    app, blog = site
    app.config.labnews_feed_formats = ["atom"]
    collection = blog.tags[0]
    if case == "archives-off":
        app.config.labnews_feed_archives = False
    elif case == "no-feed-of-its-own":
        collection = blog.tags[1]  # no posts
    else:
        collection = Collection("ai", "tag", list(blog.tags[0]))  # equal, not the same
    context: dict[str, Any] = {"pathto": pathto, "collection": collection}
    add_feed_links(app, "news/tag/ai", "collection.html", context, None)
    assert context["metatags"] == (
        '<link rel="alternate" type="application/atom+xml" title="Lab news (ATOM)" '
        'href="../news/atom.xml" />\n'
    )
