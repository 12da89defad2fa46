"""Turning a Jekyll post into a sphinx-labnews post: pure text in, text and notes out.

The importer (``labnews import-jekyll``) does the file work; everything that decides
what the new post says lives here, so each rule is tested on strings without a
site on disk:

* raw HTML image blocks become the ``centered-image`` directive;
* trailing "About …" sections become the ``about`` directive, or are dropped
  when the site appends that block to every post anyway;
* Liquid tags whose meaning is clear are converted, the others are reported;
* the post's old Jekyll permalink is computed, so the site can redirect it.

Fenced code is never touched: a post that *shows* HTML or Liquid keeps it.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import difflib
import html
import json
import posixpath
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt

from .about_source import split_about_source
from .css import css_length
from .frontmatter import (
    date_from_filename,
    one_line,
    parse_front_matter,
    parse_post_date,
    split_front_matter,
)
from .site_paths import is_external

ERROR = "error"
WARNING = "warning"

_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
#: The text is the line up to its last character that is not a space, tab or ``#`` (a
#: lazy ``.*?`` before ``[ \t#]*$`` would retry that tail at every position: quadratic).
_HEADING = re.compile(r"^(#{1,6})[ \t]+((?:.*[^ \t#\n])?)[ \t#]*$")
_THEMATIC_BREAK = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")

# Untrusted input (other people's sites): every pattern here must run in linear time. Runs of
# whitespace are matched possessively (``\s*+``) where what follows never starts with
# whitespace, so a long run is not split between two quantifiers in every possible way.
_IMG = r"<img\b[^>]*+>"
_LINKED_IMG = rf"(?:<a\b[^>]*+>\s*+)?{_IMG}\s*+(?:</a>)?"
#: ``<div align="center">`` / ``<p align="center">`` holding only images (and ``<br>``).
_IMAGE_BLOCK = re.compile(
    rf"^[ \t]*<(?P<tag>div|p|center|figure)\b(?P<attrs>[^>]*+)>\s*+"
    rf"(?P<inner>(?:{_LINKED_IMG}\s*+(?:<br\s*+/?>\s*+)*+)++)"
    rf"</(?P=tag)>[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: ``<figure>`` holding an image and its ``<figcaption>``.
_FIGURE_BLOCK = re.compile(
    rf"^[ \t]*<figure\b[^>]*+>\s*+(?P<inner>{_LINKED_IMG})\s*+"
    # the caption ends at the first figure or figcaption tag: ``.*?`` would scan on to the
    # end of the post from every unclosed ``<figcaption>``
    r"<figcaption\b[^>]*+>(?P<caption>(?:[^<]++|<(?!/?fig(?:ure|caption)\b))*+)"
    r"</figcaption>\s*+</figure>[ \t]*$",
    re.MULTILINE | re.IGNORECASE | re.DOTALL,
)
#: Kramdown's opening ``<div align="center" markdown="1">`` (or ``<p …>``).
_MARKDOWN_DIV = (
    r"^[ \t]*<(?P<tag>div|p)\b"
    r"(?P<attrs>(?>[^>]*?\bmarkdown=[\"']?(?:1|block|span)[\"']?)[^>]*+)>\s*+"
)
#: One Markdown image, ``![alt](src "title")``.
_MARKDOWN_IMG = r"!\[[^\]\n]*+\]\([^)\s]++(?:\s++\"[^\"]*+\")?\)"
#: Kramdown's ``<div align="center" markdown="1">`` around Markdown images.
_MARKDOWN_IMAGE_BLOCK = re.compile(
    rf"{_MARKDOWN_DIV}(?P<inner>(?:{_MARKDOWN_IMG}\s*+)++)</(?P=tag)>[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: Kramdown's ``<div align="center" markdown="1">`` around one Markdown image and its
#: caption, an italic line under it: ``![…](…)`` then ``*Figure 1: …*``.
_CAPTIONED_MARKDOWN_IMAGE_BLOCK = re.compile(
    rf"{_MARKDOWN_DIV}(?P<inner>{_MARKDOWN_IMG})[ \t]*+\n(?:[ \t]*+\n)?"
    r"(?P<markdown>[ \t]*+[*_][^\n<]*+)\s*+</(?P=tag)>[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: An image block whose caption is inside it, after the image (and usually a ``<br>``):
#: ``<div align="center"><img …><br><em>Figure 1: …</em></div>``, or ``*…*`` in place of ``<em>``.
_CAPTIONED_IMAGE_BLOCK = re.compile(
    rf"^[ \t]*<(?P<tag>div|p|center)\b(?P<attrs>[^>]*+)>\s*+(?P<inner>{_LINKED_IMG})\s*+"
    r"(?:<br\s*+/?>\s*+)*+(?:<(?P<em>em|i)>(?P<html>[^\n]*?)</(?P=em)>|(?P<markdown>[*_][^\n<]*+))"
    r"\s*</(?P=tag)>[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: After an image block: at most one blank line, then a line that is a paragraph of its own.
_LINE_AFTER = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)?(?P<line>[ \t]{0,3}\S[^\n]*)(?=\n[ \t]*(?:\n|\Z)|\Z)"
)
#: The line break ending the last non-blank line and the blank lines after it, as
#: ``\n(?:[ \t]*\n)*\Z`` finds them; starting only after a non-blank character keeps it linear
#: (that pattern retries from every line break of a long run of blank lines).
_TRAILING_BLANK_LINES = re.compile(r"(?<![ \t\n])([ \t]*+)\n(?:[ \t]*+\n)*+\Z")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<&$~])")
#: Plain option values MyST's option parser reads back unchanged; others are quoted.
_PLAIN_OPTION = re.compile(r"[\w(][^\t\n]*")
#: An image alone on its line, possibly inside a link. The whitespace after it is matched as
#: ``\s*(?:</a>)?[ \t]*$`` would, without two quantifiers sharing one run of spaces.
_BARE_IMAGE = re.compile(
    r"^[ \t]*(?:<a\b[^>]*+>\s*+)?<img\b[^>]*+>(?:\s*+</a>[ \t]*$|\s*$)",
    re.MULTILINE | re.IGNORECASE,
)
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MARKDOWN_IN_HTML = re.compile(r"<(div|p|span|section)\b[^>]*\bmarkdown=", re.IGNORECASE)
_CENTERED = re.compile(r"align\s*=\s*[\"']?center|text-align\s*:\s*center", re.IGNORECASE)
_RAW_IMG = re.compile(r"<img\b", re.IGNORECASE)
_DIRECTIVE_ARG = re.compile(
    r"^[ \t]*(`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>(?:.*[^ \t\n])?)[ \t]*$"
)

_LIQUID_SITE_URL = re.compile(r"\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}")
_LIQUID_URL_FILTER = re.compile(
    r"\{\{-?\s*(['\"])(?P<path>[^'\"]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}"
)
_LIQUID_PREPEND = re.compile(
    r"\{\{-?\s*(['\"])(?P<path>[^'\"]*)\1\s*(?:\|\s*prepend:\s*site\.(?:baseurl|url)\s*)+-?\}\}"
)
_LIQUID_INCLUDE_NAME = re.compile(r"\{%-?\s*include\s+(?P<name>[\w./-]+)\s*-?%\}")
_LIQUID_LINK = re.compile(r"\{%-?\s*link\s+(?P<path>[^\s%]+)\s*-?%\}")
_LIQUID_POST_URL = re.compile(r"\{%-?\s*post_url\s+(?P<name>[^\s%]+)\s*-?%\}")
_LIQUID_INCLUDE = re.compile(r"\{%-?\s*include(?:_relative)?\s+[^%]*?-?%\}")


class _Delimited:
    """A pattern matching from an opener to the first closer after it, run in linear time.

    ``re`` retries such a pattern at every opener and, when no closer follows, scans
    to the end of the text each time: quadratic on a post of unclosed openers. Here
    each ``(opener, closer)`` pair of the pattern is searched for separately; an
    opener with no closer after it ends the search for that pair, as no later opener
    (which ends later) can find one either. Where a closer follows, the pattern
    itself is matched up to it, so the matches are those of ``pattern``.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        pairs: Sequence[tuple[str, str]],
        *,
        body: tuple[int, int | None] = (0, None),
    ) -> None:
        #: the body's least and greatest length (``.{1,2000}?``: ``(1, 2000)``)
        self.least, self.most = body
        self.pattern = pattern
        self.pairs = [
            (re.compile(opener, pattern.flags), re.compile(closer, pattern.flags))
            for opener, closer in pairs
        ]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        openers = [opener.search(text) for opener, _closer in self.pairs]
        closers: list[re.Match[str] | None] = [None] * len(self.pairs)
        while live := [index for index, found in enumerate(openers) if found is not None]:
            index = min(live, key=lambda index: openers[index].start())  # type: ignore[union-attr]
            opener = openers[index]
            assert opener is not None
            closer = closers[index]
            body_start = opener.end() + self.least
            if closer is None or closer.start() < body_start:
                closer = closers[index] = self.pairs[index][1].search(text, body_start)
            if closer is None:
                openers[index] = None
                continue
            match = None
            if self.most is None or closer.start() - opener.end() <= self.most:
                match = self.pattern.match(text, opener.start(), closer.end())
            position = opener.start() + 1
            if match is not None:
                yield match
                position = match.end()
            for other, found in enumerate(openers):
                if found is not None and found.start() < position:
                    openers[other] = self.pairs[other][0].search(text, position)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def sub(self, replace: Callable[[re.Match[str]], str], text: str) -> str:
        pieces: list[str] = []
        position = 0
        for match in self.finditer(text):
            pieces += [text[position : match.start()], replace(match)]
            position = match.end()
        return "".join([*pieces, text[position:]])


_LIQUID_RAW = _Delimited(
    re.compile(r"\{%-?\s*raw\s*-?%\}(?P<body>.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL),
    [(r"\{%-?\s*raw\s*-?%\}", r"\{%-?\s*endraw\s*-?%\}")],
)
_LIQUID_HIGHLIGHT = _Delimited(
    re.compile(
        r"\{%-?\s*highlight\s+(?P<lang>[\w+#.-]+)[^%]*?-?%\}[ \t]*\n?(?P<body>.*?)"
        r"\n?[ \t]*\{%-?\s*endhighlight\s*-?%\}",
        re.DOTALL,
    ),
    [
        (
            r"\{%-?\s*highlight\s+(?P<lang>[\w+#.-]+)[^%]*?-?%\}[ \t]*\n?",
            r"\{%-?\s*endhighlight\s*-?%\}",
        )
    ],
)
_LIQUID_ANY = _Delimited(
    re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL), [(r"\{%", r"%\}"), (r"\{\{", r"\}\}")]
)

#: Jekyll's built-in permalink styles (``permalink:`` in ``_config.yml``).
PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


@dataclass(frozen=True)
class Note:
    """Something the importer did or could not do, to tell the user.

    ``level`` is ``"error"`` (the post cannot be imported) or ``"warning"``.
    ``line`` is 1-based in the Jekyll source when known.
    """

    level: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class AboutBlock:
    """A registered About block: its key, heading (``About Smart Lab``) and text."""

    key: str
    heading: str
    text: str

    @classmethod
    def from_markdown(cls, key: str, source: str) -> AboutBlock:
        """Read an About file as the build reads it (:func:`split_about_source`).

        A file that does not start with a ``# Heading`` has no heading here (the build
        warns and shows the key instead), and its whole text is the block's text.
        """
        about, problem = split_about_source(source, fallback_title="")
        return cls(key, about.title if problem is None else "", about.body.strip("\n"))


def _no_site_file(path: str) -> bool:
    return False


def _no_include(name: str) -> str | None:
    return None


@dataclass(frozen=True)
class SiteContext:
    """What the whole Jekyll site knows and one post's text does not.

    The importer builds one per post (it reads ``_config.yml``, lists the posts and
    the site's files); :func:`convert_post` only asks it questions, so the
    conversion stays pure and is tested with plain values. The defaults describe
    "nothing known about the site" and keep the conversion as it was before the
    context existed: relative paths stay as written, links are not rewritten.

    URLs are *site paths*: they start with ``/`` and do not include ``baseurl``
    (``/2025/07/14/x.html``, as :func:`jekyll_permalink` returns them).
    """

    #: ``url`` from ``_config.yml`` (``https://lab.example.org``); old-site pages that
    #: were not imported become absolute links under ``url`` + ``baseurl``.
    url: str = ""
    #: ``baseurl`` from ``_config.yml`` (``/lab`` or ``""``); stripped from links that carry it.
    baseurl: str = ""
    #: This post's old URL (its Jekyll permalink), against which relative paths resolve.
    old_url_of_post: str = ""
    #: This post's new docname (``news/2025-07-14-x``); ``""`` means "next to the other
    #: imported posts", so links to them are written as ``NAME.md``.
    docname: str = ""
    #: Every imported post's old URL → its new docname. Keys may be spelled any way the
    #: old site answered (with or without ``.html``, a trailing ``/``, ``index.html``):
    #: they are compared through :func:`old_url_key`.
    post_urls: Mapping[str, str] = field(default_factory=dict)
    #: Whether a site-root-relative path (``assets/x.pdf``, no leading ``/``) is a file
    #: of the Jekyll site; paths are normalised and never climb out of the site.
    site_files: Callable[[str], bool] = _no_site_file
    #: The text of ``_includes/NAME`` (``NAME`` as written in ``{% include NAME %}``),
    #: or ``None`` when there is no such file or it cannot be read.
    read_include: Callable[[str], str | None] = _no_include
    #: ``_data/authors.yml``: author key → display name.
    authors: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Conversion:
    """The converted post, what it refers to and what the user must be told."""

    text: str | None
    notes: list[Note] = field(default_factory=list)
    #: Site-absolute image paths the post uses (cover included), in order.
    images: list[str] = field(default_factory=list)
    #: The Jekyll front matter, as parsed (``{}`` when it could not be).
    data: dict[str, Any] = field(default_factory=dict)
    #: Other site-absolute local files the post links to (PDFs, slides), in order: the
    #: importer copies each to the same path under the docs source directory, where
    #: the post's link (a MyST download link) finds it.
    files: list[str] = field(default_factory=list)
    #: Old-site pages that were not imported, now linked absolutely (url + baseurl +
    #: path), in order, for the import report.
    external_links: list[str] = field(default_factory=list)
    #: Extra old URLs of this post (``redirect_from``), site paths as written.
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None and not any(note.level == ERROR for note in self.notes)


def old_url_key(url: str, baseurl: str = "") -> str:
    """One spelling for every way an old site path can be written, to compare them.

    ``/a/b.html``, ``/a/b``, ``/a/b/`` and ``/a/b/index.html`` all give ``/a/b``;
    the query, the fragment and a leading ``baseurl`` are dropped.
    """
    path = url.split("#", 1)[0].split("?", 1)[0].strip()
    base = "/" + baseurl.strip("/") if baseurl.strip("/") else ""
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :]
    path = "/" + path.lstrip("/")
    for suffix in ("/index.html", "/index.htm", ".html", ".htm"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return path.rstrip("/") or "/"


def normalise_space(text: str) -> str:
    """Collapse all whitespace, so "whitespace aside" comparisons are plain ``==``."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- slugs

_ASCII_FALLBACKS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "đ": "d"}
    | {"Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "\u0131": "i"}
)
_BRACKET_PREFIX = re.compile(r"^\s*(?:\[[^\]]*\]|【[^】]*】|\([^)]*\))\s*")


def slugify(title: str, *, max_length: int = 60) -> str:
    """An ASCII file-name slug for a title; ``""`` when nothing ASCII is left.

    A leading bracketed label such as ``[Press Release]`` is dropped: it is a
    kind of post, not its name (the lab's own posts are named without it).
    Accents are removed (NFKD); scripts without an ASCII spelling (Chinese) leave
    nothing, and the caller picks a fallback. The slug is cut at a hyphen so no
    word is cut in half.
    """
    stripped = _BRACKET_PREFIX.sub("", title, count=1) or title
    ascii_text = (
        unicodedata.normalize("NFKD", stripped.translate(_ASCII_FALLBACKS))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")


# ------------------------------------------------------------------ code regions


def code_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks (``` and ~~~), which no rule may touch.

    A MyST directive fence (```` ```{name} ````) is tracked so its closing fence is
    not taken for an opening one, but its content is not code.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    is_code = True
    start = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\n").strip()
        if fence is None:
            match = _FENCE_OPEN.match(line.rstrip("\n"))
            if match:
                fence, start = match.group(1), offset
                is_code = not stripped[len(fence) :].startswith("{")
        elif stripped.startswith(fence) and not stripped.strip(fence[0]):
            if is_code:
                spans.append((start, offset + len(line)))
            fence = None
        offset += len(line)
    if fence is not None and is_code:
        spans.append((start, len(text)))
    return spans


def _in_spans(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``position`` is inside one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def line_at(text: str, position: int, first_line: int = 1) -> int:
    """1-based line of ``position`` in ``text``, whose first line is ``first_line``."""
    return first_line + text.count("\n", 0, position)


# -------------------------------------------------------------------------- images


class _TagCollector(HTMLParser):
    """Collects ``<img>`` attributes and the ``href`` of an enclosing ``<a>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[dict[str, str], str | None]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "a":
            self._href = values.get("href")
        elif tag == "img":
            self.images.append((values, self._href))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None


def image_options(attrs: Mapping[str, str]) -> dict[str, str]:
    """``width``/``max-width`` from an ``<img>``'s ``width`` attribute and ``style``."""
    options: dict[str, str] = {}
    if attrs.get("width", "").strip():
        options["width"] = css_length(attrs["width"])
    for declaration in attrs.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name in ("width", "max-width") and value:
            options[name] = css_length(value)
    return options


def centered_image(
    src: str,
    *,
    alt: str | None,
    width: str | None = None,
    max_width: str | None = None,
    target: str | None = None,
    caption: str | None = None,
) -> str:
    """The ``centered-image`` directive, options in a fixed order (alt, widths, target, caption)."""
    lines = [f"```{{centered-image}} {src}"]
    if alt is not None:
        lines.append(f":alt: {option_value(normalise_space(alt))}")
    if width:
        lines.append(f":width: {width}")
    if max_width:
        lines.append(f":max-width: {max_width}")
    if target:
        lines.append(f":target: {target}")
    if caption:
        lines.append(f":caption: {option_value(caption)}")
    lines.append("```")
    return "\n".join(lines)


# ------------------------------------------------------------------ image captions

_INLINE = MarkdownIt("commonmark")


def option_value(value: str) -> str:
    """``value`` as a directive option MyST reads back unchanged: plain, or double-quoted.

    MyST reads options as YAML, so ``"Quoted" words``, ``> text`` or ``a # b`` written
    plainly would be an error or lose their tail; JSON strings are YAML strings.
    """
    if _PLAIN_OPTION.fullmatch(value) and " #" not in value and value == value.rstrip():
        return value
    return json.dumps(value, ensure_ascii=False)


def markdown_literal(text: str) -> str:
    """Plain text as Markdown that shows it as written (a caption taken from HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def italic_line(line: str) -> str | None:
    """The Markdown inside ``line`` when the whole line is one italic span, else ``None``.

    Read as CommonMark reads it (markdown-it, MyST's own parser), so ``*a* and *b*``
    (two spans), ``* item`` (a list item) and ``**bold**`` are not italic lines.
    """
    stripped = line.strip()
    if len(stripped) < 3 or stripped[0] not in "*_" or len(line) - len(line.lstrip(" ")) > 3:
        return None
    tokens = _INLINE.parseInline(stripped)[0].children or []
    if not tokens or tokens[0].type != "em_open" or tokens[-1].type != "em_close":
        return None
    depth = 0
    for token in tokens[:-1]:
        depth += {"em_open": 1, "em_close": -1}.get(token.type, 0)
        if depth == 0:
            return None  # the first span closes before the line ends
    return stripped[1:-1].strip() or None


def block_caption(match: re.Match[str]) -> str | None:
    """The caption inside a ``<figure>`` or captioned image block, as Markdown.

    ``None`` when the text under the image is not wholly italic: it is not a caption,
    and the block is left as it is.
    """
    groups = match.groupdict()
    if groups.get("markdown") is not None:
        return italic_line(groups["markdown"])
    return markdown_literal(plain_text(groups.get("caption") or groups.get("html") or ""))


def captioned_markdown_image(text: str, position: int = 0) -> re.Match[str] | None:
    """A centred kramdown Markdown image with its italic caption, at ``position`` of ``text``."""
    match = _CAPTIONED_MARKDOWN_IMAGE_BLOCK.match(text, position)
    if match and _CENTERED.search(match.group("attrs")) and block_caption(match) is not None:
        return match
    return None


def caption_after(body: str, end: int) -> tuple[str, int] | None:
    """The caption line right after an image block ending at ``end``, and where it ends.

    kramdown posts caption a photo with an italic line under it. Only a line that is
    wholly italic, a paragraph of its own and at most one blank line below the image
    is taken; any other text after an image stays text.
    """
    match = _LINE_AFTER.match(body, end)
    caption = italic_line(match.group("line")) if match else None
    return (caption, match.end("line")) if caption and match else None


def with_caption_after(body: str, replacement: tuple[int, int, str]) -> tuple[int, int, str]:
    """An image block's replacement, extended over the caption line under it, if any.

    A block of several images keeps the line as text: which photo it describes is unclear.
    """
    start, end, block = replacement
    if block.count("```{centered-image}") != 1 or "\n:caption:" in block:
        return replacement
    found = caption_after(body, end)
    if found is None:
        return replacement
    caption, caption_end = found
    head, _, fence = block.rpartition("\n")
    return start, caption_end, f"{head}\n:caption: {option_value(caption)}\n{fence}"


def _directives_for_html(
    html: str, notes: list[Note], line: int, *, caption: str | None = None
) -> list[str] | None:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    directives = []
    for attrs, href in collector.images:
        src = attrs.get("src", "").strip()
        if not src:
            return None
        alt = attrs.get("alt")
        if not alt:
            notes.append(Note(WARNING, f"image {src} has no alt text; add :alt: by hand", line))
            alt = None
        options = image_options(attrs)
        directives.append(
            centered_image(
                src,
                alt=alt,
                width=options.get("width"),
                max_width=options.get("max-width"),
                target=href,
                caption=caption or None,
            )
        )
    return directives


def _splice(text: str, replacements: Sequence[tuple[int, int, str]]) -> str:
    """Replace ``text[start:end]`` by blocks, with exactly one blank line around each."""
    pieces: list[str] = []
    position = 0
    for start, end, block in replacements:
        before = text[position:start]
        if pieces:
            before = re.sub(r"\A(?:[ \t]*\n)+", "", before)
        before = _TRAILING_BLANK_LINES.sub(r"\1", before) if before.strip() else ""
        if pieces:
            pieces[-1] = pieces[-1] + ("\n\n" + before if before else "")
        elif before:
            pieces.append(before)
        pieces.append(block)
        position = end
    rest = re.sub(r"\A(?:[ \t]*\n)+", "", text[position:])
    if not pieces:
        return text
    body = "\n\n".join(pieces)
    if text[: replacements[0][0]].strip() == "":
        body = "\n" + body  # one blank line after the front matter
    return body + ("\n\n" + rest if rest.strip() else "\n")


def convert_images(body: str, *, first_line: int = 1) -> tuple[str, list[Note]]:
    """Raw HTML image blocks and bare ``<img>`` lines → ``centered-image`` directives.

    ``<img>`` tags left inside running text are reported, not rewritten: moving
    them out of their paragraph would change the post.
    """
    notes: list[Note] = []
    spans = code_spans(body)
    replacements: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    in_html = _html_block_lines_mask(body)

    def free(start: int, end: int) -> bool:
        # an image inside a larger raw HTML element (a grid of photos) stays HTML: a
        # directive there would end the element, and its indented rest become code
        line = body.count("\n", 0, start)
        if line > 0 and in_html[line] and in_html[line - 1]:
            return False
        return not _in_spans(start, spans) and all(end <= s or start >= e for s, e in taken)

    for match in _IMAGE_BLOCK.finditer(body):
        if not free(match.start(), match.end()):
            continue
        line = line_at(body, match.start(), first_line)
        # a block holding only images shows them on their own lines, centred or not
        directives = _directives_for_html(match.group("inner"), notes, line)
        if directives:
            replacements.append((match.start(), match.end(), "\n\n".join(directives)))
            taken.append((match.start(), match.end()))
    for match in (*_FIGURE_BLOCK.finditer(body), *_CAPTIONED_IMAGE_BLOCK.finditer(body)):
        caption = block_caption(match)
        if caption is None or not free(match.start(), match.end()):
            continue
        line = line_at(body, match.start(), first_line)
        directives = _directives_for_html(match.group("inner"), notes, line, caption=caption)
        if directives:
            replacements.append((match.start(), match.end(), "\n\n".join(directives)))
            taken.append((match.start(), match.end()))
    for match in _MARKDOWN_IMAGE_BLOCK.finditer(body):
        if not free(match.start(), match.end()) or not _CENTERED.search(match.group("attrs")):
            continue
        directives = [
            centered_image(image["src"], alt=image["alt"] or None)
            for image in _MARKDOWN_IMAGE.finditer(match.group("inner"))
        ]
        replacements.append((match.start(), match.end(), "\n\n".join(directives)))
        taken.append((match.start(), match.end()))
    for match in _CAPTIONED_MARKDOWN_IMAGE_BLOCK.finditer(body):
        if captioned_markdown_image(body, match.start()) is None:
            continue
        if not free(match.start(), match.end()):
            continue
        image = _MARKDOWN_IMAGE.match(match.group("inner"))
        if image:
            alt = image["alt"] or None
            directive = centered_image(image["src"], alt=alt, caption=block_caption(match))
            replacements.append((match.start(), match.end(), directive))
            taken.append((match.start(), match.end()))
    for match in _BARE_IMAGE.finditer(body):
        if not free(match.start(), match.end()):
            continue
        line = line_at(body, match.start(), first_line)
        directives = _directives_for_html(match.group(0), notes, line)
        if directives:
            replacements.append((match.start(), match.end(), "\n\n".join(directives)))
            taken.append((match.start(), match.end()))
    replacements = sorted(with_caption_after(body, r) for r in replacements)
    converted = _splice(body, replacements) if replacements else body

    spans = code_spans(converted)
    for pattern, message in (
        (_RAW_IMG, "raw <img> HTML left in running text; rewrite it as a centered-image"),
        (_MARKDOWN_IN_HTML, "Markdown inside an HTML block is not rendered by MyST; rewrite it"),
    ):
        for match in pattern.finditer(converted):
            if not _in_spans(match.start(), spans):
                # reported against the Jekyll source line, where the user will look
                notes.append(Note(WARNING, message, _source_line(body, match.group(0), first_line)))
    return converted, notes


def _source_line(body: str, snippet: str, first_line: int) -> int | None:
    position = body.find(snippet)
    return line_at(body, position, first_line) if position >= 0 else None


def referenced_images(text: str) -> list[str]:
    """Every image path a converted post uses: directives, Markdown images, raw ``<img>``."""
    spans = code_spans(text)
    found: list[tuple[int, str]] = []
    for line_match in re.finditer(r"^.*$", text, re.MULTILINE):
        match = _DIRECTIVE_ARG.match(line_match.group(0))
        if match and match.group("name") in ("centered-image", "image", "figure"):
            found.append((line_match.start(), match.group("arg")))
    for match in _MARKDOWN_IMAGE.finditer(text):
        found.append((match.start(), match.group("src")))
    for match in re.finditer(rf"{_IMG}", text, re.IGNORECASE):
        collector = _TagCollector()
        collector.feed(match.group(0))
        for attrs, _href in collector.images:
            if attrs.get("src"):
                found.append((match.start(), attrs["src"]))
    result: list[str] = []
    for position, path in sorted(found):
        if path and not _in_spans(position, spans) and path not in result:
            result.append(path)
    return result


# -------------------------------------------------------------------------- liquid


def _post_link(name: str) -> str:
    """The new post a Jekyll post name points at, relative to the post folder."""
    base = posixpath.basename(name)
    stem = base.rsplit(".", 1)[0] if base.endswith((".md", ".markdown")) else base
    return f"{stem}.md"


def _site_absolute(path: str) -> str:
    """Jekyll's ``relative_url``/``absolute_url`` read a path as from the site root."""
    if not path or is_external(path) or path.startswith(("/", "#")):
        return path
    return "/" + path


def convert_liquid(
    body: str, *, first_line: int = 1, context: SiteContext | None = None
) -> tuple[str, list[Note]]:
    """Convert the Liquid tags whose meaning is clear; report the others.

    * ``{{ site.baseurl }}`` and ``{{ site.url }}`` go: the paths they prefix are
      site-absolute, which the docs tree resolves through ``labnews_static_map``.
    * ``{{ '/x' | relative_url }}``, ``absolute_url`` and ``prepend: site.baseurl``
      become ``/x`` for the same reason; ``'x'`` without the slash too, as Jekyll
      reads it from the site root.
    * ``{% link _posts/NAME.md %}`` and ``{% post_url NAME %}`` become ``NAME.md``,
      a MyST link to the imported post next to this one.
    * ``{% raw %}…{% endraw %}`` keeps its content as it is.
    * ``{% highlight LANG %}…{% endhighlight %}`` becomes a fenced code block.
    * ``{% include NAME %}`` is replaced by the text of ``_includes/NAME`` when the
      site has it and it is plain Markdown/HTML (no Liquid in it); any other include
      becomes an HTML comment (nothing can render it) and is reported; any other tag
      is reported and left as written.
    """
    context = context or SiteContext()
    notes: list[Note] = []
    raw_bodies: list[str] = []

    def line_of(snippet: str) -> int | None:
        return _source_line(body, snippet, first_line)

    def stash_raw(match: re.Match[str]) -> str:
        raw_bodies.append(match.group("body"))
        return f"\x00{len(raw_bodies) - 1}\x00"

    def highlight(match: re.Match[str]) -> str:
        code = match.group("body").strip("\n")
        fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
        raw_bodies.append(f"{fence}{match.group('lang')}\n{code}\n{fence}")
        return f"\x00{len(raw_bodies) - 1}\x00"

    def link(match: re.Match[str]) -> str:
        path = match.group("path")
        if path.startswith("_posts/"):
            return _post_link(path)
        notes.append(
            Note(
                WARNING,
                f"{match.group(0)} links to a page that was not imported; left as is",
                line_of(match.group(0)),
            )
        )
        # kept as written like a raw block, so the unknown-tag pass does not report it again
        raw_bodies.append(match.group(0))
        return f"\x00{len(raw_bodies) - 1}\x00"

    def include(match: re.Match[str]) -> str:
        named = _LIQUID_INCLUDE_NAME.fullmatch(match.group(0))
        included = context.read_include(named.group("name")) if named else None
        if included is not None and not _LIQUID_ANY.search(included):
            return included.strip("\n")
        notes.append(
            Note(
                WARNING,
                f"{match.group(0)} has no MyST equivalent; kept as an HTML comment",
                line_of(match.group(0)),
            )
        )
        return f"<!-- {match.group(0)} -->"

    def unknown(match: re.Match[str]) -> str:
        notes.append(
            Note(
                WARNING,
                f"Liquid {match.group(0)!r} is not understood; left as is",
                line_of(match.group(0)),
            )
        )
        return match.group(0)

    rules: list[tuple[re.Pattern[str] | _Delimited, Any]] = [
        (_LIQUID_RAW, stash_raw),
        (_LIQUID_HIGHLIGHT, highlight),
        (_LIQUID_SITE_URL, lambda match: ""),
        (_LIQUID_URL_FILTER, lambda match: _site_absolute(match.group("path"))),
        (_LIQUID_PREPEND, lambda match: _site_absolute(match.group("path"))),
        (_LIQUID_LINK, link),
        (_LIQUID_POST_URL, lambda match: _post_link(match.group("name"))),
        (_LIQUID_INCLUDE, include),
    ]
    text = body
    for pattern, replace in rules:
        text = _sub_outside_code(pattern, replace, text)
    # what is left: unknown tags, except inside the comments made above
    pieces = re.split(r"(<!--.*?-->)", text, flags=re.DOTALL)
    for index in range(0, len(pieces), 2):
        pieces[index] = _sub_outside_code(_LIQUID_ANY, unknown, pieces[index])
    text = "".join(pieces)
    return re.sub(r"\x00(\d+)\x00", lambda m: raw_bodies[int(m.group(1))], text), notes


def _sub_outside_code(pattern: re.Pattern[str] | _Delimited, replace: Any, text: str) -> str:
    spans = code_spans(text)

    def guarded(match: re.Match[str]) -> str:
        return match.group(0) if _in_spans(match.start(), spans) else replace(match)

    return pattern.sub(guarded, text)


# ------------------------------------------------------------------------- kramdown

#: A kramdown inline attribute list or attribute list definition: ``{:target="_blank"}``,
#: ``{: .class}``, ``{:#id}``; ``{::…}`` extensions are not matched.
_IAL = re.compile(r"\{:(?!:)[^{}\n]*\}")
_IAL_LINE = re.compile(r"^[ \t]*\{:(?!:)[^{}\n]*\}[ \t]*(?:\n|\Z)", re.MULTILINE)
_IAL_HARMLESS = re.compile(r"^\{:\s*(?:(?:target|rel)=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)\s*)+\}$")
_KRAMDOWN_TOC = re.compile(
    r"^[ \t]*(?:[*+-]|1\.)[ \t]+[^\n]*\n[ \t]*\{:\s*\.?toc\s*\}[ \t]*(?:\n[ \t]*\n|\n|\Z)",
    re.MULTILINE,
)
#: ``{::comment}…{:/comment}`` and ``{::nomarkdown}…{:/nomarkdown}`` (or ``{:/}``).
_KRAMDOWN_EXTENSION = _Delimited(
    re.compile(r"\{::(?P<name>comment|nomarkdown)\}(?P<body>.*?)\{:/(?:(?P=name))?\}", re.DOTALL),
    [(rf"\{{::{name}\}}", rf"\{{:/(?:{name})?\}}") for name in ("comment", "nomarkdown")],
)
_KRAMDOWN_OPTIONS = re.compile(r"^[ \t]*\{::options\b[^}\n]*/\}[ \t]*\n?", re.MULTILINE)
_KRAMDOWN_OTHER = re.compile(r"\{::[^}\n]*\}")
#: Inline code as ``_inline_code_spans`` finds it: ``(`+)(?:(?!\1).)+?\1`` (DOTALL).
_BACKTICKS = re.compile(r"`+")
_ESCAPED_PUNCT = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Math bodies are bounded (2000 characters), so an unclosed opener costs linear time.
#: An empty pair (``\\(\\)``) is matched too, as MathJax shows it: as nothing. A
#: body of at least one character ran on to the next pair's closer instead.
_PAREN_MATH = _Delimited(
    re.compile(r"\\\\\((?P<body>.{0,2000}?)\\\\\)", re.DOTALL),
    [(r"\\\\\(", r"\\\\\)")],
    body=(0, 2000),
)
_BRACKET_MATH = re.compile(r"\\\\\[(?P<body>.{0,2000}?)\\\\\]", re.DOTALL)
_DOUBLE_DOLLAR = re.compile(r"\$\$(?P<body>.{1,2000}?)\$\$", re.DOTALL)
#: A price: ``$5``, ``$1,200.50``, ``$3M``; kramdown shows it as text, MyST would start math.
_CURRENCY = re.compile(r"(?<![\\$\w])\$(?=\d[\d,.]*(?:[kKmMbB]\b|[\s.,;:!?)]|$))")


def _inline_code_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``re.finditer(r"(`+)(?:(?!\1).)+?\1", text, re.DOTALL)`` finds, in linear time.

    ``re`` rescans the rest of the post from every backtick that nothing closes,
    for every shorter run it backtracks to: cubic. Worked out by hand: from a
    position with ``rest`` backticks ahead, the regex tries ``k = rest, rest - 1…``
    backticks; ``k`` works when ``2k > rest`` (else the body would start with the
    closer) and a later run has ``k`` or more backticks, the first of which closes
    it. So ``k = min(rest, longest later run)``, and the closing run is found by
    walking the runs forward; the runs walked over are inside the match, so each
    run is walked over once.
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    longest_after = [0] * len(runs)
    for index in range(len(runs) - 2, -1, -1):
        longest_after[index] = max(
            longest_after[index + 1], runs[index + 1][1] - runs[index + 1][0]
        )
    index = 0
    position = 0
    while index < len(runs):
        start, end = runs[index]
        position = max(position, start)
        while position < end:
            rest = end - position
            size = min(rest, longest_after[index])
            if size and 2 * size > rest:
                closing = index + 1
                while runs[closing][1] - runs[closing][0] < size:
                    closing += 1
                yield position, runs[closing][0] + size
                index, position = closing, runs[closing][0] + size
                break
            position += 1
        else:
            index += 1


def _protected(text: str) -> list[tuple[int, int]]:
    """Fenced code and inline code spans: nothing may be rewritten inside them."""
    fences = code_spans(text)
    spans = list(fences)
    for start, end in _inline_code_spans(text):
        if not _in_spans(start, fences):
            spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _sub_unprotected(pattern: re.Pattern[str] | _Delimited, replace: Any, text: str) -> str:
    spans = _protected(text)

    def guarded(match: re.Match[str]) -> str:
        return match.group(0) if _in_spans(match.start(), spans) else replace(match)

    return pattern.sub(guarded, text)


def _unescape_markdown(text: str) -> str:
    """What Markdown made of backslash escapes: ``\\_`` is ``_``, ``\\\\`` is ``\\``."""
    return _ESCAPED_PUNCT.sub(r"\1", text)


def _own_block(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone on its lines after a blank line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    previous = text[: line_start - 1].rsplit("\n", 1)[-1] if line_start else ""
    return not previous.strip()


def convert_kramdown(body: str, *, first_line: int = 1) -> tuple[str, list[Note]]:
    """kramdown's own syntax → what MyST renders the same way.

    * Inline attribute lists (``[x](url){:target="_blank"}``, a ``{: .class}`` line)
      go: MyST would show them as text. Dropping a class or an id is reported (the
      styling is lost); ``target``/``rel`` only change how a link opens.
    * Math: kramdown reads ``$$…$$`` as math everywhere: inline inside a sentence or a
      table cell, display when alone in its paragraph; MathJax sites also write
      ``\\\\(…\\\\)`` and ``\\\\[…\\\\]`` (Markdown eats one backslash). They become
      MyST dollarmath: ``$…$`` inline, ``$$`` lines around display math. kramdown
      never reads a single ``$`` as math, so a price such as ``$5`` is escaped, or
      MyST would start math there.
    """
    notes: list[Note] = []

    def ial(match: re.Match[str]) -> str:
        attributes = match.group(0).strip()
        if not _IAL_HARMLESS.match(attributes):
            notes.append(
                Note(
                    WARNING,
                    f"kramdown attribute list {attributes} dropped (MyST cannot show it)",
                    _source_line(body, attributes, first_line),
                )
            )
        return ""

    def toc(match: re.Match[str]) -> str:
        notes.append(
            Note(
                WARNING,
                "kramdown table of contents ({:toc}) dropped; the page's own navigation "
                "lists its sections",
                _source_line(body, match.group(0), first_line),
            )
        )
        return ""

    def extension(match: re.Match[str]) -> str:
        name, content = match.group("name"), match.group("body")
        if name == "nomarkdown":
            return content
        if name == "comment":
            return f"<!-- {content.strip().replace('--', '- -')} -->"
        return ""

    text = _sub_unprotected(_KRAMDOWN_TOC, toc, body)
    text = _sub_unprotected(_KRAMDOWN_EXTENSION, extension, text)
    text = _sub_unprotected(_KRAMDOWN_OPTIONS, lambda match: "", text)
    protected = _protected(text)
    for match in _KRAMDOWN_OTHER.finditer(text):
        if not _in_spans(match.start(), protected):
            notes.append(
                Note(
                    WARNING,
                    f"kramdown extension {match.group(0)} is not converted; remove or rewrite it",
                    _source_line(body, match.group(0), first_line),
                )
            )
    text = _sub_unprotected(_IAL_LINE, ial, text)
    text = _sub_unprotected(_IAL, ial, text)
    text = _sub_unprotected(_CURRENCY, lambda match: "\\$", text)

    def dollars(match: re.Match[str]) -> str:
        inner = match.group("body").strip()
        if _own_block(text, match.start(), match.end()):
            return f"$$\n{inner}\n$$"
        return f"${' '.join(inner.split())}$"

    text = _sub_unprotected(_DOUBLE_DOLLAR, dollars, text)

    def paren(match: re.Match[str]) -> str:
        inner = " ".join(_unescape_markdown(match.group("body")).split())
        return f"${inner}$" if inner else ""

    def bracket(match: re.Match[str]) -> str:
        inner = _unescape_markdown(match.group("body")).strip()
        if not inner:
            return ""
        if _own_block(text, match.start(), match.end()):
            return f"$$\n{inner}\n$$"
        return f"${' '.join(inner.split())}$"

    text = _sub_unprotected(_PAREN_MATH, paren, text)
    text = _sub_unprotected(_BRACKET_MATH, bracket, text)
    return text, notes


# ---------------------------------------------------------------------- HTML blocks

#: Tags that open a CommonMark HTML block (type 6) and that posts wrap content in.
_BLOCK_TAGS = (
    "address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figcaption|figure"
    "|footer|form|header|hr|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul"
)
_BLOCK_OPEN = re.compile(rf"^(?P<indent> {{0,3}})<(?P<tag>{_BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
_MARKDOWN_ATTR = re.compile(r"\s+markdown\s*=\s*[\"']?(?:1|block|span)[\"']?", re.IGNORECASE)
_PRE = _Delimited(
    re.compile(r"<(pre|script|style|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL),
    [(rf"<{tag}\b", rf"</{tag}\s*>") for tag in ("pre", "script", "style", "textarea")],
)


def _block_ends(lines: list[str], tag: str) -> list[int | None]:
    """For each line, the index of the line closing a ``<tag>`` opened on it, if any.

    With ``depth[k]`` the open ``<tag>`` count after line ``k``, an element opened
    on line ``i`` closes on the first ``k >= i`` where ``depth[k] <= depth[i - 1]``:
    the next smaller-or-equal value, found for every line at once with a stack, so a
    post of thousands of unclosed tags costs linear time.
    """
    opening = re.compile(rf"<{tag}\b", re.IGNORECASE)
    closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    depth = [0]
    for line in lines:
        depth.append(depth[-1] + len(opening.findall(line)) - len(closing.findall(line)))
    ends: list[int | None] = [None] * len(lines)
    waiting: list[int] = []  # indexes i of ``depth`` still looking for their m
    for m, value in enumerate(depth):
        while waiting and value <= depth[waiting[-1]]:
            ends[waiting.pop()] = m - 1
        if m < len(lines):
            waiting.append(m)
    return ends


def convert_html_blocks(body: str, *, first_line: int = 1) -> tuple[str, list[Note]]:
    """Raw HTML blocks as kramdown read them → HTML blocks MyST reads the same way.

    kramdown reads an HTML element up to its closing tag; CommonMark (MyST) ends an
    HTML block at the first blank line, so the indented children after it became a
    code block showing the HTML as text. Inside such an element (found by its
    closing tag) blank lines are dropped and the lines dedented, except inside
    ``<pre>``-like elements. An element marked ``markdown="1"`` holds Markdown: its
    tags stay as HTML lines and its content, dedented, is left to MyST between
    blank lines (which is how CommonMark mixes HTML and Markdown).
    """
    notes: list[Note] = []
    spans = _protected(body)
    lines = body.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    out: list[str] = []
    block_ends: dict[str, list[int | None]] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _BLOCK_OPEN.match(line)
        if match is None or _in_spans(offsets[index], spans):
            out.append(line)
            index += 1
            continue
        tag = match.group("tag").lower()
        if tag not in block_ends:
            block_ends[tag] = _block_ends(lines, tag)
        end = block_ends[tag][index]
        joined = "\n".join(lines[index : end + 1]) if end is not None else ""
        image_block = _MARKDOWN_IMAGE_BLOCK.match(joined) if end is not None else None
        if (
            image_block and _CENTERED.search(image_block.group("attrs"))
        ) or captioned_markdown_image(joined):
            end = index  # a centred Markdown image: convert_images makes it a directive
        if end is None:
            notes.append(
                Note(
                    WARNING,
                    f"<{match.group('tag')}> is never closed; its HTML is kept as written",
                    first_line + index,
                )
            )
            out.append(line)
            index += 1
            continue
        out.extend(_html_block_lines(lines[index : end + 1], match.group("tag")))
        index = end + 1
    return "\n".join(out), notes


def _html_block_lines(block: list[str], tag: str) -> list[str]:
    text = textwrap.dedent("\n".join(block))
    first, _, rest = text.partition("\n")
    if _MARKDOWN_ATTR.search(first) and len(block) > 1:
        inner, _, last = rest.rpartition("\n")
        if re.fullmatch(rf"\s*</{tag}\s*>\s*", last, re.IGNORECASE):
            content, _notes = convert_html_blocks(textwrap.dedent(inner).strip("\n"))
            return [_MARKDOWN_ATTR.sub("", first), "", *content.split("\n"), "", last.strip()]
    kept: list[str] = []
    protected = [(m.start(), m.end()) for m in _PRE.finditer(text)]
    position = 0
    for line in text.split("\n"):
        if line.strip() or _in_spans(position, protected):
            kept.append(line)
        position += len(line) + 1
    return kept


# --------------------------------------------------------------------- links, paths

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico")
#: ``](target "title")`` of a Markdown link or image; the text before is found by hand.
_LINK_TARGET = re.compile(
    r"\]\(\s*(?P<target><[^>\n]{0,2000}+>|[^)\s]{1,2000}+)(?P<title>\s+\"[^\"\n]{0,2000}+\")?\s*\)"
)
_REFERENCE_DEFINITION = re.compile(
    r"^(?P<lead>[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?P<target><[^>\n]*>|\S+)", re.MULTILINE
)


class _UrlAttributes(_Delimited):
    """``_HTML_URL_ATTR``'s matches without retrying 2,000 characters at every tag.

    Whether ``\\s(href|src)="…"`` completes at a position does not depend on the tag
    before it, so the positions where it does are found once; a tag then matches at
    the first of them within its 2,000 characters before the next ``>``, if any.
    """

    _TAG = re.compile(r"<(?:a|img|source|video|audio|iframe|embed)\b", re.IGNORECASE)
    _ATTRIBUTE = re.compile(r"(?=\s(?:href|src)\s*=\s*[\"'])", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__(
            re.compile(
                r"(?P<lead><(?P<tag>a|img|source|video|audio|iframe|embed)\b[^>]{0,2000}?"
                r"\s(?P<attr>href|src)\s*=\s*)(?P<quote>[\"'])(?P<target>[^\"'\n]*+)(?P=quote)",
                re.IGNORECASE,
            ),
            [],
        )
        self.tail = re.compile(r"\s(?:href|src)\s*=\s*([\"'])[^\"'\n]*+\1", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        attributes = [
            found.start()
            for found in self._ATTRIBUTE.finditer(text)
            if self.tail.match(text, found.start())
        ]
        closers = [found.start() for found in re.finditer(">", text)]
        position = 0
        while tag := self._TAG.search(text, position):
            after = bisect.bisect_left(attributes, tag.end())
            closer = bisect.bisect_left(closers, tag.end())
            limit = min(tag.end() + 2000, closers[closer] if closer < len(closers) else len(text))
            match = None
            if after < len(attributes) and attributes[after] <= limit:
                match = self.pattern.match(text, tag.start())
            position = tag.start() + 1
            if match is not None:
                yield match
                position = match.end()


_HTML_URL_ATTR = _UrlAttributes()
#: ``<a href="…">plain text</a>`` in running text, rewritten as a Markdown link.
_ATTRIBUTE = r"""\s+(?!href\b)[\w:-]++(?:\s*=\s*(?:"[^"]*+"|'[^']*+'|[^\s"'>]++))?"""
_SIMPLE_ANCHOR = re.compile(
    rf"<a(?:{_ATTRIBUTE})*+\s+href\s*=\s*([\"'])(?P<href>[^\"'\n]++)\1(?:{_ATTRIBUTE})*+\s*>"
    r"(?P<text>[^<\[\]\n]++)</a>",
    re.IGNORECASE,
)
_HTML_BLOCK_START = re.compile(rf"^ {{0,3}}(?:<(?:{_BLOCK_TAGS})\b|<!--)", re.IGNORECASE)


def _html_block_lines_mask(text: str) -> list[bool]:
    """For each line, whether CommonMark reads it as part of a raw HTML block."""
    mask: list[bool] = []
    inside = False
    for line in text.split("\n"):
        if not line.strip():
            inside = False
        elif not inside and _HTML_BLOCK_START.match(line):
            inside = True
        mask.append(inside)
    return mask


def _is_image_link(text: str, close: int) -> bool:
    """Whether the ``]`` at ``close`` ends ``![…]`` (an image), not ``[…]`` (a link)."""
    depth = 0
    for index in range(close, max(close - 4000, 0) - 1, -1):  # a link text is short
        char = text[index]
        if char == "]" and (index == 0 or text[index - 1] != "\\"):
            depth += 1
        elif char == "[" and (index == 0 or text[index - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
        elif char == "\n" and index < close and text[index - 1 : index] == "\n":
            return False
    return False


class _Linker:
    """Resolves a post's URLs the way the old site did and says what each points at."""

    def __init__(self, context: SiteContext) -> None:
        self.context = context
        self.posts = {
            old_url_key(url, context.baseurl): doc for url, doc in context.post_urls.items()
        }
        self.files: list[str] = []
        self.external: list[str] = []
        host = context.url.rstrip("/")
        self.site_prefixes = [p for p in (host + "/" + context.baseurl.strip("/"), host) if p]

    def _file(self, path: str) -> bool:
        relative = posixpath.normpath(unquote(path).lstrip("/"))
        return (
            relative not in (".", "")
            and not relative.startswith("..")
            and bool(self.context.site_files(relative))
        )

    def site_path(self, target: str) -> str | None:
        """The site path (``/a/b``, query and fragment kept) a URL means, or ``None``."""
        if target.startswith(("#", "mailto:", "tel:", "data:")) or not target:
            return None
        target = self._without_site_url(target)
        if is_external(target):
            return None
        path, query, fragment = _split_target(target)
        if path.startswith("/"):
            return self._without_baseurl(path) + query + fragment
        if path.endswith((".md", ".markdown")) or not path:
            return None  # a link to an imported post, written by convert_liquid, or "?x"
        resolved = self._resolve_relative(path)
        return None if resolved is None else resolved + query + fragment

    def _without_site_url(self, target: str) -> str:
        """``target`` with the old site's own URL (either scheme) in front taken off."""
        for prefix in self.site_prefixes:
            for scheme in ("", "http:", "https:"):
                candidate = prefix
                if scheme and prefix.startswith(("http://", "https://")):
                    candidate = scheme + prefix.split(":", 1)[1]
                if target == candidate or target.startswith(candidate.rstrip("/") + "/"):
                    return target[len(candidate.rstrip("/")) :] or "/"
        return target

    def _without_baseurl(self, path: str) -> str:
        """A site-absolute path with the old site's ``baseurl`` in front taken off."""
        base = "/" + self.context.baseurl.strip("/") if self.context.baseurl.strip("/") else ""
        if base and (path == base or path.startswith(base + "/")):
            return path[len(base) :] or "/"
        return path

    def _resolve_relative(self, path: str) -> str | None:
        """A relative path, against the post's old URL, then the site root: the first that
        names a post or file of the site (the post's folder when the site is known)."""
        candidates = []
        if self.context.old_url_of_post:
            folder = posixpath.dirname(self.context.old_url_of_post.split("#")[0])
            candidates.append(_clamp(posixpath.join(folder or "/", path)))
        candidates.append(_clamp("/" + path))
        for candidate in candidates:
            if old_url_key(candidate) in self.posts or self._file(candidate):
                return candidate
        if self.context.old_url_of_post and self.context.url:
            return candidates[0]
        return None

    def rewrite(self, target: str, *, image: bool, markdown: bool) -> tuple[str, str | None]:
        """The new URL for ``target`` and a problem to report (``None`` when fine)."""
        stripped = target[1:-1] if target.startswith("<") and target.endswith(">") else target
        site_path = self.site_path(stripped.strip())
        if site_path is None:
            return target, None
        path, _, fragment = site_path.partition("#")
        path = path.split("?", 1)[0]
        fragment = "#" + fragment if fragment else ""
        docname = self.posts.get(old_url_key(path))
        if docname is not None and not image:
            return self._post_link(target, docname, fragment, markdown=markdown)
        if image:
            keep_path = stripped.startswith("/") or self._file(path)
            return (site_path if keep_path else target), None
        if self._file(path):
            return self._file_link(target, path, fragment, markdown=markdown)
        return self._old_site_link(target, path, site_path)

    def _post_link(
        self, target: str, docname: str, fragment: str, *, markdown: bool
    ) -> tuple[str, str | None]:
        """A link to an imported post: relative to this post's document."""
        here = posixpath.dirname(self.context.docname) if self.context.docname else None
        folder = here if here is not None else posixpath.dirname(docname)
        relative = posixpath.relpath(docname, folder or ".")
        if not markdown:
            return relative + ".html" + fragment, None
        if fragment:
            # MyST resolves a heading anchor only with myst_heading_anchors set
            return relative + ".md", (
                f"link to {target}: anchor {fragment} dropped, the link goes to the post"
            )
        return relative + ".md", None

    def _file_link(
        self, target: str, path: str, fragment: str, *, markdown: bool
    ) -> tuple[str, str | None]:
        """A link to a file of the site: copied, and linked site-absolute."""
        if not markdown:
            return target, f"raw HTML links to the file {path}; rewrite it as a Markdown link"
        if path not in self.files:
            self.files.append(path)
        return path + fragment, None

    def _old_site_link(self, target: str, path: str, site_path: str) -> tuple[str, str | None]:
        """A page of the old site that was not imported: absolute, on the old site."""
        if not self.context.url:
            return target, None
        if path.endswith("/") or "." not in posixpath.basename(path) or path.endswith(".html"):
            base = self.context.baseurl.strip("/")
            absolute = self.context.url.rstrip("/") + ("/" + base if base else "") + site_path
            if absolute not in self.external:
                self.external.append(absolute)
            return absolute, None
        return target, f"{path} is neither a post nor a file of the site; link kept as written"


def _split_target(target: str) -> tuple[str, str, str]:
    """``path?query#fragment`` → path, ``?query`` and ``#fragment`` (each may be empty)."""
    path, _, tail = target.partition("#")
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
        query = "?" + query
    fragment = "#" + tail if tail else ""
    return path, query, fragment


def _knows_site(context: SiteContext) -> bool:
    return bool(context.url or context.post_urls or context.old_url_of_post)


def _clamp(path: str) -> str:
    """``posixpath.normpath`` of a site path; ``..`` above the root stays at the root."""
    trailing = path.endswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
        else:
            parts.append(part)
    return "/" + "/".join(parts) + ("/" if trailing and parts else "")


def convert_links(
    body: str, context: SiteContext, *, first_line: int = 1
) -> tuple[str, list[Note], list[str], list[str]]:
    """Resolve every link and image path as the old site did; point it at the new site.

    Returns the text, notes, the local files to copy and the old-site pages now
    linked absolutely. A link to another imported post becomes a MyST link to its
    document (``other.md``: Sphinx checks it); a site file becomes its site-absolute
    path (images resolve through ``labnews_static_map``, other files become download
    links); a page of the old site that was not imported becomes ``url`` +
    ``baseurl`` + its path. Relative paths resolve against the post's old URL, then
    the site root, whichever names a file or post of the site. In running text a
    plain ``<a href="…">text</a>`` becomes a Markdown link first, so Sphinx checks it.
    """
    notes: list[Note] = []
    linker = _Linker(context)
    mask = _html_block_lines_mask(body)

    def line_index(text: str, position: int) -> int:
        return text.count("\n", 0, position)

    def anchor(match: re.Match[str]) -> str:
        if mask[line_index(body, match.start())]:
            return match.group(0)
        return f"[{match.group('text')}]({match.group('href')})"

    text = _sub_unprotected(_SIMPLE_ANCHOR, anchor, body) if _knows_site(context) else body
    mask = _html_block_lines_mask(text)

    def report(problem: str | None, position: int) -> None:
        if problem:
            notes.append(Note(WARNING, problem, first_line + line_index(text, position)))

    def markdown_target(match: re.Match[str]) -> str:
        if mask[line_index(text, match.start())]:
            return match.group(0)
        image = _is_image_link(text, match.start())
        new, problem = linker.rewrite(match.group("target"), image=image, markdown=True)
        report(problem, match.start())
        return f"]({new}{match.group('title') or ''})"

    def definition(match: re.Match[str]) -> str:
        new, problem = linker.rewrite(match.group("target"), image=False, markdown=True)
        report(problem, match.start())
        return match.group("lead") + new

    def html_attribute(match: re.Match[str]) -> str:
        image = match.group("tag").lower() != "a"
        new, problem = linker.rewrite(match.group("target"), image=image, markdown=False)
        report(problem, match.start())
        quote = match.group("quote")
        return f"{match.group('lead')}{quote}{new}{quote}"

    text = _sub_unprotected(_LINK_TARGET, markdown_target, text)
    text = _sub_unprotected(_REFERENCE_DEFINITION, definition, text)
    text = _sub_unprotected(_HTML_URL_ATTR, html_attribute, text)
    return text, notes, linker.files, linker.external


# --------------------------------------------------------------------- front matter

_TAG = re.compile(r"<[^>]*>")
_NEEDS_DECODING = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|<[A-Za-z/!]")


def plain_text(value: str) -> str:
    """An HTML fragment's text on one line: tags stripped, then entities decoded."""
    return one_line(html.unescape(_TAG.sub("", value)))


def _yaml_scalar(value: Any) -> str:
    """``value`` as YAML on one line: an item of a flow list (``[Ada, {name: Bob}]``) that
    is itself a list or a mapping is written in flow style too, or the line would not parse;
    a mapping keeps its keys in the order written."""
    dumped = yaml.safe_dump(
        value, allow_unicode=True, width=10**6, default_flow_style=True, sort_keys=False
    )
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _yaml_line(key: str, value: Any) -> str:
    """``key: value`` as YAML, a list in flow style (``tags: [a, b]``)."""
    if isinstance(value, list):
        return f"{key}: [{', '.join(_yaml_scalar(item) for item in value)}]"
    return f"{key}: {_yaml_scalar(value)}"


def _image_path(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        for key in ("path", "feature", "src", "url", "teaser", "image", "overlay_image"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return None


def _words(value: Any) -> list[str] | None:
    """Jekyll's categories/tags: a list, or a string of space-separated words."""
    if isinstance(value, str):
        return value.split(",") if "," in value else value.split()
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return [str(item) for item in value]
    return None


def convert_front_matter(
    front_block: str, data: Mapping[str, Any], key_lines: Mapping[str, int], context: SiteContext
) -> tuple[str, list[Note], list[str]]:
    """Map the keys Jekyll themes use onto the lab's; return the block, notes, redirects.

    The block stays verbatim except for the lines that change: ``title`` with HTML
    (decoded to its text); ``image``/``thumbnail``/``header.teaser`` give ``cover``;
    ``description``/``excerpt``/``summary`` give ``oneline_description``;
    ``categories``/``category`` give ``group``; space-separated ``tags`` become a list;
    an ``author`` key of ``_data/authors.yml`` becomes the author's name. A lab key
    already present wins. The theme keys stay (as page metadata) so nothing is lost.
    """
    notes: list[Note] = []
    replaced: dict[str, str] = {}
    added: list[str] = []

    title = data.get("title")
    if isinstance(title, str) and _NEEDS_DECODING.search(title):
        replaced["title"] = _yaml_line("title", plain_text(title))
    for line in (
        _cover_line(data, context),
        _description_line(data),
        _group_line(data),
    ):
        if line is not None:
            added.append(line)
    tags = data.get("tags")
    if isinstance(tags, str) and "," not in tags and len(tags.split()) > 1:
        replaced["tags"] = _yaml_line("tags", tags.split())
    author_line = _author_line(data, context)
    if author_line is not None:
        replaced["author"] = author_line
    if data.get("date") is not None:
        try:
            parse_post_date(data["date"])
        except ValueError as error:
            notes.append(Note(WARNING, f"date: {error}; fix it by hand", key_lines.get("date")))
    redirects = _redirects(data.get("redirect_from"), key_lines, notes)
    if not replaced and not added:
        return front_block, notes, redirects
    return _rewrite_block(front_block, key_lines, replaced, added), notes, redirects


def _cover_line(data: Mapping[str, Any], context: SiteContext) -> str | None:
    """``cover`` from the theme's ``image``, ``thumbnail`` or ``header.teaser``."""
    if data.get("cover") is not None:
        return None
    header = data.get("header")
    for value in (
        data.get("image"),
        data.get("thumbnail"),
        header.get("teaser") if isinstance(header, Mapping) else None,
    ):
        path = _image_path(value)
        if path:
            return _yaml_line("cover", _cover_path(path, context))
    return None


def _description_line(data: Mapping[str, Any]) -> str | None:
    """``oneline_description`` from ``description``, ``excerpt`` or ``summary``."""
    if data.get("oneline_description") is not None:
        return None
    for key in ("description", "excerpt", "summary"):
        if isinstance(data.get(key), str) and plain_text(data[key]):
            return _yaml_line("oneline_description", plain_text(data[key]))
    return None


def _group_line(data: Mapping[str, Any]) -> str | None:
    """``group`` from ``categories`` and ``category`` (one name, or a list)."""
    if data.get("group") is not None:
        return None
    groups: list[str] = []
    for key in ("categories", "category"):
        for word in _words(data.get(key)) or []:
            if word.strip() and word.strip() not in groups:
                groups.append(word.strip())
    if not groups:
        return None
    return _yaml_line("group", groups[0] if len(groups) == 1 else groups)


def _author_line(data: Mapping[str, Any], context: SiteContext) -> str | None:
    """``author`` with keys of ``_data/authors.yml`` replaced by the authors' names."""
    author = data.get("author")
    authors = [author] if isinstance(author, str) else author if isinstance(author, list) else []
    if not any(isinstance(a, str) and a in context.authors for a in authors):
        return None
    names = [context.authors.get(a, a) if isinstance(a, str) else a for a in authors]
    return _yaml_line("author", names[0] if isinstance(author, str) else names)


def _redirects(value: Any, key_lines: Mapping[str, int], notes: list[Note]) -> list[str]:
    """``redirect_from``'s URLs (one or a list), without blanks or repeats."""
    redirects: list[str] = []
    for item in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
        if isinstance(item, str) and item.strip() and item.strip() not in redirects:
            redirects.append(item.strip())
    if value is not None and not redirects:
        notes.append(
            Note(
                WARNING,
                "redirect_from is not a URL or a list of URLs",
                key_lines.get("redirect_from"),
            )
        )
    return redirects


def _rewrite_block(
    front_block: str, key_lines: Mapping[str, int], replaced: Mapping[str, str], added: list[str]
) -> str:
    """The block with each replaced key's lines (and its comments) swapped, added keys last."""
    lines = front_block.split("\n")
    starts = sorted(line - 1 for line in key_lines.values())
    for key in sorted(replaced, key=lambda name: key_lines[name], reverse=True):
        start = key_lines[key] - 1
        end = next((s for s in starts if s > start), len(lines) - 1)
        while end > start + 1 and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        lines[start:end] = [replaced[key]]
    lines[-1:-1] = added
    return "\n".join(lines)


def _cover_path(path: str, context: SiteContext) -> str:
    """A theme's image path, site-absolute when the site has it from the root."""
    path = _LIQUID_URL_FILTER.sub(lambda m: _site_absolute(m.group("path")), path)
    path = _LIQUID_SITE_URL.sub("", path)
    if is_external(path) or path.startswith("/"):
        return path
    if context.site_files(posixpath.normpath(path)):
        return "/" + posixpath.normpath(path)
    return path


# --------------------------------------------------------------------------- about


def convert_about(
    body: str,
    blocks: Iterable[AboutBlock],
    default_keys: Iterable[str],
    *,
    first_line: int = 1,
) -> tuple[str, list[Note]]:
    """ "About …" sections that match a registered block → ``about`` directives, or nothing.

    A section is a heading starting with "About" and the text up to the next heading.
    It matches a registered block when its heading and text equal the block's,
    whitespace aside (the heading level does not matter), wherever it sits in the
    post: a "Media Links" section may follow it. A matching default block is dropped
    (the site appends it); another matching block becomes the directive. Of the run
    of sections at the very end, one that matches nothing is kept as written and
    reported; elsewhere only a near match (the same heading, or 85 % of the same
    text) is reported, since "About the dataset" may be the post's own content.
    When every trailing section was dropped, a horizontal rule left dangling at the
    end is dropped too: it separated the post from what is now appended by the site.
    """
    blocks = list(blocks)
    defaults = set(default_keys)
    notes: list[Note] = []
    headings = _headings(body)
    trailing_from = _trailing_about_start(body, headings)
    pieces: list[str] = []
    kept_trailing: list[str] = []
    position = 0
    all_dropped = True
    for start, end, heading, section in _about_sections(body, headings):
        trailing = start >= trailing_from
        replacement = _about_replacement(blocks, defaults, heading, section)
        if replacement is None:
            note = _unmatched_note(blocks, heading, _section_text(section), trailing=trailing)
            if note:
                notes.append(Note(WARNING, note, line_at(body, start, first_line)))
        if trailing:
            if replacement != "":  # kept as written (matches nothing), or a directive
                all_dropped = False
                kept_trailing.append(section if replacement is None else replacement)
            continue
        if replacement is None:
            continue
        pieces.append(body[position:start])
        if replacement:
            pieces.append(replacement + "\n\n")
        position = end
    if not kept_trailing and all_dropped and trailing_from == len(body) and not pieces:
        return body, notes
    pieces.append(body[position:trailing_from])
    prefix = re.sub(r"\s+\Z", "", "".join(pieces))
    if all_dropped and trailing_from < len(body):
        prefix = _without_final_rule(prefix)
    return "\n\n".join([prefix, *kept_trailing]) + "\n", notes


def _trailing_about_start(body: str, headings: list[tuple[int, re.Match[str]]]) -> int:
    """Where the run of About sections at the very end of ``body`` starts (its length
    when the last section is not an About section)."""
    trailing_from = len(body)
    for start, match in reversed(headings):
        if not match.group(2).lower().startswith("about"):
            break
        trailing_from = start
    return trailing_from


def _about_sections(
    body: str, headings: list[tuple[int, re.Match[str]]]
) -> Iterator[tuple[int, int, str, str]]:
    """Each About section: its start and end offsets, its heading, and its text as
    written (heading line included, surrounding newlines stripped)."""
    for index, (start, match) in enumerate(headings):
        heading = match.group(2)
        if not heading.lower().startswith("about"):
            continue
        end = headings[index + 1][0] if index + 1 < len(headings) else len(body)
        yield start, end, heading, body[start:end].strip("\n")


def _section_text(section: str) -> str:
    """A section without its heading line."""
    return section.split("\n", 1)[1] if "\n" in section else ""


def _about_replacement(
    blocks: Sequence[AboutBlock], defaults: set[str], heading: str, section: str
) -> str | None:
    """What replaces a section: ``None`` when it matches no block, ``""`` for a default
    block (the site appends it), else the ``about`` directive."""
    text = _section_text(section)
    found = next((b for b in blocks if _same(b.heading, heading) and _same(b.text, text)), None)
    if found is None:
        return None
    return "" if found.key in defaults else f"```{{about}} {found.key}\n```"


def _headings(body: str) -> list[tuple[int, re.Match[str]]]:
    """The ATX headings outside code, with their offsets."""
    spans = code_spans(body)
    headings = [
        (match.start(), _HEADING.match(match.group(0)))
        for match in re.finditer(r"^#{1,6}[ \t]+.*$", body, re.MULTILINE)
        if not _in_spans(match.start(), spans)
    ]
    return [(start, match) for start, match in headings if match is not None]


def _unmatched_note(
    blocks: Sequence[AboutBlock], heading: str, text: str, *, trailing: bool
) -> str:
    """What to say of an About section that matches no block ("" for nothing).

    A trailing section is always reported, as it is kept; elsewhere only a near
    match is, since "About the dataset" may be the post's own content.
    """
    near = _near_blocks(blocks, heading, text)
    if not trailing:
        return f"section {heading!r} resembles About block {near}; kept as written" if near else ""
    same_heading = [b.key for b in blocks if _same(b.heading, heading)]
    if same_heading:
        keys = ", ".join(same_heading)
        return f"section {heading!r} differs from About block {keys}; kept as written"
    if near:
        return f"section {heading!r} resembles About block {near}; kept as written"
    return f"section {heading!r} matches no registered About block; kept as written"


def _without_final_rule(prefix: str) -> str:
    """``prefix`` without a horizontal rule left dangling at its end."""
    lines = prefix.split("\n")
    if lines and _THEMATIC_BREAK.match(lines[-1]):
        return re.sub(r"\s+\Z", "", "\n".join(lines[:-1]))
    return prefix


def _near_blocks(blocks: Sequence[AboutBlock], heading: str, text: str) -> str:
    """Keys of the blocks a section nearly repeats (heading or 85 % of the text)."""
    near = []
    for block in blocks:
        ratio = difflib.SequenceMatcher(
            None, normalise_space(block.text).casefold(), normalise_space(text).casefold()
        ).ratio()
        if _same(block.heading, heading) or ratio >= 0.85:
            near.append(block.key)
    return ", ".join(near)


def _same(a: str, b: str) -> bool:
    return normalise_space(a).casefold() == normalise_space(b).casefold()


# ----------------------------------------------------------------------- permalinks


def _categories(data: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    for key in ("category", "categories"):
        value = data.get(key)
        items = (
            value.split() if isinstance(value, str) else value if isinstance(value, list) else []
        )
        for item in items:
            if item is not None and str(item).strip() and str(item).lower() not in found:
                found.append(str(item).strip().lower())
    return found


#: What Jekyll's "pretty" slugs keep besides letters, marks and digits
#: (``Utils::SLUGIFY_PRETTY_REGEXP``: readable in a URL, allowed on ext4 and NTFS).
_JEKYLL_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")


def jekyll_slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """``Jekyll::Utils.slugify`` (4.3) in its ``default`` and ``pretty`` modes.

    Old URLs must be spelled as Jekyll spelled them, or the redirects and the links
    rewritten to them miss: a post ``2024-01-02-Hello World.md`` was at
    ``/2024/Hello-World/``. Each run of other characters becomes one hyphen, one
    leading and one trailing hyphen go, and the slug is lowercased unless ``cased``.
    Letters keep their accents (unlike :func:`slugify`, which makes new file names).
    """

    def kept(char: str) -> bool:
        category = unicodedata.category(char)
        return category[0] in "LM" or category == "Nd" or (pretty and char in _JEKYLL_PRETTY_KEEP)

    slug = "".join(char if kept(char) else "\0" for char in text)
    slug = re.sub("\0+", "-", slug)
    slug = slug.removeprefix("-").removesuffix("-")
    return slug if cased else slug.lower()


def jekyll_permalink(
    filename: str, data: Mapping[str, Any], site_permalink: str | None = None
) -> str | None:
    """The URL Jekyll gave a post, from its file name, front matter and ``_config.yml``.

    A post's own ``permalink:`` wins over the site's. Returns ``None`` when the
    file name is not a dated Jekyll post name (Jekyll does not publish those).
    """
    base = posixpath.basename(filename)
    stem = base.rsplit(".", 1)[0]
    match = _POST_NAME.match(stem)
    if not match:
        return None
    template = data.get("permalink") if isinstance(data.get("permalink"), str) else None
    template = template or site_permalink or "date"
    template = PERMALINK_STYLES.get(template, template)
    moment = date_from_filename(base)
    if data.get("date") is not None:
        with contextlib.suppress(ValueError):
            moment = parse_post_date(data["date"])
    if moment is None:
        return None
    title = str(data.get("slug") or match.group(4))
    values = {
        "year": f"{moment.year:04d}",
        "short_year": f"{moment.year % 100:02d}",
        "month": f"{moment.month:02d}",
        "i_month": str(moment.month),
        "short_month": moment.strftime("%b"),
        "long_month": moment.strftime("%B"),
        "day": f"{moment.day:02d}",
        "i_day": str(moment.day),
        "y_day": f"{moment.timetuple().tm_yday:03d}",
        "week": f"{moment.isocalendar()[1]:02d}",
        "short_day": moment.strftime("%a"),
        "long_day": moment.strftime("%A"),
        "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}",
        "second": f"{moment.second:02d}",
        # Jekyll's UrlDrop: ``title`` is the slug "pretty" and cased, ``slug`` the default
        "title": jekyll_slugify(title, pretty=True, cased=True),
        "slug": jekyll_slugify(title),
        "categories": "/".join(_categories(data)),
        "output_ext": ".html",
    }
    url = re.sub(r":([a-z_]+)", lambda m: values.get(m.group(1), m.group(0)), template)
    url = re.sub(r"/{2,}", "/", "/" + url)
    return url


def permalink_docname(url: str) -> str:
    """The "document name" an old URL has in the new site, for sphinxext-rediraffe."""
    path = url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if not path or path.endswith("/"):
        return path + "index"
    if path.endswith(".html"):
        return path[: -len(".html")]
    return path


# ---------------------------------------------------------------------------- post


def add_last_updated(front_block: str, moment: dt.datetime) -> str:
    """Add ``last_updated: YYYY/MM/DD`` before the closing fence, as the lab writes it."""
    lines = front_block.split("\n")
    for index in range(len(lines) - 1, 0, -1):
        if lines[index].rstrip() in ("---", "..."):
            lines.insert(index, f"last_updated: {moment:%Y/%m/%d}")
            return "\n".join(lines)
    return front_block


def convert_post(
    text: str,
    *,
    filename: str,
    about_blocks: Iterable[AboutBlock] = (),
    default_about: Iterable[str] = (),
    context: SiteContext | None = None,
) -> Conversion:
    """Convert one Jekyll post's text. ``text is None`` in the result means it failed.

    The front matter is kept verbatim when it parses (the lab's field order and
    spellings, ``last_updated: 2025/07/27`` included); only ``last_updated`` is
    added, from the file name, when the post has no date at all. ``context`` tells
    what the rest of the Jekyll site holds (see :class:`SiteContext`).
    """
    context = context or SiteContext()
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    conversion = Conversion(text=None)
    block, end_line = split_front_matter(text)
    if block is None:
        conversion.notes.append(Note(ERROR, "no front matter (a '---' block on line 1)", 1))
        return conversion
    front_matter, problems = parse_front_matter(text)
    for problem in problems:
        conversion.notes.append(Note(ERROR, problem.message, problem.line))
    if front_matter is None or problems:
        return conversion
    data = front_matter.data
    conversion.data = data
    lines = text.split("\n")
    front_block = "\n".join(lines[:end_line])
    body = "\n".join(lines[end_line:])

    if data.get("last_updated") is None and data.get("date") is None:
        moment = date_from_filename(filename)
        if moment is None:
            conversion.notes.append(
                Note(ERROR, "no date: neither last_updated nor a YYYY-MM-DD- file name", 1)
            )
            return conversion
        front_block = add_last_updated(front_block, moment)

    front_block, notes, conversion.redirects = convert_front_matter(
        front_block, data, front_matter.key_lines, context
    )
    conversion.notes.extend(notes)

    first_line = end_line + 1
    body, notes = convert_liquid(body, first_line=first_line, context=context)
    conversion.notes.extend(notes)
    body, notes = convert_kramdown(body, first_line=first_line)
    conversion.notes.extend(notes)
    body, notes, conversion.files, conversion.external_links = convert_links(
        body, context, first_line=first_line
    )
    conversion.notes.extend(notes)
    body, notes = convert_html_blocks(body, first_line=first_line)
    conversion.notes.extend(notes)
    body, notes = convert_images(body, first_line=first_line)
    conversion.notes.extend(notes)
    body, notes = convert_about(body, about_blocks, default_about, first_line=first_line)
    conversion.notes.extend(notes)

    cover = data.get("cover")
    if cover is None:
        reparsed, _problems = parse_front_matter(front_block + "\n")
        cover = reparsed.data.get("cover") if reparsed is not None else None
    images = [cover] if isinstance(cover, str) and cover.strip() else []
    conversion.images = [*images, *(p for p in referenced_images(body) if p not in images)]
    conversion.text = front_block + "\n" + body.rstrip("\n") + "\n"
    return conversion
