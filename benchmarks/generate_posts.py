"""Generate N news posts in the lab's format, for benchmarks.

Each post is a seed post (from ``../shared/seeds`` when present, else a built-in
sample) with its own title, date, tags and group, so archives and feeds have
realistic shapes. Output is deterministic for a given N.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

TAGS = ["workshop", "award", "partnership", "ai", "imaging", "students", "talk", "paper"]
GROUPS = ["news", "awards", "events"]
AUTHORS = ["Cheng Jin", "Hao Chen", "Lab Admin", "Guest Writer"]

BODY = """
The **Hong Kong University of Science and Technology (HKUST)** and partners announced
news number {n}. This paragraph stands in for the opening of a press release, long
enough to be a realistic excerpt for listings and feeds.

### Background

Smart Lab has worked on trustworthy AI for healthcare and science. Our research
directions include large-scale models for healthcare, computer-assisted
intervention, AI for science, and bioinformatics.

### Details

1. **Item one** - first point of post {n}.
2. **Item two** - second point, with a [link](https://example.org/{n}).

> "A quote from a distinguished guest about event {n}."

### Looking forward

The organizers extend their heartfelt gratitude to all speakers, attendees, and
sponsors who made this a success.
"""


def front_matter(n: int, day: dt.date, rng: random.Random, style: str) -> str:
    tags = ", ".join(sorted(rng.sample(TAGS, 2)))
    author, group = rng.choice(AUTHORS), rng.choice(GROUPS)
    if style == "ablog":
        # the same post in ablog's own front-matter keys, for the plain-stack baseline
        return (
            "---\n"
            f"title: '[Press Release] Generated news item {n}'\n"
            f"author: {author}\n"
            f"category: {group}\n"
            f"tags: {tags}\n"
            f"date: {day:%Y-%m-%d}\n"
            "---\n\n"
            f"# [Press Release] Generated news item {n}\n"
        )
    return (
        "---\n"
        "published: True\n"
        f"title: '[Press Release] Generated news item {n}'\n"
        f"author: {author}\n"
        "layout: post\n"
        f"group: {group}\n"
        f"tags: [{tags}]\n"
        f"oneline_description: 'One line describing generated news item {n}.'\n"
        f"last_updated: {day:%Y/%m/%d}\n"
        "---\n"
    )


#: The newest generated post's day.
START = dt.date(2025, 7, 27)


def post_day(n: int) -> dt.date:
    """Post ``n``'s day: a post every four days back from :data:`START`, every tenth
    post on the same day as the one before it (labs post in pairs)."""
    steps = n - (n + 1) // 10
    return START - dt.timedelta(days=4 * steps)


def post_path(dest: Path, n: int, day: dt.date | None = None) -> Path:
    return dest / f"{day or post_day(n):%Y-%m-%d}-generated-{n:05d}.md"


def write_post(dest: Path, n: int, rng: random.Random, style: str, day: dt.date) -> Path:
    path = post_path(dest, n, day)
    path.write_text(front_matter(n, day, rng, style) + BODY.format(n=n), encoding="utf-8")
    return path


def write_posts(dest: Path, count: int, style: str = "lab") -> list[Path]:
    """Write ``count`` posts into ``dest`` (days: :func:`post_day`).

    ``style`` is ``"lab"`` (the lab's Jekyll-style keys, as sphinx-labnews and
    Jekyll read them) or ``"ablog"`` (ablog's own keys and an H1, as plain ablog
    needs).
    """
    rng = random.Random(count)
    dest.mkdir(parents=True, exist_ok=True)
    return [write_post(dest, n, rng, style, post_day(n)) for n in range(count)]
