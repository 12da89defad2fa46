"""Sphinx, worked around: spare ``sphinx-build`` the collector's last sweep over a heap
it is about to drop.

When a build is over, the process holds the whole environment: every post's
table of contents, title, metadata and ablog record, a few hundred thousand
objects tied in reference cycles (docutils nodes point at their parents). On
the way out CPython sweeps all of them with the cyclic collector, object by
object, only to hand the memory back to the system a moment later. At 1000
posts that sweep is 0.5 s of a 1.5 s build with nothing changed, and 1.5 s of a
full build; measured in ``docs/guide/performance.md``.

``gc.freeze()`` at ``build-finished`` moves everything alive into the
collector's permanent generation, which neither the exit sweep nor later
collections look at. A process that goes on to build again in-process
(``sphinx.testing``, a notebook) gets the heap back when the next build starts:
it is unfrozen and collected there, once, or the next build's freeze would keep
the last one's garbage for good. A process that goes on to other work can set
``labnews_freeze_gc_after_build = False``.

The fix belongs in Sphinx's command line (``sphinx.cmd.build.main``), which knows
the process ends; an extension only knows the build did. Remove when
``sphinx.cmd.build`` freezes the heap, or exits without the sweep (``os._exit``).
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import event_order

_frozen_by_a_build = False


def freeze_heap_after_build(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, last: nothing the build made needs collecting before exit."""
    global _frozen_by_a_build
    if app.config.labnews_freeze_gc_after_build:
        gc.freeze()
        _frozen_by_a_build = True


def unfreeze_heap_before_build(app: Sphinx, config: Config) -> None:
    """``config-inited``: a new build in the same process; let the last one's heap go."""
    global _frozen_by_a_build
    if _frozen_by_a_build:
        gc.unfreeze()
        gc.collect()
        _frozen_by_a_build = False


def setup_garbage_collection(app: Sphinx) -> None:
    app.connect("config-inited", unfreeze_heap_before_build, priority=event_order.UNFREEZE_HEAP)
    app.connect("build-finished", freeze_heap_after_build, priority=1000)
