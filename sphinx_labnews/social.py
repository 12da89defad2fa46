"""Link previews: OpenGraph and Twitter card tags from each post's own fields.

sphinxext-opengraph writes the tags; left alone it would describe a post by the
first paragraph of its body and show no picture. A post already says how it wants
to be shared: its title, ``oneline_description`` and cover. They reach the
extension as page-level ``og:*`` fields (the same route as a field list such as
``:og:description:``), set on a copy of the page's metadata just before the
extension reads it, so nothing is stored in the environment.

sphinxext-opengraph only turns ``"`` into ``&quot;`` in the values it writes, and
it reads page titles and descriptions as text, so ``&lt;`` in a title reaches the
``<meta>`` tag as a raw ``<`` (harmless inside a quoted attribute, but not
escaped as everything else a reader sees is). Its tags are therefore re-escaped
once it has written them, for every page.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .ablog_adapter import provided_by_user
from .feeds import blog_of, image_url
from .listings import post_cover, post_description

#: sphinxext-opengraph options a news site wants, unless ``conf.py`` sets them.
#: Social cards need matplotlib and draw a picture per page; posts bring their cover.
OGP_DEFAULTS: dict[str, Any] = {"ogp_social_cards": {"enable": False}}


def apply_social_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: previews use the site's canonical URL (``html_baseurl``)."""
    for name, value in OGP_DEFAULTS.items():
        if not provided_by_user(config, name):
            setattr(config, name, value)
    if not provided_by_user(config, "ogp_site_url") and config.html_baseurl:
        config.ogp_site_url = config.html_baseurl


_PREVIEW_TAG = re.compile(
    r'(<meta (?:property="og:[^"]*"|name="twitter:[^"]*") content=")([^"]*)(" ?/?>)'
)


def _escape_content(match: re.Match[str]) -> str:
    value = match.group(2).replace("&quot;", '"')
    return match.group(1) + html.escape(value, quote=True) + match.group(3)


def escape_preview_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, after sphinxext-opengraph: complete its attribute escaping."""
    if "metatags" in context:
        context["metatags"] = _PREVIEW_TAG.sub(_escape_content, context["metatags"])


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


def setup_social(app: Sphinx) -> None:
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", apply_social_defaults, priority=630)
    # sphinxext-opengraph reads the fields at the default priority, 500
    app.connect("html-page-context", add_post_preview, priority=450)
    app.connect("html-page-context", escape_preview_tags, priority=550)
