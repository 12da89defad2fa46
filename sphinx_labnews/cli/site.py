"""What the commands need to know about the site, read from its ``conf.py``.

``new`` and ``import-jekyll`` do not run a build, but must agree with the build:
the About blocks, the static map and the post pattern come from the same
``conf.py``. (``check`` needs none of this: it runs the build itself.) It
is executed as Sphinx would (in its own folder); if it cannot be run, the
defaults are used and the user is told, so a broken ``conf.py`` never hides a
post's own problems.
"""

from __future__ import annotations

import contextlib
import runpy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import LabnewsConfig
from ..jekyll import AboutBlock


class CommandError(Exception):
    """An expected failure: ``main`` prints the message and exits with 1."""


@dataclass
class SiteSettings:
    """The ``labnews_*`` values the commands use, and where the site's sources are."""

    srcdir: Path
    static_map: dict[str, str] = field(default_factory=lambda: LabnewsConfig().static_map)
    post_pattern: list[str] = field(default_factory=lambda: LabnewsConfig().post_pattern)
    about_blocks: dict[str, str] = field(default_factory=dict)
    default_about: list[str] = field(default_factory=list)
    redirects_file: str = LabnewsConfig().redirects_file
    #: Why ``conf.py`` could not be used, if it could not.
    problem: str | None = None

    def read_about_blocks(self) -> tuple[list[AboutBlock], list[str]]:
        """The registered About blocks, and a message for each file that cannot be read."""
        blocks: list[AboutBlock] = []
        problems: list[str] = []
        for key, relative in self.about_blocks.items():
            path = self.srcdir / relative
            try:
                blocks.append(AboutBlock.from_markdown(key, path.read_text(encoding="utf-8")))
            except OSError as error:
                problems.append(f"About block {key!r}: cannot read {path}: {error.strerror}")
        return blocks, problems


def _valid(value: Any, kind: Any) -> bool:
    return isinstance(value, kind)


def load_site_settings(conf_dir: Path) -> SiteSettings:
    """Read the ``labnews_*`` values from ``conf_dir/conf.py``, falling back to defaults."""
    settings = SiteSettings(srcdir=conf_dir)
    conf_py = conf_dir / "conf.py"
    if not conf_py.is_file():
        settings.problem = f"{conf_py} not found; using the default settings"
        return settings
    saved_path = list(sys.path)
    script = str(conf_py.resolve())
    try:
        with contextlib.chdir(conf_dir):
            namespace = runpy.run_path(script, run_name="conf")
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        settings.problem = (
            f"{conf_py} could not be run ({type(error).__name__}: {error}); "
            "using the default settings"
        )
        return settings
    finally:
        sys.path[:] = saved_path
    expected = {
        "static_map": dict,
        "post_pattern": list | tuple,
        "about_blocks": dict,
        "default_about": list | tuple,
        "redirects_file": str,
    }
    for name, kind in expected.items():
        key = f"labnews_{name}"
        if key in namespace:
            value = namespace[key]
            if _valid(value, kind):
                setattr(settings, name, list(value) if isinstance(value, tuple) else value)
            else:
                settings.problem = f"{key} in {conf_py} has the wrong type; using its default"
    return settings
