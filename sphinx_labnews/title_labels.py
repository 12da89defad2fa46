"""The lab's title labels: ``[Press Release] HKUST opens …`` is a post tagged ``Press Release``.

The lab never wrote ``tags:``; it starts a title with a bracketed label instead
(``[ICLR 2025]``, ``[Seminar]``, ``[Call for Papers]``). Read as tags, those labels
give the site its tag archives and feeds without touching a post, and the title
shown in listings, sidebars, the browser tab and link previews loses the bracket
noise (the label is shown as a badge instead). Feeds keep the full title, as the
lab's readers already know it.

The splitting is pure (:func:`split_title_label`, :func:`label_tags`) and runs in the
front-matter mapping (:func:`sphinx_labnews.frontmatter.map_front_matter`), so the
build and ``labnews check`` agree on every post's tags. ``labnews_title_labels``
turns it off (``False``) or maps label patterns onto extra tags::

    labnews_title_labels = {r"[A-Z]+ \\d{4}": ["Publication"]}

tags every venue-year label (``[ICLR 2025]``, ``[CVPR 2024]``) ``Publication`` too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

#: ``False`` (labels stay title text), ``True`` (labels become tags) or a mapping of
#: label patterns (:func:`re.fullmatch`) onto the extra tags of matching labels.
TitleLabels = bool | Mapping[str, Sequence[str]]

#: A leading ``[label]``: at most 60 characters, no nested brackets, then the title.
_LEADING_LABEL = re.compile(r"\[([^\[\]\n]{1,60})\]\s*(\S.*)", re.DOTALL)


def split_title_label(title: str) -> tuple[str | None, str]:
    """``"[Seminar] Robots"`` → ``("Seminar", "Robots")``; no label → ``(None, title)``.

    A title that is only a label (``[Seminar]``) keeps it: a post needs a title.
    """
    match = _LEADING_LABEL.fullmatch(title.strip())
    if match is None:
        return None, title
    label = " ".join(match.group(1).split())
    if not label:
        return None, title
    return label, match.group(2).strip()


def label_tags(label: str, title_labels: TitleLabels) -> list[str]:
    """The tags a label gives a post: the label, then the extra tags of matching patterns."""
    tags = [label]
    if isinstance(title_labels, Mapping):
        for pattern, extra in title_labels.items():
            if re.fullmatch(pattern, label):
                tags.extend([extra] if isinstance(extra, str) else extra)
    return tags


def full_title(label: str | None, title: str) -> str:
    """The title as the lab wrote it, for feeds: ``[label] title``."""
    return f"[{label}] {title}" if label else title


def validate_title_labels(value: Any) -> str | None:
    """The config validator: a bool, or a mapping of valid patterns to tag lists."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, Mapping):
        return f"must be bool or dict, not {type(value).__name__}"
    for pattern, extra in value.items():
        if not isinstance(pattern, str):
            return f"must map label patterns (str) to tags, got key {pattern!r}"
        try:
            re.compile(pattern)
        except re.error as error:
            return f"has an invalid pattern {pattern!r}: {error}"
        tags = [extra] if isinstance(extra, str) else extra
        if not isinstance(tags, list | tuple) or not all(isinstance(t, str) for t in tags):
            return f"must map {pattern!r} to a tag or a list of tags, got {extra!r}"
    return None
