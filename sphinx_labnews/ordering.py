"""The order of posts: by date, then by file (docname), never by a field an editor changes.

ablog orders posts by ``(date, title)`` (``Post.__lt__``), for its previous/next
links, archive pages, post lists and recent posts. Labs post in pairs on the same
day, so fixing a typo in one title could swap it with its same-day sibling, and
any change of order changed the neighbours of pages far from the edit. Jekyll, and
the posts' own file names (``YYYY-MM-DD-slug.md``), order same-day posts by file
name; so does every listing, feed and neighbour link here.

ablog builds its ``Post`` objects in ``Blog.register``; on news sites
:func:`sphinx_labnews.compat.ablog.register_posts` does the same with
:class:`~sphinx_labnews.compat.ablog.NewsPost`, a ``Post`` whose order is
:func:`post_order_key`, before any of ablog's handlers registers them (they only do
so when the blog is still empty). This module keeps the order and a per-build index of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ablog.blog import FUTURE, Blog, Post


def post_order_key(post: Post) -> tuple[dt.datetime, str, str]:
    """Oldest first: the date (undated drafts last), then the docname, then the section
    (ablog allows several posts in one document)."""
    return (post.date or FUTURE, post.docname, post.section or "")


class _PostIndex:
    """What pages ask of ``blog.posts`` on every page written, computed once per build.

    A page looking for its post by scanning every post, or sorting every post to
    show twelve, made writing quadratic: at 10 000 posts, 10 000 pages each walked
    10 000 posts. The index is for one ``Collection`` (ablog makes new ones for each
    build) of one size (posts are only ever added to it, while registering).
    """

    def __init__(self, posts: Any) -> None:
        self.posts = posts
        self.size = len(posts)
        newest = sorted(posts, key=post_order_key, reverse=True)
        self.by_docname: dict[str, Post] = {}
        for post in newest:
            self.by_docname.setdefault(post.docname, post)
        self.published = tuple(post for post in newest if post.published)

    def fits(self, posts: Any) -> bool:
        return self.posts is posts and self.size == len(posts)


_INDEX: list[_PostIndex] = []


def _index(blog: Blog) -> _PostIndex:
    if not _INDEX or not _INDEX[0].fits(blog.posts):
        _INDEX[:] = [_PostIndex(blog.posts)]
    return _INDEX[0]


def post_of(blog: Blog, docname: str) -> Post | None:
    """The post ``docname`` holds (the newest, if ablog found several in it), or ``None``."""
    return _index(blog).by_docname.get(docname)


def published_newest_first(blog: Blog) -> Sequence[Post]:
    """Every published post, newest first (by :func:`post_order_key`)."""
    return _index(blog).published
