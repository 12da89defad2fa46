"""What we patch in ablog (tested 0.11.13), each with the condition for removing it.

ablog's *configuration* for a news site (``SITE_DEFAULTS``) is not a patch and stays
in :mod:`sphinx_labnews.ablog_adapter`; the order of posts (:func:`post_order_key
<sphinx_labnews.ordering.post_order_key>`) and its per-build index stay in
:mod:`sphinx_labnews.ordering`, only the ``Post`` class and ``Blog.register`` redone
for it are here.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

from ablog.blog import TOMORROW, Blog, Post
from ablog.post import generate_archive_pages
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import env_state
from ..dates import format_post_date
from ..ordering import post_order_key
from .sphinx import take_listeners


def reset_blog(app: Sphinx) -> None:
    """``builder-inited``: start each build with an empty ``Blog``; it is rebuilt from
    ``env.ablog_posts``.

    ``Blog`` shares one class-level dict across instances, so a second build in
    the same process (tests, sphinx-autobuild) would otherwise see the first
    build's posts. Remove when ablog keeps its posts per application.
    """
    Blog._dict.clear()


def declare_ablog_parallel_safe(app: Sphinx) -> None:
    """ablog's own metadata says ``parallel_read_safe: False``; with our merge it is safe.

    ablog keeps its posts in ``env.ablog_posts`` without an ``env-merge-info`` step;
    :func:`merge_info` merges them, and :func:`reset_blog` rebuilds ``Blog`` per build.
    Remove when ablog merges ``env.ablog_posts`` itself.
    """
    app.extensions["ablog"].parallel_read_safe = True


def replace_archive_generator(app: Sphinx, *, news_site: bool) -> None:
    """Swap ablog's archive-page generator for one that skips unchanged pages and, on
    a news site, writes one All news archive (:mod:`sphinx_labnews.archive`) instead
    of ablog's two; an existing ablog site keeps its own archive pages.

    ablog regenerates every archive page on every build (10 s at 1000 posts with
    nothing changed). Remove when ablog skips unchanged archive pages.
    """
    # imported here: both list posts through this module (listings.blog_of registers
    # them with register_posts), which must not import them back
    from ..archive import one_archive
    from ..incremental import skip_unchanged_pages

    generate = one_archive(generate_archive_pages) if news_site else generate_archive_pages
    for priority in take_listeners(app, "html-collect-pages", generate_archive_pages):
        app.connect("html-collect-pages", skip_unchanged_pages(generate), priority=priority)


def escape_archive_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """ablog's archive pages pass ``Posts in <tag>`` as the page ``title``, unescaped.

    Sphinx's templates print ``title`` as HTML (it normally comes from a doctree,
    already rendered), so a tag ``<script>`` reached the relbar as markup. Found by the
    hostile-post tests. Remove when ablog escapes the titles of its archive pages.
    """
    if doctree is None and templatename.startswith("ablog/") and context.get("title"):
        context["title"] = html.escape(str(context["title"]), quote=False)


class SiteDate(dt.datetime):
    """A post date whose ``strftime`` is :func:`~sphinx_labnews.dates.format_post_date` in
    the site's language (for :func:`name_postlist_dates_in_site_language`)."""

    language: str | None = None

    def strftime(self, date_format: str) -> str:
        plain = dt.datetime(*self.timetuple()[:6], self.microsecond, tzinfo=self.tzinfo)
        return format_post_date(plain, date_format, self.language)


def name_postlist_dates_in_site_language(app: Sphinx) -> None:
    """Make ablog's ``postlist`` name its dates through
    :func:`~sphinx_labnews.dates.format_post_date`.

    Upstream condition: ablog 0.11's ``process_postlist`` (``doctree-resolved``) writes
    each date with ``post.date.strftime(post_date_format_short)``, in the machine's
    locale. Its handler is wrapped so that, while it runs, each post's date is a
    :class:`SiteDate` (equal to it, so sorting is unchanged). Remove when ablog formats
    post dates with ``sphinx.util.i18n.format_date``.
    """
    from ablog.blog import Blog
    from ablog.post import PostList, process_postlist, register_posts

    def process_postlist_in_site_language(app: Sphinx, doctree: Any, docname: str) -> None:
        if next(doctree.findall(PostList), None) is None:
            process_postlist(app, doctree, docname)
            return
        blog = Blog(app)
        if not blog:
            register_posts(app)
        posts = [post for post in blog.posts if post.date is not None]
        saved = [post.date for post in posts]
        try:
            for post in posts:
                moment: dt.datetime = post.date
                post.date = SiteDate(
                    *moment.timetuple()[:6], moment.microsecond, tzinfo=moment.tzinfo
                )
                post.date.language = app.config.language
            process_postlist(app, doctree, docname)
        finally:
            for post, date in zip(posts, saved, strict=True):
                post.date = date

    for priority in take_listeners(app, "doctree-resolved", process_postlist):
        app.connect("doctree-resolved", process_postlist_in_site_language, priority=priority)


def slim_post_record(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: keep only what listings need of each post in the pickled environment.

    ablog keeps a deep copy of the whole post for full-text feeds, which this
    site does not write, and its excerpt nodes still point at the document they
    came from, so each pulls a document into the pickle. Both are read back on
    every build. Remove when ablog stores only what listings use (or no copy
    for sites without full-text feeds).
    """
    for info in env_state.ablog_posts(app.env).get(app.env.docname, []):
        info["doctree"] = nodes.section()
        for node in info.get("excerpt", []):
            for descendant in node.findall(include_self=True):
                if getattr(descendant, "_document", None) is not None:
                    descendant._document = None


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: bring a parallel reader's posts into the main environment.

    ablog keeps its posts in ``env.ablog_posts`` and has no ``env-merge-info``
    handler, so after ``-j`` reading the main process would know none of them
    (our own listing pages: :func:`sphinx_labnews.incremental.merge_listing_docs`).
    Remove when ablog merges ``env.ablog_posts`` itself.
    """
    for docname in docnames:
        if docname in env_state.ablog_posts(other):
            env_state.ablog_posts(env)[docname] = env_state.ablog_posts(other)[docname]


class NewsPost(Post):
    """ablog's ``Post``, ordered by :func:`~sphinx_labnews.ordering.post_order_key`
    instead of by title.

    ablog orders posts by ``(date, title)`` (``Post.__lt__``), so fixing a typo in
    one title could swap it with its same-day sibling (:mod:`sphinx_labnews.ordering`
    says why that matters). Remove when ablog orders same-day posts by file name or
    takes a sort key.
    """

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Post):
            return NotImplemented
        return post_order_key(self) < post_order_key(other)


def register_posts(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: register this build's posts in ablog's ``Blog`` as :class:`NewsPost`.

    The same steps as ``Blog.register`` (ablog 0.11), with our class; ablog's own
    ``register_posts`` is skipped by its handlers once the blog has posts. Remove
    with :class:`NewsPost`: when ablog orders same-day posts by file name or takes a
    sort key.
    """
    blog = Blog(app)
    if len(blog.posts) or len(blog.drafts):
        return
    for docname, infos in sorted(env_state.ablog_posts(env).items()):
        for info in infos:
            post = NewsPost(blog, docname, info)
            if post.date and post.date < TOMORROW:
                blog.posts.add(post)
            else:
                blog.drafts.add(post)
            for catalog in blog.catalogs.values():
                catalog.add(post)


def order_posts_by_file(app: Sphinx) -> None:
    """Have ablog order posts by date and file (:func:`register_posts`): news sites only."""
    # before the writers: ablog's handlers register posts lazily when writing
    app.connect("env-updated", register_posts, priority=400)
