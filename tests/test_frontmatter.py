"""The pure front-matter mapping: each rule of the user guide's table, without Sphinx."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_labnews.frontmatter import (
    MAX_DEPTH,
    MAX_VALUES,
    parse_front_matter,
    parse_post_date,
    read_post,
    split_front_matter,
    title_from_filename,
)


def post(front_matter: str, body: str = "Body.\n") -> str:
    return f"---\n{front_matter.strip()}\n---\n\n{body}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025/07/27", dt.datetime(2025, 7, 27)),
        ("2024/3/5", dt.datetime(2024, 3, 5)),
        ("2025-07-27", dt.datetime(2025, 7, 27)),
        ("2025-07-27 10:00:00 +0800", dt.datetime(2025, 7, 27, 2, 0)),
        (dt.date(2025, 1, 2), dt.datetime(2025, 1, 2)),
        (dt.datetime(2025, 1, 2, 3, 4), dt.datetime(2025, 1, 2, 3, 4)),
        ("July 27, 2025", dt.datetime(2025, 7, 27)),
    ],
)
def test_dates_the_lab_writes(value: object, expected: dt.datetime) -> None:
    assert parse_post_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021/02/30", "'2021/02/30' is not a date that exists"),
        ("2021/13/01", "'2021/13/01' is not a date that exists"),
        ("soon", "'soon' is not a date"),
        (20250727, "20250727 is a int, not a date"),
    ],
)
def test_impossible_dates_are_refused_by_value(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        parse_post_date(value)


def test_seed_front_matter_maps_onto_post_metadata() -> None:
    text = post(
        """
published: True
title: '[Press Release] A workshop'
author: Cheng Jin
layout: post
group: news
cover: /static/img/news/cover.png
oneline_description: 'One line.'
last_updated: 2025/07/14
"""
    )
    metadata, front_matter, problems = read_post(text, filename="2025-07-14-workshop.md")
    assert problems == []
    # the leading label is a tag, and no longer title text (see test_title_labels.py)
    assert metadata.title == "A workshop"
    assert metadata.label == "Press Release"
    assert metadata.tags == ("Press Release",)
    assert metadata.date == dt.datetime(2025, 7, 14)
    assert metadata.authors == ("Cheng Jin",)
    assert metadata.categories == ("news",)
    assert metadata.cover == "/static/img/news/cover.png"
    assert metadata.description == "One line."
    assert metadata.published is True
    assert metadata.extra == {"layout": "post"}
    assert front_matter is not None and front_matter.line_of("cover") == 7


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ("[a, b]", ("a", "b")),
        ("a, b ,c", ("a", "b", "c")),
        ("single", ("single",)),
        ("[a, a, ' b ']", ("a", "b")),
    ],
)
def test_tags_as_list_or_comma_string(tags: str, expected: tuple[str, ...]) -> None:
    metadata, _, problems = read_post(
        post(f"title: T\ndate: 2020-01-01\ntags: {tags}"), filename="x.md"
    )
    assert problems == []
    assert metadata.tags == expected


def test_explicit_date_wins_over_last_updated() -> None:
    metadata, _, _ = read_post(
        post("title: T\ndate: 2024-06-02\nlast_updated: 2020/01/01"), filename="x.md"
    )
    assert metadata.date == dt.datetime(2024, 6, 2)


@pytest.mark.parametrize("value", ["False", "false", "no", "off", '"false"', "'No'"])
def test_any_false_means_unpublished(value: str) -> None:
    metadata, _, problems = read_post(post(f"title: T\npublished: {value}"), filename="x.md")
    assert metadata.published is False
    assert [p for p in problems if p.subtype == "published"] == []


def test_unreadable_published_fails_safe_with_a_warning() -> None:
    metadata, _, problems = read_post(post("title: T\npublished: maybe"), filename="x.md")
    assert metadata.published is False
    (problem,) = [p for p in problems if p.subtype == "published"]
    assert problem.line == 3 and "'maybe'" in problem.message


def test_impossible_date_names_line_and_value_and_falls_back_to_file_name() -> None:
    _, _, problems = read_post(
        post("title: T\nauthor: A\nlast_updated: 2021/02/30"), filename="2021-02-01-x.md"
    )
    (problem,) = problems
    assert problem.subtype == "date"
    assert problem.line == 4
    assert "'2021/02/30'" in problem.message
    assert "using 2021-02-01 from the file name" in problem.message


def test_missing_title_warns_and_uses_the_file_name() -> None:
    metadata, _, problems = read_post(
        post("last_updated: 2021/04/01"), filename="2021-04-01-no-title.md"
    )
    assert metadata.title == "No title"
    assert [p.subtype for p in problems] == ["title"]


def test_malformed_yaml_names_its_line_and_keeps_the_readable_keys() -> None:
    text = post(
        "title: Malformed\ntags: [unclosed, list\nlast_updated: 2021/03/01\npublished: false"
    )
    front_matter, problems = parse_front_matter(text)
    assert [p.subtype for p in problems] == ["frontmatter"]
    assert problems[0].line in (3, 4)
    assert "not valid YAML" in problems[0].message
    assert front_matter is not None
    assert front_matter.data["title"] == "Malformed"
    # a broken block never publishes a post that said it should not be
    assert front_matter.data["published"] is False


def test_wrong_type_is_named_with_its_value() -> None:
    _, _, problems = read_post(
        post("title: T\nlast_updated: 2021/05/01\noneline_description: {not: text}"),
        filename="x.md",
    )
    (problem,) = problems
    assert problem.subtype == "field_type"
    assert problem.line == 4
    assert "oneline_description" in problem.message and "{'not': 'text'}" in problem.message


def test_duplicate_keys_are_reported() -> None:
    _, problems = parse_front_matter(post("title: A\ntitle: B"))
    assert [p.line for p in problems] == [3]
    assert "duplicate" in problems[0].message


def test_no_front_matter() -> None:
    assert split_front_matter("# Just a heading\n") == (None, 0)
    _, front_matter, problems = read_post("Just text.\n", filename="2020-01-01-plain.md")
    assert front_matter is None
    assert [p.subtype for p in problems] == ["frontmatter", "title"]


def test_bom_and_crlf_are_accepted() -> None:
    text = "\ufeff---\r\ntitle: BOM\r\nlast_updated: 2020/01/01\r\n---\r\nBody\r\n"
    metadata, _, problems = read_post(text, filename="x.md")
    assert problems == []
    assert metadata.title == "BOM"


def test_title_from_filename() -> None:
    assert title_from_filename("2025-07-14-lai4bm-workshop.md") == "Lai4bm workshop"
    assert title_from_filename("news/plain_name.md") == "Plain name"


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01 00:00:00+05:00",  # UTC is the year before year 1
        "9999-12-31 23:59:59-05:00",  # UTC is the year after 9999
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    ],
)
def test_aware_dates_beyond_the_calendar_are_refused_not_crashed(value: object) -> None:
    """Found by the hostile-post tests: ``astimezone`` raised OverflowError mid-build."""
    with pytest.raises(ValueError, match="out of the range of dates"):
        parse_post_date(value)
    metadata, _, problems = read_post(post(f"title: T\ndate: {value}"), filename="2025-01-02-x.md")
    assert metadata.date == dt.datetime(2025, 1, 2)
    assert [p.subtype for p in problems] == ["date"]


def test_control_characters_are_dropped_from_text_fields() -> None:
    """A ``\\x07`` in a description made feedgen (lxml) refuse to write the feeds."""
    metadata, _, _ = read_post(
        post(
            'title: "a\\x07b\\x00c\\u0085d\\uffff"\noneline_description: "x\\x1by"\n'
            'tags: ["t\\x08ag"]'
        ),
        filename="p.md",
    )
    assert metadata.title == "abcd"
    assert metadata.description == "xy"
    assert metadata.tags == ("tag",)


def test_names_without_a_slug_are_left_out_with_a_warning() -> None:
    """``!!!`` slugified to "", so its archive page was the folder ``news/tag/`` itself."""
    metadata, _, problems = read_post(
        post('author: ["!!!", Ada]\ngroup: "\\u0301"\ntags: "!!!, ok, -"'), filename="p.md"
    )
    assert metadata.authors == ("Ada",)
    assert metadata.categories == ()
    assert metadata.tags == ("ok", "-")
    messages = [p.message for p in problems if p.subtype == "field_type"]
    assert messages == [
        "author '!!!' has no letter or digit to name its archive page; it is left out",
        "group '́' has no letter or digit to name its archive page; it is left out",
        "tag '!!!' has no letter or digit to name its archive page; it is left out",
    ]


def test_names_too_long_for_a_file_name_are_left_out_with_a_warning() -> None:
    """A 100k-character group made the archive page's file name too long to write."""
    metadata, _, problems = read_post(post(f"group: {'s' * 300}\ntags: [ok]"), filename="p.md")
    assert metadata.categories == ()
    assert metadata.tags == ("ok",)
    assert [p.message.split(" is too long")[1] for p in problems if p.subtype == "field_type"] == [
        " to name its archive page (over 200 bytes); it is left out"
    ]


# --------------------------------------------------------------- hostile YAML (issue 12)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("last_updated", "2021-02-30"),
        ("event_date", "2025-31-12"),
        ("date", "2025-07-27 25:61:00"),
        ("when", "!!timestamp 2021-02-30"),
    ],
)
def test_date_like_values_never_crash_and_stay_text(key: str, value: str) -> None:
    # PyYAML's timestamp resolver raised ValueError (not YAMLError) for these, in any key
    metadata, front_matter, problems = read_post(
        post(f"title: T\n{key}: {value}"), filename="2025-01-10-x.md"
    )
    assert front_matter is not None
    assert metadata.title == "T"
    assert metadata.date == dt.datetime(2025, 1, 10)  # the file name's, when the date is bad
    if key in ("date", "last_updated"):
        (problem,) = problems
        assert problem.subtype == "date" and problem.line == 3
        assert repr(value) in problem.message
    else:
        assert problems == []
        assert metadata.extra[key] == value.removeprefix("!!timestamp ")


def test_valid_dates_in_other_keys_are_text_not_date_objects() -> None:
    metadata, _, _ = read_post(
        post("title: T\nevent_date: 2025-07-01\nlast_updated: 2025-07-02"), filename="x.md"
    )
    assert metadata.extra["event_date"] == "2025-07-01"
    assert metadata.date == dt.datetime(2025, 7, 2)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("n: " + "1" * 5000, "Exceeds the limit"),  # int(): more than 4300 digits
        ("flag: !!bool maybe", "'maybe'"),  # KeyError
        ("n: !!int abc", "'abc'"),  # ValueError
    ],
)
def test_values_pyyaml_cannot_construct_are_a_warning_on_their_line(line: str, shown: str) -> None:
    metadata, _, problems = read_post(
        post(f"title: T\n{line}\npublished: false"), filename="2025-01-10-x.md"
    )
    (problem,) = problems
    assert problem.subtype == "frontmatter" and problem.line == 3
    assert shown in problem.message
    assert metadata.title == "T" and metadata.published is False


def alias_bomb(levels: int = 9) -> str:
    """The classic "billion laughs": 9 levels of 9 aliases, under 400 bytes."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"[: levels - 1], strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + f"\ntitle: *{'abcdefghi'[levels - 1]}"


def test_alias_bomb_is_refused_before_it_is_expanded() -> None:
    bomb = alias_bomb()
    assert len(bomb.encode()) < 400
    metadata, _, problems = read_post(
        post(bomb + "\npublished: false\nlast_updated: 2025/01/02"), filename="2025-01-10-x.md"
    )
    assert [p.subtype for p in problems] == ["frontmatter", "title"]
    assert "more than 10000 values" in problems[0].message
    assert problems[0].line == 6  # where the count went past the limit
    # the post is still built: its title from the file name, its one-line keys kept
    assert metadata.title == "X"
    assert metadata.published is False and metadata.date == dt.datetime(2025, 1, 2)


def test_small_aliases_are_still_read() -> None:
    metadata, _, problems = read_post(
        post("tags: &t [a, b]\nalso: *t\ntitle: T"), filename="2025-01-10-x.md"
    )
    assert problems == [] and metadata.tags == ("a", "b")
    assert metadata.extra["also"] == ["a", "b"]


def test_recursive_alias_is_refused() -> None:
    _, front_matter, problems = read_post(
        post("title: T\nloop: &r [*r]"), filename="2025-01-10-x.md"
    )
    assert [p.subtype for p in problems] == ["frontmatter"]
    assert "*r refers to a value that contains it" in problems[0].message
    assert front_matter is not None and front_matter.data == {"title": "T"}


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deep_nesting_is_refused_without_recursion(depth: int) -> None:
    # 1000 levels raised RecursionError (repr, MyST); 100,000 crashed libyaml's composer
    text = post("title: " + "[" * depth + "]" * depth + "\nlast_updated: 2025/01/02")
    metadata, _, problems = read_post(text, filename="2025-01-10-deep-title.md")
    assert [p.subtype for p in problems] == ["frontmatter", "title"]
    assert problems[0].line == 2 and "more than 32 deep" in problems[0].message
    assert metadata.title == "Deep title" and metadata.date == dt.datetime(2025, 1, 2)


def test_nesting_at_the_limit_is_read() -> None:
    # the front matter's own mapping is the first level
    metadata, _, problems = read_post(
        post("title: T\nx: " + "[" * 31 + "]" * 31), filename="2025-01-10-x.md"
    )
    assert problems == []
    value, depth = metadata.extra["x"], 1
    while value:
        (value,), depth = value, depth + 1
    assert depth == 31


def test_nesting_through_an_alias_counts() -> None:
    deep = "[" * 20 + "]" * 20
    _, _, problems = read_post(
        post(f"title: T\na: &a {deep}\nb: [[[[[[[[[[[[*a]]]]]]]]]]]]"), filename="2025-01-10-x.md"
    )
    assert [p.subtype for p in problems] == ["frontmatter"]
    assert "more than 32 deep" in problems[0].message


def test_load_yaml_applies_the_same_rules() -> None:
    import yaml

    from sphinx_labnews.frontmatter import load_yaml

    assert load_yaml("when: 2021-02-30\nn: 1") == {"when": "2021-02-30", "n": 1}
    with pytest.raises(yaml.YAMLError, match="10000 values"):
        load_yaml(alias_bomb())


@pytest.mark.parametrize(
    "value",
    ["July 1st", "Tuesday", "'12'", "2025-07", "'2025'", "Jul 2025", "Feb 29", "1 July"],
)
def test_dates_missing_a_part_are_not_completed_from_the_clock(value: str) -> None:
    metadata, _, problems = read_post(
        post(f"title: T\nlast_updated: {value}"), filename="2025-01-10-x.md"
    )
    (problem,) = problems
    assert problem.subtype == "date" and problem.line == 3
    assert "does not give a year, a month and a day" in problem.message
    assert metadata.date == dt.datetime(2025, 1, 10)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("July 1st 2025", dt.datetime(2025, 7, 1)),
        ("1 July 2025", dt.datetime(2025, 7, 1)),
        ("Feb 29 2024", dt.datetime(2024, 2, 29)),
        ("2025-07-27T10:00:00Z", dt.datetime(2025, 7, 27, 10)),
        ("2024-09-09 10:30:00 +08:00", dt.datetime(2024, 9, 9, 2, 30)),
        ("Tue, 1 Jul 2025 10:00:00 GMT", dt.datetime(2025, 7, 1, 10)),
    ],
)
def test_complete_dates_in_other_spellings_are_read(value: str, expected: dt.datetime) -> None:
    assert parse_post_date(value) == expected


def test_a_time_after_the_date_cannot_move_the_day() -> None:
    with pytest.raises(ValueError, match="has a time that cannot be read"):
        parse_post_date("2025-07-27 2026")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: T\n---\nBody\n", ("title: T", 3)),
        # YAML's document-end marker closes the block too, as in Jekyll
        ("---\ntitle: T\n...\nBody\n", ("title: T", 3)),
        (
            "---\ntitle: T\nlast_updated: 2020/01/01\n... \n---\n",
            ("title: T\nlast_updated: 2020/01/01", 4),
        ),
        ("---  \n---\n", ("", 2)),
        ("---\ntitle: T\nBody without a closing fence\n", (None, 0)),
        ("\n---\ntitle: T\n---\n", (None, 0)),
        ("\ufeff---\ntitle: T\n---\n", ("title: T", 3)),
    ],
)
def test_split_front_matter_fences(text: str, expected: tuple[str | None, int]) -> None:
    assert split_front_matter(text) == expected


NO_DATE = "post has no date (last_updated or date) and its file name has none; "
NAMES = "a name or a list of names"


@pytest.mark.parametrize(
    ("text", "filename", "fields", "problems"),
    [
        pytest.param(
            "Just text.\n",
            "2021-04-01-no-title.md",
            {"title": "No title", "date": dt.datetime(2021, 4, 1)},
            [
                ("frontmatter", 1, "post has no front matter (a '---' block on line 1)"),
                ("title", 1, "post has no title; using 'No title' from its file name"),
            ],
            id="no-front-matter",
        ),
        pytest.param(
            "---\ntitle: T\n---\nBody\n",
            "notes.md",
            # no published key: published
            {"title": "T", "date": None, "published": True},
            [("date", 1, NO_DATE + "the post is listed as a draft")],
            id="no-date-anywhere",
        ),
        pytest.param(
            "---\ntitle: T\ndate: 2021-02-30\nlast_updated: 2020/01/01\n---\n",
            "undated.md",
            {"date": None},
            [
                (
                    "date",
                    3,
                    "date: '2021-02-30' is not a date that exists (day is out of range for "
                    "month); the post is listed as a draft",
                )
            ],
            id="bad-date-wins-over-last-updated",
        ),
        pytest.param(
            "---\ntitle: T\ndate: 2020-01-01\nauthor: Smith, John\ngroup: Lab, News\n"
            "tags: a, b\n---\n",
            "x.md",
            {"authors": ("Smith, John",), "categories": ("Lab, News",), "tags": ("a", "b")},
            [],
            id="only-tags-split-at-commas",
        ),
        pytest.param(
            "---\ntitle: [T]\ndate: 2020-01-01\nauthor: {a: 1}\ngroup: [ok, {b: 1}]\n"
            "tags: {x: 1}\ncover: [c.png]\noneline_description: [d]\nabout: 3\n---\n",
            "x.md",
            {
                "title": "X",
                "authors": (),
                "categories": ("ok",),
                "tags": (),
                "cover": None,
                "description": None,
                "about": None,
            },
            [
                ("field_type", 2, "front-matter field 'title' should be text, got ['T']"),
                ("title", 2, "post has no title; using 'X' from its file name"),
                ("field_type", 4, f"front-matter field 'author' should be {NAMES}, got {{'a': 1}}"),
                (
                    "field_type",
                    5,
                    f"front-matter field 'group' should be {NAMES}, got ['ok', {{'b': 1}}]",
                ),
                (
                    "field_type",
                    6,
                    "front-matter field 'tags' should be a list or a comma-separated string, "
                    "got {'x': 1}",
                ),
                (
                    "field_type",
                    7,
                    "front-matter field 'cover' should be an image path, got ['c.png']",
                ),
                (
                    "field_type",
                    8,
                    "front-matter field 'oneline_description' should be text, got ['d']",
                ),
                (
                    "field_type",
                    9,
                    "front-matter field 'about' should be true, false or a list of About block "
                    "keys, got 3",
                ),
            ],
            id="wrong-types",
        ),
        pytest.param(
            "---\ntitle: T\ndate: 2020-01-01\nauthor: [Ann, '..']\ngroup: ['/']\n"
            "tags: [ok, '.']\n---\n",
            "x.md",
            {"authors": ("Ann",), "categories": (), "tags": ("ok",)},
            [
                (
                    "field_type",
                    4,
                    "author '..' has no letter or digit to name its archive page; it is left out",
                ),
                (
                    "field_type",
                    5,
                    "group '/' has no letter or digit to name its archive page; it is left out",
                ),
                (
                    "field_type",
                    6,
                    "tag '.' has no letter or digit to name its archive page; it is left out",
                ),
            ],
            id="names-without-a-slug",
        ),
    ],
)
def test_each_problem_is_typed_located_and_worded(
    text: str, filename: str, fields: dict, problems: list[tuple[str, int, str]]
) -> None:
    """The warnings users see: subtype (to suppress), line and message, exactly."""
    metadata, _, found = read_post(text, filename=filename)
    assert [(p.subtype, p.line, p.message) for p in found] == problems
    assert {name: getattr(metadata, name) for name in fields} == fields


@pytest.mark.parametrize(
    ("text", "data", "key_lines", "end_line", "problems"),
    [
        pytest.param("---\n---\n", {}, {}, 2, [], id="empty"),
        pytest.param(
            "---\n- a\n- b\n---\n",
            {},
            {},
            4,
            [("frontmatter", 2, "front matter is not a mapping of keys to values but a seq")],
            id="a-list",
        ),
        pytest.param(
            "---\ntitle: A\ntitle: B\n---\n",
            {"title": "B"},
            {"title": 3},
            4,
            [
                (
                    "frontmatter",
                    3,
                    "duplicate front-matter key 'title' (first on line 2); the last value is used",
                )
            ],
            id="duplicate-key",
        ),
        pytest.param(
            "---\ntitle: [a\nx: 1\n---\n",
            {"x": 1},
            {"x": 3},
            4,
            [
                (
                    "frontmatter",
                    2,
                    "front matter is not valid YAML: did not find expected ',' or ']'",
                )
            ],
            id="malformed-keeps-readable-keys",
        ),
        pytest.param(
            "---\nx: &a [1, 2]\ny: *a\n---\n",
            {"x": [1, 2], "y": [1, 2]},
            {"x": 2, "y": 3},
            4,
            [],
            id="aliases",
        ),
    ],
)
def test_parse_front_matter_exactly(
    text: str,
    data: dict,
    key_lines: dict,
    end_line: int,
    problems: list[tuple[str, int, str]],
) -> None:
    front_matter, found = parse_front_matter(text)
    assert (front_matter.data, front_matter.key_lines) == (data, key_lines)
    assert (front_matter.start_line, front_matter.end_line) == (1, end_line)
    assert [(p.subtype, p.line, p.message) for p in found] == problems


def _values(count: int) -> str:
    """A block of ``count`` values: the mapping, its key, the list and its items."""
    return "x: [" + ", ".join(["1"] * (count - 3)) + "]"


def _nested(depth: int) -> str:
    """A block ``depth`` levels deep: the mapping, then ``depth - 1`` lists."""
    return "x: " + "[" * (depth - 1) + "]" * (depth - 1)


def _aliased(items: int) -> str:
    """A list of ``items`` referenced twice: 3 * items + 7 values once expanded."""
    return "a: &a [" + ", ".join(["1"] * items) + "]\nb: *a\nc: *a"


TOO_MANY = f"it holds more than {MAX_VALUES} values with its aliases expanded"
TOO_DEEP = f"it nests lists and mappings more than {MAX_DEPTH} deep"


@pytest.mark.parametrize(
    ("block", "refused"),
    [
        (_values(MAX_VALUES), None),
        (_values(MAX_VALUES + 1), (2, TOO_MANY)),
        (_aliased((MAX_VALUES - 7) // 3), None),
        (_aliased((MAX_VALUES - 7) // 3 + 1), (4, TOO_MANY)),
        (_nested(MAX_DEPTH), None),
        (_nested(MAX_DEPTH + 1), (2, TOO_DEEP)),
        # an alias is as deep as what it names, plus where it is used
        ("a: &a " + _nested(MAX_DEPTH)[3:] + "\nb: *a", None),
        ("a: &a " + _nested(MAX_DEPTH)[3:] + "\nb: [*a]", (3, TOO_DEEP)),
    ],
)
def test_size_limits_are_exact(block: str, refused: tuple[int, str] | None) -> None:
    _, problems = parse_front_matter(f"---\n{block}\n---\n")
    expected = []
    if refused is not None:
        line, why = refused
        message = f"front matter is refused: {why}; only its one-line keys are read"
        expected = [("frontmatter", line, message)]
    assert [(p.subtype, p.line, p.message) for p in problems] == expected


@pytest.mark.parametrize(
    ("filename", "title"),
    [
        ("news/2021-04-01-a.b.md", "A.b"),
        ("x/y/plain-name.md", "Plain name"),
        ("2021-04-01-.md", "Untitled post"),
        ("a_b.markdown", "A b"),
    ],
)
def test_title_from_filename_cases(filename: str, title: str) -> None:
    assert title_from_filename(filename) == title


def test_a_post_keeps_at_most_max_tags() -> None:
    """1000 tags on one post made 2000 feeds of 1000 categories each: tags are capped."""
    from sphinx_labnews.frontmatter import MAX_TAGS

    tags = ", ".join(f"t{number}" for number in range(MAX_TAGS + 5))
    metadata, _, problems = read_post(
        f"---\ntitle: Many\nlast_updated: 2025/01/02\ntags: {tags}\n---\n",
        filename="2025-01-02-many.md",
    )
    assert metadata.tags == tuple(f"t{number}" for number in range(MAX_TAGS))
    assert [(p.subtype, p.line) for p in problems] == [("limit", 4)]
    assert (
        f"post has {MAX_TAGS + 5} tags; only the first {MAX_TAGS} are kept" in problems[0].message
    )
    exactly, _, problems = read_post(
        "---\ntitle: Enough\ntags: " + ", ".join(f"t{n}" for n in range(MAX_TAGS)) + "\n---\n",
        filename="2025-01-02-enough.md",
    )
    assert len(exactly.tags) == MAX_TAGS and [p.subtype for p in problems] == []
