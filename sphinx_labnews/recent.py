"""Recent news and counts per category and year, written once per build, not into every post.

ablog's ``recentposts``, ``categories`` and ``archives`` sidebars bake the newest
posts and the counts into every page that shows them, so adding a post or fixing
the newest title rewrote every post page (1000 posts: 1000 pages per save).

The ``labnews/recent-news.html`` sidebar instead holds a link to the archive and
points at one fragment, ``<blog_path>/_recent.html``, written here once per build
(and only when its bytes change). ``static/labnews-recent.js`` fetches it and puts
its lists in the sidebar; without JavaScript (or opened from ``file://``) the
reader still has the link to all news. A post page then depends on nothing but
its own post and its neighbours, and the fragment is never stale: every build
writes it from this build's posts.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from ablog.blog import Blog
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _

from .archive import LATEST, page_docname
from .listings import blog_of

#: The sidebar template that loads the fragment.
TEMPLATE = "labnews/recent-news.html"
#: ablog's sidebars that show other posts (recent posts, counts); a page showing one
#: changes whenever posts are added, removed, re-dated or relabelled.
SITE_WIDE_SIDEBARS = frozenset(
    f"ablog/{name}.html"
    for name in (
        "recentposts",
        "categories",
        "archives",
        "tagcloud",
        "authors",
        "languages",
        "locations",
    )
)
RECENT_COUNT = 5


def fragment_name(app: Sphinx) -> str:
    """The fragment's page name, in the news folder: ``news/_recent``."""
    return f"{app.config.blog_path}/_recent"


def shows_site_wide_sidebars(app: Sphinx) -> bool:
    """Whether any page is configured to show one of ablog's site-wide sidebars.

    Then every page showing it must be rewritten when what it shows changes
    (see :func:`sphinx_labnews.incremental.pages_to_rewrite`).
    """
    sidebars = getattr(app.config, "html_sidebars", {}) or {}
    names = {name for value in sidebars.values() for name in _as_list(value)}
    options = getattr(app.config, "html_theme_options", {}) or {}
    names.update(_as_list(options.get("secondary_sidebar_items", [])))
    return bool(names & SITE_WIDE_SIDEBARS)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # pydata: {pattern: [templates]}
        return [name for names in value.values() for name in _as_list(names)]
    return [str(name) for name in value or []]


def render_fragment(app: Sphinx, blog: Blog) -> str:
    """The fragment's HTML: recent posts, categories and years with counts, escaped.

    Links are relative to the fragment; the script resolves them against its URL.
    """
    here = fragment_name(app)

    def link(target: str, text: str) -> str:
        href = html.escape(app.builder.get_relative_uri(here, target))
        return f'<a href="{href}">{html.escape(text, quote=False)}</a>'

    def section(css: str, title: str, target: str, items: Iterable[str]) -> str:
        entries = "".join(f"\n    <li>{item}</li>" for item in items)
        return (
            # a labelled landmark, as the sidebar box it replaces
            f'  <nav class="ablog-sidebar-item {css}" aria-label="{html.escape(title)}">\n'
            f"  <h3>{link(target, title)}</h3>\n"
            f"  <ul>{entries}\n  </ul>\n  </nav>\n"
        )

    all_news = page_docname(app, LATEST)
    recent = [post for _, post in zip(range(RECENT_COUNT), blog.posts, strict=False)]
    parts = [
        section(
            "ablog__recentposts",
            _("Recent news"),
            all_news,
            [link(post.docname, str(post.title)) for post in recent],
        )
    ]
    # ablog's year catalog page gives way to All news (sphinx_labnews.archive)
    for catalog, title, target in (
        (blog.category, _("Categories"), blog.category.docname),
        (blog.archive, _("Archives"), all_news),
    ):
        collections = [coll for coll in catalog if len(coll)]
        if collections:
            items = [link(coll.docname, f"{coll} ({len(coll)})") for coll in collections]
            parts.append(section("", title, target, items))
    return '<div class="labnews-recent-fragment">\n' + "".join(parts) + "</div>\n"


def write_fragment(app: Sphinx) -> Iterable[Any]:
    """``html-collect-pages``: write the fragment when its bytes change."""
    if app.builder.format == "html" and app.builder.name not in {"json", "pickle"}:
        builder = cast(StandaloneHTMLBuilder, app.builder)  # format "html", not json/pickle
        path = Path(builder.get_outfilename(fragment_name(app)))
        text = render_fragment(app, blog_of(app))
        if not path.is_file() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    return []


def add_fragment_url(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the fragment's file, for the sidebar's ``pathto(..., 1)``."""
    builder = cast(StandaloneHTMLBuilder, app.builder)  # html-page-context: an HTML builder
    context["labnews_recent_fragment"] = (
        Path(builder.get_outfilename(fragment_name(app))).relative_to(builder.outdir).as_posix()
    )


def setup_recent_news(app: Sphinx) -> None:
    app.connect("html-collect-pages", write_fragment)
    app.connect("html-page-context", add_fragment_url)
