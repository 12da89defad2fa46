"""How a post appears in listings: its cover, then its one-line description.

Archive pages list every post several times (all news, its year, category,
author and tags), so this runs thousands of times a build. ablog's
``Post.to_html`` builds a fresh docutils document per call (with docutils'
option parsing, ~1 ms each) and wraps the excerpt in a ``<p>``, so the
description's own paragraph becomes a ``<p>`` inside a ``<p>``. Here each post
becomes a card (cover, title, date, category, description) written directly from
escaped values. Image links come from ``env.images``, which, unlike ``builder.images``, also
knows the images of posts not rewritten in this build.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import partial
from typing import Any

from ablog.blog import Blog, Post
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .dates import post_date_text
from .frontmatter import one_line
from .ordering import post_order_key, register_posts
from .site_paths import is_external


def image_src(app: Sphinx, pagename: str, uri: str) -> str:
    """The URL of a collected image, relative to ``pagename``."""
    if is_external(uri) or uri not in app.env.images:
        return uri
    filename = app.env.images[uri][1]
    return relative_uri(app.builder.get_target_uri(pagename), f"{app.builder.imagedir}/{filename}")


#: Shown on a card when a post has no cover, so every card has the same shape.
PLACEHOLDER_IMAGE = "_static/labnews-placeholder.svg"


def post_cover(post: Post) -> nodes.image | None:
    """The post's cover: the first image of its excerpt (ablog's ``post_auto_image``)."""
    return next((node for node in post.excerpt if isinstance(node, nodes.image)), None)


def post_description(post: Post) -> str:
    """The post's one-line description, as plain text (the excerpt's paragraphs).

    A body's first paragraph (the excerpt when there is no description) may hold
    control characters, which XML cannot carry and no reader wants to see.
    """
    return one_line(
        " ".join(node.astext() for node in post.excerpt if isinstance(node, nodes.paragraph))
    )


def _link(href: str, text: str, css_class: str = "") -> str:
    class_attr = f' class="{css_class}"' if css_class else ""
    return f'<a{class_attr} href="{html.escape(href)}">{html.escape(text, quote=False)}</a>'


def render_card(app: Sphinx, pagename: str, post: Post) -> str:
    """One post as a sphinx-design card: thumbnail, title, date, category, description.

    Every value written by a contributor goes through :func:`html.escape`; the
    markup uses sphinx-design's classes, so it looks like a ``{grid-item-card}``.
    """
    builder = app.builder
    here = builder.get_target_uri(pagename)
    url = relative_uri(here, builder.get_target_uri(post.docname))
    cover = post_cover(post)
    if cover is not None:
        src, alt, img_class = image_src(app, pagename, cover["uri"]), cover.get("alt", ""), ""
    else:
        src, alt, img_class = relative_uri(here, PLACEHOLDER_IMAGE), "", " labnews-card-placeholder"
    meta = []
    if post.date:
        meta.append(
            f'<time datetime="{post.date.date().isoformat()}">'
            f"{html.escape(post_date_text(app, post.date))}</time>"
        )
    for category in post.category:
        meta.append(
            _link(relative_uri(here, builder.get_target_uri(category.docname)), str(category))
            if len(category)
            else html.escape(str(category), quote=False)
        )
    description = post_description(post)
    parts = [
        '<div class="sd-col sd-d-flex-row">',
        '<div class="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm labnews-card">',
        f'<a class="labnews-card-thumb" href="{html.escape(url)}" tabindex="-1" aria-hidden="true">'
        f'<img class="sd-card-img-top labnews-card-img{img_class}" src="{html.escape(src)}" '
        f'alt="{html.escape(alt)}" loading="lazy" /></a>',
        '<div class="sd-card-body">',
        f'<div class="sd-card-title sd-font-weight-bold">{_link(url, post.title)}</div>',
        f'<p class="labnews-card-meta">{" · ".join(meta)}</p>',
    ]
    if description:
        parts.append(f'<p class="sd-card-text">{html.escape(description, quote=False)}</p>')
    parts += ["</div>", "</div>", "</div>"]
    return "".join(parts)


def render_cards(app: Sphinx, pagename: str, posts: Iterable[Post]) -> str:
    """Posts as a responsive grid of cards (one column on phones, three on wide screens).

    The one function behind both the ``news-cards`` directive and the archive
    templates (``labnews_cards(posts)``), so the two cannot drift apart.
    """
    cards = "\n".join(render_card(app, pagename, post) for post in posts)
    return (
        '<div class="sd-container-fluid sd-sphinx-override sd-mb-4 labnews-cards">\n'
        '<div class="sd-row sd-row-cols-1 sd-row-cols-xs-1 sd-row-cols-sm-2 sd-row-cols-md-3 '
        'sd-row-cols-lg-3 sd-g-3 sd-g-xs-3 sd-g-sm-3 sd-g-md-3 sd-g-lg-3">\n'
        f"{cards}\n</div>\n</div>"
    )


def add_card_renderer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["labnews_cards"] = partial(render_cards, app, pagename)
    context["labnews_description"] = post_description
    # templates name months through this, not ``date.strftime`` (the machine's locale)
    context["labnews_date"] = partial(post_date_text, app)


def blog_of(app: Sphinx) -> Blog:
    """ablog's shared :class:`Blog`, with this build's posts registered."""
    blog = Blog(app)
    if not blog:
        register_posts(app, app.env)
    return blog


def newest_first(posts: Iterable[Post]) -> list[Post]:
    """Newest first, same-day posts by file name (see :mod:`sphinx_labnews.ordering`)."""
    return sorted(posts, key=post_order_key, reverse=True)
