"""The byline under a post's title: date · authors · categories · tags.

ablog shows these in the sidebar (``ablog/postcard.html``), which pydata-sphinx-theme
hides on narrow screens and which readers skip. A news article states them under its
headline. The parser puts a :class:`post_byline` placeholder right after the title;
the links point at ablog's archive pages, which only exist once every post is known,
so it is filled in at ``doctree-resolved``, from the post as ablog registered it.
"""

from __future__ import annotations

import html

from ablog.blog import Post
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .dates import post_date_text
from .feeds import blog_of
from .ordering import post_of


class post_byline(nodes.General, nodes.Element):
    """Placeholder for the byline of the post it sits in."""


def _links(app: Sphinx, pagename: str, collections: list, css_class: str) -> str:
    here = app.builder.get_target_uri(pagename)
    items = []
    for collection in collections:
        label = html.escape(str(collection), quote=False)
        if len(collection):
            href = html.escape(relative_uri(here, app.builder.get_target_uri(collection.docname)))
            items.append(f'<a class="{css_class}" href="{href}">{label}</a>')
        else:
            items.append(f'<span class="{css_class}">{label}</span>')
    return ", ".join(items)


def render_byline(app: Sphinx, pagename: str, post: Post) -> str:
    """The byline as HTML; every label is escaped, every link relative to ``pagename``."""
    parts = []
    if post.date:
        parts.append(
            f'<time class="labnews-date" datetime="{post.date.date().isoformat()}">'
            f"{html.escape(post_date_text(app, post.date))}</time>"
        )
    for collections, css_class in (
        (post.author, "labnews-author"),
        (post.category, "labnews-category"),
    ):
        if collections:
            parts.append(_links(app, pagename, collections, css_class))
    if post.tags:
        parts.append(
            '<span class="labnews-tags">'
            + _links(app, pagename, post.tags, "labnews-tag").replace(", ", " ")
            + "</span>"
        )
    return f'<p class="labnews-byline">{" · ".join(parts)}</p>'


def byline_text(app: Sphinx, post: Post) -> str:
    """The byline for builders that are not HTML, as plain text."""
    parts = [post_date_text(app, post.date)] if post.date else []
    parts += [", ".join(map(str, c)) for c in (post.author, post.category, post.tags) if c]
    return " · ".join(parts)


def resolve_byline(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill the placeholder from the registered post."""
    found = list(doctree.findall(post_byline))
    if not found:
        return
    blog = blog_of(app)
    post = post_of(blog, docname)
    for node in found:
        if post is None:
            node.parent.remove(node)
        elif app.builder.format == "html":
            node.replace_self(nodes.raw("", render_byline(app, docname, post), format="html"))
        else:
            text = byline_text(app, post)
            node.replace_self(nodes.paragraph(text, text, classes=["labnews-byline"]))


def setup_byline(app: Sphinx) -> None:
    app.add_node(post_byline)
    app.connect("doctree-resolved", resolve_byline)
