"""Link previews: OpenGraph and Twitter card tags from each post's own fields.

sphinxext-opengraph writes the tags; left alone it would describe a post by the
first paragraph of its body and show no picture. A post already says how it wants
to be shared: its title, ``oneline_description`` and cover. They reach the
extension as page-level ``og:*`` fields (the same route as a field list such as
``:og:description:``), set on a copy of the page's metadata just before the
extension reads it, so nothing is stored in the environment.

sphinxext-opengraph escapes only ``"`` in the values it writes; its tags are
re-escaped once it has written them, for every page
(:func:`sphinx_labnews.compat.opengraph.escape_preview_tags`).
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinxext.opengraph import get_tags

from . import env_state, event_order
from .compat.opengraph import escape_preview_tags
from .compat.sphinx import provided_by_user
from .feeds import blog_of, image_url
from .listings import post_cover, post_description

#: sphinxext-opengraph options a news site wants, unless ``conf.py`` sets them.
#: Social cards need matplotlib and draw a picture per page; posts bring their cover.
OGP_DEFAULTS: dict[str, Any] = {"ogp_social_cards": {"enable": False}}


#: The preview picture of pages without one, when ``labnews_default_cover`` is empty.
PLACEHOLDER_PATH = "_static/labnews-placeholder.svg"


def apply_social_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: previews use the site's canonical URL (``html_baseurl``), and
    every page without a picture of its own shows the site's default cover."""
    for name, value in OGP_DEFAULTS.items():
        if not provided_by_user(config, name):
            setattr(config, name, value)
    if not provided_by_user(config, "ogp_image"):
        config.ogp_image = config.labnews_default_cover or PLACEHOLDER_PATH
    if not provided_by_user(config, "ogp_site_url") and config.html_baseurl:
        config.ogp_site_url = config.html_baseurl


def add_post_preview(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, before sphinxext-opengraph: a post's own preview fields.

    ``og:*`` keys in a post's front matter win over these, as they would in any page.
    """
    if doctree is None or app.builder.format != "html":
        return
    blog = blog_of(app)
    if pagename not in blog:
        return
    post = blog[pagename]  # published or draft: both have a page
    fields: dict[str, str] = {"og:title": post.title, "og:type": "article"}
    description = post_description(post)
    if description:
        fields["og:description"] = description
    cover = post_cover(post)
    url = image_url(app, cover["uri"]) if cover is not None else None
    if cover is not None and url:
        fields["og:image"] = url
        fields["og:image:alt"] = cover.get("alt") or post.title
        context["metatags"] = (
            context.get("metatags", "")
            + '<meta name="twitter:card" content="summary_large_image" />\n'
        )
    context["meta"] = {**fields, **(context.get("meta") or {})}


def first_paragraph(doctree: nodes.document) -> str:
    """The page's first paragraph, as one line: what a listing page says about itself.

    sphinxext-opengraph describes a page by all its text up to 200 characters, so
    the landing page's description ran on into "All news · Atom feed · RSS feed".
    """
    paragraph = next(iter(doctree.findall(nodes.paragraph)), None)
    return " ".join(paragraph.astext().split()) if paragraph is not None else ""


def describe_listing_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, before sphinxext-opengraph: a page with a post list
    (``news-cards``) is described by its first paragraph only."""
    if doctree is None or app.builder.format != "html":
        return
    if pagename not in env_state.listing_docs(app.env):
        return
    description = first_paragraph(doctree)
    if not description:
        return
    meta = context.get("meta") or {}
    context["meta"] = {"og:description": description, **meta}
    context["metatags"] = (
        context.get("metatags", "")
        + f'<meta name="description" content="{html.escape(description, quote=True)}" />\n'
    )


def generated_page_description(app: Sphinx, context: dict[str, Any]) -> str:
    """A sentence about an archive page, which has no text of its own to quote."""
    site = app.config.project
    collection = context.get("collection")
    if context.get("pagename") == "search":
        return f"Search the news from {site}."
    if "labnews_archive_number" in context:
        return f"All news from {site}, newest first."
    if collection is not None and context.get("header") and not isinstance(collection, list):
        count = len(collection)
        noun = "post" if count == 1 else "posts"
        return f"{context['header']} {collection}: {count} news {noun} from {site}."
    return f"{context.get('title', '')} of the news from {site}."


def add_generated_page_preview(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: generated pages (archives, search, 404) get the previews
    sphinxext-opengraph gives documents (it skips pages without a doctree), through
    its own ``get_tags``."""
    if doctree is not None or app.builder.format != "html" or "metatags" not in context:
        return
    if "og:image" in context["metatags"]:
        return
    description = generated_page_description(app, context)
    document = new_document(pagename)
    document.append(nodes.paragraph(description, description))
    title = context.get("title") or app.config.html_title or app.config.project
    page_context = {**context, "title": title, "meta": {"og:type": "website"}}
    context["metatags"] += get_tags(
        page_context,
        document,
        srcdir=app.srcdir,
        outdir=app.outdir,
        config=app.config,
        builder=app.builder,
        env=app.env,
    )


def setup_social(app: Sphinx) -> None:
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", apply_social_defaults, priority=event_order.URL_DEFAULTS)
    # sphinxext-opengraph reads the fields at the default priority, 500
    app.connect("html-page-context", add_post_preview, priority=450)
    app.connect("html-page-context", describe_listing_page, priority=450)
    app.connect("html-page-context", add_generated_page_preview, priority=500)
    app.connect("html-page-context", escape_preview_tags, priority=550)
