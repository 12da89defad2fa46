"""Unpublished posts (``published: false``) never reach the build.

Leaving them out of the documents Sphinx found, before it reads anything, is the
one place that keeps them out of every output at once: pages, ``_sources/``, the
search index, archives, feeds, the sitemap and linkcheck all start from those
documents. They are left out in ``env-get-outdated``, not through
``exclude_patterns``: that is a configuration value Sphinx compares between builds,
so (un)publishing one post re-read every post
(:mod:`sphinx_labnews.compat.found_docs`). A post unpublished since the last build
is purged as a deleted file is; its old page and source copy are deleted
(:func:`sphinx_labnews.compat.output_cleanup.remove_outputs_of_removed_docs`).

Posts that are not UTF-8 are left out the same way: Sphinx 9 reads sources
strictly and stops the whole build at the first undecodable byte, so one
contributor's Latin-1 file would take the site down. Such a post is reported,
with the line of its first bad byte, and skipped.

Deciding which files are posts (by their front matter, when no pattern decides)
and whether they are published means reading each file; at 1000 posts that was
most of a build with nothing changed. So what a file's content contributes, the
front-matter keys that decide whether it is a post, its verdict and what is wrong
with its ``published`` value, is kept between builds (in the doctree directory),
and a file is read again only when its size or modification time changed: a build
with nothing changed opens no post.

Exclusion is exact: a post is left out by its document name, never by a pattern,
so ``2025-01-02-[draft].md`` or an unpublished ``2025-01-02-*.md`` leaves out that
file and no other. Every Markdown file under the posts' folders is found,
subfolders included (``labnews_post_pattern`` is ``news/**``), so a draft kept in
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
import weakref
from collections.abc import Iterable, MutableSet, Sequence
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import __version__
from .compat.found_docs import leave_out_found_docs
from .config import FEED_FORMATS
from .frontmatter import echo, read_post
from .post_detection import (
    claimed_as_news_post,
    decision_keys,
    excluded,
    front_matter_for_decision,
    matches,
    may_be_news_post,
    news_post_patterns,
)
from .warnings_ import LabnewsWarnings, warn

LOGGER = logging.getLogger("sphinx_labnews")

#: Where each post's verdict is kept between builds.
VERDICTS_FILE = "labnews-published.json"

PUBLISHED, UNPUBLISHED = "published", "unpublished"

#: ``env-get-outdated`` priority: before every other handler (ours that deletes the
#: outputs of removed documents, ``labnews check``'s), so they see the posts left out.
LEAVE_OUT_PRIORITY = 100

#: The documents each build leaves out, from ``config-inited`` to ``env-get-outdated``.
_LEFT_OUT: weakref.WeakKeyDictionary[Sphinx, frozenset[str]] = weakref.WeakKeyDictionary()


def find_posts(
    srcdir: Path, config: Config, cache: VerdictCache | None = None
) -> list[tuple[str, Path]]:
    """``(docname, path)`` of every news post source, in a stable order.

    With a post pattern in force, the files it matches; without one (an existing
    ablog site), every Markdown file whose front matter makes it a news post
    (:mod:`sphinx_labnews.post_detection`). Either way ablog's own posts are left to it.
    Files are read through ``cache`` (a throwaway one by default), so a build reads
    only the files changed since the last.
    """
    if cache is None:
        cache = VerdictCache(None, config.source_encoding)
    suffixes = [s for s in config.source_suffix if s in (".md", ".markdown", ".myst")]
    patterns = news_post_patterns(config)
    candidates = post_files(
        srcdir, patterns if patterns is not None else ["**"], suffixes, config.exclude_patterns
    )
    posts = []
    for docname, path in candidates:
        if not may_be_news_post(srcdir, docname, path, config):
            continue
        facts = cache.facts(path.relative_to(srcdir).as_posix(), path)
        if facts is not None and claimed_as_news_post(docname, facts.keys, config):
            posts.append((docname, path))
    return posts


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


def read_source(path: Path) -> bytes:
    """The bytes of a source file: the one place this module reads one (tests count it)."""
    return path.read_bytes()


class FileFacts(NamedTuple):
    """What a source file's content says, for deciding whether and how it is built."""

    #: The front-matter keys that decide whether it is a news post
    #: (:func:`~sphinx_labnews.post_detection.decision_keys`).
    keys: list[str]
    #: ``published``, ``unpublished``, or the 1-based line of the first undecodable byte.
    verdict: str
    #: ``[line, message]`` of each problem with its ``published`` value.
    problems: list[list[object]]


def file_facts(path: Path, encoding: str) -> FileFacts:
    """Read ``path`` once and say what its content decides.

    An unclear ``published: maybe`` leaves a post out, so its warning must come from
    here: the parser never sees the post. The whole file is read: Sphinx decodes all
    of it, so a bad byte anywhere would stop the build, and the front matter is at
    its start. Whether the file is a post is decided by its keys even when it is not
    UTF-8 (then with its bad bytes replaced), so such a post is still reported.
    """
    data = read_source(path)
    text = decode_post(data, encoding)
    if isinstance(text, int):
        replaced = data.decode(encoding, errors="replace")
        return FileFacts(decision_keys(front_matter_for_decision(replaced, None)), str(text), [])
    metadata, front_matter, problems = read_post(text, filename=path.name)
    keys = decision_keys(front_matter.data if front_matter is not None else None)
    unclear: list[list[object]] = [
        [p.line, p.message] for p in problems if p.subtype == "published"
    ]
    return FileFacts(keys, PUBLISHED if metadata.published else UNPUBLISHED, unclear)


def post_verdict(path: Path, encoding: str) -> tuple[str, list[list[object]]]:
    """The post's verdict and what is wrong with its ``published`` value (:func:`file_facts`)."""
    facts = file_facts(path, encoding)
    return facts.verdict, facts.problems


class VerdictCache:
    """:class:`FileFacts` of the last build, valid while a file's size and mtime are unchanged.

    Kept for every candidate file, posts or not, so that a build with nothing changed
    reads none. The facts depend on the file alone; whether they make a post depends
    on the configuration too and is decided afresh in each build. Without a
    ``doctreedir`` nothing is kept (the ``labnews`` CLI's listing of posts).
    """

    def __init__(self, doctreedir: Path | None, encoding: str) -> None:
        self.path = doctreedir / VERDICTS_FILE if doctreedir is not None else None
        self.encoding = encoding
        self.key = [__version__, encoding, 3]  # 3: facts carry the deciding front-matter keys
        self.old: dict[str, list[object]] = {}
        if self.path is not None:
            try:
                stored = json.loads(self.path.read_text("utf-8"))
                self.old = stored["files"] if stored.get("key") == self.key else {}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.old = {}
        self.new: dict[str, list[object]] = {}

    def facts(self, relative: str, path: Path) -> FileFacts | None:
        """What the file says, read again only when it changed; ``None`` if it cannot be read.

        The problems are kept with the verdict, so a post left out for an unclear
        ``published`` value is reported on every build, not only the first.
        """
        if relative in self.new:
            return FileFacts(*self.new[relative][2:])  # type: ignore[arg-type]
        try:
            stat = path.stat()
            stamp: list[object] = [stat.st_mtime_ns, stat.st_size]
            cached = self.old.get(relative)
            if isinstance(cached, list) and len(cached) == 5 and cached[:2] == stamp:
                facts = FileFacts(*cached[2:])  # type: ignore[arg-type]
            else:
                facts = file_facts(path, self.encoding)
        except OSError:
            return None  # Sphinx reports an unreadable document itself
        self.new[relative] = [*stamp, *facts]
        return facts

    def save(self) -> None:
        if self.path is None or self.new == self.old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"key": self.key, "files": self.new}), "utf-8")
        except OSError:
            pass  # only a cache


def exclude_unpublished_posts(app: Sphinx, config: Config) -> None:
    """``config-inited``: find every unpublished, undecodable or misnamed post and say so.

    They are left out of the build in ``env-get-outdated`` (:func:`leave_out_posts`).
    """
    srcdir = Path(app.srcdir)
    real_srcdir = srcdir.resolve()
    cache = VerdictCache(Path(app.doctreedir), config.source_encoding)
    left_out: set[str] = set()
    for docname, path in find_posts(srcdir, config, cache):
        generated = reserved_name(docname, config.blog_path)
        if generated is not None:
            left_out.add(docname)
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
            left_out.add(docname)
            warn(
                f"post is a link to {path.resolve()}, outside the documentation source; "
                "it is left out of the build",
                LabnewsWarnings.ENCODING,
                location=f"{path}:1",  # a string with a colon is used as it is
            )
            continue
        facts = cache.facts(path.relative_to(srcdir).as_posix(), path)
        assert facts is not None  # find_posts read it
        for line, message in facts.problems:
            warn(str(message), LabnewsWarnings.PUBLISHED, location=f"{path}:{line}")
        if facts.verdict == UNPUBLISHED:
            left_out.add(docname)
            LOGGER.info("labnews: skipped unpublished post %s", docname)
        elif facts.verdict != PUBLISHED:
            left_out.add(docname)
            warn(
                "post is not UTF-8 text (first bad byte on this line); "
                "it is left out of the build until it is re-saved as UTF-8",
                LabnewsWarnings.ENCODING,
                location=f"{path}:{facts.verdict}",  # no env yet to turn a docname into a path
            )
    cache.save()
    _LEFT_OUT[app] = frozenset(left_out)


def leave_out_posts(
    app: Sphinx,
    env: BuildEnvironment,
    added: MutableSet[str],
    changed: MutableSet[str],
    removed: MutableSet[str],
) -> list[str]:
    """``env-get-outdated``: leave the posts found at ``config-inited`` out of the build.

    A post published in the last build and not now is purged like a deleted file;
    the configuration Sphinx compares is untouched, so nothing else is read again.
    """
    leave_out_found_docs(env, _LEFT_OUT.get(app, frozenset()), added, changed, removed)
    return []
