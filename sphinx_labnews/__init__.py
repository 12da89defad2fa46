"""Publish a research lab's news and press releases with Sphinx, MyST and ablog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # so that the pure modules (frontmatter, jekyll …) import no Sphinx
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when what the extension keeps in the environment changes shape (the post
#: records, the incremental state): Sphinx then re-reads every document instead of
#: unpickling an environment this version cannot use.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    """Wire the extension: ``extensions = ["sphinx_labnews"]`` is all a site needs."""
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        # per-document state lives in the env and is merged after a parallel
        # read (sphinx_labnews.incremental.merge_listing_docs), ablog's posts included
        # (sphinx_labnews.compat.ablog.merge_info)
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
