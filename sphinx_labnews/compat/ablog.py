"""What we patch in ablog (tested 0.11.13), each with the condition for removing it.

ablog's *configuration* for a news site (``SITE_DEFAULTS``) is not a patch and stays
in :mod:`sphinx_labnews.ablog_adapter`; the slimming of post records and the merge
of ``env.ablog_posts`` after a parallel read are still in
:mod:`sphinx_labnews.incremental` (listed in :mod:`sphinx_labnews.compat` as to move).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from ablog.blog import Blog
from ablog.post import generate_archive_pages
from sphinx.application import Sphinx

from ..archive import one_archive
from ..dates import format_post_date
from ..incremental import skip_unchanged_pages
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
    :func:`sphinx_labnews.incremental.merge_info` merges them, and :func:`reset_blog`
    rebuilds ``Blog`` per build. Remove when ablog merges ``env.ablog_posts`` itself.
    """
    app.extensions["ablog"].parallel_read_safe = True


def replace_archive_generator(app: Sphinx, *, news_site: bool) -> None:
    """Swap ablog's archive-page generator for one that skips unchanged pages and, on
    a news site, writes one All news archive (:mod:`sphinx_labnews.archive`) instead
    of ablog's two; an existing ablog site keeps its own archive pages.

    ablog regenerates every archive page on every build (10 s at 1000 posts with
    nothing changed). Remove when ablog skips unchanged archive pages.
    """
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
