"""``labnews new``: start a post with the lab's front matter filled in."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import yaml

from ..frontmatter import parse_post_date
from ..jekyll import slugify
from .site import CommandError

BODY_TEMPLATE = """\
The first paragraph is the post's excerpt on the news page: say what happened, in
two or three sentences.

### Details

Write the rest of the post here.

<!-- Images go in docs/static/img/news/ and are shown with a centered-image
directive (see "Writing a post" in the contributor guide). -->
"""


def yaml_scalar(value: object) -> str:
    """One YAML value on one line, quoted only when YAML needs it (``'[Press Release] …'``)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...")


def post_slug(title: str) -> str:
    """The slug for a title; titles with nothing ASCII (Chinese) get ``post-<hash>``."""
    return slugify(title) or "post-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


def render_post(
    title: str,
    *,
    date: dt.date,
    author: str | None = None,
    tags: Sequence[str] = (),
    group: str = "news",
    cover: str | None = None,
) -> str:
    """The new post's text: front matter in the lab's field order, then the template."""
    lines = ["---", "published: true", f"title: {yaml_scalar(title)}"]
    if author:
        lines.append(f"author: {yaml_scalar(author)}")
    lines += ["layout: post", f"group: {yaml_scalar(group)}"]
    if tags:
        lines.append(f"tags: {yaml_scalar(list(tags))}")
    if cover:
        lines.append(f"cover: {yaml_scalar(cover)}")
    lines += ["oneline_description: ''", f"last_updated: {date:%Y/%m/%d}", "---", ""]
    return "\n".join(lines) + "\n" + BODY_TEMPLATE


def new_post(
    title: str,
    *,
    dest: Path,
    author: str | None = None,
    tags: str | None = None,
    group: str = "news",
    cover: str | None = None,
    date: str | None = None,
    today: dt.date | None = None,
    out: TextIO | None = None,
) -> int:
    """Write ``dest/YYYY-MM-DD-slug.md``; refuse to overwrite. Returns the exit code."""
    out = out or sys.stdout
    if not title.strip():
        raise CommandError("the title is empty")
    if date is not None:
        try:
            day = parse_post_date(date).date()
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
    else:
        day = today or dt.date.today()
    tag_list = [tag.strip() for tag in (tags or "").split(",") if tag.strip()]
    slug = post_slug(title)
    path = dest / f"{day:%Y-%m-%d}-{slug}.md"
    text = render_post(
        title.strip(),
        date=day,
        author=author,
        tags=tag_list,
        group=group,
        cover=cover,
    )
    try:
        dest.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise CommandError(f"{path} already exists; not overwriting it") from None
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror}") from None
    print(path, file=out)
    return 0
