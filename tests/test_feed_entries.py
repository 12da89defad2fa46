"""The feed's entries chosen from the posts, without a Sphinx build (fast, exact)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from sphinx_labnews.feeds import build_feed


def fake_app(metadata: dict | None = None) -> SimpleNamespace:
    config = SimpleNamespace(
        blog_baseurl="https://lab.example/", blog_feed_subtitle="", language="en"
    )
    builder = SimpleNamespace(get_target_uri=lambda docname: f"{docname}.html")
    env = SimpleNamespace(images={}, metadata=metadata or {})
    return SimpleNamespace(config=config, builder=builder, env=env)


def fake_post(day: int, title: str = "", *, date: bool = True) -> SimpleNamespace:
    return SimpleNamespace(
        date=dt.datetime(2025, 1, day) if date else None,
        update=None,
        title=title or f"Post {day}",
        docname=f"news/post-{day}",
        section=None,
        author=[],
        category=[],
        tags=[],
        excerpt=[],
    )


def entry_titles(length: int, posts: list[SimpleNamespace]) -> list[str]:
    feed = build_feed(
        fake_app(), posts, title="News", feed_url="https://lab.example/atom.xml", length=length
    )
    return [entry.title() for entry in feed.entry()]


POSTS = [fake_post(day) for day in (3, 1, 5, 2, 4)]


@pytest.mark.parametrize(
    ("length", "titles"),
    [
        (1, ["Post 5"]),
        (3, ["Post 5", "Post 4", "Post 3"]),
        (5, ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]),
        (6, ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]),
        # 0 means every post
        (0, ["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"]),
    ],
)
def test_feed_holds_the_newest_length_posts(length: int, titles: list[str]) -> None:
    assert entry_titles(length, POSTS) == titles


def test_undated_posts_are_left_out_before_counting() -> None:
    posts = [fake_post(1), fake_post(2, "Draft", date=False), fake_post(3)]
    assert entry_titles(2, posts) == ["Post 3", "Post 1"]


def test_feed_updated_is_the_newest_entry() -> None:
    feed = build_feed(
        fake_app(), POSTS, title="News", feed_url="https://lab.example/atom.xml", length=2
    )
    assert feed.updated() == dt.datetime(2025, 1, 5, tzinfo=dt.UTC)
    empty = build_feed(
        fake_app(), [], title="News", feed_url="https://lab.example/atom.xml", length=2
    )
    assert empty.updated() == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def test_feed_titles_keep_the_label() -> None:
    """Cards and pages show a title without its ``[label]``; feeds show it as written."""
    app = fake_app({"news/post-5": {"labnews_label": "Press Release"}})
    feed = build_feed(app, POSTS, title="News", feed_url="https://lab.example/atom.xml", length=2)
    assert [entry.title() for entry in feed.entry()] == ["[Press Release] Post 5", "Post 4"]
