"""The frame around the news: footer, 404 page and search box, made for a news site.

* The footer (``labnews_footer``) links the lab's home page, a contact address and
  the site's feeds; it is a pydata-sphinx-theme footer component,
  ``labnews-footer.html``, put in ``footer_end`` unless ``conf.py`` fills it.
* The 404 page (sphinx-notfound-page) offers what a reader who followed a dead link
  wants: a search box, the latest news and the way to All news
  (``labnews-404.html``, used unless ``conf.py`` names a ``notfound_template``).
  Its links go through the extension's ``pathto``, absolute under the site's prefix,
  since the page is served at any depth.
* The search box says "Search news…" (pydata's ``search_bar_text``).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import event_order
from .compat.sphinx import provided_by_user

#: pydata-sphinx-theme options a news site wants, unless ``html_theme_options`` sets them.
THEME_DEFAULTS: dict[str, Any] = {
    "search_bar_text": "Search news…",
    "footer_end": ["labnews-footer.html"],
}

NOTFOUND_CONTEXT = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>The page you asked for is not here: it may "
    "have moved, or the link may be mistyped. Search the news, or start from the "
    "latest posts.</p>",
}


def apply_frame_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: the footer component, the search placeholder and the 404 page.

    The theme options only for pydata-sphinx-theme: other themes warn about options
    they do not know.
    """
    if config.html_theme == "pydata_sphinx_theme":
        options = dict(config.html_theme_options or {})
        for name, value in THEME_DEFAULTS.items():
            options.setdefault(name, value)
        config.html_theme_options = options
    if not provided_by_user(config, "notfound_template"):
        config.notfound_template = "labnews-404.html"
    if not provided_by_user(config, "notfound_context"):
        config.notfound_context = dict(NOTFOUND_CONTEXT)


def add_footer_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The footer's links, for ``labnews-footer.html``; feeds only where they are written."""
    footer = app.config.labnews_footer
    feeds = []
    if footer.get("feeds", True) and app.config.blog_baseurl:
        feeds = [
            (fmt.upper() if fmt == "rss" else fmt.capitalize(), f"{app.config.blog_path}/{fmt}.xml")
            for fmt in app.config.labnews_feed_formats
        ]
    context["labnews_footer"] = {
        "home": footer.get("home", ""),
        "contact": footer.get("contact", ""),
        "feeds": feeds,
    }


def setup_site_frame(app: Sphinx) -> None:
    # after apply_site_defaults (600) and sphinx-notfound-page's own checks
    app.connect("config-inited", apply_frame_defaults, priority=event_order.AFTER_URL_DEFAULTS)
    app.connect("html-page-context", add_footer_context)
