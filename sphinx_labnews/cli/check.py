"""``labnews check``: the build's post checks, without a build.

The front matter goes through :func:`~sphinx_labnews.frontmatter.read_post`, the
same call the extension makes, and every finding carries the warning name the
build would print (``[labnews.date]``), so a hook and a build never disagree on
what is wrong. On top of that it checks what only a build would notice late:
image files that are missing, About keys that are not registered and raw
``<img>`` HTML.

Errors are what would break or silently change the built post (a date that does
not exist, front matter that does not parse, a missing image or About block);
warnings are what builds but should be fixed (raw HTML, an image without alt
text). Warnings fail the check only with ``--strict``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..frontmatter import read_post
from ..jekyll import code_spans
from ..publishing import post_files
from ..site_paths import UnsafePathError, is_external, resolve_site_path
from ..warnings_ import LabnewsWarnings
from .site import SiteSettings, load_site_settings

#: Problem subtypes from the front-matter mapping that are errors; the rest warn.
ERROR_SUBTYPES = frozenset(
    {
        LabnewsWarnings.FRONTMATTER.value,
        LabnewsWarnings.DATE.value,
        LabnewsWarnings.TITLE.value,
        LabnewsWarnings.FIELD_TYPE.value,
        LabnewsWarnings.PUBLISHED.value,
    }
)
POST_SUFFIXES = (".md", ".markdown")

_DIRECTIVE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>.*?)[ \t]*$"
)
_OPTION = re.compile(r"^[ \t]*:(?P<name>[\w-]+):(?:[ \t]+(?P<value>.*))?$")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_RAW_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One problem in one post, as ``check`` prints it."""

    level: str
    subtype: str
    message: str
    line: int | None

    def format(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.level}: {self.message} [labnews.{self.subtype}]"


def check_text(
    text: str,
    *,
    filename: str,
    image_exists: Callable[[str], bool | str],
    about_keys: Iterable[str],
) -> list[Finding]:
    """Every finding for one post's text.

    ``image_exists(path)`` answers for an image path as written in the post:
    ``True``/``False``, or a message when the path is refused (it leaves the
    source directory). Kept apart from the file system so it is testable on
    strings.
    """
    findings: list[Finding] = []
    metadata, front_matter, problems = read_post(text, filename=filename)
    for problem in problems:
        level = "error" if problem.subtype in ERROR_SUBTYPES else "warning"
        findings.append(Finding(level, problem.subtype, problem.message, problem.line))
    if front_matter is None:
        return findings
    about = set(about_keys)

    def image(path: str, line: int | None, what: str) -> None:
        if not path or is_external(path):
            return
        answer = image_exists(path)
        if isinstance(answer, str):
            findings.append(Finding("error", LabnewsWarnings.IMAGE.value, answer, line))
        elif not answer:
            findings.append(
                Finding("error", LabnewsWarnings.IMAGE.value, f"{what} {path!r} not found", line)
            )

    if metadata.cover:
        image(metadata.cover, front_matter.line_of("cover"), "cover image")

    lines = text.splitlines()
    spans = code_spans(text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    body_start = front_matter.end_line
    index = body_start
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if any(start <= offsets[index] < end for start, end in spans):
            index += 1
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            name, arg = directive.group("name"), directive.group("arg")
            options: dict[str, str] = {}
            scan = index + 1
            while scan < len(lines) and (option := _OPTION.match(lines[scan])):
                options[option.group("name")] = (option.group("value") or "").strip()
                scan += 1
            if name == "centered-image":
                image(arg, number, "image")
                if not options.get("alt"):
                    findings.append(
                        Finding(
                            "warning",
                            LabnewsWarnings.IMAGE.value,
                            f"centered-image {arg!r} has no :alt: text",
                            number,
                        )
                    )
            elif name in ("image", "figure"):
                image(arg, number, "image")
            elif name == "about" and arg not in about:
                known = ", ".join(sorted(about)) or "none are registered"
                findings.append(
                    Finding(
                        "error",
                        LabnewsWarnings.ABOUT.value,
                        f"unknown About block {arg!r} (known: {known})",
                        number,
                    )
                )
            index = scan
            continue
        for match in _MARKDOWN_IMAGE.finditer(line):
            image(match.group("src"), number, "image")
        for match in _RAW_IMG.finditer(line):
            findings.append(
                Finding(
                    "warning",
                    LabnewsWarnings.RAW_HTML.value,
                    f"raw {match.group(0)[:60]!r} HTML; use a centered-image directive",
                    number,
                )
            )
            src = _SRC.search(match.group(0))
            if src:
                image(next(group for group in src.groups() if group is not None), number, "image")
        index += 1

    return findings


def _image_checker(settings: SiteSettings, post: Path) -> Callable[[str], bool | str]:
    srcdir = settings.srcdir

    def exists(path: str) -> bool | str:
        clean = path.split("#", 1)[0].split("?", 1)[0]
        if not clean.startswith("/"):
            return (post.parent / clean).is_file()
        try:
            resolved = resolve_site_path(clean, settings.static_map)
        except UnsafePathError as error:
            return str(error)
        return (srcdir / resolved.lstrip("/")).is_file()

    return exists


def find_posts(settings: SiteSettings) -> list[Path]:
    """The posts of the site: files matching ``labnews_post_pattern`` (``index`` never is)."""
    # the build's own rule (``news/**`` takes in subfolders; pathlib's glob cannot read it)
    found = post_files(settings.srcdir, settings.post_pattern, POST_SUFFIXES)
    return sorted(path for _, path in found)


def _expand(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in POST_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def check_posts(
    paths: Sequence[Path],
    *,
    conf_dir: Path,
    strict: bool = False,
    out: TextIO | None = None,
) -> int:
    """Check ``paths`` (files or folders; every post of the site when empty).

    Every file is reported before the exit code is decided: 1 on any error (or
    any warning with ``strict``), else 0.
    """
    out = out or sys.stdout
    settings = load_site_settings(conf_dir)
    if settings.problem:
        print(f"labnews check: warning: {settings.problem}", file=out)
    files, missing = _expand(paths) if paths else (find_posts(settings), [])
    errors = warnings = 0
    for path in missing:
        print(f"{path}: error: no such file or folder", file=out)
        errors += 1
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"{path}: error: cannot read it as UTF-8 text ({error})", file=out)
            errors += 1
            continue
        findings = check_text(
            text,
            filename=path.name,
            image_exists=_image_checker(settings, path),
            about_keys=settings.about_blocks,
        )
        for finding in findings:
            print(finding.format(str(path)), file=out)
            if finding.level == "error":
                errors += 1
            else:
                warnings += 1
    print(
        f"checked {len(files)} post(s): {errors} error(s), {warnings} warning(s)",
        file=out,
    )
    return 1 if errors or (strict and warnings) else 0
