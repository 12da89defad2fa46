"""Everything we adapt in ablog and pydata-sphinx-theme, in one place.

* ablog's defaults are a personal blog's; a news site wants posts under
  ``news/``, archives at ``news/…`` and our feeds. We set them only where
  ``conf.py`` is silent.
* ablog's ``CheckFrontMatter`` builds a second post node for any document in
  ``blog_post_pattern``; our parser already built one for news posts, so they are
  taken out of ablog's list.
* pydata-sphinx-theme switches ``fontawesome_included`` on at ``builder-inited``,
  after Sphinx compared the configuration with the last build's, so every build
  looked like a configuration change and re-read every document. Setting it at
  ``config-inited`` (when the user has not) makes the two agree.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .post_parser import is_post

#: ablog options a news site wants, unless ``conf.py`` sets them.
ABLOG_DEFAULTS: dict[str, Any] = {
    "blog_path": "news",
    "blog_feed_archives": False,  # we write the feeds (Atom and RSS)
    "blog_feed_templates": {},  # …so ablog writes none
    "post_auto_image": 1,
    "post_date_format": "%d %B %Y",
    "post_date_format_short": "%d %b %Y",
    "fontawesome_included": True,
}


def provided_by_user(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` set ``name``."""
    return name in config._raw_config or name in config.overrides


def apply_site_defaults(app: Sphinx, config: Config) -> None:
    """Fill in the news-site defaults and the canonical URL.

    ``READTHEDOCS_CANONICAL_URL`` (set by Read the Docs for each version) wins over
    ``html_baseurl`` from ``conf.py``, so feeds and canonical links point at the
    version being built.
    """
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL")
    if canonical:
        config.html_baseurl = canonical
    for name, value in ABLOG_DEFAULTS.items():
        if not provided_by_user(config, name):
            setattr(config, name, value)
    if not provided_by_user(config, "blog_title"):
        config.blog_title = config.project
    if canonical or not provided_by_user(config, "blog_baseurl"):
        config.blog_baseurl = config.html_baseurl
    config.matched_blog_posts = [
        docname
        for docname in getattr(config, "matched_blog_posts", [])
        if not is_post(docname, config.labnews_post_pattern)
    ]
