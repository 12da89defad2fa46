"""Old Jekyll URLs keep working: redirects from ``labnews_redirects_file``.

``labnews import-jekyll`` records, for each imported post, its old URL as a
"document name" (``/2025/07/14/x.html`` → ``2025/07/14/x``) mapped to the new
post's document name. sphinxext-rediraffe, a maintained extension, writes a
redirect page for each such pair. It is only set up when the file exists and
holds redirects (rediraffe warns when given none, see
:mod:`sphinx_labnews.compat.rediraffe`); a site that never imported anything does
not need it.

The file is content: an imported permalink (``/../../../../tmp/x``) or a category
``..`` becomes a key, and rediraffe writes ``outdir/<key>.html`` as it is given.
Every key and target must be a plain page name, relative and normalised, whose
page resolves inside the output folder; others are refused with a warning naming
the entry, as are loops (rediraffe raises on them). A redirect to a page that
is not built (an unpublished or deleted post) is a warning naming the redirect
and is not written; rediraffe would fail the build without ``-W`` instead
(:func:`~sphinx_labnews.compat.rediraffe.redirects_rediraffe_fails_on`).
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import event_order
from .compat.rediraffe import needs_rediraffe, redirects_rediraffe_fails_on
from .compat.sphinx import raw_config_value
from .config import LabnewsConfig
from .frontmatter import echo
from .output_paths import is_inside
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


def page_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a redirect's page name, or ``None`` when it is plain.

    A plain name is what Sphinx calls a document name: relative, ``/``-separated,
    normalised (no ``.`` or ``..`` parts, no doubled or trailing ``/``), with no
    backslash (rediraffe reads it as a Windows separator) and no control character.
    """
    if not name:
        return "is empty"
    if name.startswith("/"):
        return "is absolute"
    if "\\" in name:
        return "has a backslash"
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        return "has a control character"
    if ".." in name.split("/"):
        return "climbs out with '..'"
    if posixpath.normpath(name) != name or name.endswith("/"):
        return "is not a normalised page name"
    return None


def safe_redirects(redirects: dict[str, str], outdir: Path, source: Path) -> dict[str, str]:
    """The redirects whose pages are plain names inside ``outdir``; a warning for each other."""
    kept: dict[str, str] = {}
    for key, target in redirects.items():
        problem = None
        for role, name in (("old page", key), ("target", target)):
            why = page_name_problem(name)
            if why is None and not is_inside(outdir, outdir / f"{name}.html"):
                why = "leaves the output folder"
            if why is not None:
                problem = f"{role} {echo(name)} {why}"
                break
        if problem is not None:
            warn(
                f"redirect {echo(key)} -> {echo(target)} is not written: {problem}",
                LabnewsWarnings.REDIRECT,
                location=f"{source}:{_line_of(source, key)}",
            )
            continue
        kept[key] = target
    for key in _looping(kept):
        warn(
            f"redirect {echo(key)} -> {echo(kept[key])} is not written: it is part of a loop",
            LabnewsWarnings.REDIRECT,
            location=f"{source}:{_line_of(source, key)}",
        )
        del kept[key]
    return kept


def _looping(redirects: dict[str, str]) -> list[str]:
    """Keys whose chain of redirects comes back to itself (rediraffe raises on these)."""
    looping = []
    for start in redirects:
        seen = {start}
        page = redirects[start]
        while page in redirects and page not in seen:
            seen.add(page)
            page = redirects[page]
        if page in seen:
            looping.append(start)
    return looping


def _line_of(source: Path, key: str) -> int:
    """The line of ``key`` in the JSON file, so the warning points at the entry."""
    try:
        lines = source.read_text("utf-8").splitlines()
    except OSError:
        return 1
    quoted = json.dumps(key)
    return next((n for n, line in enumerate(lines, 1) if quoted in line), 1)


def drop_redirects_to_missing_pages(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, before rediraffe: keep only redirects rediraffe can write.

    The others (:func:`~sphinx_labnews.compat.rediraffe.redirects_rediraffe_fails_on`)
    get a warning naming the redirect and are left out.
    """
    redirects = app.config.rediraffe_redirects
    if exception is not None or not isinstance(redirects, dict):
        return
    builder = app.builder
    if not hasattr(builder, "get_outfilename"):
        return
    source = Path(app.srcdir) / app.config.labnews_redirects_file
    problems = redirects_rediraffe_fails_on(app, redirects, builder.get_outfilename)
    for key, problem in problems.items():
        warn(
            f"redirect {echo(key)} -> {echo(redirects[key])} is not written: {problem}",
            LabnewsWarnings.REDIRECT,
            location=f"{source}:{_line_of(source, key)}",
        )
    if problems:
        app.config.rediraffe_redirects = {
            key: target for key, target in redirects.items() if key not in problems
        }


def setup_redirects(app: Sphinx) -> None:
    """Set up rediraffe when the site has redirects (decided from ``conf.py``, before it runs).

    Extensions must be set up during ``setup()``, before ``config-inited``; the raw
    configuration read from ``conf.py`` is already available then.
    """
    name = raw_config_value(app.config, "labnews_redirects_file", LabnewsConfig().redirects_file)
    if not isinstance(name, str):
        return  # check_config reports the bad type
    source = Path(app.srcdir) / name
    redirects = safe_redirects(read_redirects(source), Path(app.outdir), source)
    if not needs_rediraffe(redirects):
        return
    app.setup_extension("sphinxext.rediraffe")
    # rediraffe writes at build-finished, priority 500
    app.connect("build-finished", drop_redirects_to_missing_pages, priority=450)

    def feed(app: Sphinx, config: Config) -> None:
        # a site that configures rediraffe itself keeps its own configuration
        if config.rediraffe_redirects is None:
            config.rediraffe_redirects = redirects

    app.connect("config-inited", feed, priority=event_order.URL_DEFAULTS)
