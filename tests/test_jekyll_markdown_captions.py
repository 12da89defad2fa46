"""kramdown's ``<div align="center" markdown="1">`` holding an image and its italic caption."""

from __future__ import annotations

import pytest

from sphinx_labnews.jekyll import convert_images, convert_post

FRONT = "---\ntitle: x\ndate: 2024-01-01\n---\n"


def _body(post: str) -> str:
    conversion = convert_post(FRONT + post, filename="2024-01-01-x.md")
    assert conversion.text is not None
    return conversion.text.removeprefix(FRONT)


@pytest.mark.parametrize(
    ("block", "caption"),
    [
        pytest.param("![A](/a.png)\n*The caption*", "The caption", id="next-line"),
        pytest.param(
            '  ![A](/a.png "t")\n\n  _"Quoted" caption_', '"\\"Quoted\\" caption"', id="blank-line"
        ),
    ],
)
def test_italic_line_under_the_image_in_its_div_is_the_caption(block: str, caption: str) -> None:
    post = f'Intro.\n\n<div align="center" markdown="1">\n{block}\n</div>\n\nText.\n'
    assert _body(post) == (
        f"Intro.\n\n```{{centered-image}} /a.png\n:alt: A\n:caption: {caption}\n```\n\nText.\n"
    )


@pytest.mark.parametrize(
    "post",
    [
        pytest.param(
            '<div align="center" markdown="1">\n![A](/a.png)\n*a* and *b*\n</div>\n',
            id="not-italic",
        ),
        pytest.param('<div markdown="1">\n![A](/a.png)\n*The caption*\n</div>\n', id="not-centred"),
        pytest.param(
            '<div align="center" markdown="1">\n![A](/a.png)\n![B](/b.png)\n*Both*\n</div>\n',
            id="two-images",
        ),
    ],
)
def test_other_markdown_blocks_stay_html_with_markdown_inside(post: str) -> None:
    body = _body(post)
    assert "centered-image" not in body
    assert body.startswith("<div") and "\n\n![A](/a.png)\n" in body


def test_plain_markdown_image_with_an_italic_line_stays_markdown() -> None:
    post = "![A](/a.png)\n*The caption*\n\nText.\n"
    assert _body(post) == post


def test_captioned_markdown_block_with_a_long_run_of_spaces() -> None:
    # the hostile-input rule of tests/test_jekyll_redos.py, for this pattern too
    hostile = f'<div align="center" markdown="1">\n![A](/a.png)\n*{" " * 50_000}x\n'
    text, _notes = convert_images(hostile)
    assert text == hostile
