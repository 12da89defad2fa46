"""URLs under the site's base URL: sitemap, canonical links and the 404 page.

Sphinx writes ``<link rel="canonical">`` itself once ``html_baseurl`` is set. The
sitemap (sphinx-sitemap, kept whole by :mod:`sphinx_labnews.sitemap`) and the 404
page (sphinx-notfound-page) each need to know the same base URL in their own way;
here they are derived from ``html_baseurl`` (which Read the Docs' canonical URL has
already replaced, see
:func:`sphinx_labnews.ablog_adapter.apply_site_defaults`) unless ``conf.py`` sets
them:

* ``sitemap_url_scheme = "{link}"``: ``html_baseurl`` already holds the language
  and version (``/en/latest/``); sphinx-sitemap's default would add them again.
* ``sitemap_excludes``: the 404, search, index and drafts pages.
* ``notfound_urls_prefix``: the base URL's path. The 404 page is served for any
  missing URL, at any depth, so its links to CSS, images and pages must be
  absolute; with the wrong prefix it renders unstyled.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from .ablog_adapter import provided_by_user
from .sitemap import setup_sitemap

#: Pages that are not content: nobody should land on them from a search engine. The
#: further pages of All news shift with every post; the sitemap lists its first page.
SITEMAP_EXCLUDES = (
    "404.html",
    "search.html",
    "genindex.html",
    "news/drafts.html",
    "news/page/*",
)


def url_prefix(base_url: str) -> str:
    """``https://x.org/en/latest`` → ``/en/latest/``; always starts and ends with ``/``."""
    path = urlsplit(base_url).path.strip("/")
    return f"/{path}/" if path else "/"


def apply_url_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``, after the canonical URL is settled."""
    if not provided_by_user(config, "sitemap_excludes"):
        config.sitemap_excludes = list(SITEMAP_EXCLUDES)
    if not provided_by_user(config, "sitemap_url_scheme"):
        config.sitemap_url_scheme = "{link}"
    if not provided_by_user(config, "notfound_urls_prefix") and config.html_baseurl:
        config.notfound_urls_prefix = url_prefix(config.html_baseurl)


def setup_site_urls(app: Sphinx) -> None:
    setup_sitemap(app)
    app.setup_extension("notfound.extension")
    app.connect("config-inited", apply_url_defaults, priority=630)
