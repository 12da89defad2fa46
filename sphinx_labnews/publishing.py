"""Unpublished posts (``published: false``) never reach the build.

Excluding them before Sphinx reads anything is the one place that keeps them out
of every output at once: pages, ``_sources/``, the search index, archives,
feeds, the sitemap and linkcheck all start from the documents Sphinx found.

Posts that are not UTF-8 are left out the same way: Sphinx 9 reads sources
strictly and stops the whole build at the first undecodable byte, so one
contributor's Latin-1 file would take the site down. Such a post is reported,
with the line of its first bad byte, and skipped.

Reading every post's front matter costs 0.4 s per build at 1000 posts, most of a
build with nothing changed, so each post's verdict is kept between builds (in
the doctree directory) and a post is read again only when its size or
modification time changed.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from . import __version__
from .frontmatter import is_published
from .post_detection import candidate_globs, is_news_post_file
from .warnings_ import LabnewsWarnings, warn

LOGGER = logging.getLogger("sphinx_labnews")

#: Where each post's verdict is kept between builds.
VERDICTS_FILE = "labnews-published.json"

PUBLISHED, UNPUBLISHED = "published", "unpublished"


def find_posts(srcdir: Path, config: Config) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every news post source, in a stable order."""
    suffixes = [s for s in config.source_suffix if s in (".md", ".markdown", ".myst")]
    found: list[tuple[str, Path]] = []
    for pattern in candidate_globs(config):
        for suffix in suffixes:
            for path in sorted(srcdir.glob(pattern + suffix)):
                docname = path.relative_to(srcdir).with_suffix("").as_posix()
                if path.is_file() and is_news_post_file(srcdir, docname, path, config):
                    found.append((docname, path))
    return sorted(set(found))


def decode_post(data: bytes, encoding: str) -> str | int:
    """The post's text, or the 1-based line of its first byte ``encoding`` cannot decode."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        return data.count(b"\n", 0, error.start) + 1
    except LookupError:  # an unknown source_encoding is Sphinx's to report
        return data.decode("utf-8", errors="replace")


def _exclude(config: Config, srcdir: Path, path: Path) -> None:
    relative = path.relative_to(srcdir).as_posix()
    if relative not in config.exclude_patterns:
        config.exclude_patterns = [*config.exclude_patterns, relative]


def post_verdict(path: Path, encoding: str) -> str:
    """``published``, ``unpublished``, or the 1-based line of the first undecodable byte.

    The whole file is read once: Sphinx decodes all of it, so a bad byte anywhere
    would stop the build, and the front matter is at its start.
    """
    text = decode_post(path.read_bytes(), encoding)
    if isinstance(text, int):
        return str(text)
    return PUBLISHED if is_published(text, filename=path.name) else UNPUBLISHED


class VerdictCache:
    """Verdicts of the last build, valid while a post's size and mtime are unchanged."""

    def __init__(self, doctreedir: Path, encoding: str) -> None:
        self.path = doctreedir / VERDICTS_FILE
        self.key = [__version__, encoding]
        try:
            stored = json.loads(self.path.read_text("utf-8"))
            self.old = stored["files"] if stored.get("key") == self.key else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.old = {}
        self.new: dict[str, list[object]] = {}

    def verdict(self, relative: str, path: Path, encoding: str) -> str:
        stat = path.stat()
        stamp = [stat.st_mtime_ns, stat.st_size]
        cached = self.old.get(relative)
        verdict = cached[2] if cached and cached[:2] == stamp else post_verdict(path, encoding)
        self.new[relative] = [*stamp, verdict]
        return verdict

    def save(self) -> None:
        if self.new == self.old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"key": self.key, "files": self.new}), "utf-8")
        except OSError:
            pass  # only a cache


def exclude_unpublished_posts(app: Sphinx, config: Config) -> None:
    """Add every unpublished or undecodable post to ``exclude_patterns`` and say so."""
    srcdir = Path(app.srcdir)
    real_srcdir = srcdir.resolve()
    cache = VerdictCache(Path(app.doctreedir), config.source_encoding)
    for docname, path in find_posts(srcdir, config):
        if not path.resolve().is_relative_to(real_srcdir):
            _exclude(config, srcdir, path)
            warn(
                f"post is a link to {path.resolve()}, outside the documentation source; "
                "it is left out of the build",
                LabnewsWarnings.ENCODING,
                location=f"{path}:1",  # a string with a colon is used as it is
            )
            continue
        verdict = cache.verdict(path.relative_to(srcdir).as_posix(), path, config.source_encoding)
        if verdict == UNPUBLISHED:
            _exclude(config, srcdir, path)
            LOGGER.info("labnews: skipped unpublished post %s", docname)
        elif verdict != PUBLISHED:
            _exclude(config, srcdir, path)
            warn(
                "post is not UTF-8 text (first bad byte on this line); "
                "it is left out of the build until it is re-saved as UTF-8",
                LabnewsWarnings.ENCODING,
                location=f"{path}:{verdict}",  # no env yet to turn a docname into a path
            )
    cache.save()
