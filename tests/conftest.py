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
