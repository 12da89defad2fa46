"""Atom and RSS feeds for the news, written with feedgen.

ablog writes Atom only, stamps ``<updated>`` with the build time (so two builds
of the same posts differ) and turns naive post dates into the build machine's
local time. Here every timestamp comes from the posts themselves, in UTC, and
entries are ordered by date, then page (never by title, which editors change),
so the same posts always give the same bytes.

Besides the whole site's feeds, each tag and category gets its own, next to its
archive page (``labnews_feed_archives``), so a reader can follow one topic. Each
entry carries the cover and description as HTML content (feedgen escapes it),
with absolute URLs, as feed readers have no page to resolve relative ones
against, and the cover as an enclosure.
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import ablog
from ablog.blog import Blog, Post
from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.util import logging

from .config import FEED_FORMATS
from .incremental import FEEDS_STATE, OutputRecord
from .listings import blog_of, newest_first, post_cover, post_description, post_full_title
from .output_paths import confined, remove_output
from .site_paths import is_external

LOGGER = logging.getLogger("sphinx_labnews")


def feed_filename(feed_format: str) -> str:
    return f"{feed_format}.xml"


def as_utc(moment: dt.datetime) -> dt.datetime:
    """Post dates are naive and meant as UTC (see the front-matter reference)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def absolute_url(base_url: str, target_uri: str) -> str:
    return base_url.rstrip("/") + "/" + target_uri.lstrip("/")


def image_url(app: Sphinx, uri: str) -> str | None:
    """The absolute URL of a collected image, for readers with no page to start from."""
    if is_external(uri):
        return uri
    if uri not in app.env.images or not app.config.html_baseurl:
        return None
    return absolute_url(app.config.html_baseurl, f"{app.builder.imagedir}/{app.env.images[uri][1]}")


def entry_content(app: Sphinx, post: Post) -> tuple[str, tuple[str, int, str] | None]:
    """The entry's HTML (cover, then description; never a ``<p>`` in a ``<p>``) and enclosure.

    The enclosure is ``(url, length in bytes, MIME type)``; RSS requires the length,
    so it is taken from the image's source file.
    """
    parts, enclosure = [], None
    cover = post_cover(post)
    url = image_url(app, cover["uri"]) if cover is not None else None
    if cover is not None and url:
        alt = html.escape(cover.get("alt", ""))
        parts.append(f'<img src="{html.escape(url)}" alt="{alt}" />')
        source = Path(app.srcdir) / cover["uri"]
        mime = mimetypes.guess_type(cover["uri"])[0]
        if source.is_file() and mime:
            enclosure = (url, source.stat().st_size, mime)
    description = post_description(post)
    if description:
        parts.append(f"<p>{html.escape(description, quote=False)}</p>")
    return "\n".join(parts), enclosure


def build_feed(
    app: Sphinx,
    posts: Iterable[Post],
    *,
    title: str,
    feed_url: str,
    length: int,
    page_url: str = "",
    feed_format: str = "atom",
) -> FeedGenerator:
    """One feed of ``posts``; its ``updated`` is its newest post's date.

    The cover goes into RSS as ``<enclosure>`` and into Atom as Media RSS's
    ``<media:content>``: feedgen writes Atom links without their ``rel``, so an
    enclosure link would read as a second alternate link to the post.
    """
    base_url = app.config.blog_baseurl
    page_url = page_url or base_url
    chosen = newest_first(p for p in posts if p.date)
    if length:
        chosen = chosen[:length]
    feed = FeedGenerator()
    feed.id(page_url)
    feed.title(title)
    # RSS's channel <link> is the last one set: the self link first, the site last
    feed.link(href=feed_url, rel="self")
    feed.link(href=page_url, rel="alternate")
    feed.load_extension("dc", atom=False, rss=True)
    if feed_format == "atom":
        feed.load_extension("media", atom=True, rss=False)
    feed.description(app.config.blog_feed_subtitle or title)
    feed.language(app.config.language or "en")
    feed.generator("sphinx-labnews", ablog.__version__)
    if chosen:
        feed.updated(as_utc(max(p.update or p.date for p in chosen)))
    else:
        feed.updated(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    # feedgen prepends by default; append in our order instead
    for post in chosen:
        add_entry(app, feed, post, feed_format=feed_format)
    return feed


def add_entry(app: Sphinx, feed: FeedGenerator, post: Post, *, feed_format: str) -> None:
    """Append ``post`` to ``feed``: link, authors, dates, categories, summary, content, cover."""
    url = absolute_url(app.config.blog_baseurl, app.builder.get_target_uri(post.docname))
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(post_full_title(app, post))  # feeds keep the title's label
    entry.link(href=url)
    authors = [{"name": str(author)} for author in post.author]
    if authors:
        entry.author(authors)  # Atom <author>; RSS <author> needs an e-mail
        entry.dc.dc_creator([a["name"] for a in authors])
    entry.published(as_utc(post.date))
    entry.updated(as_utc(post.update or post.date))
    categories = [{"term": str(c)} for c in [*post.category, *post.tags]]
    if categories:
        # one call: feedgen's FeedEntry.category() rebuilds the entry's whole RSS
        # category list on every call, so one call per tag was quadratic per entry,
        # and cubic over the per-tag feeds (1000 tags on a post: 280 s)
        entry.category(categories)
    summary = post_description(post)
    if summary:
        entry.summary(summary)
    content, enclosure = entry_content(app, post)
    if content:
        # RSS <description> is HTML too; Atom keeps the plain summary. description()
        # also sets Atom's content, so the typed content() comes after it.
        entry.description(content)
        entry.content(content, type="html")
    if enclosure and feed_format == "rss":
        entry.enclosure(url=enclosure[0], length=str(enclosure[1]), type=enclosure[2])
    elif enclosure:
        entry.media.content(
            url=enclosure[0], fileSize=str(enclosure[1]), type=enclosure[2], medium="image"
        )


def archive_collections(app: Sphinx, blog: Blog) -> list[Any]:
    """The tags and categories that get feeds of their own (none if switched off)."""
    if not app.config.labnews_feed_archives:
        return []
    return [coll for catalog in (blog.tags, blog.category) for coll in catalog if len(coll)]


def write_feed_files(
    app: Sphinx,
    posts: Iterable[Post],
    *,
    title: str,
    folder: str,
    page: str = "",
    record: OutputRecord,
) -> list[Path]:
    """``folder/atom.xml`` and ``folder/rss.xml`` (as configured) for ``posts``.

    A feed's id is the page it follows: the site's base URL for the site's feeds
    (as before archive feeds existed, so subscribers keep their feed), an archive
    page's URL for a tag's or category's. A feed whose posts did not change since
    the last build is not written again.
    """
    base_url = app.config.blog_baseurl
    outdir = Path(app.builder.outdir) / folder
    if not confined(Path(app.builder.outdir), outdir, f"the feeds of {folder!r}"):
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    posts = list(posts)
    written = []
    shown_posts = record.posts(posts)
    for feed_format in app.config.labnews_feed_formats:
        name = feed_filename(feed_format)
        written.append(outdir / name)
        shown = [feed_format, title, page, shown_posts]
        if record.unchanged(f"{folder}/{name}", shown, outdir / name):
            continue
        feed = build_feed(
            app,
            posts,
            title=title,
            feed_url=absolute_url(base_url, f"{folder}/{name}"),
            length=app.config.labnews_feed_length,
            page_url=absolute_url(base_url, app.builder.get_target_uri(page)) if page else "",
            feed_format=feed_format,
        )
        if feed_format == "atom":
            feed.atom_file(str(outdir / name), pretty=True)
        else:
            feed.rss_file(str(outdir / name), pretty=True)
    return written


def write_feeds(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages`` handler: write the site's feeds next to the archives."""
    if not ablog.builder_support(app) or not app.config.labnews_feed_formats:
        return
    base_url = app.config.blog_baseurl
    if not base_url:
        LOGGER.info("labnews: no feeds written, as html_baseurl is not set")
        return
    blog = blog_of(app)
    record = OutputRecord(app, FEEDS_STATE)
    write_feed_files(app, blog.posts, title=blog.blog_title, folder=blog.blog_path, record=record)
    written: set[Path] = set()
    for coll in archive_collections(app, blog):
        written.update(
            write_feed_files(
                app,
                coll,
                title=f"{blog.blog_title}: {coll}",
                folder=coll.path,
                page=coll.docname,
                record=record,
            )
        )
    # a tag or category that lost its last post keeps no feed listing it
    names = {feed_filename(fmt) for fmt in FEED_FORMATS}
    for catalog in (blog.tags, blog.category):
        for path in (Path(app.builder.outdir) / catalog.path).glob("*/*.xml"):
            if path.name in names and path not in written:
                remove_output(Path(app.builder.outdir), path)
    record.save()
    yield from ()


_FEED_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Advertise the site's feeds on every page, and a tag's or category's on its archive."""
    if not app.config.blog_baseurl or "pathto" not in context:
        return
    feeds = [(app.config.blog_path, app.config.blog_title)]
    collection = context.get("collection")
    if collection is not None and app.config.labnews_feed_archives:
        blog = blog_of(app)
        if any(collection is coll for coll in archive_collections(app, blog)):
            feeds.insert(0, (collection.path, f"{blog.blog_title}: {collection}"))
    links = [
        f'<link rel="alternate" type="{_FEED_TYPES[fmt]}" '
        f'title="{html.escape(title, quote=True)} ({fmt.upper()})" '
        f'href="{html.escape(context["pathto"](f"{folder}/{feed_filename(fmt)}", 1))}" />'
        for folder, title in feeds
        for fmt in app.config.labnews_feed_formats
    ]
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"
