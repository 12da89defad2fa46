"""A default About block is not appended to a post that shows its heading as written."""

from __future__ import annotations

import pytest
from helpers import build_copy, heading_text, page, warnings_of


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_copy("about-literal-heading", tmp_path_factory)


def post_headings(app, docname: str) -> list[str]:
    post = page(app, docname).select_one("section.labnews-post")
    return [heading_text(s.find("h2")) for s in post.find_all("section", recursive=False)]


def test_post_with_the_heading_as_text_gets_no_second_copy(built) -> None:
    assert post_headings(built, "news/2025-01-01-own") == ["About The Lab", "Media Links"]
    html = str(page(built, "news/2025-01-01-own"))
    assert "OWNTEXT" in html
    assert "LABBODYTEXT" not in html


def test_post_without_it_still_gets_the_default(built) -> None:
    assert post_headings(built, "news/2025-01-02-plain") == ["About The Lab"]
    assert "LABBODYTEXT" in str(page(built, "news/2025-01-02-plain"))


def test_no_warnings(built) -> None:
    assert warnings_of(built) == ""
