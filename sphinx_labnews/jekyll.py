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

import contextlib
import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .frontmatter import date_from_filename, parse_front_matter, parse_post_date, split_front_matter

ERROR = "error"
WARNING = "warning"

_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_THEMATIC_BREAK = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")

_IMG = r"<img\b[^>]*>"
_LINKED_IMG = rf"(?:<a\b[^>]*>\s*)?{_IMG}\s*(?:</a>)?"
#: ``<div align="center">`` / ``<p align="center">`` holding only images (and ``<br>``).
_IMAGE_BLOCK = re.compile(
    rf"^[ \t]*<(?P<tag>div|p|center)\b(?P<attrs>[^>]*)>\s*"
    rf"(?P<inner>(?:{_LINKED_IMG}\s*(?:<br\s*/?>\s*)*)+)"
    rf"</(?P=tag)>[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: Kramdown's ``<div align="center" markdown="1">`` around Markdown images.
_MARKDOWN_IMAGE_BLOCK = re.compile(
    r"^[ \t]*<(?P<tag>div|p)\b(?P<attrs>[^>]*\bmarkdown=[\"']?(?:1|block|span)[\"']?[^>]*)>\s*"
    r"(?P<inner>(?:!\[[^\]\n]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)\s*)+)"
    r"</(?P=tag)>[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: An image alone on its line, possibly inside a link.
_BARE_IMAGE = re.compile(rf"^[ \t]*{_LINKED_IMG}[ \t]*$", re.MULTILINE | re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MARKDOWN_IN_HTML = re.compile(r"<(div|p|span|section)\b[^>]*\bmarkdown=", re.IGNORECASE)
_CENTERED = re.compile(r"align\s*=\s*[\"']?center|text-align\s*:\s*center", re.IGNORECASE)
_RAW_IMG = re.compile(r"<img\b", re.IGNORECASE)
_DIRECTIVE_ARG = re.compile(r"^[ \t]*(`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>.*?)[ \t]*$")

_LIQUID_SITE_URL = re.compile(r"\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}")
_LIQUID_URL_FILTER = re.compile(
    r"\{\{-?\s*(['\"])(?P<path>[^'\"]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}"
)
_LIQUID_LINK = re.compile(r"\{%-?\s*link\s+(?P<path>[^\s%]+)\s*-?%\}")
_LIQUID_POST_URL = re.compile(r"\{%-?\s*post_url\s+(?P<name>[^\s%]+)\s*-?%\}")
_LIQUID_INCLUDE = re.compile(r"\{%-?\s*include(?:_relative)?\s+[^%]*?-?%\}")
_LIQUID_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(?P<body>.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_LIQUID_ANY = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)

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
        """Read an About file: a heading line followed by the block's text."""
        lines = source.strip("\n").splitlines()
        heading = ""
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines and (match := _HEADING.match(lines[0])):
            heading = match.group(2)
            lines.pop(0)
        return cls(key, heading, "\n".join(lines))


@dataclass
class Conversion:
    """The converted post, what it refers to and what the user must be told."""

    text: str | None
    notes: list[Note] = field(default_factory=list)
    #: Site-absolute image paths the post uses (cover included), in order.
    images: list[str] = field(default_factory=list)
    #: The Jekyll front matter, as parsed (``{}`` when it could not be).
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.text is not None and not any(note.level == ERROR for note in self.notes)


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
    return any(start <= position < end for start, end in spans)


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


def _css_length(value: str) -> str:
    value = value.strip()
    return f"{value}px" if re.fullmatch(r"\d+(?:\.\d+)?", value) else value


def image_options(attrs: Mapping[str, str]) -> dict[str, str]:
    """``width``/``max-width`` from an ``<img>``'s ``width`` attribute and ``style``."""
    options: dict[str, str] = {}
    if attrs.get("width", "").strip():
        options["width"] = _css_length(attrs["width"])
    for declaration in attrs.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name in ("width", "max-width") and value:
            options[name] = _css_length(value)
    return options


def centered_image(
    src: str,
    *,
    alt: str | None,
    width: str | None = None,
    max_width: str | None = None,
    target: str | None = None,
) -> str:
    """The ``centered-image`` directive, options in a fixed order (alt, widths, target)."""
    lines = [f"```{{centered-image}} {src}"]
    if alt is not None:
        lines.append(f":alt: {normalise_space(alt)}")
    if width:
        lines.append(f":width: {width}")
    if max_width:
        lines.append(f":max-width: {max_width}")
    if target:
        lines.append(f":target: {target}")
    lines.append("```")
    return "\n".join(lines)


def _directives_for_html(html: str, notes: list[Note], line: int) -> list[str] | None:
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
        before = re.sub(r"\n(?:[ \t]*\n)*\Z", "", before) if before.strip() else ""
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

    def free(start: int, end: int) -> bool:
        return not _in_spans(start, spans) and all(end <= s or start >= e for s, e in taken)

    for match in _IMAGE_BLOCK.finditer(body):
        if not free(match.start(), match.end()):
            continue
        line = line_at(body, match.start(), first_line)
        if match.group("tag").lower() != "center" and not _CENTERED.search(match.group("attrs")):
            continue
        directives = _directives_for_html(match.group("inner"), notes, line)
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
    for match in _BARE_IMAGE.finditer(body):
        if not free(match.start(), match.end()):
            continue
        line = line_at(body, match.start(), first_line)
        directives = _directives_for_html(match.group(0), notes, line)
        if directives:
            replacements.append((match.start(), match.end(), "\n\n".join(directives)))
            taken.append((match.start(), match.end()))
    replacements.sort()
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


def convert_liquid(body: str, *, first_line: int = 1) -> tuple[str, list[Note]]:
    """Convert the Liquid tags whose meaning is clear; report the others.

    * ``{{ site.baseurl }}`` and ``{{ site.url }}`` go: the paths they prefix are
      site-absolute, which the docs tree resolves through ``labnews_static_map``.
    * ``{{ '/x' | relative_url }}`` becomes ``/x`` for the same reason.
    * ``{% link _posts/NAME.md %}`` and ``{% post_url NAME %}`` become ``NAME.md``,
      a MyST link to the imported post next to this one.
    * ``{% raw %}…{% endraw %}`` keeps its content as it is.
    * ``{% include … %}`` becomes an HTML comment (nothing can render it) and is
      reported; any other tag is reported and left as written.
    """
    notes: list[Note] = []
    raw_bodies: list[str] = []

    def line_of(snippet: str) -> int | None:
        return _source_line(body, snippet, first_line)

    def stash_raw(match: re.Match[str]) -> str:
        raw_bodies.append(match.group("body"))
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
        return match.group(0)

    def include(match: re.Match[str]) -> str:
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

    rules: list[tuple[re.Pattern[str], Any]] = [
        (_LIQUID_RAW, stash_raw),
        (_LIQUID_SITE_URL, lambda match: ""),
        (_LIQUID_URL_FILTER, lambda match: match.group("path")),
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


def _sub_outside_code(pattern: re.Pattern[str], replace: Any, text: str) -> str:
    spans = code_spans(text)

    def guarded(match: re.Match[str]) -> str:
        return match.group(0) if _in_spans(match.start(), spans) else replace(match)

    return pattern.sub(guarded, text)


# --------------------------------------------------------------------------- about


def convert_about(
    body: str,
    blocks: Iterable[AboutBlock],
    default_keys: Iterable[str],
    *,
    first_line: int = 1,
) -> tuple[str, list[Note]]:
    """Trailing "About …" sections → ``about`` directives, or nothing for default blocks.

    A trailing section is one of the run of sections at the very end of the post
    whose heading starts with "About". It matches a registered block when its
    heading and text equal the block's, whitespace aside (the heading level does
    not matter). A section that matches nothing is kept as written and reported.
    When every trailing section was dropped, a horizontal rule left dangling at the
    end is dropped too: it separated the post from what is now appended by the site.
    """
    blocks = list(blocks)
    defaults = set(default_keys)
    notes: list[Note] = []
    spans = code_spans(body)
    headings = [
        (match.start(), match)
        for match in re.finditer(r"^#{1,6}[ \t]+.*$", body, re.MULTILINE)
        if not _in_spans(match.start(), spans)
    ]
    trailing: list[tuple[int, str]] = []
    for start, match in reversed(headings):
        heading = _HEADING.match(match.group(0))
        if heading is None or not heading.group(2).lower().startswith("about"):
            break
        trailing.insert(0, (start, heading.group(2)))
    if not trailing:
        return body, notes

    kept: list[str] = []
    all_dropped = True
    for index, (start, title) in enumerate(trailing):
        end = trailing[index + 1][0] if index + 1 < len(trailing) else len(body)
        section = body[start:end].strip("\n")
        text = section.split("\n", 1)[1] if "\n" in section else ""
        line = line_at(body, start, first_line)
        same_heading = [b for b in blocks if _same(b.heading, title)]
        known = next((b for b in same_heading if _same(b.text, text)), None)
        if known is not None and known.key in defaults:
            continue
        all_dropped = False
        if known is not None:
            kept.append(f"```{{about}} {known.key}\n```")
        elif same_heading:
            keys = ", ".join(b.key for b in same_heading)
            notes.append(
                Note(
                    WARNING,
                    f"section {title!r} differs from About block {keys}; kept as written",
                    line,
                )
            )
            kept.append(section)
        else:
            notes.append(
                Note(
                    WARNING,
                    f"section {title!r} matches no registered About block; kept as written",
                    line,
                )
            )
            kept.append(section)

    prefix = re.sub(r"\s+\Z", "", body[: trailing[0][0]])
    if all_dropped:
        lines = prefix.split("\n")
        if lines and _THEMATIC_BREAK.match(lines[-1]):
            prefix = re.sub(r"\s+\Z", "", "\n".join(lines[:-1]))
    return "\n\n".join([prefix, *kept]) + "\n", notes


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
        "title": title,
        "slug": slugify(title, max_length=10**6) or title,
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
) -> Conversion:
    """Convert one Jekyll post's text. ``text is None`` in the result means it failed.

    The front matter is kept verbatim when it parses (the lab's field order and
    spellings, ``last_updated: 2025/07/27`` included); only ``last_updated`` is
    added, from the file name, when the post has no date at all.
    """
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

    first_line = end_line + 1
    body, notes = convert_liquid(body, first_line=first_line)
    conversion.notes.extend(notes)
    body, notes = convert_images(body, first_line=first_line)
    conversion.notes.extend(notes)
    body, notes = convert_about(body, about_blocks, default_about, first_line=first_line)
    conversion.notes.extend(notes)

    cover = data.get("cover")
    images = [cover] if isinstance(cover, str) and cover.strip() else []
    conversion.images = [*images, *(p for p in referenced_images(body) if p not in images)]
    conversion.text = front_block + "\n" + body.rstrip("\n") + "\n"
    return conversion
