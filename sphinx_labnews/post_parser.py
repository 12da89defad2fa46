"""MyST, plus the lab's front matter, for the documents that are news posts.

The lab's posts have no H1 (the title lives in the front matter) and start their
body headings at ``###``. Plain MyST would take the first ``###`` as the page
title and warn about the jump; ``myst_title_to_header`` would parse the title as
Markdown, so a title with HTML in it would reach the page unescaped. This parser
builds the post's section itself: the title as plain text, ablog's post node with
the mapped metadata, the description meta tag and the cover image, and then
renders the body inside it with its headings shifted so the body's top level sits
directly under the title.

Other Markdown documents are parsed by MyST unchanged.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from ablog.post import PostNode
from docutils import nodes
from markdown_it.token import Token
from myst_parser.config.main import merge_file_level
from myst_parser.mdit_to_docutils.base import html_meta_to_nodes, token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .about import OWN_MYST_CONFIG, about_sections, shows_about_heading
from .about_source import wanted_keys
from .byline import post_byline
from .frontmatter import FrontMatter, PostMetadata, echo, read_post
from .post_detection import parser_claims
from .post_html import html_image_removals, warn_removed_html
from .post_security import (
    NEWS_POST_FLAG,
    Refused,
    check_include,
    post_parser_config,
    restrict_file_level,
    safe_og_key,
)
from .raw_html import RAW_IMAGE_ADVICE, raw_images_in_tokens
from .site_paths import UnsafePathError, is_external, resolve_site_path
from .warnings_ import LabnewsWarnings, warn

#: MyST keeps these keys for itself; they are configuration, not page metadata.
_MYST_KEYS = frozenset({"myst", "mystnb", "substitutions", "html_meta"})

#: How deeply directives may nest in a post. Each level costs about eight Python
#: frames in MyST's renderer; 130 levels exhausted the interpreter's stack.
MAX_DIRECTIVE_DEPTH = 40
#: How deeply inline markup (emphasis, links) may nest in one paragraph before it is
#: shown as plain text: markdown-it and MyST build and walk the nesting recursively.
MAX_INLINE_DEPTH = 50
#: How many cells of a Markdown table a post shows; the rows past it are left out.
#: Sphinx's and docutils' passes over the doctree (and Python's garbage collector
#: over its nodes) make the build time grow faster than the table: 4,000 rows took
#: 27 s, 8,000 rows 90 s, and the 800 KB table of issue 12 took minutes.
MAX_TABLE_CELLS = 5000


def _is_folder(path: str) -> bool:
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


#: sphinx-design's badge classes (what ``{bdg-primary}`` writes), for a title's label.
BADGE_CLASSES = ["sd-badge", "sd-bg-primary", "sd-bg-text-primary", "labnews-label"]


def label_badge(label: str) -> nodes.container:
    """A title's label as a sphinx-design badge, shown under the post title.

    A container, not a paragraph: ablog takes a post's first paragraph as its
    excerpt, and the label is not the post's summary.
    """
    return nodes.container(
        "", nodes.inline(label, label, classes=BADGE_CLASSES), classes=["labnews-post-label"]
    )


class NewsPostParser(MystParser):
    """MyST's Sphinx parser, reading news posts with :class:`NewsPostRenderer`."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if not parser_claims(env, inputstring):  # sphinx_labnews.post_detection
            super().parse(inputstring, document)
            return
        # for the rest of this document's reading: post_security holds it to the post contract
        env.temp_data[NEWS_POST_FLAG] = True
        metadata, front_matter, problems = read_post(
            inputstring,
            filename=env.doc2path(env.docname).name,
            title_labels=env.config.labnews_title_labels,
        )
        for problem in problems:
            warn(
                problem.message,
                LabnewsWarnings(problem.subtype),
                location=(env.docname, problem.line),
            )
        trusted = env.config.labnews_trusted_posts
        _warn_size(inputstring, env.docname, env.config.labnews_max_post_bytes)
        # from here on as MystParser.parse, with our renderer; the front matter is
        # already parsed, so it is not read a second time for MyST's file-level keys
        config = env.myst_config
        topmatter = front_matter.data if front_matter is not None else {}
        if not trusted:
            topmatter = _restrict_topmatter(topmatter, front_matter, env.docname)
            config = post_parser_config(config)
        if _MYST_KEYS.intersection(topmatter):
            config = merge_file_level(
                config,
                topmatter,
                lambda wtype, msg: create_warning(document, msg, wtype, line=1, append_to=document),
            )
            document[OWN_MYST_CONFIG] = True
        parser = create_md_parser(config, NewsPostRenderer)
        parser.options["document"] = document
        parser.options["labnews_post"] = (metadata, front_matter)
        parser.options["labnews_trusted"] = trusted
        try:
            parser.render(inputstring)
        except RecursionError:  # a way to nest that the bounds in NewsPostRenderer miss
            warn(
                "post nested too deeply to build; only its front matter (title, date, "
                "cover) is kept",
                LabnewsWarnings.LIMIT,
                location=(env.docname, 1),
            )
            _reset(document)
            head = inputstring.splitlines(keepends=True)[
                : front_matter.end_line if front_matter else 0
            ]
            parser = create_md_parser(config, NewsPostRenderer)
            parser.options.update(document=document, labnews_post=(metadata, front_matter))
            parser.options["labnews_trusted"] = trusted
            parser.render("".join(head))


def _reset(document: nodes.document) -> None:
    """Empty a half-rendered document, registries included, to render it again."""
    attributes = dict(document.attributes)
    nodes.document.__init__(document, document.settings, document.reporter)
    document.attributes.update(attributes)


def _restrict_topmatter(
    topmatter: dict[str, Any], front_matter: FrontMatter | None, docname: str
) -> dict[str, Any]:
    """Drop (with a warning each) the MyST settings a post may not make."""

    def refuse(key: str, message: str) -> None:
        line = front_matter.line_of(key) if front_matter is not None else 1
        warn(message, LabnewsWarnings.SECURITY, location=(docname, line))

    return restrict_file_level(topmatter, refuse)


def _warn_size(text: str, docname: str, limit: int) -> None:
    """A post larger than ``labnews_max_post_bytes`` is built, with a warning."""
    if limit <= 0 or len(text) * 4 <= limit:  # cheap bound first: UTF-8 is at most 4 bytes
        return
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > limit:
        warn(
            f"post is {size} bytes, over labnews_max_post_bytes ({limit}); "
            "split it, or move data to a file",
            LabnewsWarnings.LIMIT,
            location=(docname, 1),
        )


def top_heading_level(tokens: Sequence[Token]) -> int | None:
    """The highest (smallest) level of the body's own headings."""
    levels = [int(t.tag[1:]) for t in tokens if t.type == "heading_open" and t.level == 0]
    return min(levels) if levels else None


class NewsPostRenderer(SphinxRenderer):
    """Renders a post body inside a section titled from the front matter."""

    def render(
        self, tokens: Sequence[Token], options: Any, md_env: MutableMapping[str, Any]
    ) -> nodes.document:
        self.setup_render(options, md_env)
        self._render_initialise()
        metadata, front_matter = options["labnews_post"]
        tokens = list(tokens)
        if tokens and tokens[0].type == "front_matter":
            tokens.pop(0)
        if front_matter is not None:
            self._render_page_metadata(front_matter)
        section = self._render_post_header(metadata, front_matter)
        top_level = top_heading_level(tokens)
        if top_level is not None:
            self._heading_offset = 2 - top_level
        self._warn_raw_images(tokens)
        self._render_tokens(tokens)
        self._place_about_blocks(section, metadata, front_matter)
        self._drop_duplicate_cover(section)
        self._render_finalise()
        return self.document

    @property
    def _untrusted(self) -> bool:
        return not self.md_options.get("labnews_trusted", True)

    def render_html_block(self, token: Any) -> None:
        """MyST's (inline HTML too). An ``<img>`` that ``html_image`` turns into an image
        loses the attributes the image directive has no option for, silently; those raw
        HTML may not hold either (``onerror``) get the raw-HTML warning."""
        before = len(self.current_node.children)
        super().render_html_block(token)
        added = self.current_node.children[before:]
        if not (self._untrusted and added and all(isinstance(n, nodes.image) for n in added)):
            return
        removed = html_image_removals(token.content)
        if removed:
            # the line as MyST reports its own warnings there
            line = token_line(token, default=0)
            warn_removed_html(removed, (self.sphinx_env.docname, line))

    def run_directive(
        self, name: str, first_line: str, content: str, position: int, *args: Any, **kwargs: Any
    ) -> list[nodes.Element]:
        """MyST's, with a bound on nesting and ``include`` confined to the source.

        MyST runs ``include`` through its own mock, not the registered directive,
        so the path is checked here, exactly as the mock will resolve it.
        """
        depth = getattr(self, "_labnews_depth", 0)
        if depth >= MAX_DIRECTIVE_DEPTH:
            warn(
                f"directive {name!r} nested deeper than {MAX_DIRECTIVE_DEPTH} levels; "
                "left out with everything inside it",
                LabnewsWarnings.LIMIT,
                location=(self.sphinx_env.docname, position),
            )
            return []
        if self._untrusted and name == "include":
            try:
                check_include(self.sphinx_env, position, "include", first_line)
            except Refused:
                return []
        self._labnews_depth = depth + 1
        try:
            result = super().run_directive(name, first_line, content, position, *args, **kwargs)
        finally:
            self._labnews_depth = depth
        for node in result:
            if isinstance(node, nodes.table) and not node.line:
                node.line = position  # list-table gives none: warnings about it point here
        return result

    def _render_tokens(self, tokens: list[Token]) -> None:
        """MyST's, with over-deep inline markup flattened and over-large tables cut."""
        tokens[:] = self._trim_tables(tokens)
        for token in tokens:
            children = token.children or []
            if token.type == "inline" and max((c.level for c in children), default=0) > (
                MAX_INLINE_DEPTH
            ):
                warn(
                    f"inline markup nested deeper than {MAX_INLINE_DEPTH} levels; the "
                    "paragraph is shown as plain text",
                    LabnewsWarnings.LIMIT,
                    location=(self.sphinx_env.docname, (token.map or [0])[0] + 1),
                )
                token.children = [Token("text", "", 0, content=token.content)]
        super()._render_tokens(tokens)

    def _trim_tables(self, tokens: list[Token]) -> list[Token]:
        """Leave out the body rows of a table past :data:`MAX_TABLE_CELLS` cells."""
        if not any(t.type == "table_open" for t in tokens):
            return tokens
        kept: list[Token] = []
        cells = 0
        skipping = False
        table_line = 0
        for token in tokens:
            if token.type == "table_open":
                cells, skipping = 0, False
                table_line = (token.map or [0])[0] + 1
            elif token.type == "tbody_close" and skipping:
                skipping = False
            elif skipping:
                continue
            elif token.type in ("td_open", "th_open"):
                cells += 1
            elif token.type == "tr_open" and cells >= MAX_TABLE_CELLS:
                skipping = True
                warn(
                    f"table has more than {MAX_TABLE_CELLS} cells; the rows from line "
                    f"{(token.map or [0])[0] + 1} on are left out",
                    LabnewsWarnings.LIMIT,
                    location=(self.sphinx_env.docname, table_line),
                )
                continue
            kept.append(token)
        return kept

    def render_restructuredtext(self, token: Any) -> None:
        """MyST's ``{eval-rst}``; docutils has no nesting bound of its own."""
        try:
            super().render_restructuredtext(token)
        except RecursionError:
            warn(
                "eval-rst block nested too deeply to build; left out",
                LabnewsWarnings.LIMIT,
                location=(self.sphinx_env.docname, token_line(token, default=0)),
            )

    def _render_page_metadata(self, front_matter: FrontMatter) -> None:
        """Keep every front-matter key (``layout`` and unknown ones too) as page metadata."""
        fields = {k: v for k, v in front_matter.data.items() if k not in _MYST_KEYS}
        if self._untrusted:
            for key in [k for k in fields if str(k).startswith("og:") and not safe_og_key(k)]:
                warn(
                    f"front-matter key {echo(key)} cannot become a link-preview tag: "
                    "og: names are letters, digits and ':_.-'",
                    LabnewsWarnings.SECURITY,
                    location=(self.sphinx_env.docname, front_matter.line_of(key)),
                )
                del fields[key]
        if fields:
            field_list = self.dict_to_fm_field_list(
                fields, language_code=self.document.settings.language_code, line=1
            )
            self.document.append(field_list)

    def _render_post_header(
        self, metadata: PostMetadata, front_matter: FrontMatter | None
    ) -> nodes.section:
        line = front_matter.line_of("title") if front_matter else 1
        title = metadata.title or ""
        if metadata.description:
            self.document.extend(
                html_meta_to_nodes(
                    {"description": metadata.description},
                    document=self.document,
                    line=line,
                    reporter=self.reporter,
                )
            )
        section = nodes.section(classes=["labnews-post"])
        section.source, section.line = self.document["source"], line
        section["names"].append(nodes.fully_normalize_name(title))
        title_node = nodes.title(title, title)
        title_node.source, title_node.line = self.document["source"], line
        section.append(title_node)
        self.document.append(section)
        self.document.note_implicit_target(section, section)
        if metadata.label:
            section.append(label_badge(metadata.label))
        section.append(self._post_node(metadata, line))
        section.append(post_byline())
        cover = self._cover_image(metadata, front_matter)
        if cover is not None:
            section.append(cover)
        self._level_to_section = {0: self.document, 1: section}
        self.current_node = section
        return section

    def _post_node(self, metadata: PostMetadata, line: int) -> PostNode:
        """ablog's post node, filled as its ``post`` directive would fill it."""
        node = PostNode()
        node.document = self.document
        node.source, node.line = self.document["source"], line
        node["date"] = metadata.date.isoformat(sep=" ") if metadata.date else None
        node["tags"] = list(metadata.tags)
        node["author"] = list(metadata.authors)
        node["category"] = list(metadata.categories)
        node["location"] = []
        node["language"] = []
        node["redirect"] = []
        node["title"] = metadata.title
        node["labnews_label"] = metadata.label
        node["image"] = 1 if metadata.cover else None
        node["exclude"] = True  # the excerpt below is for listings, not the page
        node["nocomments"] = False
        node["canonical_link"] = []
        node["external_link"] = []
        node["excerpt"] = None
        if metadata.description:
            node["excerpt"] = 1
            node.append(nodes.paragraph(metadata.description, metadata.description))
        return node

    def _cover_image(
        self, metadata: PostMetadata, front_matter: FrontMatter | None
    ) -> nodes.image | None:
        if not metadata.cover or not self.sphinx_env.config.labnews_show_cover:
            return None
        line = front_matter.line_of("cover") if front_matter else 1
        env = self.sphinx_env
        try:
            uri = resolve_site_path(
                metadata.cover,
                env.config.labnews_static_map,
                from_folder=str(PurePosixPath(env.docname).parent),
            )
        except UnsafePathError as error:
            warn(f"cover: {error}", LabnewsWarnings.IMAGE, location=(env.docname, line))
            return None
        if not is_external(uri) and _is_folder(env.relfn2path(uri, env.docname)[1]):
            # Sphinx would try to copy the folder and warn without naming the post
            warn(
                f"cover: {metadata.cover!r} is a folder, not an image",
                LabnewsWarnings.IMAGE,
                location=(env.docname, line),
            )
            return None
        image = nodes.image(uri=uri, alt=metadata.title or "", classes=["labnews-cover"])
        image.source, image.line = self.document["source"], line
        return image

    def _warn_raw_images(self, tokens: Sequence[Token]) -> None:
        """Raw ``<img>`` HTML still renders, but Sphinx never sees the image: say so."""
        docname = self.sphinx_env.docname
        for line, snippet in raw_images_in_tokens(tokens):
            warn(
                f"raw HTML image {snippet}; {RAW_IMAGE_ADVICE}",
                LabnewsWarnings.RAW_HTML,
                location=(docname, line),
            )

    def _place_about_blocks(
        self, section: nodes.section, metadata: PostMetadata, front_matter: FrontMatter | None
    ) -> None:
        """Move the post's About blocks to its end, then append the defaults it lacks.

        Each block becomes a section directly under the post title, wherever the
        ``{about}`` directive was written, so all blocks share one heading level and
        none can be mistaken for the start of the post.
        """
        used = about_sections(section)
        for block in used:
            block.parent.remove(block)
            section.append(block)
        present = {block["labnews_about"] for block in used}
        config = self.sphinx_env.config
        keys = [
            key
            for key in wanted_keys(
                metadata.about, config.labnews_default_about, list(config.labnews_about_blocks)
            )
            if key not in present
            and not shows_about_heading(
                section, key, config.labnews_about_blocks, self.sphinx_env.srcdir
            )
        ]
        if not keys:
            return
        # the directive, not a copy of it, renders the defaults; an unknown key chosen in
        # the front matter is reported at the ``about:`` line
        line = front_matter.line_of("about") if front_matter else 1
        self._level_to_section = {0: self.document, 1: section}
        self.current_node = section
        for key in keys:
            self.nested_render_text(f"```{{about}} {key}\n```", line - 1)

    def _drop_duplicate_cover(self, section: nodes.section) -> None:
        """Posts often open with their cover image; show it once, not twice."""
        covers = [n for n in section.children if "labnews-cover" in n.get("classes", [])]
        if not covers:
            return
        body_images = [n for n in section.findall(nodes.image) if n is not covers[0]]
        if body_images and body_images[0]["uri"] == covers[0]["uri"]:
            section.remove(covers[0])
