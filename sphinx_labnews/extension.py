"""Connects the pieces; each lives in the module named for its concern.

Two modes (``labnews_site_defaults``, read here in ``setup()``):

* **plain** (the default): what an existing ablog site asks for and nothing else —
  news posts (lab front matter, or ``labnews_post_pattern`` when set) and their
  pages, the directives, unpublished posts left out, the ``labnews`` command. ablog's
  URLs, feeds and templates, the theme's templates and settings stay the site's own;
  no sitemap, link previews or 404 page are set up.
* **news site** (``labnews_site_defaults = True``, what ``docs/`` and ``labnews
  init`` use): on top of that, ablog's news-site defaults, our feeds and templates,
  sphinx-sitemap, sphinxext-opengraph, sphinx-notfound-page and Read the Docs'
  canonical URL.

Each ``setup_<feature>(app)`` connects its own events. The ``config-inited`` handlers
depend on each other's results; their order, with the reason for each place, is the
list of named priorities in :mod:`sphinx_labnews.event_order`:

``UNFREEZE_HEAP`` (compat.garbage_collection) → ``CHECK_CONFIG`` (config) → ``ABOUT_BLOCKS``
(about) → ablog and Sphinx (500) → ``SITE_DEFAULTS`` (ablog_adapter, search) →
``PACKAGE_PATHS`` (here) → ``URL_DEFAULTS`` (social, site_urls, redirects) →
``AFTER_URL_DEFAULTS`` (site_urls, site_frame) → Sphinx's suffixes (800) →
``DISTRUST_UNFINISHED_BUILD`` (build_marker) → ``EXCLUDE_UNPUBLISHED`` (publishing) →
``ROUTE_NEWS_POSTS`` (compat.markdown).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

from . import event_order, incremental
from .ablog_adapter import apply_site_defaults, wants_site_defaults
from .about import setup_about
from .archive import setup_archive
from .breadcrumbs import setup_breadcrumbs
from .build_marker import setup_build_marker
from .byline import setup_byline
from .cms import setup_cms
from .compat.ablog import (
    declare_ablog_parallel_safe,
    escape_archive_titles,
    merge_info,
    name_postlist_dates_in_site_language,
    order_posts_by_file,
    replace_archive_generator,
    reset_blog,
    slim_post_record,
)
from .compat.garbage_collection import setup_garbage_collection
from .compat.markdown import setup_markdown
from .compat.output_cleanup import remove_outputs_of_removed_docs, setup_output_cleanup
from .compat.templates import cache_compiled_templates
from .config import check_config, register_config_values
from .directives import setup_centered_image, setup_news_cards
from .env_state import setup_env_state
from .feeds import add_feed_links, write_feeds
from .listings import add_card_renderer, record_label
from .post_html import setup_post_html
from .post_security import setup_post_security
from .publishing import LEAVE_OUT_PRIORITY, exclude_unpublished_posts, leave_out_posts
from .recent import setup_recent_news
from .redirects import setup_redirects
from .search import setup_search
from .site_frame import setup_site_frame
from .table_limit import setup_table_limit

PACKAGE_DIR = Path(__file__).parent


def add_package_paths(app: Sphinx, config: Config) -> None:
    """Our templates come after the user's (they may override ours), before ablog's.

    Only news sites get them: they replace ablog's ``page.html`` (Disqus, ablog's feed
    link) and archive templates, which an existing ablog site keeps. The stylesheet
    (directives, post header) is for every site.
    """
    if config.labnews_site_defaults:
        config.templates_path = [*config.templates_path, str(PACKAGE_DIR / "templates")]
    config.html_static_path = [*config.html_static_path, str(PACKAGE_DIR / "static")]


def setup_news_site_extensions(app: Sphinx) -> None:
    """Sitemap, link previews and the 404 page: the ``site`` extra, for news sites only."""
    try:
        from .site_urls import setup_site_urls
        from .social import setup_social

        setup_social(app)
        setup_site_urls(app)
    except (ImportError, ExtensionError) as error:
        raise ExtensionError(
            "labnews_site_defaults = True sets up sphinx-sitemap, sphinxext-opengraph and "
            "sphinx-notfound-page: install them with pip install 'sphinx-labnews[site]' "
            f"({error})"
        ) from error


def setup_extension(app: Sphinx) -> None:
    site = wants_site_defaults(app.config)
    setup_markdown(app)
    app.setup_extension("ablog")
    app.setup_extension("sphinx_design")
    register_config_values(app)
    setup_redirects(app)
    # the order of every config-inited handler, with its reason: event_order
    app.connect("config-inited", check_config, priority=event_order.CHECK_CONFIG)
    app.connect("config-inited", apply_site_defaults, priority=event_order.SITE_DEFAULTS)
    app.connect("config-inited", add_package_paths, priority=event_order.PACKAGE_PATHS)
    app.connect(
        "config-inited", exclude_unpublished_posts, priority=event_order.EXCLUDE_UNPUBLISHED
    )
    app.connect("env-get-outdated", leave_out_posts, priority=LEAVE_OUT_PRIORITY)
    if site:
        # ablog writes the feeds of a plain site, as its blog_feed_* settings say
        app.connect("html-collect-pages", write_feeds, priority=600)
        app.connect("html-page-context", add_feed_links)
    app.connect("html-page-context", add_card_renderer)
    app.connect("html-page-context", escape_archive_titles)
    app.add_css_file("labnews.css")

    setup_env_state(app)
    declare_ablog_parallel_safe(app)
    replace_archive_generator(app, news_site=site)
    name_postlist_dates_in_site_language(app)
    app.connect("builder-inited", reset_blog)
    # before ablog's doctree-read (priority 500), which replaces the post node
    app.connect("doctree-read", record_label, priority=450)
    app.connect("builder-inited", cache_compiled_templates)
    # after ablog's doctree-read (priority 500), which records the post
    app.connect("doctree-read", slim_post_record, priority=600)
    app.connect("doctree-read", incremental.note_listing_doc)
    app.connect("env-purge-doc", incremental.purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-merge-info", incremental.merge_listing_docs)
    app.connect("env-updated", incremental.rewrite_dependent_pages)
    app.connect("env-get-outdated", remove_outputs_of_removed_docs)

    setup_centered_image(app)
    setup_news_cards(app)
    setup_byline(app)
    if site:
        setup_news_site_extensions(app)
        setup_archive(app)
        setup_breadcrumbs(app)
        # posts ordered by date and file name, and the sidebar fragment: news sites;
        # an ablog site keeps ablog's order and sidebars
        order_posts_by_file(app)
        setup_recent_news(app)
        setup_site_frame(app)
        setup_search(app)
    setup_about(app)
    setup_garbage_collection(app)
    setup_post_security(app)
    setup_post_html(app)
    setup_table_limit(app)
    setup_cms(app)
    setup_build_marker(app)
    setup_output_cleanup(app)
