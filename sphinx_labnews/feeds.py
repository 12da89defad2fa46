"""Atom and RSS feeds for the news, written with feedgen.

ablog writes Atom only, stamps ``<updated>`` with the build time (so two builds
of the same posts differ) and turns naive post dates into the build machine's
local time. Here every timestamp comes from the posts themselves, in UTC, and
entries are ordered by date, then title, then page, so the same posts always
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import ablog
from ablog.blog import Blog, Post
from ablog.post import register_posts
from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.util import logging

from .frontmatter import one_line

LOGGER = logging.getLogger("sphinx_labnews")


def feed_filename(feed_format: str) -> str:
    return f"{feed_format}.xml"


def blog_of(app: Sphinx) -> Blog:
    """ablog's shared :class:`Blog`, with this build's posts registered."""
    blog = Blog(app)
    if not blog:
        register_posts(app)
    return blog


def as_utc(moment: dt.datetime) -> dt.datetime:
    """Post dates are naive and meant as UTC (see the front-matter reference)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def newest_first(posts: Iterable[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.date, p.title, p.docname), reverse=True)


def absolute_url(base_url: str, target_uri: str) -> str:
    return base_url.rstrip("/") + "/" + target_uri.lstrip("/")


def build_feed(
    app: Sphinx,
    posts: Iterable[Post],
    *,
    title: str,
    feed_url: str,
    length: int,
) -> FeedGenerator:
    """One feed of ``posts``; its ``updated`` is its newest post's date."""
    base_url = app.config.blog_baseurl
    chosen = newest_first(p for p in posts if p.date)
    if length:
        chosen = chosen[:length]
    feed = FeedGenerator()
    feed.id(base_url)
    feed.title(title)
    # RSS's channel <link> is the last one set: the self link first, the site last
    feed.link(href=feed_url, rel="self")
    feed.link(href=base_url, rel="alternate")
    feed.load_extension("dc", atom=False, rss=True)
    feed.description(app.config.blog_feed_subtitle or title)
    feed.language(app.config.language or "en")
    feed.generator("sphinx-labnews", ablog.__version__)
    if chosen:
        feed.updated(as_utc(max(p.update or p.date for p in chosen)))
    else:
        feed.updated(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    # feedgen prepends by default; append in our order instead
    for post in chosen:
        url = absolute_url(base_url, app.builder.get_target_uri(post.docname))
        entry = feed.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(post.title)
        entry.link(href=url)
        authors = [{"name": str(author)} for author in post.author]
        if authors:
            entry.author(authors)  # Atom <author>; RSS <author> needs an e-mail
            entry.dc.dc_creator([a["name"] for a in authors])
        entry.published(as_utc(post.date))
        entry.updated(as_utc(post.update or post.date))
        for collection in [*post.category, *post.tags]:
            entry.category(term=str(collection))
        # a body's first paragraph may hold control characters, which XML cannot
        summary = one_line(
            " ".join(node.astext() for node in post.excerpt if node.tagname == "paragraph")
        )
        if summary:
            entry.summary(summary)
            entry.description(summary)
    return feed


def write_feeds(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages`` handler: write the site's feeds next to the archives."""
    if not ablog.builder_support(app) or not app.config.labnews_feed_formats:
        return
    base_url = app.config.blog_baseurl
    if not base_url:
        LOGGER.info("labnews: no feeds written, as html_baseurl is not set")
        return
    blog = blog_of(app)
    outdir = Path(app.builder.outdir) / blog.blog_path
    outdir.mkdir(parents=True, exist_ok=True)
    for feed_format in app.config.labnews_feed_formats:
        name = feed_filename(feed_format)
        feed = build_feed(
            app,
            blog.posts,
            title=blog.blog_title,
            feed_url=absolute_url(base_url, f"{blog.blog_path}/{name}"),
            length=app.config.labnews_feed_length,
        )
        if feed_format == "atom":
            feed.atom_file(str(outdir / name), pretty=True)
        else:
            feed.rss_file(str(outdir / name), pretty=True)
    yield from ()


_FEED_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Advertise the feeds on every page, so browsers and readers find them."""
    if not app.config.blog_baseurl or "pathto" not in context:
        return
    blog_path = app.config.blog_path
    title = html.escape(app.config.blog_title, quote=True)
    links = [
        f'<link rel="alternate" type="{_FEED_TYPES[fmt]}" title="{title} ({fmt.upper()})" '
        f'href="{html.escape(context["pathto"](f"{blog_path}/{feed_filename(fmt)}", 1))}" />'
        for fmt in app.config.labnews_feed_formats
    ]
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"
