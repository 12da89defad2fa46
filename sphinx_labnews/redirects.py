"""Old Jekyll URLs keep working: redirects from ``labnews_redirects_file``.

``labnews import-jekyll`` records, for each imported post, its old URL as a
"document name" (``/2025/07/14/x.html`` → ``2025/07/14/x``) mapped to the new
post's document name. sphinxext-rediraffe, a maintained extension, writes a
redirect page for each such pair. It is only set up when the file exists and
holds redirects, because rediraffe warns (and ``-W`` fails the build) when it is
given none; a site that never imported anything does not need it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .config import LabnewsConfig
from .warnings_ import LabnewsWarnings, warn


def read_redirects(path: Path) -> dict[str, str]:
    """The redirects in ``path``; ``{}`` when it is missing, with a warning when it is bad."""
    if not path.is_file():
        return {}
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        warn(f"{path} is not readable JSON ({error}); no redirects", LabnewsWarnings.CONFIG)
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in data.items()
    ):
        warn(f"{path} must map old page names to new ones; no redirects", LabnewsWarnings.CONFIG)
        return {}
    return data


def setup_redirects(app: Sphinx) -> None:
    """Set up rediraffe when the site has redirects (decided from ``conf.py``, before it runs).

    Extensions must be set up during ``setup()``, before ``config-inited``; the raw
    configuration read from ``conf.py`` is already available then.
    """
    name = app.config._raw_config.get("labnews_redirects_file", LabnewsConfig().redirects_file)
    if not isinstance(name, str):
        return  # check_config reports the bad type
    redirects = read_redirects(Path(app.srcdir) / name)
    if not redirects:
        return
    app.setup_extension("sphinxext.rediraffe")

    def feed(app: Sphinx, config: Config) -> None:
        # a site that configures rediraffe itself keeps its own configuration
        if config.rediraffe_redirects is None:
            config.rediraffe_redirects = redirects

    app.connect("config-inited", feed, priority=630)
