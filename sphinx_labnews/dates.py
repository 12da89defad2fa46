"""Post dates as readers see them, named in the site's language, never the machine's.

``datetime.strftime`` names months and days in the C library's current locale, and
``sphinx-build`` calls ``locale.setlocale(LC_ALL, "")``: built under
``LANG=de_DE.UTF-8``, the same site said "14 Juli 2025" in a dozen pages. Sphinx
formats its own dates (``today_fmt``, ``html_last_updated_fmt``) with babel in the
configured ``language``; every post date (byline, cards, listings, the sidebar, the
plain-text forms, ablog's ``postlist`` through
:func:`sphinx_labnews.compat.ablog.name_postlist_dates_in_site_language`) goes through
:func:`format_post_date`, which does the same. A site that sets no ``language`` gets
English (Sphinx's default, ``"en"``); a site that sets ``language = "de"`` gets German
on purpose, the same on every machine.

The format is ablog's ``post_date_format`` and takes the ``%`` codes Sphinx's
``today_fmt`` takes (``%d``, ``%-d``, ``%B``, ``%b``, ``%A``, ``%a``, ``%Y``, ``%m``, ...).
"""

from __future__ import annotations

import datetime as dt
import functools

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
