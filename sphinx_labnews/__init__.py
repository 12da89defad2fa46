"""Publish a research lab's news and press releases with Sphinx, MyST and ablog."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Wire the extension: ``extensions = ["sphinx_labnews"]`` is all a site needs."""
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        # ablog keeps its posts in a class-level dict and declares itself not
        # parallel-read safe; a parallel read would lose the posts of all but one
        # worker. Our own per-document work is safe.
        "parallel_read_safe": False,
        "parallel_write_safe": True,
    }
