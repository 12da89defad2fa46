"""Post dates as readers see them, named in the site's language, never the machine's.

``datetime.strftime`` names months and days in the C library's current locale, and
``sphinx-build`` calls ``locale.setlocale(LC_ALL, "")``: built under
``LANG=de_DE.UTF-8``, the same site said "14 Juli 2025" in a dozen pages. Sphinx
formats its own dates (``today_fmt``, ``html_last_updated_fmt``) with babel in the
configured ``language``; every post date (byline, cards, listings, the sidebar, the
plain-text forms) goes through :func:`format_post_date`, which does the same. A site
that sets no ``language`` gets English (Sphinx's default, ``"en"``); a site that sets
``language = "de"`` gets German on purpose, the same on every machine.

The format is ablog's ``post_date_format`` and takes the ``%`` codes Sphinx's
``today_fmt`` takes (``%d``, ``%-d``, ``%B``, ``%b``, ``%A``, ``%a``, ``%Y``, ``%m``, ...).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.i18n import format_date


@functools.lru_cache(maxsize=4096)
def format_post_date(moment: dt.datetime, date_format: str, language: str | None) -> str:
    """``moment`` in ``date_format``, with month and day names in ``language``.

    Cached: archive pages show each post's date many times, and babel takes ~0.2 ms.
    """
    return format_date(date_format, date=moment, language=language or "en")


def post_date_text(app: Sphinx, moment: dt.datetime, *, short: bool = False) -> str:
    """A post date in the site's ``post_date_format`` (or ``post_date_format_short``)."""
    config = app.config
    date_format = config.post_date_format_short if short else config.post_date_format
    return format_post_date(moment, date_format, config.language)


class _SiteDate(dt.datetime):
    """A post date whose ``strftime`` is :func:`format_post_date` in the site's language."""

    language: str | None = None

    def strftime(self, date_format: str) -> str:
        plain = dt.datetime(*self.timetuple()[:6], self.microsecond, tzinfo=self.tzinfo)
        return format_post_date(plain, date_format, self.language)


def name_postlist_dates_in_site_language(app: Sphinx) -> None:
    """Make ablog's ``postlist`` name its dates through :func:`format_post_date`.

    Upstream condition: ablog 0.11's ``process_postlist`` (``doctree-resolved``) writes
    each date with ``post.date.strftime(post_date_format_short)``, in the machine's
    locale. Its handler is wrapped so that, while it runs, each post's date is a
    :class:`_SiteDate` (equal to it, so sorting is unchanged). Remove when ablog formats
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
                post.date = _SiteDate(
                    *moment.timetuple()[:6], moment.microsecond, tzinfo=moment.tzinfo
                )
                post.date.language = app.config.language
            process_postlist(app, doctree, docname)
        finally:
            for post, date in zip(posts, saved, strict=True):
                post.date = date

    for listener in list(app.events.listeners["doctree-resolved"]):
        if listener.handler is process_postlist:
            app.disconnect(listener.id)
            app.connect(
                "doctree-resolved", process_postlist_in_site_language, priority=listener.priority
            )
