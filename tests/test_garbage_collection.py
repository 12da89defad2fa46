"""The collector is frozen when a build is over and given back when the next one starts."""

from __future__ import annotations

import gc
import weakref

import pytest
from helpers import build_copy

#: More objects than an interpreter keeps frozen by itself (Python 3.12 starts with a few
#: hundred in the permanent generation, and they come back after ``gc.unfreeze()``),
#: far fewer than a finished build of even the minimal site (about 85 000).
FROZEN_HEAP = 10_000


@pytest.fixture(autouse=True)
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_finished_build_leaves_the_heap_frozen(tmp_path_factory) -> None:
    app = build_copy("minimal", tmp_path_factory)
    assert app.statuscode == 0
    # the environment is among the frozen objects: the exit sweep skips it
    assert gc.get_freeze_count() > FROZEN_HEAP
    env = weakref.ref(app.env)
    del app
    gc.collect()
    assert env() is not None


def test_the_next_build_lets_the_last_ones_heap_go(tmp_path_factory) -> None:
    first = build_copy("minimal", tmp_path_factory)
    first_env = weakref.ref(first.env)
    del first
    second = build_copy("minimal", tmp_path_factory)
    gc.collect()
    # unfrozen when the second build started, then collected
    assert first_env() is None
    assert gc.get_freeze_count() > FROZEN_HEAP
    assert second.statuscode == 0


def test_freezing_can_be_turned_off(tmp_path_factory) -> None:
    app = build_copy(
        "minimal", tmp_path_factory, confoverrides={"labnews_freeze_gc_after_build": False}
    )
    assert app.statuscode == 0
    # not 0: Python 3.12 keeps a few hundred objects frozen of its own
    assert gc.get_freeze_count() < FROZEN_HEAP
