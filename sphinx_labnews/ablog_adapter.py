"""What we adapt in ablog and pydata-sphinx-theme (all workarounds are listed in
:mod:`sphinx_labnews.compat`).

* ablog's defaults are a personal blog's; a news site wants posts under
  ``news/``, archives at ``news/…`` and our feeds. With ``labnews_site_defaults =
  True`` we set them where ``conf.py`` is silent; without it ablog's settings are
  left alone, so adding the extension to an existing ablog site keeps its URLs.
* ablog's own posts (``blogpost`` front matter, ``blog_post_pattern``) are never
  news posts (:mod:`sphinx_labnews.post_detection`), so ablog's ``CheckFrontMatter``
  and our parser never both build a post node for one document.
* ablog declares itself not parallel-read safe because its posts live in
  ``env.ablog_posts`` without a merge step and in the class-level ``Blog._dict``.
  :mod:`sphinx_labnews.incremental` merges ``env.ablog_posts`` and ``Blog`` is
  rebuilt from the env at the start of each build, so reading in parallel is
  safe and we say so.
* ablog regenerates every archive page on every build; its generator is wrapped
  so unchanged pages are skipped (see :mod:`sphinx_labnews.incremental`).
* pydata-sphinx-theme switches ``fontawesome_included`` on at ``builder-inited``,
  after Sphinx compared the configuration with the last build's, so every build
  looked like a configuration change and re-read every document. Setting it at
  ``config-inited`` (when the user has not) makes the two agree.
"""

from __future__ import annotations

import html
import os
from typing import Any

from ablog.blog import Blog
from ablog.post import generate_archive_pages
from sphinx.application import Sphinx
from sphinx.config import Config

from .archive import one_archive
from .incremental import skip_unchanged_pages

#: ablog (and MyST) options a news site wants, unless ``conf.py`` sets them.
SITE_DEFAULTS: dict[str, Any] = {
    "blog_path": "news",
    "blog_feed_archives": False,  # we write the feeds (Atom and RSS)
    "blog_feed_templates": {},  # …so ablog writes none
    "post_auto_image": 1,
    "post_date_format": "%d %B %Y",
    "post_date_format_short": "%d %b %Y",
    "fontawesome_included": True,
    # what the lab's Jekyll (kramdown) posts use: $$ math $$, <img> in HTML,
    # definition lists, and ::: fences for directives that contain Markdown
    "myst_enable_extensions": ["colon_fence", "deflist", "dollarmath", "html_image"],
}


def provided_by_user(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` set ``name``.

    Sphinx private API (``Config._raw_config``): Sphinx has no public way to tell a
    default from a value the user gave. Remove when it has one.
    """
    return name in config._raw_config or name in config.overrides


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
    return _truthy(config._raw_config.get(name, False))


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


def reset_blog(app: Sphinx) -> None:
    """Start each build with an empty ``Blog``; it is rebuilt from ``env.ablog_posts``.

    ``Blog`` shares one class-level dict across instances, so a second build in
    the same process (tests, sphinx-autobuild) would otherwise see the first
    build's posts.
    """
    Blog._dict.clear()


def declare_ablog_parallel_safe(app: Sphinx) -> None:
    """ablog's own metadata says ``parallel_read_safe: False``; with our merge it is safe."""
    app.extensions["ablog"].parallel_read_safe = True


def replace_archive_generator(app: Sphinx, *, news_site: bool) -> None:
    """Swap ablog's archive-page generator for one that skips unchanged pages and, on
    a news site, writes one All news archive (:mod:`sphinx_labnews.archive`) instead
    of ablog's two; an existing ablog site keeps its own archive pages."""
    generate = one_archive(generate_archive_pages) if news_site else generate_archive_pages
    for listener in list(app.events.listeners["html-collect-pages"]):
        if listener.handler is generate_archive_pages:
            app.disconnect(listener.id)
            app.connect(
                "html-collect-pages",
                skip_unchanged_pages(generate),
                priority=listener.priority,
            )


def escape_archive_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """ablog's archive pages pass ``Posts in <tag>`` as the page ``title``, unescaped.

    Sphinx's templates print ``title`` as HTML (it normally comes from a doctree,
    already rendered), so a tag ``<script>`` reached the relbar as markup. Found by the
    hostile-post tests.
    """
    if doctree is None and templatename.startswith("ablog/") and context.get("title"):
        context["title"] = html.escape(str(context["title"]), quote=False)
