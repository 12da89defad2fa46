"""Which documents are news posts: the pure decision in ``post_detection``."""

from __future__ import annotations

import pytest

from sphinx_labnews.post_detection import Owner, decide, front_matter_for_decision

LAB = {"title": "T", "last_updated": "2025/01/01", "group": "news"}
ABLOG = {"blogpost": True, "date": "2025-01-01", "tags": "a"}


@pytest.mark.parametrize(
    ("docname", "front_matter", "patterns", "ablog_match", "owner", "conflict"),
    [
        # plain mode: the lab's front matter decides
        ("posts/x", LAB, None, False, Owner.NEWS, False),
        ("news/x", {"title": "T", "date": "2025-01-01"}, None, False, Owner.NONE, False),
        ("news/x", None, None, False, Owner.NONE, False),
        ("news/x", ABLOG, None, False, Owner.ABLOG, False),
        ("posts/x", None, None, True, Owner.ABLOG, False),
        ("posts/x", LAB, None, True, Owner.ABLOG, True),
        ("posts/x", {**LAB, "blogpost": True}, None, False, Owner.ABLOG, True),
        # a pattern in force: it decides, but never over ablog
        ("news/x", None, ["news/*"], False, Owner.NEWS, False),
        ("other/x", LAB, ["news/*"], False, Owner.NONE, False),
        ("news/x", ABLOG, ["news/*"], False, Owner.ABLOG, True),
        ("news/x", None, ["news/*"], True, Owner.ABLOG, True),
        ("blog/x", ABLOG, ["news/*"], False, Owner.ABLOG, False),
        # an index page never is a post
        ("news/index", LAB, ["news/*"], False, Owner.NONE, False),
        ("index", LAB, None, False, Owner.NONE, False),
    ],
)
def test_decide(docname, front_matter, patterns, ablog_match, owner, conflict) -> None:
    decision = decide(
        docname, front_matter=front_matter, patterns=patterns, ablog_pattern_match=ablog_match
    )
    assert decision.owner is owner
    assert (decision.conflict is not None) is conflict
    if conflict:
        assert "it stays an ablog post" in decision.conflict


def test_the_conflict_names_both_reasons() -> None:
    decision = decide("news/x", front_matter=ABLOG, patterns=["news/*"])
    assert decision.conflict == (
        "both ablog (its front matter has ablog's 'blogpost' marker) and sphinx-labnews "
        "(it matches labnews_post_pattern) would make it a post; it stays an ablog post"
    )


def test_front_matter_is_parsed_only_when_it_can_change_the_answer() -> None:
    text = "---\ntitle: T\nlast_updated: 2025/01/01\n---\nBody\n"
    assert front_matter_for_decision(text, ["news/*"]) == {}
    assert front_matter_for_decision(text, None)["last_updated"] == "2025/01/01"
    assert front_matter_for_decision("---\nblogpost: true\n---\n", ["news/*"]) == {"blogpost": True}
    assert front_matter_for_decision("# No front matter\n", None) is None


def test_files_in_excluded_folders_are_not_looked_at(tmp_path) -> None:
    from types import SimpleNamespace

    from sphinx_labnews.post_detection import is_news_post_file

    post = tmp_path / "_build" / "copy" / "lab.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\nlast_updated: 2025/01/01\n---\n", "utf-8")
    config = SimpleNamespace(
        labnews_site_defaults=False,
        labnews_post_pattern=["news/*"],
        exclude_patterns=["_build"],
        source_encoding="utf-8",
        matched_blog_posts=[],
        _raw_config={},
        overrides={},
    )
    assert not is_news_post_file(tmp_path, "_build/copy/lab", post, config)
    config.exclude_patterns = []
    assert is_news_post_file(tmp_path, "_build/copy/lab", post, config)
