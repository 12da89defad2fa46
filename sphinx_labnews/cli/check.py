"""``labnews check``: the build's own warnings, from a quiet private build.

``check`` has no checks of its own. It runs Sphinx in-process on the site, with
the site's ``conf.py`` and the ``html`` builder the real build uses, and collects
every warning Sphinx emits (labnews, MyST, docutils, Sphinx itself) after the
site's ``suppress_warnings`` filtered them, exactly as ``sphinx-build -W``
counts them. Whatever the build learns to refuse or warn about, ``check``
reports the same with no code to keep in sync.

The output and doctrees go to a private folder, ``<conf dir>/_build/.labnews-check``
(never the site's real ``_build/html``). It is kept between runs so a check of a
few posts re-reads only what changed plus the given posts: those are forced to be
read again (``env-get-outdated``), so their warnings are emitted even when the
files are unchanged, and being re-read they are written again, so warnings found
while writing (cross-references, page context) are emitted too. A check of the
whole site starts from an empty private folder: warnings of files Sphinx would
not re-read would otherwise be missed.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import sys
import warnings
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from ..publishing import find_posts
from .site import CommandError

#: The private build folder, under the conf dir; ``_build`` is excluded by any
#: ``sphinx-quickstart`` site, and ``make clean`` clears it with the rest.
CACHE_DIR = Path("_build") / ".labnews-check"

_LEVELS = {logging.WARNING: "WARNING", logging.ERROR: "ERROR", logging.CRITICAL: "CRITICAL"}
_LINE = re.compile(r"^(?P<path>.*?):(?P<line>\d*)$")


@dataclass(frozen=True)
class BuildWarning:
    """One warning of the build, located and typed as Sphinx logged it."""

    #: Source file the warning is located in, if any.
    path: Path | None
    line: int | None
    #: Without the location prefix and without the ``[type.subtype]`` suffix.
    message: str
    #: e.g. ``"labnews"``, ``"myst"``, ``"docutils"``; ``None`` for untyped warnings.
    type: str | None
    subtype: str | None
    #: ``WARNING``, or ``ERROR``/``CRITICAL`` for docutils' errors (``-W`` fails on all).
    level: str = "WARNING"

    @property
    def name(self) -> str | None:
        """``type.subtype`` (or ``type``), the name ``suppress_warnings`` takes."""
        if not self.type:
            return None
        return f"{self.type}.{self.subtype}" if self.subtype else self.type

    def format(self) -> str:
        """``path:line: WARNING: message [type.subtype]``, as Sphinx prints it."""
        text = f"{self.level}: {self.message}"
        if self.name:
            text += f" [{self.name}]"
        if self.path is None:
            return text
        return f"{self.path}:{self.line or ''}: {text}"


@dataclass
class CheckResult:
    """What one check found: the reported warnings and what was checked."""

    warnings: list[BuildWarning]
    #: The posts the site has (``publishing.find_posts``), published or not.
    posts: list[Path]
    #: Given paths the build skipped (unpublished, excluded, not a source).
    skipped: list[Path] = field(default_factory=list)


def _parse_location(location: object) -> tuple[Path | None, int | None]:
    """``path:line`` (or ``path``, ``path:``) as Sphinx's translator left it."""
    if not location:
        return None, None
    text = str(location)
    match = _LINE.match(text)
    if match:
        line = match.group("line")
        return _source_file(Path(match.group("path"))), int(line) if line else None
    return _source_file(Path(text)), None


def _source_file(path: Path) -> Path:
    """The file a warning is about, without the ``.rst`` Sphinx 8.1 adds to MyST 4's.

    MyST-Parser 4 logs its own warnings (an unknown directive, say) at ``(source path,
    line)``, where Sphinx expects a docname; Sphinx 8.1 turns that into the path of a
    document named like the file plus its first source suffix: ``post.md.rst:6``.
    Remove when the lowest supported MyST-Parser is 5 (``compat`` index, Sphinx 8.1).
    """
    if path.suffix == ".rst" and not path.exists() and path.with_suffix("").is_file():
        return path.with_suffix("")
    return path


def _record_to_warning(record: logging.LogRecord) -> BuildWarning:
    type_ = getattr(record, "type", None) or None
    subtype = getattr(record, "subtype", None) or None
    message = logging.LogRecord.getMessage(record)  # without the location Sphinx adds
    for suffix in (f" [{type_}.{subtype}]", f" [{type_}]"):
        if type_ and message.endswith(suffix):
            message = message[: -len(suffix)]
            break
    path, line = _parse_location(getattr(record, "location", None))
    level = _LEVELS.get(record.levelno, "CRITICAL" if record.levelno > 40 else "WARNING")
    return BuildWarning(path, line, message, type_, subtype, level)


class _Collector(logging.Filter):
    """The last filter of Sphinx's warning handler: keeps what would be printed.

    Placed after Sphinx's own filters (``suppress_warnings``, the location and
    type translation, ``once``), it sees exactly the warnings ``-W`` counts, and
    returns ``False`` so that nothing is printed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[BuildWarning] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.warnings.append(_record_to_warning(record))
        return False


class _CheckApp(Sphinx):
    """A Sphinx application that hands its warnings to a :class:`_Collector`.

    Sphinx sets up its warning handler at the start of ``__init__`` and then
    loads the extensions, whose setup and ``config-inited`` handlers may warn;
    ``setup_extension`` is the first public method called after the handler
    exists, so the collector is attached there.
    """

    collector: _Collector

    def setup_extension(self, extname: str) -> None:
        if not hasattr(self, "collector"):
            self.collector = _Collector()
            for handler in logging.getLogger(NAMESPACE).handlers:
                if isinstance(handler, WarningStreamHandler):
                    handler.addFilter(self.collector)
        super().setup_extension(extname)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One check at a time per private folder (pre-commit may run hooks in parallel)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no lock; the hook runs serially anyway
        yield
        return
    with (folder.parent / ".labnews-check.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _is_under(path: Path, targets: Set[Path]) -> bool:
    return path in targets or any(target in path.parents for target in targets)


def run_check(conf_dir: Path, posts: Sequence[Path] | None = None) -> CheckResult:
    """Build the site privately and keep the warnings that concern ``posts``.

    ``posts`` are files or folders; ``None`` (or empty) checks the whole site and
    reports every warning, located or not. Raises :class:`~.site.CommandError`
    when there is no ``conf.py`` (or it does not load sphinx-labnews), a given
    path does not exist, the site has no posts (whole-site check), or Sphinx
    cannot start.
    """
    conf_dir = Path(conf_dir)
    if not (conf_dir / "conf.py").is_file():
        raise CommandError(f"no conf.py in {conf_dir} (give the site's folder with --conf-dir)")
    given = [Path(path) for path in posts or ()]
    missing = [str(path) for path in given if not path.exists()]
    if missing:
        raise CommandError(f"no such file or folder: {', '.join(missing)}")
    targets = {path.resolve() for path in given}
    cache = conf_dir / CACHE_DIR
    with _locked(cache):
        if not targets:
            # a whole-site check re-reads everything: start from nothing
            shutil.rmtree(cache, ignore_errors=True)
        return _build(conf_dir, cache, targets)


def _build(conf_dir: Path, cache: Path, targets: Set[Path]) -> CheckResult:
    # the same setup as sphinx-build (docutils' globals restored afterwards)
    app: _CheckApp | None = None
    try:
        # quiet: some extensions print at import (sphinxext-opengraph without matplotlib)
        with (
            patch_docutils(conf_dir),
            docutils_namespace(),
            contextlib.redirect_stdout(io.StringIO()),
            warnings.catch_warnings(),
        ):
            # Python's deprecation warnings are about extensions' code, not the site, and
            # -W does not count them; a caller that turns them into errors (pytest's
            # filterwarnings = error) must not have the check crash on them
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            app = _CheckApp(
                srcdir=conf_dir,
                confdir=conf_dir,
                outdir=cache / "html",
                doctreedir=cache / "doctrees",
                buildername="html",
                status=None,
                warning=io.StringIO(),
                freshenv=False,
            )
            if "sphinx_labnews" not in app.extensions:
                raise CommandError(
                    f"{conf_dir / 'conf.py'} does not load sphinx_labnews (add it to extensions)"
                )
            srcdir = Path(app.srcdir)
            site_posts = [path for _, path in find_posts(srcdir, app.config)]
            if not targets and not site_posts:
                raise CommandError(
                    f"no posts in {conf_dir} (none match labnews_post_pattern "
                    f"{app.config.labnews_post_pattern!r})"
                )
            forced: set[str] = set()

            def reread_given(
                app: Sphinx,
                env: BuildEnvironment,
                added: Set[str],
                changed: Set[str],
                removed: Set[str],
            ) -> list[str]:
                """Read the given posts again, so their warnings are emitted again."""
                forced.update(
                    docname
                    for docname in env.found_docs
                    if _is_under(Path(env.doc2path(docname)).resolve(), targets)
                )
                return sorted(forced - added - changed)

            if targets:
                app.connect("env-get-outdated", reread_given)
            app.build()
    except SphinxError as error:
        raise CommandError(f"Sphinx could not build {conf_dir}: {error}") from error
    found = app.collector.warnings
    if targets:
        found = [w for w in found if w.path is not None and _is_under(w.path.resolve(), targets)]
        built = {Path(app.env.doc2path(docname)).resolve() for docname in forced}
        skipped = [path for path in sorted(targets) if path.is_file() and path not in built]
    else:
        skipped = []
    return CheckResult(warnings=found, posts=site_posts, skipped=skipped)


def collect_warnings(conf_dir: Path, posts: Sequence[Path] | None = None) -> list[BuildWarning]:
    """Every warning ``sphinx-build -W`` would fail on, for ``posts`` or the whole site.

    ``posts`` are source files (or folders) of the site in ``conf_dir``; only the
    warnings located in them are returned. With ``None``, all warnings of the
    build are, including those with no location (configuration). Raises
    :class:`~.site.CommandError` as :func:`run_check` does.
    """
    return run_check(conf_dir, posts).warnings


def check_posts(
    paths: Sequence[Path],
    *,
    conf_dir: Path,
    out: TextIO | None = None,
) -> int:
    """``labnews check``: print the warnings, return 1 if there are any, else 0."""
    out = out or sys.stdout
    result = run_check(conf_dir, paths or None)
    for warning in result.warnings:
        print(warning.format(), file=out)
    for path in result.skipped:
        print(f"{path}: not built (unpublished or excluded), nothing to check", file=out)
    checked = f"{len(paths)} path(s)" if paths else f"the site ({len(result.posts)} post(s))"
    print(f"checked {checked}: {len(result.warnings)} warning(s)", file=out)
    return 1 if result.warnings else 0
