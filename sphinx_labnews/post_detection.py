"""Which documents are news posts, decided in one pure function.

A document becomes a news post in one of two ways:

* ``labnews_post_pattern`` (``news/*`` …) when the site uses it: always with
  ``labnews_site_defaults = True``, otherwise only when ``conf.py`` or ``-D`` sets
  the pattern;
* without a pattern, by its own front matter: one of the lab's keys
  (:data:`LAB_KEYS`), the fields the lab's Jekyll posts always carry and ablog's
  posts never use.

ablog's posts are never taken over: a document with ablog's ``blogpost`` front
matter marker, or listed by ``blog_post_pattern`` (ablog's ``matched_blog_posts``),
stays ablog's, so an existing ablog site keeps its posts, their titles and their
feeds when the extension is added. A document both would claim stays ablog's and
the parser warns once (``labnews.post_claim``), naming both reasons.

Nothing here knows Sphinx beyond a ``Config``-like object in
:func:`news_post_patterns`; :func:`decide` is plain code over strings and a mapping.
"""

from __future__ import annotations

import dataclasses as dc
import enum
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.util.matching import Matcher

from .compat.sphinx import provided_by_user

#: Front-matter keys that only the lab's posts carry (ablog posts use ``date``, ``tags``…).
LAB_KEYS = frozenset({"last_updated", "oneline_description", "group", "cover"})

#: ablog's marker: a document whose front matter has this key is an ablog post.
ABLOG_MARKER = "blogpost"


class Owner(enum.Enum):
    """Who turns a document into a post."""

    NEWS = "news"  #: this extension's parser (lab front matter)
    ABLOG = "ablog"  #: ablog (``blogpost`` marker, ``blog_post_pattern`` or ``post`` directive)
    NONE = "none"  #: an ordinary page


@dc.dataclass(frozen=True)
class Decision:
    """Who owns a document, and why both would have claimed it (``None`` if they would not)."""

    owner: Owner
    conflict: str | None = None


def matches(docname: str, patterns: Sequence[str]) -> bool:
    """Whether ``docname`` matches one of the glob ``patterns`` (``index`` never does)."""
    if PurePosixPath(docname).name == "index":
        return False
    return _matcher(tuple(patterns))(docname)


@functools.lru_cache(maxsize=8)
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(list(patterns))


def decide(
    docname: str,
    *,
    front_matter: Mapping[str, Any] | None,
    patterns: Sequence[str] | None,
    ablog_pattern_match: bool = False,
) -> Decision:
    """Who owns ``docname``.

    ``front_matter`` is the document's front matter (``None`` when it has none or
    it was not read); ``patterns`` the news post patterns in force, or ``None`` when
    the site decides by front matter; ``ablog_pattern_match`` whether ablog's
    ``blog_post_pattern`` lists the document.
    """
    if PurePosixPath(docname).name == "index":
        return Decision(Owner.NONE)
    data = front_matter or {}
    if patterns is not None:
        ours = "it matches labnews_post_pattern" if matches(docname, patterns) else None
    else:
        keys = sorted(LAB_KEYS.intersection(data))
        ours = f"it has the lab's front matter ({', '.join(keys)})" if keys else None
    if ABLOG_MARKER in data:
        theirs: str | None = f"its front matter has ablog's {ABLOG_MARKER!r} marker"
    elif ablog_pattern_match:
        theirs = "blog_post_pattern lists it"
    else:
        theirs = None
    if theirs is not None:
        conflict = (
            f"both ablog ({theirs}) and sphinx-labnews ({ours}) would make it a post; "
            "it stays an ablog post"
            if ours
            else None
        )
        return Decision(Owner.ABLOG, conflict)
    return Decision(Owner.NEWS if ours else Owner.NONE)


def news_post_patterns(config: Any) -> list[str] | None:
    """The post patterns in force, or ``None`` when posts are found by their front matter.

    The pattern applies with the news-site defaults, or when the site sets it.
    """
    if config.labnews_site_defaults or provided_by_user(config, "labnews_post_pattern"):
        return list(config.labnews_post_pattern)
    return None


def decide_for(docname: str, front_matter: Mapping[str, Any] | None, config: Any) -> Decision:
    """:func:`decide` with the site's configuration."""
    return decide(
        docname,
        front_matter=front_matter,
        patterns=news_post_patterns(config),
        ablog_pattern_match=docname in (getattr(config, "matched_blog_posts", None) or ()),
    )


def front_matter_for_decision(
    text: str, patterns: Sequence[str] | None
) -> Mapping[str, Any] | None:
    """The front matter :func:`decide` needs, parsed only when it can change the answer.

    With a pattern in force only ablog's marker matters, so the YAML is parsed only
    when the block mentions it: finding posts stays cheap on a 1000-post site.
    """
    from .frontmatter import parse_front_matter, split_front_matter

    block, _end = split_front_matter(text)
    if block is None:
        return None
    if patterns is not None and ABLOG_MARKER not in block:
        return {}
    if patterns is None and not any(key in block for key in LAB_KEYS | {ABLOG_MARKER}):
        return {}
    front_matter, _problems = parse_front_matter(text)
    return front_matter.data if front_matter is not None else None


def parser_claims(env: Any, text: str) -> bool:
    """Whether the news parser reads the document being parsed; warns once on a double claim.

    The one call :class:`~sphinx_labnews.post_parser.NewsPostParser` makes.
    """
    from .warnings_ import LabnewsWarnings, warn

    patterns = news_post_patterns(env.config)
    decision = decide_for(env.docname, front_matter_for_decision(text, patterns), env.config)
    if decision.conflict:
        warn(decision.conflict, LabnewsWarnings.POST_CLAIM, location=(env.docname, 1))
    return decision.owner is Owner.NEWS


def excluded(relative: str, exclude_patterns: Sequence[str]) -> bool:
    """Whether ``exclude_patterns`` excludes the file or one of its folders (``_build``)."""
    matcher = _matcher(tuple(exclude_patterns))
    parts = relative.split("/")
    return any(matcher("/".join(parts[:end])) for end in range(1, len(parts) + 1))


def candidate_globs(config: Any) -> list[str]:
    """Globs (without suffix) of the files that may be news posts: every file without a pattern."""
    patterns = news_post_patterns(config)
    return patterns if patterns is not None else ["**/*"]


def may_be_news_post(srcdir: Path, docname: str, path: Path, config: Any) -> bool:
    """Whether the file ``path`` of ``docname`` can be a news post, without reading it.

    Files in folders ``exclude_patterns`` names (``_build``) are not looked at: Sphinx
    never reads them either. The file's own entry is not consulted, since unpublished
    posts are still posts. With a pattern in force, a file it does not match is not one.
    """
    folder = path.relative_to(srcdir).parent.as_posix()
    if folder != "." and excluded(folder, config.exclude_patterns):
        return False
    patterns = news_post_patterns(config)
    return patterns is None or matches(docname, patterns)


#: The front-matter keys :func:`decide` looks at.
DECISION_KEYS = LAB_KEYS | {ABLOG_MARKER}


def decision_keys(front_matter: Mapping[str, Any] | None) -> list[str]:
    """The keys of ``front_matter`` that :func:`decide` looks at, sorted.

    All a file's content contributes to the decision, so it can be kept between builds
    (:class:`~sphinx_labnews.publishing.VerdictCache`) while the file is unchanged,
    whatever the configuration (the pattern, ``blog_post_pattern``) does meanwhile.
    """
    return sorted(DECISION_KEYS.intersection(front_matter or {}))


def claimed_as_news_post(docname: str, keys: Sequence[str], config: Any) -> bool:
    """Whether ``docname``, whose front matter has the :func:`decision_keys` ``keys``, is ours."""
    front_matter = dict.fromkeys(keys, True)
    return decide_for(docname, front_matter, config).owner is Owner.NEWS


def is_news_post_file(srcdir: Path, docname: str, path: Path, config: Any) -> bool:
    """Whether the source file ``path`` of ``docname`` is a news post (for excluding drafts).

    Reads the file; the build keeps what it read between builds instead
    (:class:`~sphinx_labnews.publishing.VerdictCache`).
    """
    if not may_be_news_post(srcdir, docname, path, config):
        return False
    patterns = news_post_patterns(config)
    try:
        text = path.read_bytes().decode(config.source_encoding, errors="replace")
    except (OSError, LookupError):
        return patterns is not None  # unreadable: the pattern decides, publishing reports it
    return claimed_as_news_post(
        docname, decision_keys(front_matter_for_decision(text, None)), config
    )
