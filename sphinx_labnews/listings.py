"""How a post appears in listings: its cover, then its one-line description.

ablog's ``Post.to_html`` wraps the excerpt in a ``<p>``, so the description's own
paragraph becomes a ``<p>`` inside a ``<p>``, which browsers and feed readers
split apart. Here the excerpt is rendered inside a ``<div>`` instead, cover
first, through ablog's own writer helper, and offered to templates as
``labnews_excerpt(post)``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ablog.blog import Post, html_builder_write_doc, revise_pending_xrefs
from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx


def render_excerpt(app: Sphinx, pagename: str, post: Post) -> str:
    """The post's cover and description as HTML, with links relative to ``pagename``."""
    excerpt = list(post.excerpt)
    images = [node for node in excerpt if isinstance(node, nodes.image)]
    rest = [node for node in excerpt if not isinstance(node, nodes.image)]
    container = nodes.container(classes=["labnews-excerpt"])
    for node in images[:1]:
        image = node.deepcopy()
        # the post's first image may be a centred body image: its size is for the post
        for size in ("width", "height", "scale"):
            image.attributes.pop(size, None)
        image["classes"] = [*image.get("classes", []), "labnews-thumbnail"]
        container.append(image)
    for node in rest:
        container.append(node.deepcopy())
    doctree = new_document("")
    doctree.append(container)
    revise_pending_xrefs(doctree, pagename)
    app.env.resolve_references(doctree, pagename, app.builder)
    add_permalinks, app.builder.add_permalinks = app.builder.add_permalinks, False
    try:
        return html_builder_write_doc(app.builder, pagename, doctree)
    finally:
        app.builder.add_permalinks = add_permalinks


def add_excerpt_renderer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["labnews_excerpt"] = partial(render_excerpt, app, pagename)
