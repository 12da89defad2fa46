"""Sphinx private API we read, in one place.

Sphinx 8.1 and 9.0 have no public way to tell a value the user gave from a default,
or to find (and replace) another extension's event handler. Each function names the
condition under which it can go; the rest of the package calls these instead of
touching ``Config._raw_config`` or ``app.events.listeners`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def provided_by_user(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` set ``name``.

    Sphinx private API (``Config._raw_config``): Sphinx has no public way to tell a
    default from a value the user gave. Remove when it has one.
    """
    return name in config._raw_config or name in config.overrides


def raw_config_value(config: Config, name: str, default: Any) -> Any:
    """``name`` as ``conf.py`` set it, before the value is registered (in ``setup()``).

    Sphinx private API (``Config._raw_config``): extensions that must be set up in
    ``setup()`` can only be chosen from ``conf.py``'s raw values. Remove when Sphinx
    lets an extension be set up at ``config-inited``.
    """
    return config._raw_config.get(name, default)


def take_listeners(app: Sphinx, event: str, handler: Callable[..., Any]) -> list[int]:
    """Disconnect every listener of ``event`` whose handler is ``handler``; their priorities.

    Sphinx private API (``app.events.listeners``): there is no public way to find
    another extension's handler. Remove when the upstream behaviour worked around
    (ablog's archive generator, sphinx-sitemap's writer) can be configured instead.
    """
    priorities = []
    for listener in list(app.events.listeners[event]):
        if listener.handler is handler:
            app.disconnect(listener.id)
            priorities.append(listener.priority)
    return priorities
