"""What we patch in sphinxext-opengraph (tested 0.13; news sites only).

Both run at ``html-page-context`` after sphinxext-opengraph (priority 500) has put
its tags in ``context["metatags"]``, and rewrite those tags.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

_PREVIEW_TAG = re.compile(
    r'(<meta (?:property="og:[^"]*"|name="twitter:[^"]*") content=")([^"]*)(" ?/?>)'
)


def _escape_content(match: re.Match[str]) -> str:
    value = match.group(2).replace("&quot;", '"')
    return match.group(1) + html.escape(value, quote=True) + match.group(3)


def escape_preview_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, after sphinxext-opengraph: complete its attribute escaping.

    sphinxext-opengraph only turns ``"`` into ``&quot;`` and reads titles and
    descriptions as text, so ``&lt;`` in a title reached the ``<meta>`` tag as a raw
    ``<``. Remove when sphinxext-opengraph escapes attribute values fully.
    """
    if "metatags" in context:
        context["metatags"] = _PREVIEW_TAG.sub(_escape_content, context["metatags"])


_RELATIVE_OG_URL = re.compile(
    r'<meta property="og:url" content="(?![a-z][a-z0-9+.-]*:)[^"]*" ?/?>\n?'
)


def drop_relative_og_url(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, after sphinxext-opengraph: a relative ``og:url`` is no URL.

    Without a site URL sphinxext-opengraph writes the page's relative path; a link
    preview needs an absolute one. Remove when sphinxext-opengraph leaves ``og:url``
    out without a site URL.
    """
    if not app.config.html_baseurl and "metatags" in context:
        context["metatags"] = _RELATIVE_OG_URL.sub("", context["metatags"])
