"""A title's leading ``[label]`` is a tag: the pure functions and the front-matter mapping."""

from __future__ import annotations

import pytest

from sphinx_labnews.frontmatter import read_post
from sphinx_labnews.title_labels import (
    full_title,
    label_tags,
    split_title_label,
    validate_title_labels,
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[Press Release] HKUST opens a centre", ("Press Release", "HKUST opens a centre")),
        ("[ICLR 2025]  Two papers", ("ICLR 2025", "Two papers")),
        ("  [Call  for Papers] Workshop ", ("Call for Papers", "Workshop")),
        ("No label here", (None, "No label here")),
        ("[Seminar]", (None, "[Seminar]")),  # a label alone stays the title
        ("A [bracket] inside", (None, "A [bracket] inside")),
        ("[[nested]] title", (None, "[[nested]] title")),
        ("[ ] empty", (None, "[ ] empty")),
        ("[" + "x" * 61 + "] too long", (None, "[" + "x" * 61 + "] too long")),
    ],
)
def test_split_title_label(title: str, expected: tuple[str | None, str]) -> None:
    assert split_title_label(title) == expected


def test_label_tags_with_patterns() -> None:
    mapping = {r"[A-Z]+ \d{4}": ["Publication"], "Seminar": "Event"}
    assert label_tags("ICLR 2025", mapping) == ["ICLR 2025", "Publication"]
    assert label_tags("Seminar", mapping) == ["Seminar", "Event"]
    assert label_tags("Nature Communications", mapping) == ["Nature Communications"]
    assert label_tags("xICLR 2025", mapping) == ["xICLR 2025"]  # the whole label matches
    assert label_tags("ICLR 2025", True) == ["ICLR 2025"]


def test_full_title() -> None:
    assert full_title("Seminar", "Robots") == "[Seminar] Robots"
    assert full_title(None, "Robots") == "Robots"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, None),
        (False, None),
        ({}, None),
        ({"x": "Tag"}, None),
        ({"x": ["A", "B"]}, None),
        ("yes", "must be bool or dict"),
        ({"(": ["A"]}, "invalid pattern"),
        ({"x": [1]}, "to a tag or a list of tags"),
    ],
)
def test_validate_title_labels(value: object, error: str | None) -> None:
    result = validate_title_labels(value)
    assert result is None if error is None else error in result


def post(title: str, tags: str = "") -> str:
    extra = f"tags: {tags}\n" if tags else ""
    return f"---\ntitle: '{title}'\nlast_updated: 2025/01/02\n{extra}---\nBody.\n"


def test_mapping_adds_label_and_extra_tags_once() -> None:
    text = post("[ICLR 2025] Two papers", "[iclr 2025, robots]")
    meta, _, problems = read_post(
        text, filename="x.md", title_labels={r"[A-Z]+ \d{4}": ["Publication"]}
    )
    assert problems == []
    assert meta.title == "Two papers"
    assert meta.label == "ICLR 2025"
    # the post's own tags first; the label's case differs only: not added twice
    assert meta.tags == ("iclr 2025", "robots", "Publication")


def test_labels_off_keep_the_title() -> None:
    meta, _, _ = read_post(post("[Seminar] Robots"), filename="x.md", title_labels=False)
    assert (meta.title, meta.label, meta.tags) == ("[Seminar] Robots", None, ())


def test_empty_mapping_still_reads_labels() -> None:
    meta, _, _ = read_post(post("[Seminar] Robots"), filename="x.md", title_labels={})
    assert (meta.title, meta.label, meta.tags) == ("Robots", "Seminar", ("Seminar",))


def test_label_that_cannot_name_a_page_stays_in_the_title() -> None:
    meta, _, problems = read_post(post("[!!!] Robots"), filename="x.md")
    assert (meta.title, meta.label, meta.tags) == ("[!!!] Robots", None, ())
    assert problems == []


def test_title_from_the_file_name_is_never_split() -> None:
    meta, _, _ = read_post("---\nlast_updated: 2025/01/02\n---\n", filename="[Seminar] x.md")
    assert meta.label is None
