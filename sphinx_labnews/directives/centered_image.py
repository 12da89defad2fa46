"""``centered-image``: a centred, responsive image that Sphinx itself handles.

The old Jekyll posts centred images with ``<div align="center"><img src="/static/…">``.
Raw HTML is never seen by Sphinx: the file is not copied, the site-absolute URL breaks
under Read the Docs' ``/en/latest/`` prefix, and non-HTML builders drop it. This directive
emits an ordinary ``figure``/``image`` instead, so Sphinx copies the file, writes a URL
relative to the page and every builder renders it. ``/static/…`` paths resolve through
``labnews_static_map``, exactly as a post's ``cover`` does.

The figure sits inside a :class:`centered_image` container, which only the HTML writer
renders specially (to carry ``max-width``); every other writer falls back to its
``container`` handling through Sphinx's MRO-based dispatch.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..css import css_length
from ..site_paths import UnsafePathError, is_external, resolve_site_path
from ..warnings_ import LabnewsWarnings, warn


class centered_image(nodes.container):
    """Wrapper of a centred image; ``max_width`` (a CSS length) is applied in HTML only."""


def local_image_file(uri: str, srcdir: Path, docname: str) -> Path | None:
    """The file a resolved image URI names, or ``None`` for URLs and wildcard paths.

    Sphinx reads a leading ``/`` as "from the source directory" and anything else as
    relative to the document; ``image.*`` lets Sphinx pick a format, so we cannot
    check it here and leave it to Sphinx.
    """
    if is_external(uri) or "*" in uri:
        return None
    if uri.startswith("/"):
        return srcdir / uri.lstrip("/")
    return srcdir / PurePosixPath(docname).parent / uri


class CenteredImageDirective(SphinxDirective):
    """```` ```{centered-image} /static/img/news/photo.jpg ```` with ``:alt:`` and friends."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "alt": directives.unchanged,
        "width": directives.length_or_percentage_or_unitless,
        "max-width": directives.length_or_percentage_or_unitless,
        "caption": directives.unchanged,
        "target": directives.uri,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        path = directives.uri(self.arguments[0])
        try:
            uri = resolve_site_path(
                path,
                self.config.labnews_static_map,
                from_folder=str(PurePosixPath(self.env.docname).parent),
            )
        except UnsafePathError as error:
            warn(f"centered-image: {error}", LabnewsWarnings.IMAGE, location=location)
            return []
        local = local_image_file(uri, Path(self.env.srcdir), self.env.docname)
        if local is not None and not local.is_file():
            # ours instead of Sphinx's "image file not readable": one warning, naming the path
            resolved = "" if uri == path else f" (resolved to {uri!r})"
            warn(
                f"centered-image: image file {path!r}{resolved} not found in the "
                "documentation source",
                LabnewsWarnings.IMAGE,
                location=location,
            )
            return []
        alt = self.options.get("alt", "").strip()
        if not alt:
            warn(
                f"centered-image {path!r} has no :alt: text; describe the image for "
                "readers who cannot see it",
                LabnewsWarnings.IMAGE,
                location=location,
            )
        image = nodes.image(self.block_text, uri=uri, alt=alt, classes=["labnews-centered-img"])
        if "width" in self.options:
            image["width"] = self.options["width"]
        self.set_source_info(image)
        content: nodes.Element = image
        if "target" in self.options:
            content = nodes.reference("", "", image, refuri=self.options["target"])
        figure = nodes.figure("", content, align="center")
        self.set_source_info(figure)
        caption_text = self.options.get("caption", "").strip()
        if caption_text:
            text_nodes, messages = self.state.inline_text(caption_text, self.lineno)
            caption = nodes.caption(caption_text, "", *text_nodes)
            self.set_source_info(caption)
            figure += caption
            figure += messages
        wrapper = centered_image(
            "", figure, classes=["labnews-centered", *self.options.get("class", [])]
        )
        if "max-width" in self.options:
            wrapper["max_width"] = css_length(self.options["max-width"])
        self.set_source_info(wrapper)
        return [wrapper]


def visit_centered_image_html(translator: Any, node: centered_image) -> None:
    attributes = {}
    if node.get("max_width"):
        attributes["style"] = f"max-width: {node['max_width']}"
    translator.body.append(translator.starttag(node, "div", **attributes))


def depart_centered_image_html(translator: Any, node: centered_image) -> None:
    translator.body.append("</div>\n")


def setup_centered_image(app: Sphinx) -> None:
    # only HTML gets its own visitor; other writers render the container they subclass
    app.add_node(centered_image, html=(visit_centered_image_html, depart_centered_image_html))
    app.add_directive("centered-image", CenteredImageDirective)
