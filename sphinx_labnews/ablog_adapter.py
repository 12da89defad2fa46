"""ablog configured for a news site: the news-site defaults and the canonical URL.

What we *patch* in ablog (its class-level ``Blog``, parallel flag, archive generator,
archive titles) is in :mod:`sphinx_labnews.compat.ablog`; every workaround is
listed in :mod:`sphinx_labnews.compat`. This module only sets configuration:

* ablog's defaults are a personal blog's; a news site wants posts under
  ``news/``, archives at ``news/…`` and our feeds. With ``labnews_site_defaults =
  True`` we set them where ``conf.py`` is silent; without it ablog's settings are
  left alone, so adding the extension to an existing ablog site keeps its URLs.
* ablog's own posts (``blogpost`` front matter, ``blog_post_pattern``) are never
  news posts (:mod:`sphinx_labnews.post_detection`), so ablog's ``CheckFrontMatter``
  and our parser never both build a post node for one document.
* pydata-sphinx-theme's ``fontawesome_included`` is set here, early
  (:mod:`sphinx_labnews.compat.theme` says why).
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .compat.sphinx import provided_by_user, raw_config_value
from .compat.theme import EARLY_THEME_SETTINGS

#: ablog (and MyST) options a news site wants, unless ``conf.py`` sets them.
SITE_DEFAULTS: dict[str, Any] = {
    "blog_path": "news",
    "blog_feed_archives": False,  # we write the feeds (Atom and RSS)
    "blog_feed_templates": {},  # …so ablog writes none
    "post_auto_image": 1,
    "post_date_format": "%d %B %Y",
    "post_date_format_short": "%d %b %Y",
    **EARLY_THEME_SETTINGS,  # fontawesome_included: compat.theme
    # what the lab's Jekyll (kramdown) posts use: $$ math $$, <img> in HTML,
    # definition lists, and ::: fences for directives that contain Markdown
    "myst_enable_extensions": ["colon_fence", "deflist", "dollarmath", "html_image"],
}


def _truthy(value: Any) -> bool:
    """A ``-D`` value is a string: ``-D labnews_site_defaults=0`` means off, as Sphinx reads it."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no", "off"}
    return bool(value)


def wants_site_defaults(config: Config) -> bool:
    """Whether the site asked for the news-site defaults (``labnews_site_defaults``).

    Read in ``setup()``, before the value is registered, because the extensions a news
    site needs (sitemap, link previews, 404 page) can only be set up there; ``-D`` wins
    over ``conf.py`` as it does for any value.
    """
    name = "labnews_site_defaults"
    if name in config.overrides:
        return _truthy(config.overrides[name])
    return _truthy(raw_config_value(config, name, False))


def base_url_from_environment(config: Config) -> str | None:
    """The base URL to use instead of ``conf.py``'s: Read the Docs' canonical URL, unless
    ``-D html_baseurl=…`` was given (the command line wins over the environment, which
    wins over ``conf.py``)."""
    if "html_baseurl" in config.overrides:
        return None
    return os.environ.get("READTHEDOCS_CANONICAL_URL") or None


def apply_site_defaults(app: Sphinx, config: Config) -> None:
    """Fill in the news-site defaults and the canonical URL (``labnews_site_defaults``).

    ``READTHEDOCS_CANONICAL_URL`` (set by Read the Docs for each version) wins over
    ``html_baseurl`` from ``conf.py``, so feeds and canonical links point at the
    version being built; ``-D html_baseurl=…`` wins over both.
    """
    if not config.labnews_site_defaults:
        return
    canonical = base_url_from_environment(config)
    if canonical:
        config.html_baseurl = canonical
    for name, value in SITE_DEFAULTS.items():
        if not provided_by_user(config, name):
            setattr(config, name, value)
    if not provided_by_user(config, "blog_title"):
        config.blog_title = config.project
    if canonical or not provided_by_user(config, "blog_baseurl"):
        config.blog_baseurl = config.html_baseurl
