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
from sphinx_labnews.archive import (
    LATEST,
    newer_page,
    older_page,
    older_page_count,
    page_posts,
    shown_page_numbers,
    shown_pages,
)


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


@pytest.mark.parametrize(
    ("posts", "older"),
    [(0, 0), (1, 0), (12, 0), (23, 0), (24, 1), (35, 1), (36, 2), (1000, 82), (1012, 83)],
)
def test_all_news_pages_count_from_the_oldest_post(posts, older) -> None:
    assert older_page_count(posts, 12) == older
    newest_first = tuple(range(posts - 1, -1, -1))  # post n is the n-th oldest
    pages = [page_posts(newest_first, LATEST, 12)]
    pages += [page_posts(newest_first, n, 12) for n in range(older, 0, -1)]
    # every post once, newest first; the first page 12 to 23 posts, the others 12,
    # page n the n-th twelve counted from the oldest
    assert [post for page in pages for post in page] == list(newest_first)
    assert posts < 12 or 12 <= len(pages[0]) < 24
    for n in range(1, older + 1):
        assert page_posts(newest_first, n, 12) == tuple(range(12 * n - 1, 12 * (n - 1) - 1, -1))


def test_a_new_post_changes_no_numbered_page_and_few_pages_links() -> None:
    size = 12
    for posts in range(1, 400):
        before = tuple(range(posts - 1, -1, -1))
        after = (posts, *before)
        count = older_page_count(posts, size)
        for n in range(1, count + 1):
            assert page_posts(after, n, size) == page_posts(before, n, size)
        grown = older_page_count(posts + 1, size)
        changed = [n for n in range(1, count + 1) if shown_pages(n, count) != shown_pages(n, grown)]
        assert len(changed) <= 4 and (changed == []) == (grown == count or count == 0)


@pytest.mark.parametrize(
    ("number", "count", "shown", "newer", "older"),
    [
        (LATEST, 0, [LATEST], None, None),
        (LATEST, 2, [LATEST, 2, 1], None, 2),
        (2, 2, [LATEST, 2, 1], LATEST, 1),
        (1, 2, [LATEST, 2, 1], 2, None),
        (LATEST, 82, [LATEST, 82, 81, None, 1], None, 82),
        (40, 82, [LATEST, None, 42, 41, 40, 39, 38, None, 1], 41, 39),
        (1, 82, [LATEST, None, 3, 2, 1], 2, None),
    ],
)
def test_all_news_links_read_from_the_latest_to_page_1(number, count, shown, newer, older) -> None:
    assert shown_pages(number, count) == shown
    assert (newer_page(number, count), older_page(number, count)) == (newer, older)


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
