"""The pure helpers behind the directives."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from sphinx_labnews.about_source import split_about_source, wanted_keys
from sphinx_labnews.css import css_length
from sphinx_labnews.frontmatter import map_front_matter, parse_about, parse_front_matter
from sphinx_labnews.raw_html import raw_images_in_tokens

POST = """---
title: T
---

Text with <img src="a.png"> inline
and <IMG
src="b.png"> on the next line.

<div align="center">
<img src="/static/c.png" alt="c"/>
</div>

`<img src="code.png">` and

```html
<img src="fenced.png">
```
"""


def find_raw_images(text: str) -> list[tuple[int, str]]:
    """What the post parser finds, on tokens from a plain markdown-it parser."""
    return raw_images_in_tokens(MarkdownIt("commonmark").use(front_matter_plugin).parse(text))


def test_find_raw_images_reports_html_not_code() -> None:
    assert find_raw_images(POST) == [
        (5, '<img src="a.png">'),
        (6, '<IMG src="b.png">'),
        (10, '<img src="/static/c.png" alt="c"/>'),
    ]


def test_find_raw_images_on_clean_text() -> None:
    assert find_raw_images("# Title\n\nNo images.\n") == []


def test_split_about_source() -> None:
    source, problem = split_about_source("# About Us\n\nBody.\n", fallback_title="us")
    assert (source.title, source.body.strip(), source.body_line, problem) == (
        "About Us",
        "Body.",
        1,
        None,
    )
    with_front_matter = "---\nx: 1\n---\n\n# About Us #\nBody.\n"
    source, problem = split_about_source(with_front_matter, fallback_title="us")
    assert (source.title, source.body, problem) == ("About Us", "Body.", None)
    source, problem = split_about_source("Just text.\n", fallback_title="us")
    assert (source.title, source.body) == ("us", "Just text.")
    assert problem == "does not start with a '# Heading' line; using 'us'"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, True)),
        (True, (None, True)),
        (False, ((), True)),
        ("lab", (("lab",), True)),
        ("lab, uni", (("lab", "uni"), True)),
        (["lab", "uni", "lab"], (("lab", "uni"), True)),
        (3, (None, False)),
        ({"a": 1}, (None, False)),
    ],
)
def test_parse_about(value, expected) -> None:
    assert parse_about(value) == expected


def test_wrong_about_type_is_a_problem_on_its_line() -> None:
    front_matter, _ = parse_front_matter("---\ntitle: T\nabout: 3\n---\n")
    metadata, problems = map_front_matter(front_matter, filename="2025-01-01-x.md")
    assert metadata.about is None
    assert [(p.subtype, p.line) for p in problems] == [("field_type", 3)]
    assert "true, false or a list of About block keys" in problems[0].message


def test_wanted_keys() -> None:
    known = ["lab", "uni"]
    assert wanted_keys(None, ["lab", "ghost", "uni"], known) == ["lab", "uni"]
    assert wanted_keys((), ["lab"], known) == []
    assert wanted_keys(("ghost", "lab", "lab"), ["uni"], known) == ["ghost", "lab"]


def test_css_length() -> None:
    assert css_length("800") == "800px"
    assert css_length("800px") == "800px"
    assert css_length("50%") == "50%"
