"""The lab's Jekyll-style front matter, read and mapped onto post metadata.

Everything here is pure: text or mappings in, a :class:`PostMetadata` and a list
of :class:`Problem` out. Nothing imports Sphinx, so the Sphinx extension, the
``labnews check`` command and the Jekyll importer all read posts the same way,
and each rule is testable without a build.

The lab writes ``last_updated: 2025/07/27``, ``group: news`` and
``oneline_description``; ablog wants ``date``, ``category`` and an excerpt. The
mapping is the table in the user guide (``docs/guide/front-matter.md``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from dateutil import parser as dateutil_parser

from .title_labels import TitleLabels, label_tags, split_title_label

#: Keys the mapping consumes; every other key is kept as page metadata.
KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "last_updated",
        "author",
        "group",
        "tags",
        "cover",
        "oneline_description",
        "published",
        "about",
    }
)

#: Strings a contributor may quote by mistake that still mean "do not publish".
_FALSE_STRINGS = frozenset({"false", "no", "off", "n", "0", "draft", "unpublished"})
_TRUE_STRINGS = frozenset({"true", "yes", "on", "y", "1"})

_FENCE = re.compile(r"^---[ \t]*$")
_LAB_DATE = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ Tt](.*))?$")
_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][\w-]*:(\s|$)")
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")

#: libyaml's safe loader when PyYAML was built with it (10x faster), else PyYAML's own.
if TYPE_CHECKING:
    # typed as PyYAML's own loader: both have every method used here
    _BASE_LOADER = yaml.SafeLoader
else:
    _BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

#: The deepest nesting of lists and mappings front matter may have. The lab's deepest
#: is ``myst: html_meta: {...}`` (3); the loader, ``repr`` and MyST's JSON recurse.
MAX_DEPTH = 32
#: The most values (keys, scalars, lists, mappings) front matter may hold, counted with
#: every YAML alias expanded: 391 bytes of nested aliases expand to a billion.
MAX_VALUES = 10_000
#: The most tags a post keeps. Every tag has its archive page and feeds, and each of
#: those lists the post with all its tags: a post's feed work grows with the square of
#: its tag count (1000 tags on one post: 2000 feeds of 1000 categories each, 67 MB).
MAX_TAGS = 50


class FrontMatterLoader(_BASE_LOADER):
    """PyYAML's safe loader, reading dates as the text they are written as.

    YAML 1.1 turns ``2021-02-30`` into a ``datetime.date``, and PyYAML raises a bare
    ``ValueError`` (not a ``YAMLError``) for one that does not exist, in any key; a
    date-like value also came back as text or a date depending on its spelling
    (``2025-07-27`` or ``2025/07/27``). Without the timestamp resolver every date is a
    string, and :func:`parse_post_date` reads the keys that are dates. An explicit
    ``!!timestamp`` tag is read as text too.
    """


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}


def _timestamp_as_text(loader: FrontMatterLoader, node: yaml.Node) -> str:
    return loader.construct_yaml_str(node)


FrontMatterLoader.add_constructor(_TIMESTAMP_TAG, _timestamp_as_text)


class FrontMatterTooLarge(yaml.MarkedYAMLError):
    """Front matter nested deeper than :data:`MAX_DEPTH` or larger than :data:`MAX_VALUES`."""


def _too_large(problem: str, event: yaml.Event) -> FrontMatterTooLarge:
    """The error for ``problem``, marked where ``event`` starts."""
    # the stubs type an event's mark as PyYAML's or libyaml's Mark, but MarkedYAMLError's
    # as PyYAML's only; at run time it takes either (it only formats the mark)
    mark = event.start_mark
    return FrontMatterTooLarge(problem=problem, problem_mark=mark)  # type: ignore[arg-type]


#: What PyYAML's constructors raise besides ``YAMLError``: ``!!int abc`` and an integer
#: of more than 4300 digits (``ValueError``), ``!!bool maybe`` (``KeyError``).
_CONSTRUCTOR_ERRORS = (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError)


def _check_size(text: str) -> None:
    """Refuse ``text`` before it is composed if it nests or expands too far.

    Reads the event stream, which both libyaml and PyYAML produce without recursing
    (composing is recursive: libyaml's C composer crashes the interpreter at 100,000
    nested ``[``, PyYAML's own raises ``RecursionError``). Each alias counts the size
    and height of what it refers to, so the count is of the expanded document and
    costs one pass over the text.

    :raises FrontMatterTooLarge: at the first event past a limit.
    """
    loader = FrontMatterLoader(text)
    try:
        # per open list or mapping: values counted before it, its height so far, its anchor
        stack: list[list[Any]] = []
        anchors: dict[str, tuple[int, int]] = {}
        count = 0

        def add(size: int, height: int, event: yaml.Event) -> None:
            nonlocal count
            count += size
            if count > MAX_VALUES:
                raise _too_large(
                    f"it holds more than {MAX_VALUES} values with its aliases expanded", event
                )
            if len(stack) + height > MAX_DEPTH:
                raise _too_large(f"it nests lists and mappings more than {MAX_DEPTH} deep", event)
            if stack:
                stack[-1][1] = max(stack[-1][1], height)

        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.ScalarEvent):
                add(1, 0, event)
                if event.anchor is not None:
                    anchors[event.anchor] = (1, 0)
            elif isinstance(event, yaml.AliasEvent):
                if any(frame[2] == event.anchor for frame in stack):
                    raise _too_large(
                        f"the alias *{event.anchor} refers to a value that contains it", event
                    )
                # an unknown anchor is left to the composer, which names it
                known = anchors.get(event.anchor) if event.anchor is not None else None
                add(*(known or (1, 0)), event)
            elif isinstance(event, yaml.CollectionStartEvent):
                add(1, 1, event)
                stack.append([count, 1, event.anchor])
            elif isinstance(event, yaml.CollectionEndEvent):
                start, height, anchor = stack.pop()
                if anchor is not None:
                    anchors[anchor] = (count - start + 1, height)
                if stack:
                    stack[-1][1] = max(stack[-1][1], height + 1)
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """Load one YAML document with :class:`FrontMatterLoader`, within the size limits.

    For YAML that is not a post's front matter (Jekyll's ``_config.yml``), so every
    YAML the package reads is read the same way.

    :raises yaml.YAMLError: for YAML that is malformed or past a limit.
    :raises ValueError: for a value PyYAML cannot construct (see ``_CONSTRUCTOR_ERRORS``).
    """
    _check_size(text)
    return yaml.load(text, Loader=FrontMatterLoader)  # a safe loader


#: Characters XML 1.0 forbids and no reader wants in a title: C0/C1 controls (tabs and
#: newlines are whitespace, collapsed instead), lone surrogates and U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: Longest value echoed back in a warning; hostile posts can carry megabytes.
_ECHO_LIMIT = 80


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a post, located in its source file.

    ``subtype`` is a :class:`~sphinx_labnews.warnings_.LabnewsWarnings` value, so
    the extension and ``labnews check`` report the same names. ``line`` is 1-based
    in the whole file (front matter fences included), or ``None`` when the
    problem has no single line.
    """

    subtype: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: the mapping and where each key sits in the file."""

    data: dict[str, Any]
    #: 1-based line of each top-level key.
    key_lines: dict[str, int]
    #: 1-based line of the opening ``---``.
    start_line: int = 1
    #: 1-based line of the closing ``---``.
    end_line: int = 1

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the opening fence when the key is absent."""
        return self.key_lines.get(key, self.start_line)


@dataclass(frozen=True)
class PostMetadata:
    """What a post's front matter means, in ablog's terms."""

    #: The title shown everywhere but in feeds: without its leading ``[label]``.
    title: str | None = None
    #: The title's leading label (``Press Release``), also among :attr:`tags`.
    label: str | None = None
    date: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cover: str | None = None
    description: str | None = None
    published: bool = True
    #: About blocks to append: ``None`` for the site's defaults, ``()`` for none.
    about: tuple[str, ...] | None = None
    #: ``layout`` and every key the mapping does not consume.
    extra: dict[str, Any] = field(default_factory=dict)


def echo(value: Any) -> str:
    """Show a value in a message: ``repr`` (so control characters are visible), cut short."""
    return _cut(repr(value))


def _cut(text: str) -> str:
    if len(text) > _ECHO_LIMIT:
        text = text[: _ECHO_LIMIT - 3] + "..."
    return text


def split_front_matter(text: str) -> tuple[str | None, int]:
    """Return the YAML between the ``---`` fences and the 1-based line of the closing fence.

    Returns ``(None, 0)`` when the text does not start with a front matter block
    (Jekyll, like MyST, only reads front matter on the very first line). A BOM is
    ignored, as MyST ignores it.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    if not lines or not _FENCE.match(lines[0]):
        return None, 0
    for index, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line) or line.rstrip() == "...":
            return "\n".join(lines[1:index]), index + 1
    return None, 0


def parse_front_matter(text: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse the front matter at the top of ``text``.

    Malformed YAML, a block that is not a mapping and duplicate keys are reported
    with the line they are on; the keys that could be read are still returned, so
    a post with one bad line still builds with everything else it says.
    """
    block, end_line = split_front_matter(text)
    if block is None:
        return None, []
    problems: list[Problem] = []
    loader = FrontMatterLoader(block)
    try:
        _check_size(block)
        node = loader.get_single_node()
        if node is None:
            return FrontMatter({}, {}, 1, end_line), problems
        if not isinstance(node, yaml.MappingNode):
            problems.append(
                Problem(
                    "frontmatter",
                    "front matter is not a mapping of keys to values but a "
                    + node.tag.rsplit(":", 1)[-1],
                    node.start_mark.line + 2,
                )
            )
            return FrontMatter({}, {}, 1, end_line), problems
        key_lines: dict[str, int] = {}
        for key_node, _value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 2
            if key in key_lines:
                problems.append(
                    Problem(
                        "frontmatter",
                        f"duplicate front-matter key {echo(key)} (first on line {key_lines[key]}); "
                        "the last value is used",
                        line,
                    )
                )
            key_lines[key] = line
        data = loader.construct_document(node)
    except _CONSTRUCTOR_ERRORS as error:
        # where the broken construct starts (an unclosed "[" on line 2), else where
        # the parser gave up
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or _cut(str(error))
        data, key_lines, unreadable = _salvage_keys(block)
        if isinstance(error, FrontMatterTooLarge):
            message = f"front matter is refused: {problem}; only its one-line keys are read"
        elif isinstance(error, yaml.YAMLError):
            message = f"front matter is not valid YAML: {problem}"
        else:
            # a constructor's error has no mark: name the one-line key it came from
            line = unreadable[0] if unreadable else 1
            message = f"front matter has a value YAML cannot read: {problem}"
        problems.append(Problem("frontmatter", message, line))
        return FrontMatter(data, key_lines, 1, end_line), problems
    finally:
        loader.dispose()
    data = {str(key): value for key, value in data.items()}
    return FrontMatter(data, key_lines, 1, end_line), problems


def _salvage_keys(block: str) -> tuple[dict[str, Any], dict[str, int], list[int]]:
    """Read the one-line ``key: value`` pairs of a block that is not valid YAML as a whole.

    One bad line must not cost a post its title or, worse, its ``published:
    false``: each top-level line that is valid YAML on its own is kept. Also returns
    the lines whose value is valid YAML that PyYAML cannot construct.
    """
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    unreadable: list[int] = []
    for number, line in enumerate(block.splitlines(), start=2):
        if not _TOP_LEVEL_KEY.match(line):
            continue
        try:
            pair = load_yaml(line)
        except yaml.YAMLError:
            continue
        except _CONSTRUCTOR_ERRORS:
            unreadable.append(number)
            continue
        if isinstance(pair, dict) and len(pair) == 1:
            ((key, value),) = pair.items()
            data[str(key)] = value
            key_lines[str(key)] = number
    return data, key_lines, unreadable


def parse_post_date(value: Any) -> dt.datetime:
    """Read a post date the ways the lab and Jekyll write it.

    Accepts ``YYYY/MM/DD``, unpadded ``YYYY/M/D``, ISO ``YYYY-MM-DD`` (each with an
    optional time and UTC offset, as Jekyll writes ``2025-07-27 10:00:00 +0800``),
    YAML dates and datetimes, and other unambiguous spellings dateutil reads. An
    aware time is converted to UTC and made naive, because ablog compares post
    dates with naive datetimes.

    :raises ValueError: with a message naming the value, for an impossible or
        unreadable date.
    """
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        moment = _parse_date_text(value.strip())
    else:
        raise ValueError(f"{echo(value)} is a {type(value).__name__}, not a date")
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        except OverflowError:
            # year 1 at +05:00 (or 9999 at -05:00) has no UTC time a datetime can hold
            raise ValueError(f"{echo(value)} is out of the range of dates") from None
    return moment


def _parse_date_text(text: str) -> dt.datetime:
    match = _LAB_DATE.match(text)
    if match:
        year, month, day, rest = match.groups()
        try:
            day_start = dt.datetime(int(year), int(month), int(day))
        except ValueError as error:
            raise ValueError(f"{echo(text)} is not a date that exists ({error})") from None
        if not rest:
            return day_start
        try:
            clock = dateutil_parser.parse(rest, default=day_start)
        except (ValueError, OverflowError):
            raise ValueError(f"{echo(text)} has a time that cannot be read") from None
        if clock.date() != day_start.date():  # "2025-07-27 2026" or "... Tuesday"
            raise ValueError(f"{echo(text)} has a time that cannot be read")
        return clock
    # dateutil fills what the text leaves out from its default, which is today unless
    # given: parsed with two defaults that differ in year, month and day, a complete
    # date gives the same answer twice
    readings: list[dt.datetime | None] = []
    for default in _DEFAULTS:
        try:
            readings.append(dateutil_parser.parse(text, default=default))
        except (ValueError, OverflowError):
            readings.append(None)
    first, second = readings
    if first is None and second is None:
        raise ValueError(f"{echo(text)} is not a date (write YYYY/MM/DD)")
    if first is None or second is None or first != second:
        raise ValueError(f"{echo(text)} does not give a year, a month and a day (write YYYY/MM/DD)")
    return first


#: Two defaults for dateutil that share no year, month, day or weekday. 2000 is a leap
#: year and 2001 is not, so ``Feb 29`` without a year fails with one of them.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def date_from_filename(filename: str) -> dt.datetime | None:
    """The date of a Jekyll-style ``YYYY-MM-DD-slug.md`` name, if it has a real one."""
    match = _FILENAME_DATE.match(filename.rsplit("/", 1)[-1])
    if not match:
        return None
    try:
        year, month, day = (int(part) for part in match.groups())
        return dt.datetime(year, month, day)
    except ValueError:
        return None


def title_from_filename(filename: str) -> str:
    """A readable title from a post's file name, for posts that lack one."""
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = _FILENAME_DATE.sub("", stem + "-")[:-1] if _FILENAME_DATE.match(stem + "-") else stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled post"


def parse_published(value: Any) -> tuple[bool, bool]:
    """Return ``(published, understood)`` for a ``published`` value.

    YAML's own booleans are taken as they are; a quoted ``"false"`` and its kin
    still mean "do not publish". Anything else is not understood and fails safe:
    the post is treated as unpublished, so nothing leaks while the warning is read.
    """
    if isinstance(value, bool):
        return value, True
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _FALSE_STRINGS:
            return False, True
        if word in _TRUE_STRINGS:
            return True, True
    return False, False


def parse_about(value: Any) -> tuple[tuple[str, ...] | None, bool]:
    """Return ``(about, understood)`` for an ``about`` value.

    ``true`` (or no key) means the site's default About blocks (``None``); ``false``
    means none (``()``); a key or a list of keys means exactly those. Anything else is
    not understood and falls back to the defaults.
    """
    if value is None or value is True:
        return None, True
    if value is False:
        return (), True
    keys, ok = _string_list(value, split_commas=True)
    if not ok or not isinstance(value, str | list | tuple):
        return None, False
    return tuple(keys), True


def _is_plain_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _string_list(value: Any, *, split_commas: bool) -> tuple[list[str], bool]:
    """Normalise a YAML list or a (comma-separated) string into clean strings."""
    if value is None:
        return [], True
    if isinstance(value, str):
        items = value.split(",") if split_commas else [value]
        ok = True
    elif isinstance(value, list | tuple):
        items = [item for item in value if _is_plain_scalar(item)]
        ok = len(items) == len(value)
    elif _is_plain_scalar(value):
        items, ok = [value], True
    else:
        return [], False
    cleaned: list[str] = []
    for item in items:
        text = one_line(str(item))
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned, ok


def one_line(text: str) -> str:
    """``text`` on one line: whitespace runs collapsed, control characters dropped.

    A title or tag reaches HTML, feeds (XML, where a control character is a fatal
    error) and the search index; none of them can show these characters.
    """
    return " ".join(_CONTROL.sub("", text).split())


#: Longest archive page name, in bytes: file systems allow 255 for ``<slug>.html``.
_SLUG_LIMIT = 200


def slug_problem(name: str) -> str | None:
    """Why ablog's ``slugify`` cannot name an archive page for ``name``, if it cannot.

    ``!!!`` or a lone combining accent slugify to ``""``, and the archive page of
    such a tag would be the folder ``news/tag/`` itself, shared by all of them; a
    name of thousands of characters makes a file name the system refuses.
    """
    slug = re.sub(r"[^\w\s-]", "", unicodedata.normalize("NFKD", name)).strip().lower()
    slug = re.sub(r"[-\s]+", "-", slug)
    if not slug:
        return "has no letter or digit to name its archive page"
    if len(slug.encode("utf-8")) > _SLUG_LIMIT:
        return f"is too long to name its archive page (over {_SLUG_LIMIT} bytes)"
    return None


def _text(value: Any) -> tuple[str | None, bool]:
    """A single line of text from a scalar; containers are refused."""
    if value is None:
        return None, True
    if isinstance(value, str):
        return one_line(value) or None, True
    if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        return str(value), False
    return None, False


def _wrong_type(front_matter: FrontMatter, key: str, expected: str) -> Problem:
    return Problem(
        "field_type",
        f"front-matter field {key!r} should be {expected}, got {echo(front_matter.data[key])}",
        front_matter.line_of(key),
    )


def _map_title(front_matter: FrontMatter, filename: str, problems: list[Problem]) -> str:
    """``title``, else the file name's words (said so)."""
    title, ok = _text(front_matter.data.get("title"))
    if not ok:
        problems.append(_wrong_type(front_matter, "title", "text"))
    if title is None:
        title = title_from_filename(filename)
        problems.append(
            Problem(
                "title",
                f"post has no title; using {echo(title)} from its file name",
                front_matter.line_of("title"),
            )
        )
    return title


def _map_date(
    front_matter: FrontMatter, filename: str, problems: list[Problem]
) -> dt.datetime | None:
    """``date`` (or ``last_updated``), else the file name's date, else none: a draft."""
    data = front_matter.data
    date: dt.datetime | None = None
    date_error: str | None = None
    date_key = "date" if data.get("date") is not None else "last_updated"
    if data.get(date_key) is not None:
        try:
            date = parse_post_date(data[date_key])
        except ValueError as error:
            date_error = f"{date_key}: {error}"
    if date is not None:
        return date
    date = date_from_filename(filename)
    fallback = (
        f"using {date:%Y-%m-%d} from the file name"
        if date is not None
        else "the post is listed as a draft"
    )
    if date_error is not None:
        problems.append(
            Problem("date", f"{date_error}; {fallback}", front_matter.line_of(date_key))
        )
    elif date is None:
        problems.append(
            Problem(
                "date",
                "post has no date (last_updated or date) and its file name has none; " + fallback,
                front_matter.start_line,
            )
        )
    return date


def _map_names(
    front_matter: FrontMatter,
    key: str,
    word: str,
    *,
    split_commas: bool,
    expected: str,
    problems: list[Problem],
) -> list[str]:
    """``author``, ``group`` or ``tags``: names that can be archive pages, each bad one left out."""
    names, ok = _string_list(front_matter.data.get(key), split_commas=split_commas)
    if not ok:
        problems.append(_wrong_type(front_matter, key, expected))
    for name, why in [(name, slug_problem(name)) for name in names]:
        if why is None:
            continue
        names.remove(name)
        problems.append(
            Problem(
                "field_type",
                f"{word} {echo(name)} {why}; it is left out",
                front_matter.line_of(key),
            )
        )
    return names


def _map_published(front_matter: FrontMatter, problems: list[Problem]) -> bool:
    """``published``; a value that is not understood keeps the post unpublished."""
    if "published" not in front_matter.data:
        return True
    published, understood = parse_published(front_matter.data["published"])
    if not understood:
        problems.append(
            Problem(
                "published",
                f"published should be true or false, got {echo(front_matter.data['published'])}; "
                "the post is not published until this is fixed",
                front_matter.line_of("published"),
            )
        )
    return published


def _map_label(
    front_matter: FrontMatter, title: str, tags: list[str], title_labels: TitleLabels
) -> tuple[str | None, str]:
    """A leading ``[label]`` of the title: ``(label, title without it)``; the label's
    tags are added to ``tags`` (see :mod:`.title_labels`)."""
    if title_labels is False or "title" not in front_matter.data:
        return None, title
    label, short_title = split_title_label(title)
    if label is None or slug_problem(label) is not None:
        return None, title
    known = {tag.casefold() for tag in tags}
    for tag in label_tags(label, title_labels):
        if tag.casefold() not in known and slug_problem(tag) is None:
            tags.append(tag)
            known.add(tag.casefold())
    return label, short_title


def map_front_matter(
    front_matter: FrontMatter | None,
    *,
    filename: str,
    title_labels: TitleLabels = True,
) -> tuple[PostMetadata, list[Problem]]:
    """Map the lab's front matter onto post metadata.

    ``filename`` (the post's file or document name) supplies a fallback title and
    date, so a post with a missing or broken field is still built, and said so,
    rather than dropped. ``title_labels`` is ``labnews_title_labels``: whether a
    leading ``[label]`` of the title becomes a tag (see :mod:`.title_labels`). Each
    field has its helper; problems come in field order.
    """
    problems: list[Problem] = []
    if front_matter is None:
        problems.append(
            Problem("frontmatter", "post has no front matter (a '---' block on line 1)", 1)
        )
        front_matter = FrontMatter({}, {})
    data = front_matter.data

    title = _map_title(front_matter, filename, problems)
    date = _map_date(front_matter, filename, problems)
    names = "a name or a list of names"
    authors = _map_names(
        front_matter, "author", "author", split_commas=False, expected=names, problems=problems
    )
    categories = _map_names(
        front_matter, "group", "group", split_commas=False, expected=names, problems=problems
    )
    tags = _map_names(
        front_matter,
        "tags",
        "tag",
        split_commas=True,
        expected="a list or a comma-separated string",
        problems=problems,
    )
    label, title = _map_label(front_matter, title, tags, title_labels)
    if len(tags) > MAX_TAGS:
        problems.append(
            Problem(
                "limit",
                f"post has {len(tags)} tags; only the first {MAX_TAGS} are kept "
                f"(the rest, from {echo(tags[MAX_TAGS])}, are left out)",
                front_matter.line_of("tags"),
            )
        )
        del tags[MAX_TAGS:]
    cover, ok = _text(data.get("cover"))
    if not ok:
        problems.append(_wrong_type(front_matter, "cover", "an image path"))
        cover = None
    description, ok = _text(data.get("oneline_description"))
    if not ok:
        problems.append(_wrong_type(front_matter, "oneline_description", "text"))
    published = _map_published(front_matter, problems)
    about, ok = parse_about(data.get("about"))
    if not ok:
        problems.append(
            _wrong_type(front_matter, "about", "true, false or a list of About block keys")
        )

    extra = {key: value for key, value in data.items() if key not in KNOWN_KEYS}
    metadata = PostMetadata(
        title=title,
        label=label,
        date=date,
        authors=tuple(authors),
        categories=tuple(categories),
        tags=tuple(tags),
        cover=cover,
        description=description,
        published=published,
        about=about,
        extra=extra,
    )
    return metadata, problems


def read_post(
    text: str, *, filename: str, title_labels: TitleLabels = True
) -> tuple[PostMetadata, FrontMatter | None, list[Problem]]:
    """Parse and map a whole post: the one call the extension and the CLI share."""
    front_matter, problems = parse_front_matter(text)
    metadata, mapping_problems = map_front_matter(
        front_matter, filename=filename, title_labels=title_labels
    )
    return metadata, front_matter, problems + mapping_problems


def is_published(text: str, *, filename: str) -> bool:
    """Whether a post is published, from its front matter alone."""
    return read_post(text, filename=filename)[0].published
