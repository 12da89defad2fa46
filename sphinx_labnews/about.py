"""About blocks: the lab's boilerplate sections, written once and placed in every post.

The seeds pasted "About Smart Lab" and "About HKUST" into every post, so fixing a typo
meant editing every post. Here each block is a MyST file registered by key in
``labnews_about_blocks``; posts use it with ```` ```{about} smart-lab ``` ```` and
``labnews_default_about`` appends a list of blocks to every post unless its front matter
says otherwise (``about: false``, or ``about: [key, …]`` to choose).

A block file starts with its heading (``# About Smart Lab``), then its body::

    # About Smart Lab

    Smart Lab, led by Prof. Hao Chen, …

In a post, every About block becomes its own section directly under the post title, at
the end of the post, in the order used, then the defaults the post did not use. Coming
last keeps them out of anything ablog takes from the top of a post (its excerpt and the
feed summary). A block appears at most once per post: a default already used explicitly
is not added again, and a second explicit use is dropped with a warning.

The file is a dependency of every post that shows it, so editing it rebuilds those posts.

The file format itself (heading, body, which keys a post wants) is read by
:mod:`sphinx_labnews.about_source`, which imports no Sphinx, so the build and
``labnews import-jekyll`` read a block file by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from . import event_order
from .about_source import AboutSource, split_about_source
from .warnings_ import LabnewsWarnings, warn

#: The doctree attribute that marks a section as an About block, holding its key.
ABOUT_KEY = "labnews_about"

#: The document attribute set on a post parsed with its own MyST options.
OWN_MYST_CONFIG = "labnews_own_myst_config"


def about_sections(node: nodes.Element) -> list[nodes.section]:
    """The About sections under ``node``, in document order."""
    return [
        section
        for section in node.findall(nodes.section)
        if section.get(ABOUT_KEY) and section is not node
    ]


def shows_about_heading(
    post: nodes.Element, key: str, blocks: Mapping[str, str], srcdir: str | Path
) -> bool:
    """Whether the post shows block ``key``'s heading as a section of its own text.

    An imported post may keep its own "About Smart Lab" section (it differed from the
    block, so the importer left it as written); appending the default block as well
    would show the heading twice. Headings compare whitespace and case aside.
    """
    relative = blocks.get(key)
    if not relative:
        return False
    try:
        text = Path(srcdir, relative).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # the directive reports the unreadable file
    title = split_about_source(text, fallback_title=key)[0].title
    title = " ".join(re.sub(r"[*_`]", "", title).split()).casefold()  # as rendered
    for section in post.findall(nodes.section):
        if section is post or section.get(ABOUT_KEY) or not section.children:
            continue
        heading = section[0]
        if (
            isinstance(heading, nodes.title)
            and " ".join(heading.astext().split()).casefold() == title
        ):
            return True
    return False


class AboutDirective(SphinxDirective):
    """```` ```{about} smart-lab ``` ````: the registered block as its own section."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        key = self.arguments[0].strip()
        location = (self.env.docname, self.lineno)
        blocks: dict[str, str] = self.config.labnews_about_blocks
        if key not in blocks:
            known = ", ".join(repr(k) for k in sorted(blocks)) or "none are configured"
            warn(
                f"unknown About block {key!r} (known: {known}; see labnews_about_blocks)",
                LabnewsWarnings.ABOUT,
                location=location,
            )
            return []
        if any(s[ABOUT_KEY] == key for s in about_sections(self.state.document)):
            warn(
                f"About block {key!r} is already in this post; shown once",
                LabnewsWarnings.ABOUT,
                location=location,
            )
            return []
        relative = blocks[key]
        path = Path(self.env.srcdir, relative)
        # before reading, so a file created or fixed later rebuilds this post
        self.env.note_dependency(str(path))
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            warn(
                f"About block {key!r}: cannot read {relative!r} "
                f"(labnews_about_blocks[{key!r}]): {error}",
                LabnewsWarnings.ABOUT,
                location=location,
            )
            return []
        source, problem = split_about_source(text, fallback_title=key)
        if problem:
            message = f"About block file {relative!r} {problem}"
            warn(message, LabnewsWarnings.ABOUT, location=location)
        return [self._section(key, source)]

    def _section(self, key: str, source: AboutSource) -> nodes.section:
        section = nodes.section(classes=["labnews-about", "sd-card", "sd-shadow-sm"])
        section[ABOUT_KEY] = key
        self.set_source_info(section)
        # a post with its own MyST options (``myst:`` in its front matter) parses differently
        reuse = not self.state.document.get(OWN_MYST_CONFIG)
        cached = _PARSED_BLOCKS.get(source) if reuse else None
        messages: list[nodes.system_message] = []
        if cached is not None:
            parsed_at, *parsed = cached
            title, body = (node.deepcopy() for node in parsed)
            # where the post would have put them: its file, lines from this directive
            for node in (*title.findall(nodes.Element), *body.findall(nodes.Element)):
                if node.source is not None:
                    node.source = section.source
                if node.line is not None:
                    node.line += self.lineno - parsed_at
        else:
            title_nodes, messages = self.state.inline_text(source.title, self.lineno)
            title = nodes.title(source.title, "", *title_nodes)
            # parsed into a container, not the section: a heading inside a block becomes
            # a rubric instead of a section escaping into the post's section tree
            body = nodes.container(classes=["labnews-about-body", "sd-card-body"])
            self.state.nested_parse(StringList(source.body.splitlines()), 0, body)
            if reuse and not messages and _reusable(title, body):
                _PARSED_BLOCKS[source] = (self.lineno, title.deepcopy(), body.deepcopy())
        self.set_source_info(title)
        section += title
        section += messages
        section["names"].append(nodes.fully_normalize_name(title.astext()))
        self.state.document.note_implicit_target(section, section)
        section += body
        return section


#: Blocks parsed in this process, by their text. Every post shows the same blocks, and
#: parsing them again for each post was 40% of parsing a seed-style post (1.3 s of a
#: 1000-post build); a copy, moved to the post's file and lines, is what the post would
#: have parsed. A block holding anything tied to its post is parsed in each post, and a
#: warning MyST logs while parsing a block is given once, at the first post showing it.
_PARSED_BLOCKS: dict[AboutSource, tuple[int, nodes.title, nodes.container]] = {}

#: Nodes whose meaning depends on the document they were parsed in: labels and
#: footnotes register with it, cross-references remember it, messages report in it.
_DOCUMENT_BOUND = (
    nodes.target,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.citation,
    nodes.citation_reference,
    nodes.substitution_reference,
    nodes.system_message,
    nodes.pending,
    addnodes.pending_xref,
    addnodes.download_reference,
)


def _reusable(title: nodes.title, body: nodes.container) -> bool:
    """Whether a parsed block is the same in any post: nothing in it is tied to its post."""
    for tree in (title, body):
        for node in tree.findall(nodes.Element):
            if isinstance(node, _DOCUMENT_BOUND) or (node is not tree and node["ids"]):
                return False
            if "refid" in node or "refname" in node:
                return False
    return True


def forget_parsed_blocks(app: Sphinx) -> None:
    """``builder-inited``: a new build parses its blocks afresh."""
    _PARSED_BLOCKS.clear()


def check_about_config(app: Sphinx, config: Config) -> None:
    """Report unknown default keys and unreadable block files once, naming the option."""
    blocks: dict[str, str] = config.labnews_about_blocks
    for key in config.labnews_default_about:
        if key not in blocks:
            warn(
                f"labnews_default_about names {key!r}, which labnews_about_blocks does not "
                "define; it is skipped",
                LabnewsWarnings.CONFIG,
            )
    for key, relative in blocks.items():
        if not Path(app.srcdir, relative).is_file():
            warn(
                f"labnews_about_blocks[{key!r}]: file {relative!r} not found in the "
                "documentation source",
                LabnewsWarnings.ABOUT,
            )


def exclude_about_sources(app: Sphinx, config: Config) -> None:
    """Block files are parts of posts, not pages: keep Sphinx from building them alone."""
    extra = [p for p in config.labnews_about_blocks.values() if p not in config.exclude_patterns]
    config.exclude_patterns = [*config.exclude_patterns, *extra]


def setup_about(app: Sphinx) -> None:
    # after check_config (400), so the values are known to be well-typed
    app.connect("config-inited", check_about_config, priority=event_order.ABOUT_BLOCKS)
    app.connect("config-inited", exclude_about_sources, priority=event_order.ABOUT_BLOCKS)
    app.add_directive("about", AboutDirective)
    app.connect("builder-inited", forget_parsed_blocks)
