"""The order of posts: by date, then by file (docname), never by a field an editor changes.

ablog orders posts by ``(date, title)`` (``Post.__lt__``), for its previous/next
links, archive pages, post lists and recent posts. Labs post in pairs on the same
day, so fixing a typo in one title could swap it with its same-day sibling, and
any change of order changed the neighbours of pages far from the edit. Jekyll, and
the posts' own file names (``YYYY-MM-DD-slug.md``), order same-day posts by file
name; so does every listing, feed and neighbour link here.

ablog builds its ``Post`` objects in ``Blog.register``; :func:`register_posts` does
the same with :class:`NewsPost`, a ``Post`` whose order is :func:`post_order_key`,
before any of ablog's handlers registers them (they only do so when the blog is
still empty).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ablog.blog import FUTURE, TOMORROW, Blog, Post
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import env_state


def post_order_key(post: Post) -> tuple[dt.datetime, str, str]:
    """Oldest first: the date (undated drafts last), then the docname, then the section
    (ablog allows several posts in one document)."""
    return (post.date or FUTURE, post.docname, post.section or "")


class NewsPost(Post):
    """ablog's ``Post``, ordered by :func:`post_order_key` instead of by title."""

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Post):
            return NotImplemented
        return post_order_key(self) < post_order_key(other)


def register_posts(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: register this build's posts in ablog's ``Blog`` as :class:`NewsPost`.

    The same steps as ``Blog.register`` (ablog 0.11), with our class; ablog's own
    ``register_posts`` is skipped by its handlers once the blog has posts.
    """
    blog = Blog(app)
    if len(blog.posts) or len(blog.drafts):
        return
    for docname, infos in sorted(env_state.ablog_posts(env).items()):
        for info in infos:
            post = NewsPost(blog, docname, info)
            if post.date and post.date < TOMORROW:
                blog.posts.add(post)
            else:
                blog.drafts.add(post)
            for catalog in blog.catalogs.values():
                catalog.add(post)


def setup_ordering(app: Sphinx) -> None:
    # before the writers: ablog's handlers register posts lazily when writing
    app.connect("env-updated", register_posts, priority=400)
