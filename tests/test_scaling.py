"""What keeps a build linear in the number of posts (``docs/guide/performance.md``).

Each page looks its post up, and each All news page its posts, in an index made
once per build (``ordering.post_of``, ``ordering.published_newest_first``), and All
news links a window of pages, not every page from every page.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from sphinx_labnews import ordering
from sphinx_labnews.archive import shown_page_numbers


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
        (1, 8, [1, 2, 3, None, 8]),
        (4, 8, [1, 2, 3, 4, 5, 6, 7, 8]),  # one-page gaps show the page, not "…"
        (400, 834, [1, None, 398, 399, 400, 401, 402, None, 834]),
        (834, 834, [1, None, 832, 833, 834]),
    ],
)
def test_all_news_links_the_first_last_and_nearby_pages(number, count, shown) -> None:
    assert shown_page_numbers(number, count) == shown


def test_every_page_links_a_bounded_number_of_pages() -> None:
    count = 10_000
    assert max(len(shown_page_numbers(n, count)) for n in range(1, count + 1)) == 9


class Posts:
    """A stand-in for ablog's ``Collection``: iterable, sized, grows while registering."""

    def __init__(self, posts: list[SimpleNamespace]) -> None:
        self.items = posts

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def post(docname: str, day: int, published: bool = True, section: str = "") -> SimpleNamespace:
    date = dt.datetime(2025, 1, day)
    return SimpleNamespace(docname=docname, date=date, section=section, published=published)


def test_post_index_finds_each_post_and_orders_the_published_newest_first() -> None:
    posts = Posts([post("news/b", 2), post("news/a", 2), post("news/c", 1, published=False)])
    blog = SimpleNamespace(posts=posts)
    assert ordering.post_of(blog, "news/a") is posts.items[1]
    assert ordering.post_of(blog, "news/c") is posts.items[2]  # drafts have pages too
    assert ordering.post_of(blog, "index") is None
    assert [p.docname for p in ordering.published_newest_first(blog)] == ["news/b", "news/a"]


def test_post_index_follows_the_posts_it_indexes() -> None:
    posts = Posts([post("news/a", 1)])
    blog = SimpleNamespace(posts=posts)
    assert ordering.post_of(blog, "news/b") is None
    posts.items.append(post("news/b", 2))  # registered later in the same build
    assert ordering.post_of(blog, "news/b") is posts.items[1]
    other = SimpleNamespace(posts=Posts([post("news/x", 3)]))  # the next build's blog
    assert ordering.post_of(other, "news/a") is None
    assert ordering.post_of(other, "news/x") is other.posts.items[0]


def test_several_posts_in_one_document_give_the_newest() -> None:
    posts = Posts([post("news/multi", 1, section="old"), post("news/multi", 3, section="new")])
    assert ordering.post_of(SimpleNamespace(posts=posts), "news/multi").section == "new"
