"""The web editor: Decap CMS at ``admin/``, configured from the site's own settings.

The lab's members who do not use git write news through Decap CMS (formerly Netlify
CMS), as they did on the Jekyll site. Its ``config.yml`` used to be written by hand
and could disagree with the site: another posts folder, another file-name pattern, a
front-matter field the build does not read. Here it is generated at build time from
the same settings the build uses (``labnews_post_pattern``, ``labnews_static_map``,
the About blocks, the front-matter mapping), so it cannot drift.

:func:`editor_config` is pure (settings in, a mapping out) and is what the tests
check; :func:`write_admin` is the Sphinx glue that writes ``admin/`` into the HTML
output. The browser side is ``static/cms/``: ``labnews-cms-myst.js`` holds the pure
functions that write and read the MyST of the editor components (tested with
``node --test``), ``labnews-cms.js`` registers them and the preview with Decap.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml
from sphinx.application import Sphinx

from .config import DECAP_CMS_INTEGRITY, DECAP_CMS_URL, from_sphinx_config
from .site_paths import is_external
from .warnings_ import LabnewsWarnings, warn

CMS_DIR = Path(__file__).parent / "static" / "cms"
TEMPLATES_DIR = Path(__file__).parent / "templates" / "cms"

#: The files copied next to ``index.html`` and ``config.yml``.
ASSETS = ("labnews-cms-myst.js", "labnews-cms.js", "labnews-cms-preview.css")

#: The name of the Decap collection; the preview template is registered for it.
COLLECTION = "posts"

#: Front-matter keys the mapping knows (``frontmatter.KNOWN_KEYS``) that the editor does
#: not offer, and why. Every other known key must be an editor field (a test checks it).
NOT_EDITOR_FIELDS = {
    # ``last_updated`` is the lab's date field; ``date`` is the alias ablog and other
    # importers write. Offering both would let an editor set two dates that disagree.
    "date": "the editor writes the date as last_updated",
}

#: Decap backends that name the repository they write to.
REPO_BACKENDS = frozenset({"github", "gitlab", "bitbucket", "gitea", "aws-cognito-github-proxy"})

#: Decap's ``format`` for the datetime widget; what ``frontmatter.parse_post_date`` reads.
DATE_FORMAT = "YYYY/MM/DD"


class CmsConfigError(ValueError):
    """The site's settings do not give the editor a posts folder or a media folder."""


def find_repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a file
    in a git worktree or submodule)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def posts_folder(post_pattern: Sequence[str]) -> str:
    """The source-relative folder of the first post pattern (``news/**`` → ``news``).

    Decap writes one folder, so the pattern must be ``<folder>/*`` or ``<folder>/**``
    (the editor writes new posts at its top): a pattern with wildcards in its folder
    part names no single place for new posts.
    """
    if not post_pattern:
        raise CmsConfigError("labnews_post_pattern is empty: the editor has no posts folder")
    pattern = post_pattern[0]
    folder, _, name = pattern.rpartition("/")
    if name not in ("*", "**") or any(char in folder for char in "*?[]"):
        raise CmsConfigError(
            f"the editor writes posts into one folder, so the first labnews_post_pattern "
            f"must be '<folder>/*' or '<folder>/**', got {pattern!r}"
        )
    return folder


def media_folders(media_url: str, static_map: Mapping[str, str]) -> tuple[str, str]:
    """``(media_folder, public_folder)`` for ``media_url``, both from ``static_map``.

    ``/static/img/`` with ``{"/static/": "static/"}`` gives ``("static/img", "/static/img")``
    (source-relative folder, site-absolute URL), which is how covers and centred
    images resolve at build time.
    """
    url = media_url if media_url.endswith("/") else media_url + "/"
    for prefix, folder in sorted(static_map.items(), key=lambda item: -len(item[0])):
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            local = posixpath.normpath(posixpath.join(folder, rest))
            if local.startswith("..") or posixpath.isabs(local):
                break
            return local, url.rstrip("/")
    raise CmsConfigError(
        f"labnews_cms_media_url {media_url!r} does not start with a prefix of "
        f"labnews_static_map ({sorted(static_map)}), so the build would not find the images"
    )


def post_fields(*, default_about: Sequence[str]) -> list[dict[str, Any]]:
    """One Decap field per front-matter key the mapping knows, in the lab's order."""
    # Decap cannot write ``about: false`` from a list widget (clearing one writes
    # ``about: null``, which means the defaults), so the field is the opt-out and the
    # "About block" editor component places one of ``labnews_about_blocks`` in the body.
    shown = ", ".join(default_about) or "none are set"
    about_field: dict[str, Any] = {
        "label": "About blocks",
        "name": "about",
        "widget": "boolean",
        "default": True,
        "hint": f"Show the lab's About blocks at the end of the post ({shown}). Turn off "
        "to show none, or to show only those you insert in the body with the "
        "'About block' button.",
    }
    return [
        {"label": "Title", "name": "title", "widget": "string"},
        {"label": "Published", "name": "published", "widget": "boolean", "default": True},
        {"label": "Author", "name": "author", "widget": "string"},
        {"label": "Group", "name": "group", "widget": "hidden", "default": "news"},
        {"label": "Cover Image", "name": "cover", "widget": "image", "required": False},
        {"label": "One-line Description", "name": "oneline_description", "widget": "text"},
        {
            "label": "Last Updated",
            "name": "last_updated",
            "widget": "datetime",
            "format": DATE_FORMAT,
            "date_format": DATE_FORMAT,
            "time_format": False,
        },
        {
            "label": "Tags",
            "name": "tags",
            "widget": "list",
            "required": False,
            "hint": "Comma-separated, e.g. workshop, award",
        },
        about_field,
        {"label": "Body", "name": "body", "widget": "markdown"},
    ]


def editor_config(
    *,
    backend: Mapping[str, Any],
    local_backend: bool | str,
    repo_folder: str,
    post_pattern: Sequence[str],
    static_map: Mapping[str, str],
    media_url: str,
    default_about: Sequence[str],
    site_url: str = "",
) -> dict[str, Any]:
    """Decap's ``config.yml`` as a mapping.

    ``repo_folder`` is the source directory relative to the repository root (``docs``,
    or ``""`` when they are the same): Decap names files from the repository root.
    """

    def in_repo(path: str) -> str:
        return posixpath.normpath(posixpath.join(repo_folder, path)) if repo_folder else path

    media_folder, public_folder = media_folders(media_url, static_map)
    config: dict[str, Any] = {"backend": dict(backend)}
    if local_backend:
        config["local_backend"] = {"url": local_backend} if isinstance(local_backend, str) else True
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    config.update(
        {
            "media_folder": in_repo(media_folder),
            "public_folder": public_folder,
            # file names the post pattern and the date-from-file-name rule expect,
            # ASCII so that URLs stay plain: "Café «2025»" → 2025-07-27-cafe-2025.md
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [
                {
                    "name": COLLECTION,
                    "label": "News/Posts",
                    "label_singular": "Post",
                    "folder": in_repo(posts_folder(post_pattern)),
                    "create": True,
                    "extension": "md",
                    "format": "yaml-frontmatter",
                    "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
                    "summary": "{{title}} ({{last_updated}})",
                    "fields": post_fields(default_about=default_about),
                }
            ],
        }
    )
    return config


def dump_yaml(config: Mapping[str, Any]) -> str:
    """``config.yml``'s text: safe_dump escapes every value, keys keep their order."""
    header = "# Written by sphinx-labnews from conf.py (labnews_cms*); edits here are lost.\n"
    return header + yaml.safe_dump(
        dict(config), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def script_integrity(url: str, integrity: str) -> str:
    """The SRI hash for ``url``: the one given, or the pinned release's for its URL."""
    if integrity:
        return integrity
    return DECAP_CMS_INTEGRITY if url == DECAP_CMS_URL else ""


def render_index(*, script_url: str, integrity: str, settings: Mapping[str, Any]) -> str:
    """``admin/index.html``: Decap's script, ours, and our settings as JSON data.

    The settings reach the browser as a ``<script type="application/json">`` block
    written with Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and quotes), never
    as code assembled from strings.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = environment.get_template("index.html")
    return template.render(
        script_url=script_url, integrity=integrity, settings=settings, assets=ASSETS
    )


def repo_folder_of(app: Sphinx, repo_root_option: str) -> str:
    """The source directory relative to the repository root, as a POSIX path."""
    srcdir = Path(app.srcdir).resolve()
    if repo_root_option:
        root = (Path(app.confdir) / repo_root_option).resolve()
    else:
        found = find_repo_root(srcdir)
        if found is None:
            warn(
                "labnews_cms: no .git folder above the source directory; the editor names "
                "files from the source directory (set labnews_cms_repo_root)",
                LabnewsWarnings.CONFIG,
            )
            found = srcdir
        root = found
    try:
        relative = srcdir.relative_to(root)
    except ValueError:
        raise CmsConfigError(
            f"labnews_cms_repo_root {repo_root_option!r} is not above the source directory"
        ) from None
    folder = PurePosixPath(*relative.parts).as_posix()
    return "" if folder == "." else folder


def write_admin(app: Sphinx, exception: Exception | None) -> None:
    """Write ``admin/`` into the HTML output when ``labnews_cms`` is on."""
    if exception is not None or not app.config.labnews_cms:
        return
    # epub and htmlhelp are HTML builders too, for files read offline: no editor there
    if app.builder.format != "html" or getattr(app.builder, "embedded", False):
        return
    options = from_sphinx_config(app.config)
    site_url = (app.config.html_baseurl or "").strip()
    try:
        backend = dict(options.cms_backend)
        if not backend.get("name"):
            raise CmsConfigError("labnews_cms_backend has no 'name' (github, git-gateway, …)")
        if backend["name"] in REPO_BACKENDS and not backend.get("repo"):
            raise CmsConfigError(
                f"labnews_cms_backend {backend['name']!r} needs 'repo': 'OWNER/REPO'"
            )
        config = editor_config(
            backend=backend,
            local_backend=options.cms_local_backend,
            repo_folder=repo_folder_of(app, options.cms_repo_root),
            post_pattern=options.post_pattern,
            static_map=options.static_map,
            media_url=options.cms_media_url,
            default_about=options.default_about,
            site_url=site_url,
        )
    except CmsConfigError as error:
        warn(f"labnews_cms: {error}; the web editor is not written", LabnewsWarnings.CONFIG)
        return
    integrity = script_integrity(options.cms_script_url, options.cms_script_integrity)
    if not integrity and is_external(options.cms_script_url):
        warn(
            f"labnews_cms_script_url {options.cms_script_url!r} is loaded from another site "
            "without labnews_cms_script_integrity; set its sha384 hash",
            LabnewsWarnings.CONFIG,
        )
    settings = {
        "collection": COLLECTION,
        "staticMap": dict(options.static_map),
        "publicFolder": config["public_folder"],
        "aboutBlocks": list(options.about_blocks),
        "previewStyles": ["../_static/labnews.css", "labnews-cms-preview.css"],
    }
    admin = Path(app.outdir) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    index = render_index(script_url=options.cms_script_url, integrity=integrity, settings=settings)
    write_if_changed(admin / "config.yml", dump_yaml(config).encode("utf-8"))
    write_if_changed(admin / "index.html", index.encode("utf-8"))
    for name in ASSETS:
        write_if_changed(admin / name, (CMS_DIR / name).read_bytes())


def write_if_changed(path: Path, content: bytes) -> None:
    """Leave an unchanged file alone, so a no-change build changes nothing in the output."""
    if not path.is_file() or path.read_bytes() != content:
        path.write_bytes(content)


def setup_cms(app: Sphinx) -> None:
    # ``build-finished``: the admin page is not a Sphinx page (no theme, no toctree), and
    # writing it last means an incremental build refreshes it too
    app.connect("build-finished", write_admin)
