"""Where the files a post names live in the docs tree.

Jekyll posts name images site-absolute (``/static/img/news/x.png``). Copied
through as raw HTML, such a URL is never collected by Sphinx and breaks under
Read the Docs' ``/en/latest/`` prefix. Mapped through ``labnews_static_map`` onto
a source-absolute path (Sphinx reads a leading ``/`` as "from the source
directory"), the image goes through Sphinx's own image handling instead.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class UnsafePathError(ValueError):
    """A path that would leave the source directory (``/static/../../etc/passwd``)."""


def is_external(path: str) -> bool:
    """Whether ``path`` is a URL (``https://…``, ``data:…``, ``//host/…``), left as a link."""
    return bool(_EXTERNAL.match(path))


def resolve_site_path(path: str, static_map: Mapping[str, str], *, from_folder: str = "") -> str:
    """Turn a post's image path into the path Sphinx's image handling expects.

    * URLs are returned unchanged.
    * A path under a prefix of ``static_map`` becomes source-absolute:
      ``/static/img/a.png`` with ``{"/static/": "static/"}`` gives
      ``/static/img/a.png``; with ``{"/static/": "_assets/"}`` it gives
      ``/_assets/img/a.png``. The longest matching prefix wins.
    * Any other path is returned as written: relative to the post (whose folder,
      relative to the source directory, is ``from_folder``), or to the source
      directory when it starts with ``/``.

    :raises UnsafePathError: if the path climbs out of the source directory.
    """
    path = path.strip()
    if is_external(path):
        return path
    resolved = path
    for prefix in sorted(static_map, key=len, reverse=True):
        if prefix and path.startswith(prefix):
            folder = static_map[prefix].strip("/")
            resolved = "/" + posixpath.join(folder, path[len(prefix) :]).lstrip("/")
            break
    inside_source = (
        resolved.lstrip("/") if resolved.startswith("/") else posixpath.join(from_folder, resolved)
    )
    normalised = posixpath.normpath(inside_source) if inside_source else "."
    if normalised == ".." or normalised.startswith("../") or normalised.startswith("/"):
        raise UnsafePathError(f"{path!r} points outside the documentation source")
    return resolved
