"""Connects the pieces; each lives in the module named for its concern."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from . import incremental
from .ablog_adapter import (
    apply_site_defaults,
    declare_ablog_parallel_safe,
    escape_archive_titles,
    replace_archive_generator,
    reset_blog,
)
from .about import setup_about
from .byline import setup_byline
from .cms import setup_cms
from .config import check_config, register_config_values
from .dates import name_postlist_dates_in_site_language
from .directives import setup_centered_image, setup_news_cards
from .feeds import add_feed_links, write_feeds
from .garbage_collection import setup_garbage_collection
from .listings import add_card_renderer
from .ordering import setup_ordering
from .post_parser import NewsPostParser
from .post_security import setup_post_security
from .publishing import exclude_unpublished_posts
from .recent import setup_recent_news
from .redirects import setup_redirects
from .site_urls import setup_site_urls
from .social import setup_social

PACKAGE_DIR = Path(__file__).parent


def add_package_paths(app: Sphinx, config: Config) -> None:
    """Our templates come after the user's (they may override ours), before ablog's."""
    config.templates_path = [*config.templates_path, str(PACKAGE_DIR / "templates")]
    config.html_static_path = [*config.html_static_path, str(PACKAGE_DIR / "static")]


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("ablog")
    app.setup_extension("sphinx_design")
    register_config_values(app)
    setup_redirects(app)
    app.add_source_parser(NewsPostParser, override=True)
    app.connect("config-inited", check_config, priority=400)
    # after ablog's own config-inited (priority 500), which lists its posts
    app.connect("config-inited", apply_site_defaults, priority=600)
    # after Sphinx merges the registered suffixes (``.md``) into source_suffix (priority
    # 800): before that a fresh process finds no Markdown posts to exclude
    app.connect("config-inited", exclude_unpublished_posts, priority=810)
    app.connect("config-inited", add_package_paths, priority=620)
    app.connect("html-collect-pages", write_feeds, priority=600)
    app.connect("html-page-context", add_feed_links)
    app.connect("html-page-context", add_card_renderer)
    app.connect("html-page-context", escape_archive_titles)
    app.add_css_file("labnews.css")

    declare_ablog_parallel_safe(app)
    replace_archive_generator(app)
    name_postlist_dates_in_site_language(app)
    app.connect("builder-inited", reset_blog)
    app.connect("builder-inited", incremental.cache_compiled_templates)
    # after ablog's doctree-read (priority 500), which records the post
    app.connect("doctree-read", incremental.slim_post_record, priority=600)
    app.connect("doctree-read", incremental.note_listing_doc)
    app.connect("env-purge-doc", incremental.purge_doc)
    app.connect("env-merge-info", incremental.merge_info)
    app.connect("env-updated", incremental.rewrite_dependent_pages)
    app.connect("env-get-outdated", incremental.remove_outputs_of_removed_docs)

    setup_centered_image(app)
    setup_news_cards(app)
    setup_byline(app)
    setup_social(app)
    setup_site_urls(app)
    setup_about(app)
    setup_garbage_collection(app)
    setup_post_security(app)
    setup_cms(app)
    setup_ordering(app)
    setup_recent_news(app)
