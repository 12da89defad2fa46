"""How a post appears in listings: its cover, then its one-line description.

Archive pages list every post several times (all news, its year, category,
author and tags), so this runs thousands of times a build. ablog's
``Post.to_html`` builds a fresh docutils document per call (with docutils'
option parsing, ~1 ms each) and wraps the excerpt in a ``<p>``, so the
description's own paragraph becomes a ``<p>`` inside a ``<p>``. Here the usual
excerpt (a cover and a plain-text description) is written directly, escaped;
anything richer goes through ablog's writer helper with the builder's settings.
Image links come from ``env.images``, which, unlike ``builder.images``, also
knows the images of posts not rewritten in this build.
"""

from __future__ import annotations

import html
from functools import partial
from typing import Any

from ablog.blog import Post, html_builder_write_doc, revise_pending_xrefs
from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .site_paths import is_external


def image_src(app: Sphinx, pagename: str, uri: str) -> str:
    """The URL of a collected image, relative to ``pagename``."""
    if is_external(uri) or uri not in app.env.images:
        return uri
    filename = app.env.images[uri][1]
    return relative_uri(app.builder.get_target_uri(pagename), f"{app.builder.imagedir}/{filename}")


def _is_plain_paragraph(node: nodes.Node) -> bool:
    return isinstance(node, nodes.paragraph) and all(
        isinstance(child, nodes.Text) for child in node.children
    )


def _render_nodes(app: Sphinx, pagename: str, excerpt_nodes: list[nodes.Node]) -> str:
    doctree = new_document("", app.builder.docsettings)
    for node in excerpt_nodes:
        doctree.append(node.deepcopy())
    if any(True for _ in doctree.findall(addnodes.pending_xref)):
        revise_pending_xrefs(doctree, pagename)
        app.env.resolve_references(doctree, pagename, app.builder)
    add_permalinks, app.builder.add_permalinks = app.builder.add_permalinks, False
    try:
        return html_builder_write_doc(app.builder, pagename, doctree)
    finally:
        app.builder.add_permalinks = add_permalinks


def render_excerpt(app: Sphinx, pagename: str, post: Post) -> str:
    """The post's cover and summary as HTML, with links relative to ``pagename``."""
    images = [node for node in post.excerpt if isinstance(node, nodes.image)]
    rest = [node for node in post.excerpt if not isinstance(node, nodes.image)]
    parts = ['<div class="labnews-excerpt">']
    for image in images[:1]:
        src = html.escape(image_src(app, pagename, image["uri"]))
        alt = html.escape(image.get("alt", ""))
        parts.append(f'<img class="labnews-thumbnail" src="{src}" alt="{alt}" loading="lazy" />')
    if all(_is_plain_paragraph(node) for node in rest):
        parts.extend(f"<p>{html.escape(node.astext(), quote=False)}</p>" for node in rest)
    else:
        parts.append(_render_nodes(app, pagename, rest))
    parts.append("</div>")
    return "\n".join(parts)


def add_excerpt_renderer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    context["labnews_excerpt"] = partial(render_excerpt, app, pagename)
