"""What ``import-jekyll`` knows about the Jekyll site as a whole.

:mod:`sphinx_labnews.jekyll` converts one post's text; this module reads the rest
of the site the way Jekyll reads it, so the conversion can be told what the old
site looked like:

* ``_config.yml``: ``url``, ``baseurl``, ``permalink``, ``collections`` (and
  ``collections_dir``) and the ``defaults`` that set a permalink;
* ``_data/authors.yml``;
* where the posts are: ``_posts/`` and its subfolders (``_posts/2019/``), the
  ``_posts/`` of category folders, and every collection Jekyll writes
  (``output: true``), al-folio's ``_news/`` among them; ``_drafts/`` only when
  asked;
* every file in those folders that is *not* imported, with the reason, so no
  post is ever dropped without a word. Symbolic links are refused, as images
  are: a site's post must be a file of the site, not a path to elsewhere;
* the old URL of each post (site-wide, per-collection and per-post
  ``permalink``) and whether a site-absolute path names a file of the site,
  both confined to the site root.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..frontmatter import date_from_filename, load_yaml, parse_post_date
from ..jekyll import jekyll_permalink, permalink_docname, slugify

#: Every extension Jekyll renders a post from (kramdown's Markdown family, Textile, HTML).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mkdn", ".mkdown")
POST_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html", ".textile")
#: Folders Jekyll never reads posts from, and that can be huge.
_NEVER_WALKED = {"_site", ".git", "node_modules", "vendor", ".jekyll-cache", ".sass-cache"}
#: The collection default Jekyll gives documents of a collection with ``output: true``.
COLLECTION_PERMALINK = "/:collection/:path:output_ext"
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-")


class UnsafeUrlError(ValueError):
    """An old URL that would make the redirect writer leave the output folder."""


def safe_docname(url: str) -> str:
    """The redirect key (a docname) for an old URL; refuses any that climb out.

    Jekyll itself never writes ``/../`` into a URL, so a ``..`` or ``.`` segment,
    a backslash or a control character in an old URL (``permalink:
    /../../../../tmp/x``, ``categories: ..``) is hostile or broken, never a page.

    :raises UnsafeUrlError: naming the URL.
    """
    docname = permalink_docname(url)
    parts = docname.split("/")
    if (
        not docname
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in docname
        or any(ord(char) < 32 for char in docname)
    ):
        raise UnsafeUrlError(f"old URL {url!r} climbs out of the site or is not a page path")
    return docname


def _read_yaml(path: Path, notes: list[str]) -> Any:
    try:
        # dates stay text and the size limits hold, as for a post's front matter
        return load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        notes.append(f"{path} cannot be read ({type(error).__name__}); ignored")
        return None


@dataclass(frozen=True)
class Collection:
    """A folder Jekyll reads posts (or collection documents) from."""

    label: str  # "posts", "drafts" or the collection's name
    folder: Path
    permalink: str | None = None

    @property
    def is_posts(self) -> bool:
        return self.label in ("posts", "drafts")


@dataclass(frozen=True)
class SourcePost:
    """One file to import, and the collection it belongs to."""

    path: Path
    collection: Collection
    shown: str  # path relative to the site root, for the report


@dataclass(frozen=True)
class NotImported:
    """A file in a posts folder that is not imported, and why."""

    shown: str
    reason: str


@dataclass
class JekyllSite:
    """The parts of a Jekyll site the importer needs, read once."""

    root: Path
    url: str = ""
    baseurl: str = ""
    permalink: str | None = None
    collections: list[Collection] = field(default_factory=list)
    defaults: list[dict[str, Any]] = field(default_factory=list)
    authors: dict[str, Any] = field(default_factory=dict)
    #: ``title``, ``description`` and ``author`` (its ``name``), for a new site's pages.
    title: str = ""
    description: str = ""
    author: str = ""
    #: Problems reading the site's own files, for the report.
    notes: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ reading

    @classmethod
    def load(cls, root: Path) -> JekyllSite:
        site = cls(root=root)
        config: Any = {}
        if (root / "_config.yml").is_file():
            config = _read_yaml(root / "_config.yml", site.notes) or {}
        if not isinstance(config, dict):
            site.notes.append(f"{root / '_config.yml'} is not a mapping; ignored")
            config = {}
        site.url = str(config.get("url") or "").rstrip("/")
        author = config.get("author")
        if isinstance(author, dict):
            author = author.get("name")
        for name, value in (
            ("title", config.get("title")),
            ("description", config.get("description")),
            ("author", author),
        ):
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                setattr(site, name, " ".join(str(value).split()))
        baseurl = str(config.get("baseurl") or "").strip("/")
        site.baseurl = f"/{baseurl}" if baseurl else ""
        permalink = config.get("permalink")
        site.permalink = permalink if isinstance(permalink, str) else None
        defaults = config.get("defaults")
        if isinstance(defaults, list):
            site.defaults = [item for item in defaults if isinstance(item, dict)]
        site.collections = site._read_collections(config)
        authors_file = root / "_data" / "authors.yml"
        if authors_file.is_file() and not authors_file.is_symlink():
            authors = _read_yaml(authors_file, site.notes)
            if isinstance(authors, dict):
                site.authors = {str(key): value for key, value in authors.items()}
        return site

    def _read_collections(self, config: Mapping[str, Any]) -> list[Collection]:
        base = self.root
        collections_dir = config.get("collections_dir")
        if isinstance(collections_dir, str) and collections_dir.strip("/"):
            candidate = self.root / collections_dir.strip("/")
            if self.within(candidate):
                base = candidate
            else:
                self.notes.append(f"collections_dir {collections_dir!r} leaves the site; ignored")
        found = [Collection("posts", base / "_posts", self.permalink)]
        declared = config.get("collections")
        items: Iterable[tuple[str, Any]]
        if isinstance(declared, dict):
            items = declared.items()
        elif isinstance(declared, list):
            # listed without options: Jekyll reads them; they are news if they are dated
            items = ((name, {"output": True}) for name in declared)
        else:
            items = ()
        for name, options in items:
            name = str(name)
            options = options if isinstance(options, dict) else {}
            if name == "posts" or not options.get("output", False):
                continue
            if not re.fullmatch(r"[\w.-]+", name):
                self.notes.append(f"collection {name!r} has an unusable name; ignored")
                continue
            permalink = options.get("permalink")
            found.append(
                Collection(
                    name,
                    base / f"_{name}",
                    permalink if isinstance(permalink, str) else COLLECTION_PERMALINK,
                )
            )
        return found

    def within(self, path: Path) -> bool:
        """Whether ``path`` (symlinks followed) is inside the site root."""
        try:
            path.resolve().relative_to(self.root.resolve())
        except (ValueError, OSError):
            return False
        return True

    # ---------------------------------------------------------------- discovery

    def post_folders(
        self, posts_dirs: Sequence[Path] | None = None, *, drafts: bool = False
    ) -> list[Collection]:
        """The folders to read: ``--posts-dir`` if given, else Jekyll's own."""
        if posts_dirs:
            return [
                Collection(
                    "posts", folder if folder.is_absolute() else self.root / folder, self.permalink
                )
                for folder in posts_dirs
            ]
        folders = [c for c in self.collections if c.folder.is_dir()]
        # category folders with their own _posts (news/_posts/…), as Jekyll reads them
        for dirpath, dirnames, _files in os.walk(self.root):
            dirnames[:] = sorted(
                name
                for name in dirnames
                if name not in _NEVER_WALKED and name != "_posts" and not name.startswith(".")
            )
            here = Path(dirpath)
            if here != self.root and (here / "_posts").is_dir():
                folders.append(Collection("posts", here / "_posts", self.permalink))
        if drafts and (self.root / "_drafts").is_dir():
            folders.append(Collection("drafts", self.root / "_drafts", self.permalink))
        return folders

    def discover(
        self, posts_dirs: Sequence[Path] | None = None, *, drafts: bool = False
    ) -> tuple[list[SourcePost], list[NotImported]]:
        """Every post to import, and every other file of the posts folders with its reason."""
        posts: list[SourcePost] = []
        skipped: list[NotImported] = []
        seen: set[Path] = set()
        for collection in self.post_folders(posts_dirs, drafts=drafts):
            folder = collection.folder
            if folder in seen:
                continue
            seen.add(folder)
            if folder.is_symlink():
                skipped.append(NotImported(self.show(folder), "a symbolic link; refused"))
                continue
            if not folder.is_dir():
                skipped.append(NotImported(self.show(folder), "not a folder"))
                continue
            if not self.within(folder):
                skipped.append(NotImported(self.show(folder), "outside the site; refused"))
                continue
            for dirpath, dirnames, filenames in os.walk(folder):
                here = Path(dirpath)
                for name in sorted(dirnames):
                    if (here / name).is_symlink():
                        skipped.append(
                            NotImported(self.show(here / name), "a symbolic link; refused")
                        )
                # os.walk does not follow the links it lists; they are named above
                dirnames.sort()
                for name in sorted(filenames):
                    path = here / name
                    reason = self._skip_reason(path, collection)
                    if reason:
                        skipped.append(NotImported(self.show(path), reason))
                    else:
                        posts.append(SourcePost(path, collection, self.show(path)))
        if not posts_dirs and not drafts and (self.root / "_drafts").is_dir():
            for path in sorted((self.root / "_drafts").rglob("*")):
                if path.is_file():
                    skipped.append(NotImported(self.show(path), "a draft; --drafts imports drafts"))
        return posts, skipped

    def _skip_reason(self, path: Path, collection: Collection) -> str | None:
        if path.is_symlink():
            return "a symbolic link; refused (a post must be a file of the site)"
        suffix = path.suffix.lower()
        if suffix == ".textile":
            return "Textile is not supported; convert it to Markdown by hand"
        if suffix not in POST_SUFFIXES:
            return f"not a post (Jekyll reads {' '.join(POST_SUFFIXES)})"
        if path.name.startswith((".", "_", "#")) or path.name.endswith("~"):
            return "ignored by Jekyll (hidden or backup file)"
        if collection.is_posts and collection.label == "posts" and not _DATED_NAME.match(path.name):
            return "not named YYYY-MM-DD-title; Jekyll does not publish it as a post"
        return None

    def show(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # ------------------------------------------------------------ old site URLs

    def _default_values(self, post: SourcePost) -> dict[str, Any]:
        """``defaults:`` values for a post (front matter still wins)."""
        values: dict[str, Any] = {}
        relative = self.show(post.path)
        for item in self.defaults:
            raw_scope = item.get("scope")
            scope: dict[Any, Any] = raw_scope if isinstance(raw_scope, dict) else {}
            wanted_type = scope.get("type")
            if wanted_type and wanted_type != post.collection.label:
                continue
            scope_path = str(scope.get("path") or "").strip("/")
            if scope_path and not (relative + "/").startswith(scope_path + "/"):
                continue
            if isinstance(item.get("values"), dict):
                values.update(item["values"])
        return values

    def front_matter_with_defaults(
        self, post: SourcePost, data: Mapping[str, Any]
    ) -> dict[str, Any]:
        return {**self._default_values(post), **data}

    def post_date(self, post: SourcePost, data: Mapping[str, Any]) -> dt.datetime | None:
        """The post's date as Jekyll takes it: front matter ``date``, else the file name."""
        for key in ("date", "last_updated"):
            if data.get(key) is not None:
                try:
                    return parse_post_date(data[key])
                except ValueError:
                    continue
        return date_from_filename(post.path.name)

    def old_url(self, post: SourcePost, data: Mapping[str, Any]) -> str | None:
        """The URL (without ``baseurl``) the old site gave the post; ``None`` if unknown."""
        data = self.front_matter_with_defaults(post, data)
        template = data.get("permalink")
        if not isinstance(template, str):
            template = post.collection.permalink
        relative = post.path.relative_to(post.collection.folder).with_suffix("").as_posix()
        moment = self.post_date(post, data)
        name = post.path.name
        if not _DATED_NAME.match(name):
            if moment is None:
                return None
            name = f"{moment:%Y-%m-%d}-{post.path.name}"
        if template:
            template = re.sub(r":collection\b", post.collection.label, template)
            template = template.replace(":path", relative)
            template = re.sub(r":name\b", slugify(post.path.stem, max_length=10**6), template)
        return jekyll_permalink(name, {**data, "permalink": template}, self.permalink)

    def old_absolute_url(self, url: str) -> str:
        """An old site-absolute path as an absolute link to the old site."""
        return f"{self.url}{self.baseurl}{url}"

    # ------------------------------------------------------------- site files

    def site_path(self, path: str) -> Path | None:
        """The file a site-absolute path names, if it is a regular file inside the site.

        ``baseurl`` is accepted in front; ``..`` that climbs out, a symbolic link
        anywhere on the way and the generated ``_site`` are refused.
        """
        path = path.split("#", 1)[0].split("?", 1)[0]
        if self.baseurl and (path + "/").startswith(self.baseurl + "/"):
            path = path[len(self.baseurl) :]
        relative = posixpath.normpath(path.lstrip("/"))
        if relative in ("", ".") or relative.startswith("..") or "\x00" in relative:
            return None
        if relative.split("/", 1)[0] in _NEVER_WALKED:
            return None
        candidate = self.root / relative
        current = self.root
        for part in Path(relative).parts:
            current = current / part
            if current.is_symlink():
                return None
        if candidate.is_file() and self.within(candidate):
            return candidate
        return None

    def has_file(self, path: str) -> bool:
        """The ``site_files`` predicate of the conversion context."""
        return self.site_path(path) is not None

    def read_include(self, name: str) -> str | None:
        """The text of ``_includes/NAME``, confined to that folder; ``None`` otherwise."""
        includes = self.root / "_includes"
        relative = posixpath.normpath(name.strip().lstrip("/"))
        if relative.startswith("..") or relative in ("", "."):
            return None
        path = includes / relative
        current = includes
        for part in Path(relative).parts:
            current = current / part
            if current.is_symlink():
                return None
        try:
            path.resolve().relative_to(includes.resolve())
        except (ValueError, OSError):
            return None
        if not path.is_file():
            return None
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def author_names(self) -> dict[str, str]:
        """``_data/authors.yml`` keys → display names (``name``, else the key)."""
        names: dict[str, str] = {}
        for key, value in self.authors.items():
            if isinstance(value, dict) and isinstance(value.get("name"), str):
                names[key] = value["name"]
            elif isinstance(value, str):
                names[key] = value
        return names


def new_post_name(post: SourcePost, moment: dt.datetime | None) -> str:
    """The file name of the imported post: ``YYYY-MM-DD-slug.md``.

    A post already named so keeps its name (suffix aside); a collection document
    (al-folio's ``_news/announcement_1.md``) gets its date in front, so it sorts
    and archives like the others; a post in a year folder keeps only its name.
    """
    stem = post.path.stem
    if _DATED_NAME.match(stem) or moment is None:
        return f"{stem}.md"
    return f"{moment:%Y-%m-%d}-{slugify(stem) or 'post'}.md"
