"""Shared fixtures: sphinx.testing roots under tests/roots, and ablog's reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from ablog.blog import Blog

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(autouse=True)
def reset_ablog() -> None:
    """ablog keeps every post in a class-level dict; each build must start empty."""
    Blog._dict.clear()
    yield
    Blog._dict.clear()


@pytest.fixture(scope="session")
def news_cards_site(tmp_path_factory: pytest.TempPathFactory):
    """One build of the ``news-cards`` root, read (never changed) by the cards, feeds and
    social-preview tests."""
    from helpers import build_copy

    return build_copy("news-cards", tmp_path_factory)


#: Test modules that are slow as a whole: many builds or generated sites.
SLOW_MODULES = frozenset({"test_reproducible", "test_hostile_posts", "test_nasty_posts"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark property-based (Hypothesis) and reproducibility tests ``slow``.

    ``pytest -m "not slow"`` then runs the rest in a fraction of the time.
    """
    for item in items:
        module = getattr(item, "module", None)
        function = getattr(item, "obj", None)
        if (module is not None and module.__name__ in SLOW_MODULES) or getattr(
            function, "is_hypothesis_test", False
        ):
            item.add_marker(pytest.mark.slow)
