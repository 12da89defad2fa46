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
from ablog.post import PostNode
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .compat.ablog import register_posts
from .dates import post_date_text
from .frontmatter import one_line
from .ordering import post_order_key
from .site_paths import is_external
from .title_labels import full_title

#: Where a post's title label is kept: ablog's ``Post`` keeps only the keys it knows.
LABEL_KEY = "labnews_label"


def record_label(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before ablog's (500) replaces the post node: keep the label.

    ``env.metadata`` is merged after parallel reads and purged with its document.
    """
    for node in doctree.findall(PostNode):
        if node.get(LABEL_KEY):
            app.env.metadata[app.env.docname][LABEL_KEY] = node[LABEL_KEY]


def post_label(app: Sphinx, post: Post) -> str | None:
    """The label read off ``post``'s title (``Press Release``), if any."""
    return app.env.metadata.get(post.docname, {}).get(LABEL_KEY)


def post_full_title(app: Sphinx, post: Post) -> str:
    """The title as written, label included: what feeds show."""
    return full_title(post_label(app, post), post.title)


def label_badge_html(label: str | None) -> str:
    """The label as a sphinx-design badge (the classes of ``{bdg-primary}``), or nothing."""
    if not label:
        return ""
    return (
        '<span class="sd-badge sd-bg-primary sd-bg-text-primary labnews-label">'
        f"{html.escape(label, quote=False)}</span> "
    )


def image_src(app: Sphinx, pagename: str, uri: str) -> str:
    """The URL of a collected image, relative to ``pagename``."""
    if is_external(uri) or uri not in app.env.images:
        return uri
    filename = app.env.images[uri][1]
    return relative_uri(app.builder.get_target_uri(pagename), f"{app.builder.imagedir}/{filename}")


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


#: A post without a cover, when ``labnews_default_cover`` is empty: the package's
#: picture, inline so it takes the theme's colours (``currentColor`` and pydata's CSS
#: variables) in light and dark mode alike; an ``<img>`` SVG cannot see either.
PLACEHOLDER_SVG = (
    '<svg class="labnews-card-img labnews-card-placeholder labnews-card__image '
    'labnews-card__image--placeholder" viewBox="0 0 1200 630" aria-hidden="true" '
    'focusable="false" style="color:var(--pst-color-text-muted,#77869a)">'
    '<rect width="1200" height="630" style="fill:var(--pst-color-surface,#e9eef5)"/>'
    '<g fill="none" stroke="currentColor" stroke-width="14" stroke-linejoin="round" '
    'opacity="0.6"><rect x="450" y="200" width="300" height="230" rx="18"/>'
    '<path d="M470 400l90-100 70 70 40-40 60 70"/></g>'
    '<circle cx="680" cy="260" r="24" fill="currentColor" opacity="0.6"/></svg>'
)


def default_cover(app: Sphinx) -> str:
    """``labnews_default_cover`` (an output path such as ``_static/cover.png``), or ``""``."""
    return getattr(app.config, "labnews_default_cover", "") or ""


def collection_links(app: Sphinx, here: str, collections: Iterable[Any], css: str) -> list[str]:
    """A link per collection (author, category, tag) to its archive page, relative to the
    page at URI ``here``; a plain ``<span>`` for one without posts (no page)."""
    return [
        _link(relative_uri(here, app.builder.get_target_uri(c.docname)), str(c), css)
        if len(c)
        else f'<span class="{css}">{html.escape(str(c), quote=False)}</span>'
        for c in collections
    ]


def post_meta(app: Sphinx, here: str, post: Post, prefix: str) -> tuple[str, list[str], list[str]]:
    """A post's date ``<time>`` (``""`` without a date), its author links and its category
    links, classed ``<prefix>date``, ``<prefix>author`` and ``<prefix>category``: what the
    card's meta line and the byline both show, each joined its own way."""
    date = ""
    if post.date:
        date = (
            f'<time class="{prefix}date" datetime="{post.date.date().isoformat()}">'
            f"{html.escape(post_date_text(app, post.date))}</time>"
        )
    authors = collection_links(app, here, post.author or [], f"{prefix}author")
    categories = collection_links(app, here, post.category or [], f"{prefix}category")
    return date, authors, categories


_SEP = '<span class="labnews-card__sep" aria-hidden="true"> · </span>'


def card_meta(app: Sphinx, here: str, post: Post) -> str:
    """A card's meta line: date, authors, categories, each its own element."""
    date, authors, categories = post_meta(app, here, post, "labnews-card__")
    meta = [date] if date else []
    if authors:
        meta.append(", ".join(authors))
    meta.extend(categories)
    return f'<p class="labnews-card-meta labnews-card__meta">{_SEP.join(meta)}</p>'


def render_rows(app: Sphinx, pagename: str, posts: Iterable[Post]) -> str:
    """Posts as compact rows (no picture): the card's title and meta line, for the
    tag, category and author lists, where every post appears under each of its names."""
    builder = app.builder
    here = builder.get_target_uri(pagename)
    rows = []
    for post in posts:
        url = relative_uri(here, builder.get_target_uri(post.docname))
        label = label_badge_html(post_label(app, post))
        rows.append(
            '<li class="labnews-card labnews-card--row">'
            f'<h3 class="labnews-card__title">{label}{_link(url, post.title)}</h3>'
            f"{card_meta(app, here, post)}</li>"
        )
    return '<ul class="labnews-rows">' + "".join(rows) + "</ul>"


# Card markup (shared with the look's CSS): the old class names stay, each part also
# has a BEM name. ``labnews-cards`` (grid) > ``labnews-card`` (one post) >
# ``labnews-card__thumb`` (link) > ``labnews-card__image`` (+ ``--placeholder``);
# ``labnews-card__body`` > ``labnews-card__title`` (an ``h3``; ``labnews-label`` badge,
# then the link), ``labnews-card__meta`` (``labnews-card__date`` ``<time>``,
# ``labnews-card__author``, ``labnews-card__category``; separated by
# ``labnews-card__sep``), ``labnews-card__text`` (the description).
def render_card(app: Sphinx, pagename: str, post: Post) -> str:
    """One post as a sphinx-design card: thumbnail, label and title, date, author, category.

    Every value written by a contributor goes through :func:`html.escape`; the
    markup uses sphinx-design's classes, so it looks like a ``{grid-item-card}``.
    """
    builder = app.builder
    here = builder.get_target_uri(pagename)
    url = relative_uri(here, builder.get_target_uri(post.docname))
    cover = post_cover(post)
    fallback = default_cover(app)
    thumb = (
        f'<a class="labnews-card-thumb labnews-card__thumb" href="{html.escape(url)}" '
        'tabindex="-1" aria-hidden="true">'
    )
    if cover is not None or fallback:
        if cover is not None:
            src, alt, img_class = image_src(app, pagename, cover["uri"]), cover.get("alt", ""), ""
        else:
            src, alt = relative_uri(here, fallback), ""
            img_class = " labnews-card-placeholder labnews-card__image--placeholder"
        thumb += (
            f'<img class="sd-card-img-top labnews-card-img labnews-card__image{img_class}" '
            f'src="{html.escape(src)}" alt="{html.escape(alt)}" loading="lazy" /></a>'
        )
    else:
        thumb += PLACEHOLDER_SVG + "</a>"
    meta = card_meta(app, here, post)
    description = post_description(post)
    label = label_badge_html(post_label(app, post))
    parts = [
        '<div class="sd-col sd-d-flex-row">',
        '<div class="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm labnews-card">',
        thumb,
        '<div class="sd-card-body labnews-card__body">',
        '<h3 class="sd-card-title sd-font-weight-bold labnews-card__title">'
        f"{label}{_link(url, post.title)}</h3>",
        meta,
    ]
    if description:
        parts.append(
            '<p class="sd-card-text labnews-card__text">'
            f"{html.escape(description, quote=False)}</p>"
        )
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
    context["labnews_rows"] = partial(render_rows, app, pagename)
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
