"""Sphinx, worked around: Jinja templates compiled afresh in every process.

Remove :func:`cache_compiled_templates` when Sphinx caches compiled templates
between builds itself.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx


def cache_compiled_templates(app: Sphinx) -> None:
    """``builder-inited``: keep Jinja's compiled templates between builds.

    Sphinx compiles every template afresh in each process (0.2 s of a 1.7 s
    build with nothing changed at 1000 posts). Jinja's own bytecode cache, in
    the doctree directory, checks each template's source before reusing it.
    Remove when Sphinx caches compiled templates (a bytecode cache) itself.
    """
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir) / "labnews-jinja"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
