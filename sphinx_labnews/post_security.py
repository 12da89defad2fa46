"""A post is content, not code: what a news post may make the build do.

Posts come from many hands (pull requests, preview builds, a web editor), so unless
``labnews_trusted_posts`` is set, the documents that are news posts
(as :mod:`sphinx_labnews.post_detection` decides) are held to a narrower contract than
the site's own pages:

* their front matter cannot reconfigure MyST (:func:`restrict_file_level`), and
  MyST's substitution extension, whose Jinja environment is not sandboxed, is off
  for them (:func:`post_parser_config`);
* directives that read files (``include``, ``literalinclude``, ``raw``, ``csv-table``,
  in Markdown and in ``{eval-rst}``) read only inside the source directory, after
  symlinks are followed, and never fetch a URL (the ``Confined*`` directives);
* image and download paths that leave the source directory are dropped before
  Sphinx's collectors would copy the file, and ``javascript:``, ``vbscript:`` and
  ``data:`` link targets are unlinked (:func:`confine_post_doctree`);
* values a theme writes into inline script are escaped (:func:`escape_pagename_script`).

Each refusal is a ``labnews.security`` warning naming the post, the line and the
value, so ``-W`` (and ``labnews check``) fail on it. The site's own pages, and posts
when ``labnews_trusted_posts = True``, keep every feature.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Include as DocutilsInclude
from docutils.parsers.rst.directives.misc import Raw
from myst_parser.config.main import MdParserConfig
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.environment import BuildEnvironment

from .frontmatter import echo
from .warnings_ import LabnewsWarnings, warn

#: Per-post MyST keys that only describe the page, never how it is parsed.
SAFE_MYST_KEYS = frozenset({"html_meta"})
_ONLY = ": only 'html_meta' is honoured in a post's front matter"

#: Schemes a post may not link to: they run script (or render a document) in the
#: reader's browser instead of going somewhere.
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
#: ``data:`` images a post may embed: raster formats only. SVG can carry script
#: (inert inside ``<img>``, live once opened on its own), so it is refused.
_DATA_IMAGE = re.compile(r"data:image/(?:png|gif|jpeg|jpg|webp|avif|bmp);", re.IGNORECASE)
#: Browsers drop ASCII whitespace and controls anywhere in a URL's scheme
#: (``java\tscript:``), so targets are compared with those removed.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


#: ``env.temp_data`` key the news parser sets while it reads a document it claimed as a
#: news post (:mod:`sphinx_labnews.post_detection` decides); Sphinx clears it per document.
NEWS_POST_FLAG = "labnews_news_post"


def untrusted_post(env: BuildEnvironment) -> bool:
    """Whether the document being read is a news post held to the post contract."""
    if env.config.labnews_trusted_posts:
        return False
    return bool(env.temp_data.get(NEWS_POST_FLAG))


def inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path``, with symlinks followed, is ``root`` or lies under it."""
    real = os.path.realpath(path)
    real_root = os.path.realpath(root)
    try:
        return os.path.commonpath([real, real_root]) == real_root
    except ValueError:  # different drives
        return False


def refused_scheme(uri: str) -> bool:
    """Whether a link target would run script or render inline data in the browser."""
    squeezed = _IGNORED_IN_SCHEME.sub("", uri).lower()
    return squeezed.startswith(_SCRIPT_SCHEMES)


def refused_image_uri(uri: str) -> bool:
    """Like :func:`refused_scheme`, but ``data:`` raster images may be embedded."""
    squeezed = _IGNORED_IN_SCHEME.sub("", uri)
    return refused_scheme(squeezed) and not _DATA_IMAGE.match(squeezed)


# -- front matter ---------------------------------------------------------------


def restrict_file_level(
    topmatter: Mapping[str, Any], refuse: Callable[[str, str], None]
) -> dict[str, Any]:
    """The part of a post's front matter MyST may apply: only :data:`SAFE_MYST_KEYS`.

    ``refuse(key, message)`` is called for every key dropped, ``key`` being the
    top-level front-matter key that holds it (for its line).
    """
    kept: dict[str, Any] = {}
    myst = topmatter.get("myst")
    if "myst" in topmatter:
        if isinstance(myst, Mapping):
            safe = {}
            for name, value in myst.items():
                if name in SAFE_MYST_KEYS:
                    safe[name] = _plain_meta(value, "myst", refuse)
                else:
                    refuse("myst", f"'myst.{name}' cannot be set by a post{_ONLY}")
            kept["myst"] = safe
        else:
            refuse("myst", f"'myst' cannot be set by a post{_ONLY}")
    if "html_meta" in topmatter:
        kept["html_meta"] = _plain_meta(topmatter["html_meta"], "html_meta", refuse)
    for name in ("substitutions", "mystnb"):
        if name in topmatter:
            refuse(name, f"{name!r} cannot be set by a post{_ONLY}")
    return kept


def _plain_meta(value: Any, key: str, refuse: Callable[[str, str], None]) -> Any:
    """``html_meta`` without ``http-equiv`` entries: a post may describe its page,
    not make the browser refresh it to another site or change its security policy."""
    if not isinstance(value, Mapping):
        return value  # MyST reports the wrong type itself
    plain = {}
    for name, content in value.items():
        if str(name).strip().lower().startswith("http-equiv"):
            refuse(
                key,
                f"html_meta {echo(name)} cannot be set by a post: its meta tags may "
                "describe the page, not make the browser act",
            )
        else:
            plain[name] = content
    return plain


def post_parser_config(config: MdParserConfig) -> MdParserConfig:
    """The site's MyST configuration as it applies to an untrusted post.

    MyST renders ``{{ … }}`` with an unsandboxed Jinja environment, so a
    substitution can call into Python: posts never get the extension, even when
    the site enables it (the braces stay as text).
    """
    if "substitution" not in config.enable_extensions:
        return config
    return config.copy(enable_extensions=set(config.enable_extensions) - {"substitution"})


_OG_KEY = re.compile(r"og:[A-Za-z0-9_:.-]+")


def safe_og_key(key: str) -> bool:
    """Whether a front-matter ``og:*`` key can be written as a ``<meta property>`` name.

    sphinxext-opengraph writes the key unescaped, so a key holding ``"`` or ``>``
    would end the attribute (and the tag) early.
    """
    return bool(_OG_KEY.fullmatch(key))


# -- directives that read files ---------------------------------------------------


def docutils_path(path: str, directive: Any) -> str:
    """The file docutils' ``raw``/``csv-table`` opens for ``:file: path``.

    As ``docutils.parsers.rst.directives.misc.adapt_path`` (docutils 0.22) computes
    it: relative to the including source's folder, or under the ``root_prefix``
    setting for a leading ``/``; written out here because docutils 0.21 lacks it.
    """
    document = directive.state.document
    root_prefix = getattr(document.settings, "root_prefix", "")
    if root_prefix and path.startswith("/"):
        return os.path.join(root_prefix, path[1:])
    source = document.current_source or document["source"]
    return os.path.join(os.path.dirname(os.path.abspath(source)), path)


class Refused(Exception):
    """A file-reading directive in a post asked for something outside the source."""


def _refuse_file(env: BuildEnvironment, lineno: int, directive: str, value: str, why: str) -> None:
    warn(
        f"{directive}: {echo(value)} {why}; posts read files only inside the documentation source",
        LabnewsWarnings.SECURITY,
        location=(env.docname, lineno),
    )
    raise Refused


def check_read(env: BuildEnvironment, lineno: int, directive: str, value: str, path: str) -> None:
    """Raise :class:`Refused` (after warning) if a post would read ``path`` outside the source."""
    if not inside(path, env.srcdir):
        _refuse_file(env, lineno, directive, value, "is outside the documentation source")


def include_path(env: BuildEnvironment, argument: str) -> tuple[str, Path]:
    """The file an ``include`` reads, and the folder it must lie in.

    ``<name>`` is docutils' standard include library; anything else is a path
    relative to the document or, with a leading ``/``, to the source directory
    (as Sphinx's and MyST's ``include`` read it).
    """
    argument = "".join(line.strip() for line in argument.splitlines())
    if argument.startswith("<") and argument.endswith(">"):
        root = Path(DocutilsInclude.standard_include_path)
        return os.path.join(root, argument[1:-1]), root
    return os.fspath(env.relfn2path(argument)[1]), Path(env.srcdir)


def check_include(env: BuildEnvironment, lineno: int, directive: str, argument: str) -> None:
    path, root = include_path(env, argument)
    if not inside(path, root):
        _refuse_file(env, lineno, directive, argument, "is outside the documentation source")


class ConfinedInclude(Include):
    """``include`` (reStructuredText): inside a post, only files under the source."""

    def run(self) -> Sequence[nodes.Node]:  # as Sphinx's Include.run
        if untrusted_post(self.env):
            try:
                check_include(self.env, self.lineno, self.name, self.arguments[0])
            except Refused:
                return []
        return super().run()


class ConfinedLiteralInclude(LiteralInclude):
    """``literalinclude``: inside a post, the file (and ``:diff:``) under the source."""

    def run(self) -> list[nodes.Node]:
        if untrusted_post(self.env):
            try:
                for value in (self.arguments[0], self.options.get("diff")):
                    if value:
                        path = self.env.relfn2path(value)[1]
                        check_read(self.env, self.lineno, self.name, value, os.fspath(path))
            except Refused:
                return []
        return super().run()


class ConfinedRaw(Raw):
    """``raw``: inside a post, ``:file:`` under the source and no ``:url:``."""

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        if untrusted_post(env):
            try:
                if "url" in self.options:
                    _refuse_file(env, self.lineno, "raw :url:", self.options["url"], "is a URL")
                if "file" in self.options:
                    path = docutils_path(self.options["file"], self)
                    check_read(env, self.lineno, "raw :file:", self.options["file"], path)
            except Refused:
                return []
        return super().run()


class ConfinedCSVTable(CSVTable):
    """``csv-table``: inside a post, ``:file:`` under the source and no ``:url:``.

    The check sits in :meth:`get_csv_data`, where the path docutils is about to
    open is final (Sphinx rewrites a leading ``/`` first).
    """

    def run(self) -> list[nodes.Node]:
        self._as_written = self.options.get("file", "")
        try:
            return super().run()
        except Refused:
            return []

    def get_csv_data(self) -> Any:
        env = self.state.document.settings.env
        if untrusted_post(env) and not self.content:
            if "url" in self.options:
                _refuse_file(env, self.lineno, "csv-table :url:", self.options["url"], "is a URL")
            if "file" in self.options:
                path = docutils_path(self.options["file"], self)
                check_read(env, self.lineno, "csv-table :file:", self._as_written, path)
        return super().get_csv_data()


# -- the doctree, before Sphinx collects images and downloads ---------------------


def _location(node: nodes.Node, docname: str) -> tuple[str, int | None]:
    return docname, node.line or (node.parent.line if node.parent is not None else None)


def _unwrap(node: nodes.Element) -> None:
    """Replace a link by its content: the text stays, the link goes."""
    if node.parent is None:
        return
    if node.children:
        node.replace_self(nodes.inline("", "", *node.children))
    else:
        node.parent.remove(node)


def _local_file(env: BuildEnvironment, uri: str, docname: str) -> str:
    """The file (or, for ``name.*``, the folder) a local image or download names."""
    path = os.fspath(env.relfn2path(uri, docname)[1])
    return os.path.dirname(path) if "*" in uri else path


def confine_post_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx's collectors: drop what a post may not reach.

    * an image (Markdown, ``image``, ``figure``, ``<img>``, ``centered-image``,
      the cover) whose file lies outside the source directory, or whose URI is
      script or non-image data, is removed, so it is never copied to ``_images/``;
    * a ``{download}`` of a file outside the source keeps its text, not its link,
      so nothing is copied to ``_downloads/``;
    * a link to ``javascript:``, ``vbscript:``, ``data:`` or ``file:`` keeps its
      text, not its link (image ``:target:`` included).
    """
    env = app.env
    docname = env.docname
    if not untrusted_post(env):
        return
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if is_url(uri):
            if refused_image_uri(uri):
                warn(
                    f"image {echo(uri)}: this kind of URL cannot be shown in a post",
                    LabnewsWarnings.SECURITY,
                    location=_location(image, docname),
                )
                image.parent.remove(image)
            continue
        if not inside(_local_file(env, uri, docname), env.srcdir):
            warn(
                f"image {echo(uri)} is outside the documentation source; posts show "
                "images only from inside it",
                LabnewsWarnings.SECURITY,
                location=_location(image, docname),
            )
            image.parent.remove(image)
    for download in list(doctree.findall(addnodes.download_reference)):
        target = download.get("reftarget", "")
        if "://" in target:
            continue
        if refused_scheme(target) or not inside(_local_file(env, target, docname), env.srcdir):
            warn(
                f"download {echo(target)} is outside the documentation source; posts "
                "offer downloads only from inside it",
                LabnewsWarnings.SECURITY,
                location=_location(download, docname),
            )
            _unwrap(download)
    reported: set[tuple[str, int | None]] = set()
    for element in list(doctree.findall(nodes.Element)):
        refuri = element.get("refuri")
        if not isinstance(refuri, str) or not refused_scheme(refuri):
            continue
        location = _location(element, docname)
        if (refuri, location[1]) in reported:  # a reference and its own target
            if isinstance(element, nodes.reference):
                _unwrap(element)
            else:
                del element["refuri"]
            continue
        reported.add((refuri, location[1]))
        warn(
            f"link target {echo(refuri)} is refused in a post: it would run in "
            "the reader's browser",
            LabnewsWarnings.SECURITY,
            location=location,
        )
        if isinstance(element, nodes.reference):
            _unwrap(element)
        else:
            del element["refuri"]


def is_url(uri: str) -> bool:
    """A URI with a scheme (``https:``, ``data:``, ``javascript:``) or ``//host``."""
    squeezed = _IGNORED_IN_SCHEME.sub("", uri)
    return bool(re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)", squeezed))


# -- values a theme writes into script --------------------------------------------

_PAGENAME_SCRIPT = "DOCUMENTATION_OPTIONS.pagename = '{}';"
_PLAIN_PAGENAME = re.compile(r"[A-Za-z0-9_./ -]*")


def js_string(value: str) -> str:
    """``value`` as a JavaScript string literal that is also safe inside ``<script>``."""
    literal = json.dumps(value)
    for char in "<>&'":
        literal = literal.replace(char, f"\\u{ord(char):04x}")
    return literal


def escape_pagename_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, after pydata-sphinx-theme: quote the page name it inlines.

    The theme adds ``DOCUMENTATION_OPTIONS.pagename = '<pagename>';`` as an inline
    script, the name unescaped, so a post file named ``x'+alert(1)+'.md`` would run
    script. Names of plain characters are left byte for byte as the theme wrote them.
    """
    if _PLAIN_PAGENAME.fullmatch(pagename):
        return
    unsafe = _PAGENAME_SCRIPT.format(pagename)
    for script in context.get("script_files", ()):
        attributes = getattr(script, "attributes", None)
        if isinstance(attributes, dict) and attributes.get("body") == unsafe:
            # the asset objects are immutable, their attribute dict is not
            attributes["body"] = f"DOCUMENTATION_OPTIONS.pagename = {js_string(pagename)};"


def setup_post_security(app: Sphinx) -> None:
    for name, directive in (
        ("include", ConfinedInclude),
        ("literalinclude", ConfinedLiteralInclude),
        ("raw", ConfinedRaw),
        ("csv-table", ConfinedCSVTable),
    ):
        app.add_directive(name, directive, override=True)
    # before Sphinx's image and download collectors and ablog (priority 500)
    app.connect("doctree-read", confine_post_doctree, priority=100)
    # after pydata-sphinx-theme adds the script (priority 500)
    app.connect("html-page-context", escape_pagename_script, priority=900)
