"""The ``labnews_*`` configuration values, declared once.

One dataclass feeds everything, as in MyST-Parser: :func:`register_config_values`
registers each field as ``labnews_<name>`` with its type and help text,
:func:`check_config` validates the values once when the configuration is read, and
the user guide's table is generated from the same metadata, so the docs cannot
drift from the code.
"""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .title_labels import validate_title_labels
from .warnings_ import LabnewsWarnings, warn

Validator = Callable[[Any], str | None]
"""Returns ``None`` for a valid value, else what is wrong with it."""

FEED_FORMATS = ("atom", "rss")

#: The Decap CMS release the web editor loads, and the SRI hash of its ``dist/decap-cms.js``
#: (computed from the npm tarball, ``npm pack decap-cms@<version>``, which the CDN serves).
DECAP_CMS_VERSION = "3.16.3"
DECAP_CMS_URL = f"https://unpkg.com/decap-cms@{DECAP_CMS_VERSION}/dist/decap-cms.js"
DECAP_CMS_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"


def list_of(item_type: type, *, choices: tuple[str, ...] = ()) -> Validator:
    """A list (or tuple) whose items are all ``item_type`` (and among ``choices``)."""

    def validate(value: Any) -> str | None:
        if not isinstance(value, list | tuple):
            return f"must be a list, not {type(value).__name__}"
        for item in value:
            if not isinstance(item, item_type):
                return f"must hold only {item_type.__name__} items, got {item!r}"
            if choices and item not in choices:
                return f"items must be among {list(choices)}, got {item!r}"
        return None

    return validate


def dict_of(key_type: type, value_type: type) -> Validator:
    """A mapping of ``key_type`` to ``value_type``."""

    def validate(value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"must be a dict, not {type(value).__name__}"
        for key, item in value.items():
            if not isinstance(key, key_type) or not isinstance(item, value_type):
                return (
                    f"must map {key_type.__name__} to {value_type.__name__}, got {key!r}: {item!r}"
                )
        return None

    return validate


def instance_of(*types: type) -> Validator:
    """A value of one of ``types`` (``bool`` is never accepted as an ``int``)."""

    def validate(value: Any) -> str | None:
        if isinstance(value, bool) and bool not in types:
            return f"must be {' or '.join(t.__name__ for t in types)}, not bool"
        if not isinstance(value, types):
            return f"must be {' or '.join(t.__name__ for t in types)}, not {type(value).__name__}"
        return None

    return validate


def mapping_of_scalars(value: Any) -> str | None:
    """A mapping of strings to YAML scalars (text, numbers, booleans)."""
    if not isinstance(value, dict):
        return f"must be a dict, not {type(value).__name__}"
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str | int | float | bool):
            return f"must map str to text, numbers or booleans, got {key!r}: {item!r}"
    return None


def validate_footer(value: Any) -> str | None:
    """``labnews_footer``: ``home`` and ``contact`` URLs (text), ``feeds`` a bool."""
    if not isinstance(value, dict):
        return f"must be a dict, not {type(value).__name__}"
    for key, item in value.items():
        if key in ("home", "contact"):
            if not isinstance(item, str):
                return f"{key!r} must be a URL (str), got {item!r}"
        elif key == "feeds":
            if not isinstance(item, bool):
                return f"'feeds' must be True or False, got {item!r}"
        else:
            return f"has an unknown key {key!r} (home, contact, feeds)"
    return None


def option(
    default: Any,
    validator: Validator,
    help: str,
    types: tuple[type, ...],
    rebuild: str = "env",
) -> Any:
    """A config field; ``rebuild`` is what Sphinx redoes when the value changes."""
    factory = (lambda: type(default)(default)) if isinstance(default, list | dict) else None
    metadata = {"validator": validator, "help": help, "types": types, "rebuild": rebuild}
    if factory is not None:
        return dc.field(default_factory=factory, metadata=metadata)
    return dc.field(default=default, metadata=metadata)


@dc.dataclass(frozen=True)
class LabnewsConfig:
    """Every ``labnews_*`` option: its default, its check and its documentation."""

    post_pattern: list[str] = option(
        ["news/**"],
        list_of(str),
        "Glob patterns (relative to the source directory, without suffix) of the "
        "documents that are news posts; ``**`` takes in subfolders, so every file "
        "under ``news/`` is a post (and a ``published: false`` one is never built).",
        (list, tuple),
    )
    static_map: dict[str, str] = option(
        {"/static/": "static/"},
        dict_of(str, str),
        "Site-absolute URL prefixes used in posts (as on the old Jekyll site) and the "
        "folder, relative to the source directory, that holds those files. Covers and "
        "centred images resolve through it.",
        (dict,),
    )
    show_cover: bool = option(
        True,
        instance_of(bool),
        "Show a post's ``cover`` image at the top of the post, unless the post already "
        "starts with that image.",
        (bool,),
    )
    about_blocks: dict[str, str] = option(
        {},
        dict_of(str, str),
        'About blocks by key: ``{"smart-lab": "_about/smart-lab.md"}``. Each value is a '
        "MyST file, relative to the source directory, that starts with its ``# Heading``. "
        "Posts show a block with ``{about} <key>``; the files are not built as pages.",
        (dict,),
    )
    default_about: list[str] = option(
        [],
        list_of(str),
        "Keys of the About blocks appended to every post that does not show them "
        "already. A post opts out with ``about: false`` in its front matter, or lists its "
        "own blocks with ``about: [key, ...]``.",
        (list, tuple),
    )
    feed_formats: list[str] = option(
        ["atom", "rss"],
        list_of(str, choices=FEED_FORMATS),
        "The feeds to write for the whole site: ``atom`` (``<blog_path>/atom.xml``) and "
        "``rss`` (``<blog_path>/rss.xml``). An empty list writes none.",
        (list, tuple),
    )
    feed_archives: bool = option(
        True,
        instance_of(bool),
        "Also write the feeds of each tag and category, next to its archive page "
        "(``<blog_path>/tag/<tag>/atom.xml`` …); the archive page advertises them.",
        (bool,),
    )
    feed_length: int = option(
        30,
        instance_of(int),
        "How many of the newest posts a feed holds; ``0`` means all.",
        (int,),
    )
    redirects_file: str = option(
        "_redirects.json",
        instance_of(str),
        "JSON file, relative to the source directory, mapping old page names (such as "
        "``2025/07/14/lai4bm-2025-workshop`` for the Jekyll URL "
        "``/2025/07/14/lai4bm-2025-workshop.html``) to the posts that replace them; "
        "``labnews import-jekyll`` writes it. When it exists, sphinxext-rediraffe writes "
        "a redirect page for each entry.",
        (str,),
    )
    freeze_gc_after_build: bool = option(
        True,
        instance_of(bool),
        "Freeze Python's garbage collector when the build is over, so the process exits "
        "without sweeping the environment (0.5 s of a no-change build at 1000 posts). "
        "Another build in the same process unfreezes it; set ``False`` when Sphinx runs "
        "inside a process that goes on to other work.",
        (bool,),
        rebuild="",
    )
    trusted_posts: bool = option(
        False,
        instance_of(bool),
        "Treat news posts as trusted site content. By default a post cannot configure "
        "MyST, use substitutions, read files or show images from outside the source "
        "directory, or link to ``javascript:``/``data:`` URLs (see *What a post can and "
        "cannot do*). Set ``True`` only when every post author may run code on the "
        "build machine.",
        (bool,),
    )
    max_post_bytes: int = option(
        1_000_000,
        instance_of(int),
        "Posts larger than this many bytes get a ``labnews.limit`` warning (they are "
        "still built); ``0`` means no limit.",
        (int,),
    )
    iframe_hosts: list[str] = option(
        ["youtube.com", "youtube-nocookie.com", "player.vimeo.com", "player.bilibili.com"],
        list_of(str),
        "Hosts (and their subdomains) whose pages a post's raw HTML ``<iframe>`` may "
        "embed, over https only; the ``src`` of any other iframe is removed with a "
        "``labnews.security`` warning. Does not apply when ``labnews_trusted_posts`` is set.",
        (list, tuple),
    )
    cms: bool = option(
        False,
        instance_of(bool),
        "Write the web editor (Decap CMS) into the HTML output: ``admin/index.html`` and "
        "``admin/config.yml``, generated from the options below and the site's own "
        "settings (posts folder, file names, front-matter fields, About blocks). See "
        "the web editor guide.",
        (bool,),
        rebuild="",
    )
    cms_backend: dict[str, Any] = option(
        {"name": "github", "repo": "", "branch": "main"},
        mapping_of_scalars,
        "Decap's ``backend`` settings, written as they are: ``name`` (``github``, "
        "``git-gateway`` …), ``repo`` (``OWNER/REPO``), ``branch``, and for GitHub "
        "through an OAuth service ``base_url`` and ``auth_endpoint``.",
        (dict,),
        rebuild="",
    )
    cms_local_backend: bool | str = option(
        True,
        instance_of(bool, str),
        "Let the editor use ``npx decap-server`` (Decap's local backend) when the "
        "admin page is opened from ``localhost``: ``True`` for its default address, "
        "a URL such as ``http://127.0.0.1:8081/api/v1`` for another, ``False`` for never.",
        (bool, str),
        rebuild="",
    )
    cms_repo_root: str = option(
        "",
        instance_of(str),
        "The repository's root folder, relative to the configuration directory "
        "(``..`` when ``conf.py`` is in ``docs/``). The editor names files relative to "
        "it. Empty: the nearest folder above the source directory that holds ``.git``.",
        (str,),
        rebuild="",
    )
    cms_media_url: str = option(
        "/static/img/",
        instance_of(str),
        "Site-absolute URL prefix under which the editor stores uploaded images; it must "
        "start with a prefix of ``labnews_static_map``, which gives the folder.",
        (str,),
        rebuild="",
    )
    cms_script_url: str = option(
        DECAP_CMS_URL,
        instance_of(str),
        "Where the admin page loads Decap CMS from; the default is the CDN build of the "
        "pinned release.",
        (str,),
        rebuild="",
    )
    cms_script_integrity: str = option(
        "",
        instance_of(str),
        "The Subresource Integrity hash (``sha384-…``) of ``labnews_cms_script_url``. "
        "Empty: the pinned release's hash when the URL is the default, else none.",
        (str,),
        rebuild="",
    )
    site_defaults: bool = option(
        False,
        instance_of(bool),
        "Give the site the news-site defaults: posts in ``news/`` (``labnews_post_pattern``), "
        "ablog's archives at ``news/…`` with this extension's feeds, post cards and page "
        "templates, Font Awesome, the lab's MyST syntax, the sitemap, link previews and the "
        "404 page, and ``READTHEDOCS_CANONICAL_URL`` as the base URL. Off, the extension "
        "changes nothing an existing ablog site set up: see the guide's *Existing ablog "
        "sites*. Read when the extension is set up, from ``conf.py`` or ``-D``.",
        (bool,),
    )
    title_labels: bool | dict[str, Any] = option(
        True,
        validate_title_labels,
        "Read a leading bracketed label of a post title (``[Press Release] …``, "
        "``[ICLR 2025] …``) as a tag: the post gets that tag (and its archive page and "
        "feeds), and cards, sidebars, the browser tab and link previews show the title "
        "without the label, with the label as a badge; feeds keep the full title. "
        "``False`` keeps labels as title text. A dict maps label patterns "
        "(:func:`re.fullmatch`) onto extra tags: "
        '``{r"[A-Z]+ \\d{4}": ["Publication"]}`` also tags ``[ICLR 2025]`` posts '
        "``Publication``.",
        (bool, dict),
    )
    default_cover: str = option(
        "",
        instance_of(str),
        "The picture of posts without a ``cover``, on cards and in link previews "
        "(``og:image`` of every page without an image of its own): a path in the HTML "
        "output, such as ``_static/lab-cover.png`` with the file in ``html_static_path``. "
        "Empty: cards show the package's placeholder drawn in the theme's colours (light "
        "and dark), and previews use its SVG (a PNG or JPEG of your own shows on more "
        "sites).",
        (str,),
        rebuild="html",
    )
    archive_page_size: int = option(
        12,
        lambda value: instance_of(int)(value) or (None if value >= 1 else "must be at least 1"),
        "How many posts each page of All news holds; older posts are on "
        "``<blog_path>/page/1.html`` …, numbered from the oldest, and the first page "
        "shows the newest full page and the posts that do not make one (see *All news* "
        "in the site guide).",
        (int,),
        rebuild="html",
    )
    footer: dict[str, Any] = option(
        {"feeds": True},
        validate_footer,
        "The footer's links: ``home`` (the lab's home page URL), ``contact`` (a URL "
        "such as ``mailto:lab@example.org``) and ``feeds`` (``True``: link the Atom and "
        "RSS feeds). Shown by the ``labnews-footer.html`` component, which is put in "
        "pydata-sphinx-theme's ``footer_end`` unless ``html_theme_options`` sets it.",
        (dict,),
        rebuild="html",
    )


FIELDS: tuple[dc.Field, ...] = dc.fields(LabnewsConfig)


def register_config_values(app: Sphinx) -> None:
    """Declare every field as a typed ``labnews_<name>`` config value."""
    defaults = LabnewsConfig()
    for config_field in FIELDS:
        app.add_config_value(
            f"labnews_{config_field.name}",
            getattr(defaults, config_field.name),
            config_field.metadata["rebuild"],
            types=config_field.metadata["types"],
            description=config_field.metadata["help"],
        )


def check_config(app: Sphinx, config: Config) -> None:
    """Validate every ``labnews_*`` value once; a bad one warns and falls back to its default.

    Falling back keeps a typo in ``conf.py`` from crashing the build half-way;
    ``-W`` still fails it, naming the option.
    """
    defaults = LabnewsConfig()
    for config_field in FIELDS:
        name = f"labnews_{config_field.name}"
        error = config_field.metadata["validator"](getattr(config, name))
        if error is not None:
            warn(f"{name} {error}; using the default", LabnewsWarnings.CONFIG)
            setattr(config, name, getattr(defaults, config_field.name))


def from_sphinx_config(config: Config) -> LabnewsConfig:
    """The resolved options as one object, for code that wants them together."""
    return LabnewsConfig(**{f.name: getattr(config, f"labnews_{f.name}") for f in FIELDS})
