"""The About block file format, without Sphinx: one reader for the build and the importer.

A block file is optional front matter, a ``# Heading`` line, then the block's
Markdown body. The ``about`` directive (:mod:`sphinx_labnews.about`) and
``labnews import-jekyll`` (:class:`sphinx_labnews.jekyll.AboutBlock`) both read it
with :func:`split_about_source`, so the importer never registers a block whose
heading the build would read differently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .frontmatter import split_front_matter

_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True)
class AboutSource:
    """An About file, split into the heading text and the Markdown body under it."""

    title: str
    body: str
    #: 0-based line of the body's first line in the file.
    body_line: int


def split_about_source(text: str, *, fallback_title: str) -> tuple[AboutSource, str | None]:
    """Split an About file into its ``# Heading`` and body.

    Front matter, if any, is skipped. Returns the parts and a problem message when
    the first content line is not a level-1 heading (then ``fallback_title`` is used
    and the whole text is the body), so a malformed block still shows its text.
    """
    lines = text.lstrip("\ufeff").splitlines()
    start = 0
    block, end_line = split_front_matter(text)
    if block is not None:
        start = end_line
    while start < len(lines) and not lines[start].strip():
        start += 1
    match = _H1.match(lines[start]) if start < len(lines) else None
    if match is None:
        body = "\n".join(lines[start:])
        problem = "does not start with a '# Heading' line; using " + repr(fallback_title)
        return AboutSource(fallback_title, body, start), problem
    return AboutSource(match["title"].strip(), "\n".join(lines[start + 1 :]), start + 1), None


def wanted_keys(
    front_matter_about: tuple[str, ...] | None, default_about: Sequence[str], known: Sequence[str]
) -> list[str]:
    """Which blocks to append to a post, before removing those it already shows.

    ``None`` (no ``about`` key, or ``about: true``) means the site's defaults, less any
    unknown key (reported once, at startup); a tuple is the post's own choice, reported
    per post if unknown; ``()`` (``about: false``) means none.
    """
    if front_matter_about is None:
        keys = [key for key in default_about if key in known]
    else:
        keys = list(front_matter_about)
    return list(dict.fromkeys(keys))
