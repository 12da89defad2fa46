"""The build writes and deletes files only inside the output folder.

Paths we write or delete are built from names a post controls: document names
(file names), tag and category slugs, imported permalinks. Each is checked here,
after resolving symbolic links, against the resolved output folder, so neither
``..`` in a name nor a link inside the output folder can take a write outside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .warnings_ import LabnewsWarnings, warn


def is_inside(outdir: Path, path: Path) -> bool:
    """Whether ``path``, with its links resolved, lies inside ``outdir`` (and is not it)."""
    try:
        root = Path(outdir).resolve()
        resolved = Path(path).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte
        return False
    return resolved != root and resolved.is_relative_to(root)


def confined(outdir: Path, path: Path, what: str) -> bool:
    """:func:`is_inside`, with a typed warning naming ``what`` when it is not."""
    if is_inside(outdir, path):
        return True
    warn(
        f"{what} would be written to {path}, outside the output folder {outdir}; it is not written",
        LabnewsWarnings.OUTPUT_PATH,
    )
    return False


def remove_output(outdir: Path, path: Path) -> None:
    """Delete a generated file, then the folders it leaves empty, up to ``outdir``.

    An archive that lost its last post leaves ``news/tag/x/`` behind once its page
    and feeds are gone; an empty folder is still a URL a server lists.
    """
    path = Path(path)
    if not is_inside(outdir, path.parent) and path.parent != Path(outdir):
        return
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    root = Path(outdir).resolve()
    folder = path.parent
    while folder.resolve() != root and is_inside(outdir, folder):
        try:
            folder.rmdir()
        except OSError:  # not empty, or already gone
            break
        folder = folder.parent


def remove_tree(outdir: Path, relative: str) -> None:
    """Delete ``outdir/relative`` and everything in it; a link is removed, not followed."""
    path = Path(outdir) / relative
    if path.is_symlink():
        path.unlink()
    elif path.is_dir() and is_inside(outdir, path):
        shutil.rmtree(path)
