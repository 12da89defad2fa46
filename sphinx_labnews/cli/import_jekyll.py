"""``labnews import-jekyll``: bring a Jekyll site's posts into the docs tree.

The conversion itself is :mod:`sphinx_labnews.jekyll`; this module does the file
work, and does it carefully:

* it writes only the posts into ``--dest``, the images into the docs tree
  (where ``labnews_static_map`` says the site expects them) and the redirects
  file; an image path that climbs out (``/static/../../etc/passwd``) is refused;
* it reads the site as Jekyll does (:mod:`.jekyll_site`): every posts folder and
  collection, the old URL of every post, and names every file it does not import;
* it remembers what it wrote in ``DEST/.labnews-import.json`` (file name →
  SHA-256), so a post edited since the last import is skipped, not overwritten,
  unless ``--force``; an output identical to the file on disk is "unchanged",
  which makes a second run change nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote

from ..frontmatter import parse_front_matter, parse_published, split_front_matter
from ..jekyll import (
    ERROR,
    WARNING,
    AboutBlock,
    Conversion,
    Note,
    SiteContext,
    convert_post,
    normalise_space,
)
from ..site_paths import UnsafePathError, is_external, resolve_site_path
from .about_mining import FoundBlock, find_boilerplate, replace_copies
from .build_report import report_build_warnings
from .init import INIT_MARKER, SiteSkeleton, conf_lines, write_site
from .jekyll_site import (
    JekyllSite,
    NotImported,
    SourcePost,
    UnsafeUrlError,
    new_post_name,
    safe_docname,
)
from .new import yaml_scalar
from .site import CommandError, SiteSettings, load_site_settings

MANIFEST_NAME = ".labnews-import.json"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ImportReport:
    """Counts for the summary line."""

    imported: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    not_imported: int = 0
    redirects: dict[str, str] = field(default_factory=dict)

    def summary(self, *, build_fails: bool = False) -> str:
        # "failed 0" followed by a failing sphinx-build -W would mislead: name it otherwise
        failed = "posts not converted" if build_fails else "failed"
        text = (
            f"imported {self.imported}, unchanged {self.unchanged}, "
            f"skipped {self.skipped} (edited), {failed} {self.failed}"
        )
        if self.duplicates:
            text += f", duplicates {self.duplicates}"
        if self.not_imported:
            text += f", not imported {self.not_imported}"
        return text


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


@dataclass
class ImagePlan:
    """The copies one post needs: (source, destination) pairs and what to report."""

    copies: list[tuple[Path, Path]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def _through_symlink(root: Path, relative: str) -> bool:
    """Whether any part of ``root/relative`` below ``root`` is a symbolic link."""
    current = root
    for part in Path(relative).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def plan_images(
    images: list[str], site_root: Path, settings: SiteSettings, *, kind: str = "image"
) -> ImagePlan:
    """Where each site-absolute image (or linked file) comes from and goes to.

    Paths that climb out of the site or the docs tree are errors; a file reached
    through a symbolic link in the Jekyll site is not copied (it may be anything
    on the machine), and is reported.
    """
    plan = ImagePlan()
    for image in images:
        if is_external(image):
            continue
        path = unquote(image.split("#", 1)[0].split("?", 1)[0])
        if not path.startswith("/"):
            plan.notes.append(
                Note("warning", f"relative {kind} path {image!r} not copied; check it by hand")
            )
            continue
        try:
            resolved = resolve_site_path(path, settings.static_map)
        except UnsafePathError as error:
            plan.notes.append(Note(ERROR, f"{kind} refused: {error}"))
            continue
        source_relative = posixpath.normpath(path.lstrip("/"))
        source = site_root / source_relative
        target = settings.srcdir / resolved.lstrip("/")
        if source_relative.startswith("..") or not _within(target, settings.srcdir):
            plan.notes.append(Note(ERROR, f"{kind} refused: {image!r} leaves the site"))
            continue
        if source.is_file() and _through_symlink(site_root, source_relative):
            plan.notes.append(
                Note(
                    "warning",
                    f"{kind} {image} is a symbolic link in the Jekyll site; refused, not copied",
                )
            )
        elif source.is_file() and _within(source, site_root):
            plan.copies.append((source, target))
        elif not target.is_file():
            plan.notes.append(Note("warning", f"missing {kind}: {image} (not in {site_root})"))
    return plan


def _copy_images(plan: ImagePlan) -> list[Note]:
    notes: list[Note] = []
    for source, target in plan.copies:
        data = source.read_bytes()
        if target.is_file():
            if target.read_bytes() != data:
                notes.append(
                    Note("warning", f"{target} differs from {source}; kept the docs tree's copy")
                )
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return notes


def _load_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _docname(path: Path, srcdir: Path) -> str | None:
    try:
        relative = path.resolve().relative_to(srcdir.resolve())
    except ValueError:
        return None
    return relative.with_suffix("").as_posix()


def _title_key(title: Any) -> str:
    """A title as a reader sees it (entities decoded, tags gone), for finding duplicates."""
    text = html.unescape(re.sub(r"<[^>]*>", "", str(title or "")))
    return " ".join(text.split()).casefold()


def _existing_posts(dest: Path, site: JekyllSite) -> dict[tuple[str, str], str]:
    """(title, day) → file name, for the posts already in the destination."""
    found: dict[tuple[str, str], str] = {}
    if not dest.is_dir():
        return found
    for path in sorted(dest.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        front, _problems = parse_front_matter(text)
        if front is None:
            continue
        moment = site.post_date(SourcePost(path, site.collections[0], path.name), front.data)
        if moment is not None and front.data.get("title"):
            found.setdefault((_title_key(front.data["title"]), f"{moment:%Y-%m-%d}"), path.name)
    return found


def html_body_as_blocks(text: str) -> str:
    """An ``.html`` post's body as MyST HTML blocks, which pass through unchanged.

    Jekyll does not run Markdown on ``.html`` posts, but MyST would: an indented
    line would become a code block and a blank line would end the HTML block, so
    the text after it would be read as Markdown. Lines are dedented and blank lines
    dropped, except inside ``<pre>``, whose text is shown as written.
    """
    block, end_line = split_front_matter(text)
    if block is None:
        return text
    lines = text.split("\n")
    kept = lines[:end_line]
    in_pre = False
    body: list[str] = []
    for line in lines[end_line:]:
        if in_pre:
            body.append(line)
        elif line.strip():
            body.append(line.strip())
        opens = len(re.findall(r"<pre\b", line, re.IGNORECASE))
        closes = len(re.findall(r"</pre\s*>", line, re.IGNORECASE))
        if opens > closes:
            in_pre = True
        elif closes > opens:
            in_pre = False
    return "\n".join([*kept, "", *body, ""])


def body_of(text: str) -> str:
    _block, end_line = split_front_matter(text)
    return "\n".join(text.split("\n")[end_line:])


def first_words(body: str, *, limit: int = 10) -> str:
    """A title from a body's first sentence: Markdown and HTML removed, cut at ``limit`` words."""
    text = re.sub(r"\{[%{].*?[%}]\}|<[^>]*>|!\[[^\]]*\]\([^)]*\)", " ", body, flags=re.DOTALL)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = html.unescape(re.sub(r"[*_`#>]+", " ", text))
    sentence = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    words = sentence.split()
    if len(words) > limit:
        return " ".join(words[:limit]).rstrip(",;:") + "…"
    return sentence.rstrip(".")


def add_front_matter_key(text: str, key: str, value: str) -> str:
    """``text`` with ``key: value`` added as the last line of its front matter."""
    _block, end_line = split_front_matter(text)
    lines = text.split("\n")
    lines.insert(end_line - 1, f"{key}: {yaml_scalar(value)}")
    return "\n".join(lines)


@dataclass
class PlannedPost:
    """What the first pass learned about one source post."""

    source: SourcePost
    text: str | None
    data: dict[str, Any]
    name: str
    old_url: str | None = None
    published: bool = True
    notes: list[Note] = field(default_factory=list)
    #: Neither a date in the front matter nor in the file name.
    undated: bool = False
    #: The destination post (file name) this one repeats; it is then not imported.
    duplicate_of: str | None = None


def _plan(post: SourcePost, site: JekyllSite) -> PlannedPost:
    try:
        text: str | None = post.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        planned = PlannedPost(post, None, {}, post.path.with_suffix(".md").name)
        planned.notes.append(Note(ERROR, f"cannot read it as UTF-8 text ({error})"))
        return planned
    assert text is not None
    if post.path.suffix.lower() == ".html":
        text = html_body_as_blocks(text)
    front, _problems = parse_front_matter(text)
    data = site.front_matter_with_defaults(post, front.data if front else {})
    moment = site.post_date(post, data)
    planned = PlannedPost(post, text, data, new_post_name(post, moment))
    planned.undated = moment is None
    if front is not None and not data.get("title") and not post.collection.is_posts:
        # al-folio's inline announcements have no title: a page needs one
        title = first_words(body_of(text))
        if title:
            planned.text = add_front_matter_key(text, "title", title)
            planned.data["title"] = title
            planned.notes.append(
                Note(WARNING, f"no title; the first words of the post are its title: {title!r}")
            )
    published, _understood = parse_published(data.get("published", True))
    planned.published = published
    if post.collection.label == "drafts":
        planned.published = False
    try:
        planned.old_url = site.old_url(post, data)
    except (ValueError, TypeError):  # a permalink or category Jekyll could not render
        planned.old_url = None
    return planned


def import_jekyll(
    site_root: Path,
    *,
    dest: Path,
    conf_dir: Path,
    dry_run: bool = False,
    force: bool = False,
    posts_dirs: Sequence[Path] | None = None,
    drafts: bool = False,
    new_site: Path | None = None,
    about_from_site: bool = False,
    build_check: bool = False,
    out: TextIO | None = None,
) -> int:
    """Import every post of the Jekyll site at ``site_root``; 1 if any could not be converted.

    ``new_site`` first writes a new site there (as ``labnews init``, with the old
    site's title and address); ``about_from_site`` finds repeated boilerplate
    sections and turns them into About blocks; ``build_check`` ends the report with
    what ``sphinx-build -W`` will still warn about.
    """
    out = out or sys.stdout
    site = _load_site(site_root, posts_dirs)
    planned, not_imported = _plan_posts(site, posts_dirs, drafts=drafts)
    conf_existed = True
    if new_site is not None and not dry_run:
        conf_existed = (new_site / "conf.py").exists()
        write_site(new_site, _skeleton(site), out=out)
    settings = load_site_settings(conf_dir)
    about_blocks = _site_about_blocks(site, settings, out)
    if about_from_site:
        conf_is_new = new_site is not None and not dry_run and not conf_existed
        about_blocks = _about_from_site(
            planned, site, settings, about_blocks, conf_is_new, dry_run=dry_run, out=out
        )
    _find_duplicates(planned, _existing_posts(dest, site), site)
    post_urls = _post_urls(planned, dest, settings)

    manifest_path = dest / MANIFEST_NAME
    manifest = _load_json(manifest_path)
    report = ImportReport(not_imported=len(not_imported))
    if not dry_run:
        dest.mkdir(parents=True, exist_ok=True)
    external = _import_planned(
        planned,
        dest,
        post_urls,
        site=site,
        settings=settings,
        about_blocks=about_blocks,
        manifest=manifest,
        report=report,
        dry_run=dry_run,
        force=force,
        out=out,
    )
    _print_left_out(not_imported, external, out)
    if not dry_run:
        _write_records(manifest_path, manifest, report, settings)
    verdict = report_build_warnings(conf_dir, out=out) if build_check and not dry_run else ""
    summary = report.summary(build_fails="will fail" in verdict)
    if verdict:
        summary += "; " + verdict
    suffix = " (dry run: nothing written)" if dry_run else ""
    print(summary + suffix, file=out)
    return 1 if report.failed else 0


def _load_site(site_root: Path, posts_dirs: Sequence[Path] | None) -> JekyllSite:
    """The Jekyll site, or a :class:`CommandError` saying why it is not one."""
    if not site_root.is_dir():
        raise CommandError(f"{site_root} is not a folder; is it a Jekyll site?")
    site = JekyllSite.load(site_root)
    if not posts_dirs and not any(c.folder.is_dir() for c in site.collections):
        folders = ", ".join(site.show(c.folder) for c in site.collections)
        raise CommandError(
            f"{site_root / '_posts'} is not a folder; is {site_root} a Jekyll site? "
            f"(looked in {folders}; --posts-dir names the folder)"
        )
    return site


def _plan_posts(
    site: JekyllSite, posts_dirs: Sequence[Path] | None, *, drafts: bool
) -> tuple[list[PlannedPost], list[NotImported]]:
    """Every post to import, in file order, and the files that are not posts (and why)."""
    sources, not_imported = site.discover(posts_dirs, drafts=drafts)
    sources.sort(key=lambda post: post.shown)
    planned = []
    for post in sources:
        plan = _plan(post, site)
        if plan.text is not None and not post.collection.is_posts and plan.undated:
            # al-folio writes out _projects too: pages without a date are not news
            reason = f"a document of the {post.collection.label!r} collection without a date"
            not_imported.append(NotImported(post.shown, reason + "; not a news post"))
            continue
        planned.append(plan)
    return planned, not_imported


def _site_about_blocks(site: JekyllSite, settings: SiteSettings, out: TextIO) -> list[AboutBlock]:
    """The new site's About blocks; the site's and ``conf.py``'s problems are printed."""
    site_notes: list[str] = list(site.notes)
    if settings.problem:
        site_notes.append(settings.problem)
    about_blocks, about_problems = settings.read_about_blocks()
    site_notes.extend(about_problems)
    for note in site_notes:
        print(f"warning: {note}", file=out)
    return about_blocks


def _import_planned(
    planned: Sequence[PlannedPost],
    dest: Path,
    post_urls: Mapping[str, str],
    *,
    site: JekyllSite,
    settings: SiteSettings,
    about_blocks: list[AboutBlock],
    manifest: dict[str, Any],
    report: ImportReport,
    dry_run: bool,
    force: bool,
    out: TextIO,
) -> dict[str, int]:
    """Import each planned post, printing a line per post and its notes.

    Returns the old site's pages the posts link to that were not imported, with how
    many posts link to each.
    """
    seen: dict[str, Path] = {}
    external: dict[str, int] = {}
    total = len(planned)
    for number, plan in enumerate(planned, start=1):
        target = dest / plan.name
        prefix = f"[{number}/{total}]"
        shown = plan.source.shown
        if plan.duplicate_of is not None:
            _report_duplicate(plan, plan.duplicate_of, dest, settings, report, prefix, out)
            continue
        docname = _docname(target, settings.srcdir) or ""
        context = SiteContext(
            url=site.url,
            baseurl=site.baseurl,
            old_url_of_post=plan.old_url or "",
            docname=docname,
            post_urls=post_urls,
            site_files=site.has_file,
            read_include=site.read_include,
            authors=site.author_names(),
        )
        conversion, status = _import_one(
            plan,
            target,
            seen=seen,
            site=site,
            context=context,
            settings=settings,
            about_blocks=about_blocks,
            manifest=manifest,
            dry_run=dry_run,
            force=force,
        )
        if status == "failed":
            report.failed += 1
            print(f"{prefix} failed {shown}", file=out)
        else:
            _count_status(status, report)
            label = _STATUS_LABELS[status]
            if dry_run and status in ("imported", "updated"):
                label = f"would be {status}"
            print(f"{prefix} {label} {shown} -> {target}", file=out)
            _add_redirects(
                plan, conversion, docname, report, srcdir=settings.srcdir, out=conversion.notes
            )
            for link in conversion.external_links:
                external[link] = external.get(link, 0) + 1
        for note in [*plan.notes, *conversion.notes]:
            where = f"{shown}:{note.line}: " if note.line else f"{shown}: "
            print(f"    {where}{note.level}: {note.message}", file=out)
    return external


_STATUS_LABELS = {
    "imported": "imported",
    "updated": "updated",
    "unchanged": "unchanged",
    "skipped": "skipped (edited since the last import; --force overwrites)",
}


def _count_status(status: str, report: ImportReport) -> None:
    if status in ("imported", "updated"):
        report.imported += 1
    elif status == "unchanged":
        report.unchanged += 1
    else:
        report.skipped += 1


def _report_duplicate(
    plan: PlannedPost,
    duplicate_of: str,
    dest: Path,
    settings: SiteSettings,
    report: ImportReport,
    prefix: str,
    out: TextIO,
) -> None:
    """A post the destination already has: not imported, its old address redirected."""
    shown = plan.source.shown
    report.duplicates += 1
    print(
        f"{prefix} not imported {shown}: same title and date as {duplicate_of} in the destination",
        file=out,
    )
    # its old address still leads somewhere: to the post it repeats
    kept = _docname(dest / duplicate_of, settings.srcdir) or ""
    notes: list[Note] = []
    _add_redirects(plan, Conversion(text=None), kept, report, srcdir=settings.srcdir, out=notes)
    for note in notes:
        print(f"    {shown}: {note.level}: {note.message}", file=out)


def _print_left_out(
    not_imported: Sequence[NotImported], external: Mapping[str, int], out: TextIO
) -> None:
    """The files that are not posts, and the old site's pages still linked to."""
    if not_imported:
        print(f"Not imported ({len(not_imported)} files in the posts folders):", file=out)
        for item in not_imported:
            print(f"    {item.shown}: {item.reason}", file=out)
    if external:
        print(
            f"Links to pages of the old site that were not imported ({len(external)}), "
            "now absolute links to it:",
            file=out,
        )
        for link, count in sorted(external.items()):
            print(f"    {link}" + (f" ({count} posts)" if count > 1 else ""), file=out)


def _write_records(
    manifest_path: Path, manifest: dict[str, Any], report: ImportReport, settings: SiteSettings
) -> None:
    """The import manifest, and the old addresses added to the site's redirects file."""
    if manifest:
        _write_json(manifest_path, manifest)
    if report.redirects:
        redirects_path = settings.srcdir / settings.redirects_file
        if _within(redirects_path, settings.srcdir) and not redirects_path.is_symlink():
            redirects = _load_json(redirects_path)
            redirects.update(report.redirects)
            _write_json(redirects_path, redirects)


def _skeleton(site: JekyllSite) -> SiteSkeleton:
    """A new site's pages, named after the old site (its title, address and author)."""
    skeleton = SiteSkeleton()
    if site.title:
        skeleton.project = site.title
    if site.description:
        skeleton.description = site.description
    if site.author:
        skeleton.author = site.author
    if site.url:
        skeleton.baseurl = f"{site.url}{site.baseurl}/"
    return skeleton


def _about_from_site(
    planned: Sequence[PlannedPost],
    site: JekyllSite,
    settings: SiteSettings,
    registered: list[AboutBlock],
    conf_is_new: bool,
    *,
    dry_run: bool,
    out: TextIO,
) -> list[AboutBlock]:
    """Find boilerplate sections, write them as About blocks, replace their copies.

    Returns the About blocks to convert with (the registered ones and the new).
    A block file that exists is never overwritten; the ``conf.py`` lines are
    written into a ``conf.py`` this run created, else printed for the user.
    """
    fronts, bodies = _split_posts(planned)
    dates = [site.post_date(plan.source, plan.data) for plan in planned]
    found = find_boilerplate(bodies, dates, registered=registered)
    if not found:
        print("About blocks: no section repeats across posts", file=out)
        return registered
    new_blocks: dict[str, str] = {}
    blocks = list(registered)
    for block in found:
        variants = len({normalise_space(c.text) for c in block.copies})
        print(
            f"About block {block.key!r} ({block.heading}): {block.posts} posts, "
            f"{variants} version(s); every copy becomes ```{{about}} {block.key}```",
            file=out,
        )
        if block.registered:
            continue
        new_blocks[block.key] = _write_block_file(block, settings, dry_run=dry_run, out=out)
        blocks.append(AboutBlock(block.key, block.heading, block.text))
    for index, plan in enumerate(planned):
        if plan.text is not None and any(c.post == index for block in found for c in block.copies):
            body = replace_copies(bodies[index], index, found)
            plan.text = fronts[index] + "\n" + body
    if new_blocks:
        _register_blocks(new_blocks, settings, conf_is_new, dry_run=dry_run, out=out)
    return blocks


def _split_posts(planned: Sequence[PlannedPost]) -> tuple[list[str], list[str]]:
    """Each planned post's front matter block and body, as lists of texts."""
    fronts: list[str] = []
    bodies: list[str] = []
    for plan in planned:
        text = plan.text or ""
        _block, end_line = split_front_matter(text)
        lines = text.split("\n")
        fronts.append("\n".join(lines[:end_line]))
        bodies.append("\n".join(lines[end_line:]))
    return fronts, bodies


def _write_block_file(
    block: FoundBlock, settings: SiteSettings, *, dry_run: bool, out: TextIO
) -> str:
    """Write a new About block's file (never over an existing one); its relative path."""
    relative = f"_about/{block.key}.md"
    path = settings.srcdir / relative
    content = f"# {block.heading}\n\n{block.text.strip()}\n"
    if not dry_run and _within(path, settings.srcdir):
        if path.exists() and path.read_text(encoding="utf-8") != content:
            print(f"    kept {path} (exists); check it matches", file=out)
        elif not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
            print(f"    wrote {path}", file=out)
    return relative


def _register_blocks(
    new_blocks: dict[str, str],
    settings: SiteSettings,
    conf_is_new: bool,
    *,
    dry_run: bool,
    out: TextIO,
) -> None:
    """Register new About blocks in a ``conf.py`` this run created (or ``labnews init``
    wrote without blocks), else print the lines for the user."""
    all_blocks = {**settings.about_blocks, **new_blocks}
    conf_text = conf_lines(all_blocks, settings.default_about)
    conf_py = settings.srcdir / "conf.py"
    text = conf_py.read_text(encoding="utf-8") if conf_py.is_file() else ""
    empty = "labnews_about_blocks = {}\n"
    # a conf.py written by `labnews init` that registers no block yet is ours to fill
    if not dry_run and (conf_is_new or (INIT_MARKER in text and empty in text)):
        if empty in text:
            text = text.replace(empty, conf_text.split("labnews_default_about")[0], 1)
        else:
            text += "\n" + conf_text
        conf_py.write_text(text, encoding="utf-8", newline="\n")
        settings.about_blocks = all_blocks
        print(f"    registered them in {conf_py}", file=out)
    else:
        print(f"Add to {conf_py} (replacing the lines that set them):", file=out)
        for line in conf_text.splitlines():
            print(f"    {line}", file=out)


def _post_key(plan: PlannedPost, site: JekyllSite) -> tuple[str, str] | None:
    moment = site.post_date(plan.source, plan.data)
    title = plan.data.get("title")
    if moment is None or not title:
        return None
    return (_title_key(title), f"{moment:%Y-%m-%d}")


def _find_duplicates(
    planned: Sequence[PlannedPost], existing: dict[tuple[str, str], str], site: JekyllSite
) -> None:
    """Mark the posts that repeat one in the destination, or an earlier one of this import.

    Same title (entities and spacing aside) and same day, another file name: a
    re-import of the same post has the same file name and is not a duplicate.
    """
    for plan in planned:
        key = _post_key(plan, site)
        if key is None:
            continue
        if key in existing and existing[key] != plan.name:
            plan.duplicate_of = existing[key]
        else:
            existing.setdefault(key, plan.name)


def _post_urls(
    planned: Sequence[PlannedPost], dest: Path, settings: SiteSettings
) -> dict[str, str]:
    """Every published post's old URL → its new docname (the first pass)."""
    urls: dict[str, str] = {}
    for plan in planned:
        if not plan.old_url or not plan.published:
            continue
        target = dest / (plan.duplicate_of or plan.name)
        docname = _docname(target, settings.srcdir) or target.stem
        urls.setdefault(plan.old_url, docname)
        for old in _redirect_from(plan.data):
            urls.setdefault(old, docname)
    return urls


def _redirect_from(data: dict[str, Any]) -> list[str]:
    value = data.get("redirect_from")
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


#: Pages Sphinx writes itself; an old URL must not be redirected over them.
_GENERATED_PAGES = {"index", "genindex", "search", "py-modindex", "404"}


def _add_redirects(
    plan: PlannedPost,
    conversion: Conversion,
    docname: str,
    report: ImportReport,
    *,
    srcdir: Path,
    out: list[Note],
) -> None:
    """The post's old URL and its ``redirect_from`` URLs → redirects to the new page.

    Unpublished posts get none (their page is not built). A URL that climbs out of
    the site is refused with a note: the post is imported, without that redirect.
    """
    if not docname:
        return
    if not plan.published:
        out.append(Note(WARNING, "not published: no redirect from its old URL"))
        return
    urls = [plan.old_url] if plan.old_url else []
    extra = getattr(conversion, "redirects", None) or _redirect_from(plan.data)
    urls.extend(url for url in extra if url not in urls)
    for url in urls:
        if is_external(url):
            out.append(Note(WARNING, f"redirect_from {url!r} is not a path of this site; ignored"))
            continue
        try:
            key = safe_docname(url)
        except UnsafeUrlError as error:
            out.append(Note(WARNING, f"redirect refused: {error}"))
            continue
        if key == docname:
            continue
        if key in _GENERATED_PAGES or any(
            (srcdir / f"{key}{suffix}").exists() for suffix in (".md", ".rst", ".ipynb")
        ):
            # a redirect page would replace the site's own page (permalink: /)
            out.append(Note(WARNING, f"redirect refused: {url!r} is a page of the new site"))
            continue
        report.redirects[key] = docname


def _import_one(
    plan: PlannedPost,
    target: Path,
    *,
    seen: dict[str, Path],
    site: JekyllSite,
    context: SiteContext,
    settings: SiteSettings,
    about_blocks: list,
    manifest: dict[str, Any],
    dry_run: bool,
    force: bool,
) -> tuple[Conversion, str]:
    """Convert and (unless ``dry_run``) write one post; returns it and its status."""
    name = plan.name
    if name in seen:
        conversion = Conversion(text=None)
        conversion.notes.append(Note(ERROR, f"{name} would also be written from {seen[name]}"))
        return conversion, "failed"
    seen[name] = plan.source.path
    if plan.text is None:
        return Conversion(text=None), "failed"
    conversion = convert_post(
        plan.text,
        filename=name,
        about_blocks=about_blocks,
        default_about=settings.default_about,
        context=context,
    )
    if not conversion.ok:
        return conversion, "failed"
    plan_copies = plan_images(conversion.images, site.root, settings)
    files = plan_images(getattr(conversion, "files", []), site.root, settings, kind="file")
    plan_copies.copies.extend(files.copies)
    plan_copies.notes.extend(files.notes)
    conversion.notes.extend(plan_copies.notes)
    if not conversion.ok:
        return conversion, "failed"
    assert conversion.text is not None
    new_hash = sha256(conversion.text)
    if target.is_file():
        current = target.read_text(encoding="utf-8")
        if current == conversion.text:
            if not dry_run:
                manifest[name] = new_hash
                conversion.notes.extend(_copy_images(plan_copies))
            return conversion, "unchanged"
        if manifest.get(name) != sha256(current) and not force:
            return conversion, "skipped"
        status = "updated"
    else:
        status = "imported"
    if not dry_run:
        if not _within(target, target.parent) or os.path.islink(target):
            conversion.notes.append(Note(ERROR, f"{target} is a link; not writing through it"))
            return conversion, "failed"
        target.write_text(conversion.text, encoding="utf-8", newline="\n")
        manifest[name] = new_hash
        conversion.notes.extend(_copy_images(plan_copies))
    return conversion, status
