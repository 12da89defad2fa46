"""The order of the ``config-inited`` handlers, named in one place with the reason for each.

Several features adjust the configuration when it is read, and each depends on
what came before it: Sphinx's own handlers (priority 800 merges the registered
suffixes such as ``.md`` into ``source_suffix``), ablog's (500, which lists the
posts its ``blog_post_pattern`` matches) and ours. Each ``setup_<feature>(app)``
connects its own handler with one of these constants, so the whole order reads
top to bottom here (lower runs first; equal priorities run in connection order).
"""

from __future__ import annotations

#: A later build in the same process first releases the heap the last one froze
#: (:mod:`sphinx_labnews.compat.garbage_collection`), before anything allocates.
UNFREEZE_HEAP = 0
#: Every ``labnews_*`` value is validated (bad ones fall back to their defaults) before
#: anything reads them (:func:`sphinx_labnews.config.check_config`).
CHECK_CONFIG = 400
#: About blocks: unknown default keys reported, block files kept out of the page list;
#: needs checked ``labnews_about_blocks`` (:mod:`sphinx_labnews.about`).
ABOUT_BLOCKS = 450
#: Sphinx and ablog's own handlers run at 500 (ablog lists ``blog_post_pattern``'s posts).
#: The news-site defaults fill what ``conf.py`` left unset, after ablog read its own
#: values, and settle the base URL (:func:`sphinx_labnews.ablog_adapter.apply_site_defaults`).
SITE_DEFAULTS = 600
#: Our templates and static files go after the user's paths: needs the site mode
#: known (:func:`sphinx_labnews.extension.add_package_paths`).
PACKAGE_PATHS = 620
#: Defaults that derive from the settled base URL: link previews, sitemap, 404 page,
#: redirects (:mod:`sphinx_labnews.social`, :mod:`sphinx_labnews.site_urls`,
#: :mod:`sphinx_labnews.redirects`).
URL_DEFAULTS = 630
#: What needs the URL defaults in place: the missing-base-URL warning and the
#: footer/404 frame (:mod:`sphinx_labnews.site_urls`, :mod:`sphinx_labnews.site_frame`).
AFTER_URL_DEFAULTS = 640
#: Sphinx merges registered suffixes into ``source_suffix`` at 800. A build killed
#: half-way is detected before the environment is loaded and posts are excluded
#: (:mod:`sphinx_labnews.build_marker`).
DISTRUST_UNFINISHED_BUILD = 805
#: Unpublished posts are excluded once ``.md`` is a known suffix; earlier, a fresh
#: process finds no Markdown posts (:mod:`sphinx_labnews.publishing`).
EXCLUDE_UNPUBLISHED = 810
#: With myst-nb owning ``.md``, news posts are routed to our parser after every
#: extension registered its parsers (:mod:`sphinx_labnews.compat.markdown`).
ROUTE_NEWS_POSTS = 900
