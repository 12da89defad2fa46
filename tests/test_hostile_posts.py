"""Property-based tests: whatever a pull request puts in a post, the site builds and stays honest.

Each hypothesis example writes a *batch* of generated posts into a copy of
``tests/roots/test-hostile`` and builds it once (one build per post would take
minutes). Every generated text value carries a marker tag, ``<x-mark-N>``; for
each build we assert that

* the build finishes;
* every published post (as :func:`~sphinx_labnews.frontmatter.read_post` reads
  it: published, with a date no later than today) is listed exactly once in the
  all-news page and in both feeds, and nothing else is;
* every warning starts with the path of the file it is about;
* no marker reaches an HTML page, a feed or the search index unescaped;
* file names carry glob and quote characters (``[ ] * ? ' "`` and spaces): an
  unpublished post's own word is in no output file, a published post's is on its page.

Raw HTML in a post *body* is a Markdown feature and is kept on the post's own
page (and its excerpt); it must still never reach the feeds, a page's ``<head>``
(title and meta tags) or the search index as markup.

``LABNEWS_HYPOTHESIS_EXAMPLES`` raises the number of batches (default 10, about
200 posts; the longest test of the suite).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOTS, build, warnings_of
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sphinx_labnews.frontmatter import read_post

settings.register_profile(
    "labnews-hostile",
    max_examples=int(os.environ.get("LABNEWS_HYPOTHESIS_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("LABNEWS_HYPOTHESIS_RANDOM") is None,
    # one example is a whole Sphinx build: shrinking would take many minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    print_blob=True,
)

MARK = "x-mark"
#: Counted across the session, reported by ``test_report_counts``.
STATS: dict[str, int] = {"batches": 0, "posts": 0, "published": 0, "warnings": 0}

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</title><script>alert(1)</script>",
    "]]><!--",
    "&amp; & &lt; &#x3c;",
    "{{ 7*7 }} {% raw %}",
    "\x00\x07\x1b[31m\x7f\x85\u2028\u2029",
    "\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "e\u0301\u0301\u0301 🎉👩🏽‍🔬",
    "!!!",
    "line one\nline two\r\nline three",
    "",
    " ",
    "---",
    "title: inner",
]


def _with_mark(text: str) -> str:
    return f"{text}<{MARK}>"


text_values = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40),
    # huge strings: hypothesis cannot draw 100k characters, so repeat a small one
    st.builds(lambda s, n: (s or "a") * n, st.text(min_size=1, max_size=4), st.just(25_000)),
).map(_with_mark)

date_values = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(
        min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31), timezones=st.none()
    ),
    st.sampled_from(
        [
            "2025/07/27",
            "2025/02/30",
            "0001-01-01 00:00:00 +0500",
            "9999-12-31 23:59:59 -0500",
            "2099/01/01",
            "0000/01/01",
            "yesterday",
            "2025-07-27T10:00:00+08:00",
        ]
    ),
    text_values,
)

other_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.lists(text_values, max_size=3),
    st.dictionaries(st.sampled_from(["a", "<b>"]), text_values, max_size=2),
)

any_value = st.one_of(text_values, text_values, date_values, other_values)

FIELDS = {
    "title": st.one_of(text_values, text_values, any_value),
    "author": st.one_of(text_values, st.lists(text_values, max_size=3), any_value),
    "group": st.one_of(text_values, any_value),
    "tags": st.one_of(text_values, st.lists(text_values, max_size=4), any_value),
    "oneline_description": st.one_of(text_values, any_value),
    "cover": st.one_of(
        st.sampled_from(
            [".", "/static/", "/static/../../etc/passwd", "https://example.org/<x>.png", "a b.png"]
        ),
        text_values,
        any_value,
    ),
    "last_updated": date_values,
    "date": date_values,
    "published": st.one_of(
        st.booleans(), st.sampled_from(["false", "no", "yes", "maybe", "0"]), any_value
    ),
    "layout": text_values,
    "unknown_<key>": any_value,
}

front_matters = st.fixed_dictionaries(
    {}, optional={key: strategy for key, strategy in FIELDS.items()}
)

bodies = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<script>alert('body')</script><x-body-mark>",
                "### Heading <x-body-mark>",
                "# Top heading",
                "<div align='center'><x-body-mark></div>",
                "[link](javascript:alert(1))",
                "![img](/static/../../etc/passwd)",
                "```{raw} html\n<x-body-mark>\n```",
            ]
        ),
        st.text(max_size=80),
    ),
    max_size=4,
).map("\n\n".join)

#: Wrong on purpose: YAML that does not parse, duplicate keys, no front matter at all.
BREAKAGES = [
    None,
    None,
    None,
    "title: [unclosed <x-mark>\n",
    "title: dup <x-mark>\n",
    "published: false\npublished: true\n",
    ": no key\n",
]

#: Characters Sphinx's exclude patterns read as globs, quotes, spaces.
name_tails = st.one_of(st.just(""), st.text(alphabet="[]*?'\" ab!", max_size=6))

posts = st.tuples(
    front_matters,
    bodies,
    st.sampled_from(["2025-01-02-", "", "1999-12-31-", "2025-02-30-", "2999-01-01-"]),
    st.sampled_from(BREAKAGES),
    st.sampled_from(["front matter", "front matter", "none", "bom", "crlf"]),
    name_tails,
)


def own_word(number: int) -> str:
    """A word only post ``number`` has, first in its body."""
    return f"ownword{number}q"


def render_post(front_matter: dict[str, Any], body: str, breakage: str | None, form: str) -> str:
    yaml_text = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    if breakage:
        yaml_text += breakage
    text = f"---\n{yaml_text}---\n\n{body}\n"
    if form == "none":
        text = body + "\n"
    elif form == "bom":
        text = "\ufeff" + text
    elif form == "crlf":
        text = text.replace("\n", "\r\n")
    return text


def expected_published(srcdir: Path) -> set[str]:
    """The posts that must be listed, read the way the extension reads them."""
    tomorrow = dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time())
    published = set()
    for path in (srcdir / "news").glob("*.md"):
        metadata, _, _ = read_post(path.read_text("utf-8-sig"), filename=path.name)
        if metadata.published and metadata.date is not None and metadata.date < tomorrow:
            published.add(f"news/{path.stem}")
    return published


def feed_docnames(path: Path, base_url: str) -> list[str]:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path.name, feed.bozo_exception)
    return [
        unquote(entry.link.removeprefix(base_url).removesuffix(".html")) for entry in feed.entries
    ]


def listed_docnames(outdir: Path) -> list[str]:
    """The posts All news lists, over all its pages: ``news.html``, then each page its
    ``<link rel="next">`` (older news) names."""
    listed: list[str] = []
    path: Path | None = outdir / "news.html"
    while path is not None:
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        folder = path.parent.relative_to(outdir).as_posix()
        for link in soup.select(".labnews-card .sd-card-title a"):
            target = posixpath.normpath(posixpath.join(folder, unquote(link["href"])))
            listed.append(target.removesuffix(".html"))
        older = soup.select_one('head link[rel="next"]')
        path = outdir / posixpath.normpath(posixpath.join(folder, older["href"])) if older else None
    return listed


def check_own_words(srcdir: Path, outdir: Path, names: dict[int, str]) -> None:
    """An unpublished post's word is in no output file; a published post's is on its page."""
    outputs = {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in outdir.rglob("*")
        if path.is_file()
    }
    for number, name in names.items():
        path = srcdir / "news" / name
        metadata, _, _ = read_post(path.read_text("utf-8-sig"), filename=name)
        word = own_word(number).encode()
        if metadata.published:
            assert word in outputs[f"news/{name[:-3]}.html"], name
        else:
            assert [where for where, data in outputs.items() if word in data] == [], name


def check_no_unescaped_markers(outdir: Path) -> None:
    for path in outdir.rglob("*"):
        if path.suffix not in {".html", ".xml", ".js"} or "_static" in path.parts:
            continue
        text = path.read_text("utf-8")
        where = path.relative_to(outdir).as_posix()
        if path.name == "searchindex.js":
            # data, not markup: the whole index must be one JSON value, which
            # Sphinx's search page escapes (``_escapeHTML``) before showing
            payload = text.removeprefix("Search.setIndex(").removesuffix(")")
            json.loads(payload)
            continue
        found = text.find(f"<{MARK}")
        assert found < 0, (where, text[max(0, found - 300) : found + 20])
        if path.suffix == ".xml":
            assert "<x-body-mark" not in text, where
        else:
            head = text.split("</head>", 1)[0]
            assert "<x-body-mark" not in head, where


#: Warnings about the process, not a post: sphinx.testing sets Sphinx up many times.
GLOBAL_WARNINGS = ("[app.add_node]", "[app.add_directive]", "[app.add_role]")


def check_warnings_name_files(warnings: str, srcdir: Path) -> None:
    for line in warnings.splitlines():
        if "WARNING:" not in line and "ERROR:" not in line:
            continue
        if line.endswith(GLOBAL_WARNINGS):
            continue
        assert line.startswith(str(srcdir)), line


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(settings.get_profile("labnews-hostile"))
@given(batch=st.lists(posts, min_size=15, max_size=25))
def test_hostile_posts_build_honestly(batch, tmp_path_factory) -> None:
    srcdir = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    names = {}
    for number, (front_matter, body, prefix, breakage, form, tail) in enumerate(batch):
        text = render_post(front_matter, f"{own_word(number)}\n\n{body}", breakage, form)
        names[number] = f"{prefix}p{number}{tail}.md"
        (srcdir / "news" / names[number]).write_text(text, "utf-8", newline="")
    app = build(srcdir)
    app.cleanup()  # restore docutils' registries, or later builds warn about them
    outdir = Path(app.outdir)
    base_url = app.config.html_baseurl

    expected = expected_published(srcdir)
    listed = listed_docnames(outdir)
    assert sorted(listed) == sorted(expected)
    for feed in ("atom.xml", "rss.xml"):
        assert sorted(feed_docnames(outdir / "news" / feed, base_url)) == sorted(expected)

    warnings = warnings_of(app)
    check_warnings_name_files(warnings, srcdir)
    check_no_unescaped_markers(outdir)
    check_own_words(srcdir, outdir, names)

    STATS["batches"] += 1
    STATS["posts"] += len(batch)
    STATS["published"] += len(expected)
    STATS["warnings"] += warnings.count("WARNING:")


def test_report_counts(capsys) -> None:
    """Not a check: prints how much the property test above generated (run it with -s)."""
    with capsys.disabled():
        print(f"\nhostile posts: {STATS}")


def test_markers_would_be_caught(tmp_path: Path) -> None:
    """The marker check itself fails on an unescaped marker."""
    (tmp_path / "page.html").write_text(f"<html><head></head><body><{MARK}></body></html>")
    try:
        check_no_unescaped_markers(tmp_path)
    except AssertionError:
        return
    raise AssertionError("an unescaped marker went unnoticed")


# ------------------------------------------------------------ nested YAML (issue 12)

#: Scalars PyYAML used to turn into dates (raising ValueError for impossible ones), or
#: cannot construct, or that dateutil completed from the clock.
HOSTILE_SCALARS = [
    "2021-02-30",
    "2025-31-12",
    "2025-07-27 25:61:00",
    "2025-07-27",
    "2001-12-14t21:59:43.10-05:00",
    "!!timestamp 2021-02-30",
    "!!bool maybe",
    "!!int abc",
    "!!float x",
    "1" * 5000,
    "July 1st",
    "Tuesday",
    "'12'",
    "2025-07",
    "~",
    "<x-mark>",
]


@st.composite
def nested_yaml(draw) -> str:
    """A front-matter block of flow-style YAML: deep lists and mappings, anchors and
    aliases (also to undefined and enclosing anchors), and date-like scalars in any key."""
    anchors: list[str] = []
    open_anchors: list[str] = []

    def node(depth: int) -> str:
        kinds = ["scalar", "scalar", "text", "alias"]
        if depth < 5:
            kinds += ["seq", "map", "seq", "deep"]
        kind = draw(st.sampled_from(kinds))
        if kind == "scalar":
            return draw(st.sampled_from(HOSTILE_SCALARS))
        if kind == "text":
            return json.dumps(draw(st.text(max_size=10)))
        if kind == "alias":
            known = anchors + open_anchors + ["undefined"]
            return "*" + draw(st.sampled_from(known))
        if kind == "deep":
            levels = draw(st.sampled_from([8, 31, 33, 300, 3000]))
            return "[" * levels + "]" * levels
        anchor = ""
        if draw(st.booleans()):
            anchor = f"a{len(anchors) + len(open_anchors)}"
            open_anchors.append(anchor)
        width = draw(st.integers(min_value=0, max_value=9))
        if kind == "seq":
            text = "[" + ", ".join(node(depth + 1) for _ in range(width)) + "]"
        else:
            keys = draw(
                st.lists(st.sampled_from(["k", "date", "2025-31-12", "<b>"]), max_size=width)
            )
            text = "{" + ", ".join(f"{json.dumps(key)}: {node(depth + 1)}" for key in keys) + "}"
        if anchor:
            open_anchors.remove(anchor)
            anchors.append(anchor)
            return f"&{anchor} {text}"
        return text

    keys = draw(
        st.lists(
            st.sampled_from(
                [
                    "title",
                    "last_updated",
                    "date",
                    "tags",
                    "group",
                    "author",
                    "published",
                    "event_date",
                    "x",
                ]
            ),
            min_size=1,
            max_size=6,
        )
    )
    return "".join(f"{key}: {node(0)}\n" for key in keys)


def check_read_post_never_raises(block: str) -> None:
    metadata, front_matter, problems = read_post(
        f"---\n{block}---\n\nBody.\n", filename="2025-01-10-nested.md"
    )
    assert metadata.title  # a title always, from the file name if need be
    assert metadata.date is not None  # a date always, from the file name if need be
    repr(front_matter.data)  # bounded depth: no RecursionError in repr, echo or JSON
    json.dumps(front_matter.data, default=str)
    assert all(p.line is None or p.line >= 1 for p in problems)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(settings.get_profile("labnews-hostile"), max_examples=300)
@given(block=nested_yaml())
def test_nested_yaml_never_breaks_read_post(block: str) -> None:
    check_read_post_never_raises(block)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(settings.get_profile("labnews-hostile"), max_examples=3)
@given(blocks=st.lists(nested_yaml(), min_size=10, max_size=15))
def test_nested_yaml_never_breaks_the_build(blocks: list[str], tmp_path_factory) -> None:
    srcdir = tmp_path_factory.mktemp("nested") / "src"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    for number, block in enumerate(blocks):
        text = f"---\n{block}---\n\nBody of post {number}.\n"
        (srcdir / "news" / f"2025-01-{number + 10:02d}-n{number}.md").write_text(text, "utf-8")
    app = build(srcdir)
    outdir = Path(app.outdir)
    # every published post is built (with its file name's title and date if need be)
    expected = expected_published(srcdir)
    for docname in expected:
        assert (outdir / f"{docname}.html").is_file()
    assert sorted(listed_docnames(outdir)) == sorted(expected)
    warnings = warnings_of(app)
    check_warnings_name_files(warnings, srcdir)
    assert "Traceback" not in warnings and "RecursionError" not in warnings
    check_no_unescaped_markers(outdir)
