"""About blocks: defined once, shown once per post, last, outside excerpts and feeds."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from helpers import build, build_copy, copy_root, heading_text, page, warnings_of

DEFAULTS = "news/2025-01-01-defaults"
EXPLICIT = "news/2025-01-02-explicit"
OPT_OUT = "news/2025-01-03-opt-out"
CHOOSE = "news/2025-01-04-choose"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_copy("about-blocks", tmp_path_factory)


def about_headings(app, docname: str) -> list[str]:
    return [heading_text(h) for h in page(app, docname).select("section.labnews-about > h2")]


def post_headings(app, docname: str) -> list[str]:
    """The headings directly under the post title, in order."""
    post = page(app, docname).select_one("section.labnews-post")
    return [heading_text(s.find("h2")) for s in post.find_all("section", recursive=False)]


def test_defaults_are_appended_once_as_sections_after_the_body(built) -> None:
    assert about_headings(built, DEFAULTS) == ["About The Lab", "About The University"]
    assert post_headings(built, DEFAULTS) == [
        "A body heading",
        "About The Lab",
        "About The University",
    ]
    html = page(built, DEFAULTS)
    body = html.select_one("section.labnews-about .labnews-about-body")
    assert "LABBODYTEXT" in body.get_text()
    # the block's Markdown is rendered: its link is a real link
    assert html.find("a", href="https://uni.example.org/").get_text() == "its site"
    # a real section title: listed in the page's table of contents
    assert "About The Lab" in [a.get_text() for a in html.select("a.reference.internal")]


def test_explicit_block_moves_to_the_end_and_is_not_repeated_by_defaults(built) -> None:
    assert about_headings(built, EXPLICIT) == ["About The Lab", "About The University"]
    assert post_headings(built, EXPLICIT) == ["Body", "About The Lab", "About The University"]
    text = page(built, EXPLICIT).get_text()
    assert text.count("LABBODYTEXT") == 1
    assert text.index("Before the block.") < text.index("After the block.")


def test_second_explicit_use_and_unknown_key_warn_with_post_and_line(built) -> None:
    warnings = warnings_of(built)
    assert re.search(
        r"news/2025-01-02-explicit\.md:16: WARNING: About block 'lab' is already in this post; "
        r"shown once \[labnews\.about\]",
        warnings,
    ), warnings
    assert re.search(
        r"news/2025-01-02-explicit\.md:19: WARNING: unknown About block 'nope' "
        r"\(known: 'extra', 'lab', 'uni'; see labnews_about_blocks\) \[labnews\.about\]",
        warnings,
    ), warnings


def test_front_matter_opts_out(built) -> None:
    assert about_headings(built, OPT_OUT) == []
    assert "LABBODYTEXT" not in page(built, OPT_OUT).get_text()


def test_front_matter_chooses_blocks_and_unknown_choice_warns_at_its_line(built) -> None:
    assert about_headings(built, CHOOSE) == ["About Our Sponsor"]
    assert "front matter in a block file" not in page(built, CHOOSE).get_text()
    assert re.search(
        r"news/2025-01-04-choose\.md:4: WARNING: unknown About block 'missing-key'",
        warnings_of(built),
    )


def test_exactly_the_expected_warnings(built) -> None:
    lines = [line for line in warnings_of(built).splitlines() if line.strip()]
    assert len(lines) == 3, lines


def test_block_files_are_not_pages(built) -> None:
    assert not (Path(built.outdir) / "_about").exists()


def test_about_text_is_in_neither_feed_summary_nor_listing_excerpt(built) -> None:
    feed = feedparser.parse((Path(built.outdir) / "news" / "atom.xml").read_bytes())
    summaries = {entry.link.rsplit("/", 1)[-1]: entry.summary for entry in feed.entries}
    # a post without a description: ablog takes its first paragraph, never an About one
    assert "The first paragraph of the defaults post." in summaries["2025-01-01-defaults.html"]
    for summary in summaries.values():
        assert "BODYTEXT" not in summary and "About The" not in summary
    listing = page(built, "index").select_one(".postlist") or page(built, "index")
    excerpts = listing.get_text()
    assert "The explicit post." in excerpts
    assert "BODYTEXT" not in excerpts and "About The" not in excerpts


def test_editing_a_block_rebuilds_the_posts_that_show_it(tmp_path: Path) -> None:
    srcdir = copy_root("about-blocks", tmp_path)
    first = build(srcdir, freshenv=True)
    first.cleanup()
    assert "LABBODYTEXT" in page(first, DEFAULTS).get_text()
    block = srcdir / "_about" / "lab.md"
    block.write_text(block.read_text("utf-8").replace("LABBODYTEXT", "EDITEDTEXT"), "utf-8")
    second = build(srcdir, freshenv=False)
    try:
        for post in (DEFAULTS, EXPLICIT):
            text = page(second, post).get_text()
            assert "EDITEDTEXT" in text and "LABBODYTEXT" not in text
    finally:
        second.cleanup()


@pytest.mark.sphinx(
    "html",
    testroot="about-blocks",
    freshenv=True,
    confoverrides={
        "labnews_about_blocks": {"lab": "_about/lab.md", "gone": "_about/gone.md"},
        "labnews_default_about": ["lab", "ghost"],
    },
)
def test_bad_about_config_is_reported_once_naming_the_option(app) -> None:
    app.build()
    warnings = warnings_of(app)
    assert warnings.count("labnews_default_about names 'ghost'") == 1
    assert "which labnews_about_blocks does not define; it is skipped [labnews.config]" in warnings
    assert (
        warnings.count(
            "labnews_about_blocks['gone']: file '_about/gone.md' not found in the "
            "documentation source [labnews.about]"
        )
        == 1
    )
    # the known default is still appended, and every post is built
    assert about_headings(app, DEFAULTS) == ["About The Lab"]


class NeverKept(dict):
    """A block cache that keeps nothing: every post parses its blocks itself."""

    def __setitem__(self, key, value) -> None:
        pass


def test_a_block_parsed_once_is_what_each_post_would_have_parsed(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_labnews import about

    reused = build_copy("about-blocks", tmp_path_factory)
    assert about._PARSED_BLOCKS, "the blocks were parsed once and reused"
    monkeypatch.setattr(about, "_PARSED_BLOCKS", NeverKept())
    parsed_each_time = build_copy("about-blocks", tmp_path_factory)
    for docname in [DEFAULTS, EXPLICIT, CHOOSE]:
        mine = described(reused, docname)
        assert "labnews_about" in mine
        assert mine == described(parsed_each_time, docname)


def described(app, docname: str) -> str:
    """A doctree with each node's source file and line: where its warnings would point."""
    from docutils import nodes

    doctree = app.env.get_doctree(docname)
    where = [(n.tagname, n.source, n.line) for n in doctree.findall(nodes.Element)]
    # each copy of the root was built in its own folder
    return f"{doctree.pformat()}{where}".replace(str(app.srcdir), "SRC")


def test_a_block_with_labels_or_references_is_parsed_in_each_post() -> None:
    from docutils import nodes
    from sphinx import addnodes

    from sphinx_labnews.about import _reusable

    title = nodes.title("About", "About")
    plain = nodes.container("", nodes.paragraph("", "text", nodes.reference("", "x", refuri="u")))
    assert _reusable(title, plain)
    xref = nodes.container("", nodes.paragraph("", "", addnodes.pending_xref("", refdoc="a")))
    labelled = nodes.container("", nodes.paragraph("", "text", ids=["label"]))
    internal = nodes.container("", nodes.paragraph("", "", nodes.reference("", "x", refid="y")))
    for body in (xref, labelled, internal):
        assert not _reusable(title, body)
