"""``labnews import-jekyll``: bring a Jekyll site's posts into the docs tree.

The conversion itself is :mod:`sphinx_labnews.jekyll`; this module does the file
work, and does it carefully:

* it writes only the posts into ``--dest``, the images into the docs tree
  (where ``labnews_static_map`` says the site expects them) and the redirects
  file; an image path that climbs out (``/static/../../etc/passwd``) is refused;
* it remembers what it wrote in ``DEST/.labnews-import.json`` (file name →
  SHA-256), so a post edited since the last import is skipped, not overwritten,
  unless ``--force``; an output identical to the file on disk is "unchanged",
  which makes a second run change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote

import yaml

from ..jekyll import ERROR, Conversion, Note, convert_post, jekyll_permalink, permalink_docname
from ..site_paths import UnsafePathError, is_external, resolve_site_path
from .site import CommandError, SiteSettings, load_site_settings

MANIFEST_NAME = ".labnews-import.json"
POST_SUFFIXES = (".md", ".markdown")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ImportReport:
    """Counts for the summary line."""

    imported: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    redirects: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"imported {self.imported}, unchanged {self.unchanged}, "
            f"skipped {self.skipped} (edited), failed {self.failed}"
        )


def read_site_permalink(site_root: Path, notes: list[str]) -> str | None:
    """``permalink`` from the Jekyll site's ``_config.yml`` (``None``: Jekyll's default)."""
    config = site_root / "_config.yml"
    if not config.is_file():
        return None
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
        notes.append(f"{config} cannot be read ({error}); using Jekyll's default permalinks")
        return None
    value = data.get("permalink") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


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


def plan_images(images: list[str], site_root: Path, settings: SiteSettings) -> ImagePlan:
    """Where each site-absolute image comes from and goes to; unsafe paths are errors."""
    plan = ImagePlan()
    for image in images:
        if is_external(image):
            continue
        path = unquote(image.split("#", 1)[0].split("?", 1)[0])
        if not path.startswith("/"):
            plan.notes.append(
                Note("warning", f"relative image path {image!r} not copied; check it by hand")
            )
            continue
        try:
            resolved = resolve_site_path(path, settings.static_map)
        except UnsafePathError as error:
            plan.notes.append(Note(ERROR, f"image refused: {error}"))
            continue
        source_relative = posixpath.normpath(path.lstrip("/"))
        source = site_root / source_relative
        target = settings.srcdir / resolved.lstrip("/")
        if source_relative.startswith("..") or not _within(target, settings.srcdir):
            plan.notes.append(Note(ERROR, f"image refused: {image!r} leaves the site"))
            continue
        if source.is_file() and _within(source, site_root):
            plan.copies.append((source, target))
        elif not target.is_file():
            plan.notes.append(Note("warning", f"missing image: {image} (not in {site_root})"))
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


def import_jekyll(
    site_root: Path,
    *,
    dest: Path,
    conf_dir: Path,
    dry_run: bool = False,
    force: bool = False,
    out: TextIO | None = None,
) -> int:
    """Import every post of ``site_root/_posts``; 1 if any could not be converted."""
    out = out or sys.stdout
    posts_dir = site_root / "_posts"
    if not posts_dir.is_dir():
        raise CommandError(f"{posts_dir} is not a folder; is {site_root} a Jekyll site?")
    settings = load_site_settings(conf_dir)
    site_notes: list[str] = []
    if settings.problem:
        site_notes.append(settings.problem)
    about_blocks, about_problems = settings.read_about_blocks()
    site_notes.extend(about_problems)
    site_permalink = read_site_permalink(site_root, site_notes)
    for site_note in site_notes:
        print(f"warning: {site_note}", file=out)

    sources = sorted(
        path for path in posts_dir.rglob("*") if path.suffix in POST_SUFFIXES and path.is_file()
    )
    manifest_path = dest / MANIFEST_NAME
    manifest = _load_json(manifest_path)
    report = ImportReport()
    seen: dict[str, Path] = {}
    total = len(sources)
    if not dry_run:
        dest.mkdir(parents=True, exist_ok=True)

    for number, source in enumerate(sources, start=1):
        name = source.with_suffix(".md").name
        target = dest / name
        prefix = f"[{number}/{total}]"
        shown = source.relative_to(site_root).as_posix()
        conversion, status = _import_one(
            source,
            target,
            name=name,
            seen=seen,
            site_root=site_root,
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
            verb = {"imported": "imported", "updated": "updated", "unchanged": "unchanged"}
            verb["skipped"] = "skipped (edited since the last import; --force overwrites)"
            label = verb[status]
            if dry_run and status in ("imported", "updated"):
                label = f"would be {status}"
            print(f"{prefix} {label} {shown} -> {target}", file=out)
            if status in ("imported", "updated"):
                report.imported += 1
            elif status == "unchanged":
                report.unchanged += 1
            else:
                report.skipped += 1
            old_url = jekyll_permalink(source.name, conversion.data, site_permalink)
            new_docname = _docname(target, settings.srcdir)
            if old_url and new_docname and permalink_docname(old_url) != new_docname:
                report.redirects[permalink_docname(old_url)] = new_docname
        for note in conversion.notes:
            where = f"{shown}:{note.line}: " if note.line else f"{shown}: "
            print(f"    {where}{note.level}: {note.message}", file=out)

    if not dry_run:
        if manifest:
            _write_json(manifest_path, manifest)
        if report.redirects:
            redirects_path = settings.srcdir / settings.redirects_file
            if _within(redirects_path, settings.srcdir):
                redirects = _load_json(redirects_path)
                redirects.update(report.redirects)
                _write_json(redirects_path, redirects)
    suffix = " (dry run: nothing written)" if dry_run else ""
    print(report.summary() + suffix, file=out)
    return 1 if report.failed else 0


def _import_one(
    source: Path,
    target: Path,
    *,
    name: str,
    seen: dict[str, Path],
    site_root: Path,
    settings: SiteSettings,
    about_blocks: list,
    manifest: dict[str, Any],
    dry_run: bool,
    force: bool,
) -> tuple[Conversion, str]:
    """Convert and (unless ``dry_run``) write one post; returns it and its status."""
    if name in seen:
        conversion = Conversion(text=None)
        conversion.notes.append(Note(ERROR, f"{name} would also be written from {seen[name]}"))
        return conversion, "failed"
    seen[name] = source
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        conversion = Conversion(text=None)
        conversion.notes.append(Note(ERROR, f"cannot read it as UTF-8 text ({error})"))
        return conversion, "failed"
    conversion = convert_post(
        text,
        filename=source.name,
        about_blocks=about_blocks,
        default_about=settings.default_about,
    )
    if not conversion.ok:
        return conversion, "failed"
    plan = plan_images(conversion.images, site_root, settings)
    conversion.notes.extend(plan.notes)
    if not conversion.ok:
        return conversion, "failed"
    assert conversion.text is not None
    new_hash = sha256(conversion.text)
    if target.is_file():
        current = target.read_text(encoding="utf-8")
        if current == conversion.text:
            if not dry_run:
                manifest[name] = new_hash
                conversion.notes.extend(_copy_images(plan))
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
        conversion.notes.extend(_copy_images(plan))
    return conversion, status
