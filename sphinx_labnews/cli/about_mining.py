"""Finding a Jekyll site's boilerplate sections, to offer them as About blocks.

Labs paste the same "About our lab" section into every post, and edit it over
the years: the lab is renamed, a sentence is added. ``import-jekyll
--about-from-site`` finds these sections (the same or a similar heading, and
text that is the same paragraph give or take a few words, judged with
:mod:`difflib`), keeps one version of each (the most recent post's, the longest
if several share that date) as ``_about/<key>.md``, and replaces every copy by
the ``about`` directive, so the migrated site has one copy of each block.

Pure functions over post bodies: no files, so every rule is tested on strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..jekyll import AboutBlock, code_spans, normalise_space, slugify

_HEADING_LINE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
#: How alike two versions of a block's text must be (difflib ratio over words), or
#: how much of the shorter one must appear in the longer (a longer version).
TEXT_SIMILARITY = 0.6
CONTAINMENT = 0.8
HEADING_SIMILARITY = 0.6


@dataclass(frozen=True)
class Section:
    """A heading and its text in one post's body (``start``/``end`` are offsets)."""

    post: int
    heading: str
    text: str
    start: int
    end: int


@dataclass
class FoundBlock:
    """A boilerplate section found in several posts, and every copy of it."""

    key: str
    heading: str
    text: str
    copies: list[Section] = field(default_factory=list)
    #: True when it is a block the site already registers (nothing to write).
    registered: bool = False

    @property
    def posts(self) -> int:
        return len({section.post for section in self.copies})


def sections_of(body: str, post: int = 0) -> list[Section]:
    """The body's sections: a Markdown heading and the text up to the next heading.

    Headings inside fenced code are not headings. Blank lines and a horizontal
    rule at the end of a section are not part of it (they separate sections).
    """
    spans = code_spans(body)
    heads: list[tuple[int, int, str]] = []
    offset = 0
    for line in body.splitlines(keepends=True):
        match = _HEADING_LINE.match(line.rstrip("\n"))
        if match and not any(start <= offset < end for start, end in spans):
            heads.append((offset, offset + len(line), match.group(2).strip()))
        offset += len(line)
    sections: list[Section] = []
    for index, (start, text_start, heading) in enumerate(heads):
        end = heads[index + 1][0] if index + 1 < len(heads) else len(body)
        lines = body[text_start:end].split("\n")
        while lines and (not lines[-1].strip() or _RULE.match(lines[-1])):
            lines.pop()
        text = "\n".join(lines).strip("\n")
        if text.strip():
            sections.append(Section(post, heading, text, start, text_start + len("\n".join(lines))))
    return sections


def _words(text: str) -> list[str]:
    """The words of a text, without Markdown marks and punctuation ("cities." is "cities")."""
    return re.findall(r"[^\W_]+", text.casefold())


def similar_text(a: str, b: str) -> bool:
    """The same paragraph give or take a few words, or one a longer version of the other."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return False
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    if matcher.real_quick_ratio() < TEXT_SIMILARITY and min(len(words_a), len(words_b)) < 3:
        return False
    if matcher.ratio() >= TEXT_SIMILARITY:
        return True
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(len(words_a), len(words_b)) >= CONTAINMENT


def similar_heading(a: str, b: str) -> bool:
    """The same heading, both "About …" (a renamed lab), or nearly the same words."""
    a, b = normalise_space(a).casefold(), normalise_space(b).casefold()
    if a == b or (a.startswith("about") and b.startswith("about")):
        return True
    return SequenceMatcher(None, a, b).ratio() >= HEADING_SIMILARITY


def _block_key(heading: str, taken: set[str]) -> str:
    base = slugify(re.sub(r"^about\s+(?:the\s+)?", "", heading, flags=re.IGNORECASE)) or "about"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


def find_boilerplate(
    bodies: Sequence[str],
    dates: Sequence[dt.datetime | None],
    *,
    registered: Iterable[AboutBlock] = (),
    min_posts: int | None = None,
) -> list[FoundBlock]:
    """The sections repeated (with small variations) in at least ``min_posts`` posts.

    ``min_posts`` defaults to 3, or 2 for a site of fewer than 6 posts. A group
    that matches a block the site registers already is returned with that block
    (``registered``), so its copies are replaced by it and nothing new is written.
    """
    if min_posts is None:
        min_posts = 2 if len(bodies) < 6 else 3
    groups: list[list[Section]] = []
    for post, body in enumerate(bodies):
        for section in sections_of(body, post):
            for group in groups:
                # the first and the latest copy: a block that drifts over the years
                # stays one group
                if any(
                    similar_heading(member.heading, section.heading)
                    and similar_text(member.text, section.text)
                    for member in (group[0], group[-1])
                ):
                    group.append(section)
                    break
            else:
                groups.append([section])
    known = list(registered)
    taken = {block.key for block in known}
    found: list[FoundBlock] = []
    for group in groups:
        if len({section.post for section in group}) < min_posts:
            continue
        existing = next(
            (
                block
                for block in known
                if similar_heading(block.heading, group[0].heading)
                and similar_text(block.text, group[0].text)
            ),
            None,
        )
        if existing is not None:
            found.append(FoundBlock(existing.key, existing.heading, existing.text, group, True))
            continue
        best = max(group, key=lambda c: (dates[c.post] or dt.datetime.min, len(c.text)))
        key = _block_key(best.heading, taken)
        found.append(FoundBlock(key, best.heading, best.text, group))
    return found


def replace_copies(body: str, post: int, blocks: Iterable[FoundBlock]) -> str:
    """``body`` with each copy of a found block replaced by the ``about`` directive."""
    cuts = sorted(
        (section.start, section.end, block.key)
        for block in blocks
        for section in block.copies
        if section.post == post
    )
    pieces: list[str] = []
    position = 0
    for start, end, key in cuts:
        pieces.append(body[position:start])
        pieces.append(f"```{{about}} {key}\n```")
        position = end
    pieces.append(body[position:])
    return "".join(pieces)
