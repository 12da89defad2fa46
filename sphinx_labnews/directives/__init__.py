"""Directives contributors write in posts, one module each.

The About directive lives in :mod:`sphinx_labnews.about`, next to the registry and the
default-append logic it shares with the post parser.
"""

from __future__ import annotations

from .centered_image import setup_centered_image
from .news_cards import setup_news_cards

__all__ = ["setup_centered_image", "setup_news_cards"]
