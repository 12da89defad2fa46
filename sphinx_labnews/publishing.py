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

Exclusion is exact. ``exclude_patterns`` are glob patterns, so a file name is
escaped before it becomes one: ``2025-01-02-[draft].md`` unescaped matched no file
(and was published), and an unpublished ``2025-01-02-*.md`` hid every post of
that day. Every Markdown file under the posts' folders is found, subfolders
included (``labnews_post_pattern`` is ``news/**``), so a draft kept in
``news/drafts/`` is not built as an ordinary page.

A post never replaces a page the site generates: ``news/2025.md`` or
``news/tag.md`` would take the place of ablog's year or tag archive, so such a
post is reported and left out until it is renamed.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from . import __version__
from .config import FEED_FORMATS
from .frontmatter import echo, read_post
from .post_detection import excluded, is_news_post_file, matches, news_post_patterns
from .warnings_ import LabnewsWarnings, warn

LOGGER = logging.getLogger("sphinx_labnews")

#: Where each post's verdict is kept between builds.
VERDICTS_FILE = "labnews-published.json"

PUBLISHED, UNPUBLISHED = "published", "unpublished"


def find_posts(srcdir: Path, config: Config) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every news post source, in a stable order.

    With a post pattern in force, the files it matches; without one (an existing
    ablog site), every Markdown file whose front matter makes it a news post
    (:mod:`sphinx_labnews.post_detection`). Either way ablog's own posts are left to it.
    """
    suffixes = [s for s in config.source_suffix if s in (".md", ".markdown", ".myst")]
    patterns = news_post_patterns(config)
    candidates = post_files(
        srcdir, patterns if patterns is not None else ["**"], suffixes, config.exclude_patterns
    )
    return [
        (docname, path)
        for docname, path in candidates
        if is_news_post_file(srcdir, docname, path, config)
    ]


def post_files(
    srcdir: Path,
    patterns: Sequence[str],
    suffixes: Iterable[str],
    exclude_patterns: Sequence[str] = (),
) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every file with one of ``suffixes`` that is a post.

    Every file under the literal folder of each pattern (``news`` for ``news/**``) is
    tested with :func:`~sphinx_labnews.post_detection.matches`, Sphinx's own matcher, so
    this list and the parser agree on what a post is, however deep it is kept. Links
    to folders are followed, as Sphinx follows them when it looks for documents;
    folders ``exclude_patterns`` names (``_build``) are not entered, as Sphinx does not.
    """
    suffixes = tuple(suffixes)
    found: set[tuple[str, Path]] = set()
    for folder in sorted({_literal_folder(p) for p in patterns}):
        for root, dirs, files in os.walk(srcdir / folder, followlinks=True):
            relative_root = Path(root).relative_to(srcdir).as_posix()
            prefix = "" if relative_root == "." else relative_root + "/"
            dirs[:] = sorted(name for name in dirs if not excluded(prefix + name, exclude_patterns))
            for name in files:
                suffix = next((s for s in suffixes if name.endswith(s)), None)
                if suffix is None:
                    continue
                docname = _nfc(prefix + name[: -len(suffix)])
                path = os.path.join(root, name)
                if matches(docname, patterns) and os.path.isfile(path):
                    found.add((docname, Path(path)))
    return sorted(found)


def _literal_folder(pattern: str) -> str:
    """The folder of ``pattern`` before its first wildcard: ``news`` for ``news/**``."""
    parts = pattern.split("/")
    literal = []
    for part in parts[:-1]:
        if any(char in part for char in "*?["):
            break
        literal.append(part)
    return "/".join(literal)


def _nfc(text: str) -> str:
    """Sphinx matches and names documents by their NFC-normalised path."""
    return unicodedata.normalize("NFC", text)


def exact_pattern(relative: str) -> str:
    """An ``exclude_patterns`` entry that matches the file ``relative`` and nothing else.

    Sphinx's translator (``sphinx.util.matching._translate_pattern``) reads ``*``,
    ``?`` and ``[...]``; each of those characters is put in a character class that
    matches only it: ``[*]``, ``[?]``, and ``[\\x00[]`` for ``[`` (a class opening
    with ``[`` makes Python's ``re`` warn about nested sets; NUL, its companion, is
    never in a file name). ``]`` and every other character outside a class are
    already literal. Sphinx matches the NFC-normalised path, so the pattern is NFC.
    """
    escaped = {"*": "[*]", "?": "[?]", "[": "[\x00[]"}
    return "".join(escaped.get(char, char) for char in _nfc(relative))


def reserved_name(docname: str, blog_path: str) -> str | None:
    """The generated page a post named ``docname`` would replace, or ``None``.

    ablog generates, under ``blog_path``: a page per year (``news/2025``),
    ``news/archive``, ``news/drafts``, and the catalogs ``news/tag``,
    ``news/category``, ``news/author``, ``news/location``, ``news/language`` with a
    page (and our feeds) per entry below each; our feeds are ``news/atom.xml`` and
    ``news/rss.xml``. Compared without case, as on case-insensitive file systems.
    """
    prefix = blog_path.strip("/") + "/"
    if not docname.startswith(prefix):
        return None
    rest = docname[len(prefix) :]
    first = rest.split("/", 1)[0]
    if first.lower() in _RESERVED_FOLDERS:
        return prefix + first
    if "/" not in rest and (rest.lower() in _RESERVED_NAMES or re.fullmatch("[0-9]+", rest)):
        return docname
    return None


_RESERVED_FOLDERS = frozenset({"tag", "category", "author", "location", "language"})
_RESERVED_NAMES = frozenset({"archive", "drafts", *(f"{fmt}.xml" for fmt in FEED_FORMATS)})


def decode_post(data: bytes, encoding: str) -> str | int:
    """The post's text, or the 1-based line of its first byte ``encoding`` cannot decode."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        return data.count(b"\n", 0, error.start) + 1
    except LookupError:  # an unknown source_encoding is Sphinx's to report
        return data.decode("utf-8", errors="replace")


def _exclude(config: Config, srcdir: Path, path: Path) -> None:
    pattern = exact_pattern(path.relative_to(srcdir).as_posix())
    if pattern not in config.exclude_patterns:
        config.exclude_patterns = [*config.exclude_patterns, pattern]


def post_verdict(path: Path, encoding: str) -> tuple[str, list[list[object]]]:
    """The post's verdict and what is wrong with its ``published`` value.

    The verdict is ``published``, ``unpublished``, or the 1-based line of the first
    undecodable byte; the problems are ``[line, message]`` pairs. An unclear
    ``published: maybe`` leaves the post out, so its warning must come from here:
    the parser never sees the post. The whole file is read once: Sphinx decodes all
    of it, so a bad byte anywhere would stop the build, and the front matter is at
    its start.
    """
    text = decode_post(path.read_bytes(), encoding)
    if isinstance(text, int):
        return str(text), []
    metadata, _, problems = read_post(text, filename=path.name)
    unclear: list[list[object]] = [
        [p.line, p.message] for p in problems if p.subtype == "published"
    ]
    return (PUBLISHED if metadata.published else UNPUBLISHED), unclear


class VerdictCache:
    """Verdicts of the last build, valid while a post's size and mtime are unchanged."""

    def __init__(self, doctreedir: Path, encoding: str) -> None:
        self.path = doctreedir / VERDICTS_FILE
        self.key = [__version__, encoding, 2]  # 2: verdicts carry their problems
        try:
            stored = json.loads(self.path.read_text("utf-8"))
            self.old = stored["files"] if stored.get("key") == self.key else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.old = {}
        self.new: dict[str, list[object]] = {}

    def verdict(self, relative: str, path: Path, encoding: str) -> tuple[str, list[list[object]]]:
        """The post's verdict and problems, read again only when the file changed.

        The problems are kept with the verdict, so a post left out for an unclear
        ``published`` value is reported on every build, not only the first.
        """
        stat = path.stat()
        stamp = [stat.st_mtime_ns, stat.st_size]
        cached = self.old.get(relative)
        if cached and cached[:2] == stamp and len(cached) == 4:
            verdict, problems = cached[2], cached[3]
        else:
            verdict, problems = post_verdict(path, encoding)
        self.new[relative] = [*stamp, verdict, problems]
        return verdict, problems

    def save(self) -> None:
        if self.new == self.old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"key": self.key, "files": self.new}), "utf-8")
        except OSError:
            pass  # only a cache


def exclude_unpublished_posts(app: Sphinx, config: Config) -> None:
    """Add every unpublished, undecodable or misnamed post to ``exclude_patterns`` and say so."""
    srcdir = Path(app.srcdir)
    real_srcdir = srcdir.resolve()
    cache = VerdictCache(Path(app.doctreedir), config.source_encoding)
    for docname, path in find_posts(srcdir, config):
        generated = reserved_name(docname, config.blog_path)
        if generated is not None:
            _exclude(config, srcdir, path)
            warn(
                f"post {echo(path.name)} has the name of the page the site generates at "
                f"{echo(generated)}; it is left out of the build so it does not replace "
                "that page. Rename it with its date, e.g. "
                f"{config.blog_path.strip('/')}/YYYY-MM-DD-{path.name}",
                LabnewsWarnings.RESERVED_NAME,
                location=f"{path}:1",
            )
            continue
        if not path.resolve().is_relative_to(real_srcdir):
            _exclude(config, srcdir, path)
            warn(
                f"post is a link to {path.resolve()}, outside the documentation source; "
                "it is left out of the build",
                LabnewsWarnings.ENCODING,
                location=f"{path}:1",  # a string with a colon is used as it is
            )
            continue
        relative = path.relative_to(srcdir).as_posix()
        verdict, problems = cache.verdict(relative, path, config.source_encoding)
        for line, message in problems:
            warn(str(message), LabnewsWarnings.PUBLISHED, location=f"{path}:{line}")
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
