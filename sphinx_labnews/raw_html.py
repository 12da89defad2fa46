"""Finding raw ``<img>`` HTML left in a post.

Raw HTML images bypass Sphinx: the file is not copied, a site-absolute ``src`` breaks
under a URL prefix, and non-HTML builders drop them. The post parser warns about each
one, pointing at the ``centered-image`` directive (``labnews check`` runs the build, so
it reports the same warnings).

Only HTML tokens are searched (blocks and inline), so an ``<img>`` inside a code
block or inline code, which documents HTML rather than uses it, is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.token import Token

_IMG_TAG = re.compile(r"<img\b[^>]*>?", re.IGNORECASE)
_SNIPPET_LIMIT = 80

RAW_IMAGE_ADVICE = (
    "use the centered-image directive instead (```{centered-image} path``` with :alt:), "
    "so Sphinx copies the image and links it relative to the page"
)


def _snippet(tag: str) -> str:
    tag = " ".join(tag.split())
    return tag if len(tag) <= _SNIPPET_LIMIT else tag[: _SNIPPET_LIMIT - 3] + "..."


def img_tags(html: str) -> list[tuple[int, str]]:
    """Each ``<img …>`` tag in ``html``: its 0-based line within ``html`` and a short snippet."""
    return [
        (html.count("\n", 0, match.start()), _snippet(match.group()))
        for match in _IMG_TAG.finditer(html)
    ]


def raw_images_in_tokens(tokens: Iterable[Token]) -> list[tuple[int, str]]:
    """``(1-based line, snippet)`` of each raw ``<img>`` in parsed Markdown tokens.

    Token line maps must be relative to the whole file (as MyST's are).
    """
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type == "html_block" and token.map:
            found += [(token.map[0] + 1 + line, tag) for line, tag in img_tags(token.content)]
        elif token.type == "inline" and token.map and token.children:
            # inline tokens have no line of their own: count the breaks before them
            line = token.map[0] + 1
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    found += [(line + offset, tag) for offset, tag in img_tags(child.content)]
    return found
