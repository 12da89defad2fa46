"""A fixed corpus of nasty posts, one build, one test per case with its expected behaviour.

Files that cannot be committed sanely (BOM, CRLF, non-UTF-8 bytes, 5 MB, a
symlink) are written by the fixture into a copy of ``tests/roots/test-nasty-posts``.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from helpers import build, copy_root, page, warnings_of

BIG_PARAGRAPH = "Lorem ipsum dolor sit amet, a < b & c. " * 20 + "\n\n"


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("nasty")
    srcdir = copy_root("nasty-posts", root)
    news = srcdir / "news"
    (news / "2025-04-01-bom.md").write_bytes(b"\xef\xbb\xbf---\ntitle: With BOM\n---\n\nBody.\n")
    (news / "2025-04-02-crlf.md").write_bytes(
        b"---\r\ntitle: With CRLF\r\nauthor: Ada\r\n---\r\n\r\n### Part\r\n\r\nBody.\r\n"
    )
    (news / "2025-04-03-latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nNot UTF-8: \xe9\n")
    outside = root / "outside.md"
    outside.write_text("---\ntitle: Secret outside\n---\n\nOUTSIDEMARKER\n", "utf-8")
    (news / "2025-04-04-symlink.md").symlink_to(outside)
    big = "---\ntitle: Five megabytes\n---\n\n" + BIG_PARAGRAPH * (5 * 2**20 // len(BIG_PARAGRAPH))
    (news / "2025-04-05-huge.md").write_text(big, "utf-8")
    app = build(srcdir)
    yield app
    app.cleanup()  # restore docutils' registries, or later builds warn about them


def listed(app) -> list[str]:
    links = page(app, "news").select(".labnews-card .sd-card-title a")
    return [link["href"].removesuffix(".html") for link in links]


def feed_titles(app) -> list[str]:
    feed = feedparser.parse((Path(app.outdir) / "news" / "atom.xml").read_bytes())
    assert not feed.bozo
    return [entry.title for entry in feed.entries]


def warning_lines(app, name: str) -> list[str]:
    return [line for line in warnings_of(app).splitlines() if f"news/{name}" in line]


def test_empty_file_builds_with_title_from_file_name(nasty) -> None:
    """An empty file: warned (no front matter, no title), published as "Empty"."""
    assert len(warning_lines(nasty, "2025-03-01-empty.md")) == 2
    assert "news/2025-03-01-empty" in listed(nasty)
    assert "Empty" in feed_titles(nasty)


def test_no_front_matter_inside_news_is_a_post_with_a_warning(nasty) -> None:
    lines = warning_lines(nasty, "2025-03-02-no-front-matter.md")
    assert any("post has no front matter" in line for line in lines)
    assert "No front matter" in feed_titles(nasty)


def test_malformed_yaml_keeps_readable_keys(nasty) -> None:
    """``title: [unclosed`` is reported on its own line (2); the post still builds."""
    lines = warning_lines(nasty, "2025-03-03-malformed.md")
    assert any(":2: WARNING: front matter is not valid YAML" in line for line in lines)
    assert "news/2025-03-03-malformed" in listed(nasty)


def test_same_title_twice_lists_both(nasty) -> None:
    assert feed_titles(nasty).count("Same title") == 2
    assert {"news/2025-03-04-same-title", "news/2025-03-05-same-title"} <= set(listed(nasty))


def test_tags_with_the_same_slug_share_one_page(nasty) -> None:
    """``A B`` and ``a-b`` both slugify to ``a-b``: one page, which lists the post."""
    tag_page = Path(nasty.outdir) / "news" / "tag" / "a-b.html"
    assert "Colliding tags" in tag_page.read_text("utf-8")


def test_future_post_is_a_draft_not_in_feeds(nasty) -> None:
    assert "From the future" not in feed_titles(nasty)
    assert "news/2999-01-01-future" not in listed(nasty)
    assert (Path(nasty.outdir) / "news" / "2999-01-01-future.html").is_file()


def test_bom_and_crlf_posts_read_like_any_other(nasty) -> None:
    assert {"With BOM", "With CRLF"} <= set(feed_titles(nasty))
    assert warning_lines(nasty, "2025-04-01-bom.md") == []
    assert warning_lines(nasty, "2025-04-02-crlf.md") == []
    assert page(nasty, "news/2025-04-02-crlf").select_one("h2").get_text().startswith("Part")


def test_non_utf8_post_is_left_out_with_a_warning_naming_it(nasty) -> None:
    """Sphinx 9 stopped the whole build on the first bad byte; now one warning, post skipped."""
    (line,) = warning_lines(nasty, "2025-04-03-latin1.md")
    assert "2025-04-03-latin1.md:2: WARNING: post is not UTF-8 text" in line
    assert "news/2025-04-03-latin1" not in nasty.env.found_docs


def test_symlink_out_of_the_source_is_left_out(nasty) -> None:
    (line,) = warning_lines(nasty, "2025-04-04-symlink.md")
    assert "outside the documentation source" in line
    outdir = Path(nasty.outdir)
    assert not [p for p in outdir.rglob("*") if p.is_file() and b"OUTSIDEMARKER" in p.read_bytes()]


def test_five_megabyte_post_builds_escaped(nasty) -> None:
    """5 MB of text builds, text escaped (no timing asserted: machines differ)."""
    html = (Path(nasty.outdir) / "news" / "2025-04-05-huge.html").read_text("utf-8")
    assert "a < b" not in html
    assert html.count("a &lt; b &amp; c") > 100_000


def test_every_warning_names_its_file(nasty) -> None:
    for line in warnings_of(nasty).splitlines():
        if "WARNING:" in line and not line.endswith(("[app.add_node]", "[app.add_directive]")):
            assert line.startswith(str(nasty.srcdir)), line
