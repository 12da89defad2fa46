"""URLs under the site's base URL: sitemap, canonical links and the 404 page.

Sphinx writes ``<link rel="canonical">`` itself once ``html_baseurl`` is set. The
sitemap (sphinx-sitemap, kept whole by :mod:`sphinx_labnews.compat.sitemap`) and the 404
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

Only news sites (``labnews_site_defaults = True``) set these extensions up. Without a
base URL a news site gets one ``labnews.config`` warning saying how to set it, no
``sitemap.xml`` (sphinx-sitemap would warn in its own words, and ``-W`` would fail on
a third-party message) and no relative ``og:url`` (sphinxext-opengraph writes the
page's relative path when it has no site URL; a link preview needs an absolute one).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config

from . import event_order
from .compat.opengraph import drop_relative_og_url
from .compat.sitemap import setup_sitemap, skip_sitemap
from .compat.sphinx import provided_by_user
from .warnings_ import LabnewsWarnings, warn

#: The fix the missing-base-URL warning proposes.
BASE_URL_ADVICE = (
    "html_baseurl is not set: feeds, the sitemap, canonical links and link previews need "
    'the site\'s absolute URL. Set html_baseurl = "https://your-lab.example.org/" in '
    "conf.py (Read the Docs sets READTHEDOCS_CANONICAL_URL, used instead); until then no "
    "sitemap.xml is written"
)

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


def require_base_url(app: Sphinx, config: Config) -> None:
    """``config-inited``, after the canonical URL is settled: no base URL, one warning,
    and no sitemap (:func:`sphinx_labnews.compat.sitemap.skip_sitemap`)."""
    if config.html_baseurl:
        return
    warn(BASE_URL_ADVICE, LabnewsWarnings.CONFIG)
    skip_sitemap(app)


def setup_site_urls(app: Sphinx) -> None:
    setup_sitemap(app)
    app.setup_extension("notfound.extension")
    app.connect("config-inited", apply_url_defaults, priority=event_order.URL_DEFAULTS)
    app.connect("config-inited", require_base_url, priority=event_order.AFTER_URL_DEFAULTS)
    # sphinxext-opengraph writes its tags at priority 500, social.py re-escapes at 550
    app.connect("html-page-context", drop_relative_og_url, priority=560)
