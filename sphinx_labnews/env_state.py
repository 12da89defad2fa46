"""Everything the extension keeps in Sphinx's build environment, declared once.

Sphinx pickles ``app.env`` between builds and copies it to parallel readers; an
extension keeps its state there as attributes (:class:`BuildEnvironment` declares
none of them). Each attribute we read is listed here with its type, what it holds and
the events that keep it right; the rest of the package goes through the accessors,
never ``getattr(env, "…", default)`` or ``hasattr``.

``env.labnews_listing_docs`` (``set[str]``)
    Documents that list posts (``news-cards``, ablog's ``postlist``): they change with
    any post. Added at ``doctree-read``
    (:func:`sphinx_labnews.incremental.note_listing_doc`), merged at
    ``env-merge-info`` (:func:`~sphinx_labnews.incremental.merge_listing_docs`), purged at
    ``env-purge-doc`` (:func:`~sphinx_labnews.incremental.purge_doc`).
``env.labnews_blog_state`` (``dict | None``)
    The last build's post fingerprints, order and sidebar digest
    (:func:`sphinx_labnews.incremental.blog_state`); ``None`` before the first
    ``env-updated``, which replaces it whole (nothing to merge or purge per document).
``env.ablog_posts`` (``dict[str, list[dict]]``, ablog's)
    ablog's post records by document. ablog creates it at its first ``doctree-read``
    and purges it; we merge it after a parallel read
    (:func:`~sphinx_labnews.compat.ablog.merge_info`) and read it.

All three are created, when missing (a fresh environment, or one pickled by an older
version), once per build at ``env-before-read-docs``, which every build runs before
it reads, writes or merges anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

LISTING_DOCS = "labnews_listing_docs"
BLOG_STATE = "labnews_blog_state"
ABLOG_POSTS = "ablog_posts"

#: Every attribute, with the factory of its initial value.
DECLARED: dict[str, Callable[[], Any]] = {
    LISTING_DOCS: set,
    BLOG_STATE: lambda: None,
    ABLOG_POSTS: dict,
}


def init_env_state(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: create the attributes a fresh environment lacks."""
    for name, initial in DECLARED.items():
        if not hasattr(env, name):
            setattr(env, name, initial())


def listing_docs(env: BuildEnvironment) -> set[str]:
    """``env.labnews_listing_docs``: the documents that list posts (a live set)."""
    docs: set[str] = getattr(env, LISTING_DOCS)
    return docs


def last_blog_state(env: BuildEnvironment) -> dict[str, Any] | None:
    """``env.labnews_blog_state``: what the last ``env-updated`` recorded, if any."""
    state: dict[str, Any] | None = getattr(env, BLOG_STATE)
    return state


def store_blog_state(env: BuildEnvironment, state: dict[str, Any]) -> None:
    setattr(env, BLOG_STATE, state)


def ablog_posts(env: Any) -> dict[str, list[dict[str, Any]]]:
    """``env.ablog_posts``: ablog's post records by document (a live dict).

    ``env`` is typed ``Any``: pure tests pass any object with the attribute.
    """
    posts: dict[str, list[dict[str, Any]]] = getattr(env, ABLOG_POSTS)
    return posts


def setup_env_state(app: Sphinx) -> None:
    # first, so every other handler of the event finds the attributes
    app.connect("env-before-read-docs", init_env_state, priority=100)
