"""The byline under a post's title: date · authors · categories · tags.

ablog shows these in the sidebar (``ablog/postcard.html``), which pydata-sphinx-theme
hides on narrow screens and which readers skip. A news article states them under its
headline. The parser puts a :class:`post_byline` placeholder right after the title;
the links point at ablog's archive pages, which only exist once every post is known,
so it is filled in at ``doctree-resolved``, from the post as ablog registered it.
"""

from __future__ import annotations

from ablog.blog import Post
from docutils import nodes
from sphinx.application import Sphinx

from .dates import post_date_text
from .feeds import blog_of
from .listings import collection_links, post_meta
from .ordering import post_of


class post_byline(nodes.General, nodes.Element):
    """Placeholder for the byline of the post it sits in."""


def render_byline(app: Sphinx, pagename: str, post: Post) -> str:
    """The byline as HTML; every label is escaped, every link relative to ``pagename``.

    The same date and links as a card's meta line (:func:`~sphinx_labnews.listings.
    post_meta`), classed ``labnews-date``, ``labnews-author``… instead of
    ``labnews-card__date``…, then the tags.
    """
    here = app.builder.get_target_uri(pagename)
    date, authors, categories = post_meta(app, here, post, "labnews-")
    parts = [date] if date else []
    parts += [", ".join(links) for links in (authors, categories) if links]
    if post.tags:
        tags = collection_links(app, here, post.tags, "labnews-tag")
        parts.append(f'<span class="labnews-tags">{" ".join(tags)}</span>')
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
