"""The incremental build's bookkeeping, without a Sphinx build (fast, exact).

Fingerprints, publication order, neighbours, the set of pages to rewrite, the
records of generated outputs, and the workarounds the incremental build relies on
(``compat.ablog``, ``compat.output_cleanup``, ``compat.templates``: the env
slimming and merge, removed outputs, the template cache) are called here with small
constructed inputs; ``test_rewrites.py`` and ``test_incremental.py`` check the
same behaviour end to end with real builds. Fast enough for mutation testing
(``nox -s mutation``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from ablog.post import PostList
from docutils import nodes
from docutils.utils import new_document
from helpers import fake_env
from jinja2 import FileSystemBytecodeCache

from sphinx_labnews import __version__
from sphinx_labnews.compat.ablog import merge_info, slim_post_record
from sphinx_labnews.compat.output_cleanup import remove_outputs_of_removed_docs
from sphinx_labnews.compat.templates import cache_compiled_templates
from sphinx_labnews.directives.news_cards import news_cards
from sphinx_labnews.incremental import (
    PAGES_STATE,
    OutputRecord,
    blog_state,
    merge_listing_docs,
    neighbours,
    note_listing_doc,
    pages_to_rewrite,
    post_fingerprint,
    purge_doc,
    read_record,
    rewrite_dependent_pages,
    skip_unchanged_pages,
    write_record,
)


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:20]


def info(day: int = 1, year: int = 2025, **fields: Any) -> dict[str, Any]:
    """An ``env.ablog_posts`` entry as ablog records it."""
    values: dict[str, Any] = {
        "title": f"Post {day}",
        "date": dt.datetime(year, 1, day),
        "update": None,
        "tags": [],
        "author": [],
        "category": [],
        "excerpt": [],
        "section": None,
    }
    values.update(fields)
    return values


# --- post_fingerprint -------------------------------------------------------------


def test_fingerprint_is_a_hash_of_what_listings_show() -> None:
    image = nodes.image(uri="img/a.png", alt="ignored")
    paragraph = nodes.paragraph(text="Words")
    post = info(
        3,
        update=dt.datetime(2025, 2, 1),
        tags=["b", "a"],
        author=["Ada"],
        category=["News"],
        excerpt=[image, paragraph],
        section="part",
    )
    expected = digest(
        [
            "Post 3",
            "2025-01-03 00:00:00",
            "2025-02-01 00:00:00",
            ["a", "b"],
            ["Ada"],
            ["News"],
            ["img/a.png", "Words"],
            "part",
        ]
    )
    assert post_fingerprint(post) == expected


def test_fingerprint_of_a_post_without_fields() -> None:
    assert post_fingerprint({}) == digest([None, "None", "None", [], [], [], [], None])
    assert post_fingerprint({"excerpt": [nodes.image()]}) == digest(
        [None, "None", "None", [], [], [], [""], None]
    )


def test_fingerprint_ignores_tag_order_and_image_alt() -> None:
    one = info(tags=["a", "b"], excerpt=[nodes.image(uri="x.png", alt="one")])
    two = info(tags=["b", "a"], excerpt=[nodes.image(uri="x.png", alt="two")])
    assert post_fingerprint(one) == post_fingerprint(two)
    three = info(tags=["b", "a"], excerpt=[nodes.image(uri="y.png", alt="two")])
    assert post_fingerprint(three) != post_fingerprint(two)


# --- blog_state -------------------------------------------------------------------


def env_with(posts: dict[str, list[dict[str, Any]]], **attributes: Any) -> SimpleNamespace:
    return fake_env(ablog_posts=posts, **attributes)


def test_blog_state_orders_dated_posts_by_date_then_file() -> None:
    posts = {
        "news/b": [info(2, title="Aardvark")],
        "news/a": [info(2, title="Zebra")],
        "news/old": [info(1)],
        "news/draft": [info(5, date=None)],
        "news/empty": [],
    }
    state = blog_state(env_with(posts))
    assert state["order"] == ["news/old", "news/a", "news/b"]
    assert sorted(state["posts"]) == ["news/a", "news/b", "news/draft", "news/old"]
    assert state["posts"]["news/a"] == post_fingerprint(posts["news/a"][0])
    assert blog_state(fake_env()) == {
        "posts": {},
        "order": [],
        "sidebars": digest([{"tags": {}, "author": {}, "category": {}, "year": {}}, []]),
    }


def test_sidebars_fingerprint_holds_counts_and_the_six_newest() -> None:
    posts = {
        "news/a": [info(1, year=2024, tags=["x"], author=["Ada"], category=["News"])],
        "news/b": [info(2, tags=["x", "y"])],
        "news/c": [info(3, date=None, tags=["z"])],  # a draft counts nowhere
        "news/d": [info(4)],
    }
    counts = {
        "tags": {"x": 2, "y": 1},
        "author": {"Ada": 1},
        "category": {"News": 1},
        "year": {"2024": 1, "2025": 2},
    }
    recent = [["news/a", "Post 1"], ["news/b", "Post 2"], ["news/d", "Post 4"]]
    assert blog_state(env_with(posts))["sidebars"] == digest([counts, recent])


def sidebars(posts: dict[str, list[dict[str, Any]]]) -> str:
    return blog_state(env_with(posts))["sidebars"]


def test_sidebars_show_the_six_newest_titles_only() -> None:
    posts = {f"news/{day}": [info(day)] for day in range(1, 9)}
    before = sidebars(posts)
    posts["news/2"] = [info(2, title="Retitled, seventh newest")]
    assert sidebars(posts) == before
    posts["news/3"] = [info(3, title="Retitled, sixth newest")]
    assert sidebars(posts) != before


# --- neighbours and pages_to_rewrite ----------------------------------------------

ORDER = ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("docname", "expected"),
    [("a", ["b"]), ("b", ["a", "c"]), ("d", ["c"]), ("x", [])],
)
def test_neighbours(docname: str, expected: list[str]) -> None:
    assert neighbours(ORDER, docname) == expected
    index = {d: i for i, d in enumerate(ORDER)}
    assert neighbours(ORDER, docname, index) == expected


def test_neighbours_of_a_single_post() -> None:
    assert neighbours(["a"], "a") == []


def state(order: list[str], changed: str = "", sidebars: str = "s") -> dict[str, Any]:
    return {
        "posts": {d: ("new" if d == changed else "same") for d in order},
        "order": order,
        "sidebars": sidebars,
    }


def test_first_build_and_no_change_rewrite_nothing() -> None:
    assert pages_to_rewrite(None, state(ORDER), ["index"]) == set()
    assert pages_to_rewrite(state(ORDER), state(ORDER), ["index"]) == set()


def test_an_edited_post_rewrites_listings_and_both_neighbours() -> None:
    old, new = state(list("abcdefg")), state(list("abcdefg"), changed="d")
    assert pages_to_rewrite(old, new, ["index"]) == {"index", "c", "e"}


def test_an_added_post_rewrites_its_neighbours() -> None:
    old = state(list("abde"))
    new = state(list("abcde"), changed="c")
    assert pages_to_rewrite(old, new, ["index"]) == {"index", "b", "c", "d"}


def test_a_removed_post_rewrites_its_old_neighbours() -> None:
    old = state(list("abcde"))
    new = state(list("abde"))
    assert pages_to_rewrite(old, new, []) == {"b", "d"}


def test_a_moved_post_rewrites_old_and_new_neighbours() -> None:
    old = state(list("abcdefg"))
    new = state(list("abcefdg"))
    new["posts"]["d"] = "moved"
    assert pages_to_rewrite(old, new, []) == {"c", "d", "e", "f", "g"}


def test_a_reordering_without_fingerprint_change_rewrites_posts_whose_neighbours_moved() -> None:
    old = state(list("abcdef"))
    new = state(list("abdcef"))
    assert pages_to_rewrite(old, new, ["index"]) == {"index", "b", "c", "d", "e"}


def test_site_wide_sidebars_rewrite_every_post_when_they_change() -> None:
    old = state(list("abcdef"), sidebars="one")
    new = state(list("abcdef"), changed="f", sidebars="two")
    everything = {"index", *"abcdef"}
    assert pages_to_rewrite(old, new, ["index"]) == everything
    assert pages_to_rewrite(old, new, ["index"], site_wide_sidebars=True) == everything
    assert pages_to_rewrite(old, new, ["index"], site_wide_sidebars=False) == {"index", "e"}
    same = state(list("abcdef"), changed="c", sidebars="one")
    assert pages_to_rewrite(old, same, ["index"]) == {"index", "b", "d"}


def test_an_added_or_removed_draft_rewrites_the_listings() -> None:
    """A post outside the order (no date) still changes what listings show."""
    old = state(list("abc"))
    new = state(list("abc"))
    new["posts"]["draft"] = "new"
    assert pages_to_rewrite(old, new, ["index"], site_wide_sidebars=False) == {"index"}
    assert pages_to_rewrite(new, old, ["index"], site_wide_sidebars=False) == {"index"}


def test_removed_posts_are_not_rewritten() -> None:
    old = state(list("abc"))
    new = state(list("ac"))
    assert pages_to_rewrite(old, new, ["gone-listing"]) == {"a", "c", "gone-listing"}
    new["posts"]["c"] = "changed"
    new["posts"]["b"] = "unlisted"  # in the env, not dated: not in the order
    assert pages_to_rewrite(old, new, []) == {"a", "b", "c"}


# --- the env: listing docs, slimming, parallel merges ----------------------------


def doctree_with(*children: nodes.Node) -> nodes.document:
    document = new_document("<test>")
    for child in children:
        document += child
    return document


@pytest.mark.parametrize("listing", [PostList, news_cards])
def test_note_listing_doc_remembers_pages_that_list_posts(listing: type) -> None:
    env = fake_env(docname="index")
    app = SimpleNamespace(env=env)
    note_listing_doc(app, doctree_with(nodes.section("", listing())))
    assert env.labnews_listing_docs == {"index"}
    env.docname = "about"
    note_listing_doc(app, doctree_with(nodes.paragraph(text="no list")))
    assert env.labnews_listing_docs == {"index"}
    purge_doc(app, env, "index")
    assert env.labnews_listing_docs == set()
    purge_doc(app, fake_env(), "index")  # nothing recorded yet: no error


def test_slim_post_record_drops_the_document_copy_and_excerpt_links() -> None:
    document = new_document("<post>")
    paragraph = nodes.paragraph("", "", nodes.emphasis(text="hi"))
    document += paragraph
    image = nodes.image(uri="a.png")
    document += image
    record = {"doctree": document, "excerpt": [paragraph, image]}
    other = {"doctree": "untouched"}
    env = fake_env(docname="news/a", ablog_posts={"news/a": [record], "news/b": [other]})
    slim_post_record(SimpleNamespace(env=env), document)
    assert isinstance(record["doctree"], nodes.section) and not record["doctree"].children
    assert all(
        getattr(node, "_document", None) is None
        for excerpt in record["excerpt"]
        for node in excerpt.findall(include_self=True)
    )
    assert paragraph.astext() == "hi"
    assert other == {"doctree": "untouched"}
    slim_post_record(SimpleNamespace(env=fake_env(docname="x")), document)  # no posts
    bare: dict[str, Any] = {"doctree": document}  # ablog records no excerpt for some posts
    env = fake_env(docname="news/c", ablog_posts={"news/c": [bare]})
    slim_post_record(SimpleNamespace(env=env), document)
    assert isinstance(bare["doctree"], nodes.section)


def test_merge_info_brings_in_the_parallel_readers_docs() -> None:
    env = fake_env()
    other = fake_env(
        ablog_posts={"news/a": ["A"], "news/b": ["B"], "news/c": ["C"]},
        labnews_listing_docs={"index", "news/b"},
    )
    merge_info(None, env, ["news/a", "index"], other)
    merge_listing_docs(None, env, ["news/a", "index"], other)
    assert env.ablog_posts == {"news/a": ["A"]}
    assert env.labnews_listing_docs == {"index"}
    merge_info(None, env, ["news/b"], other)
    assert env.ablog_posts == {"news/a": ["A"], "news/b": ["B"]}
    assert env.labnews_listing_docs == {"index"}  # ablog's posts only
    merge_listing_docs(None, env, ["news/b"], other)
    assert env.ablog_posts == {"news/a": ["A"], "news/b": ["B"]}
    assert env.labnews_listing_docs == {"index", "news/b"}
    merge_info(None, env, ["news/c"], fake_env())
    merge_listing_docs(None, env, ["news/c"], fake_env())
    assert env.ablog_posts == {"news/a": ["A"], "news/b": ["B"]}
    assert env.labnews_listing_docs == {"index", "news/b"}


def sphinx_config(**overrides: Any) -> SimpleNamespace:
    return SimpleNamespace(**{"html_sidebars": {}, "html_theme_options": {}, **overrides})


def test_rewrite_dependent_pages_compares_with_the_last_build() -> None:
    posts = {d: [info(day)] for day, d in enumerate(["news/a", "news/b", "news/c"], 1)}
    env = env_with(posts, found_docs={"index", "news/a", "news/b", "news/c"})
    app = SimpleNamespace(config=sphinx_config())
    assert rewrite_dependent_pages(app, env) == []  # the first build writes everything
    assert env.labnews_blog_state == blog_state(env)
    env.labnews_listing_docs = {"index", "deleted-listing"}
    posts["news/b"] = [info(2, title="Edited")]
    assert rewrite_dependent_pages(app, env) == ["index", "news/a", "news/c"]
    assert rewrite_dependent_pages(app, env) == []


def test_rewrite_dependent_pages_with_site_wide_sidebars() -> None:
    posts = {d: [info(day)] for day, d in enumerate(["news/a", "news/b", "news/c"], 1)}
    env = env_with(posts, found_docs={"index", "news/a", "news/b", "news/c"})
    app = SimpleNamespace(config=sphinx_config(html_sidebars={"**": ["ablog/recentposts.html"]}))
    rewrite_dependent_pages(app, env)
    posts["news/c"] = [info(3, title="Edited")]  # a recent post's title: every sidebar
    assert rewrite_dependent_pages(app, env) == ["news/a", "news/b", "news/c"]


# --- records of generated outputs --------------------------------------------------


def test_records_round_trip_and_tolerate_damage(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    assert read_record(path) == {}
    write_record(path, {"b": "2", "a": "1"})
    assert path.read_text("utf-8") == '{\n"a": "1",\n"b": "2"\n}'
    assert read_record(path) == {"a": "1", "b": "2"}
    path.write_text("{not json", "utf-8")
    assert read_record(path) == {}
    path.write_bytes(b"\xff\xfe")
    assert read_record(path) == {}


def record_app(tmp_path: Path, **builder: Any) -> SimpleNamespace:
    (tmp_path / "doctrees").mkdir(exist_ok=True)
    (tmp_path / "out").mkdir(exist_ok=True)
    values = {
        "outdir": str(tmp_path / "out"),
        "build_info": SimpleNamespace(config_hash="c1", tags_hash="t1"),
        "templates": SimpleNamespace(newest_template_mtime=lambda: 5.0),
        "get_outfilename": lambda page: str(tmp_path / "out" / f"{page}.html"),
    }
    values.update(builder)
    return SimpleNamespace(
        doctreedir=str(tmp_path / "doctrees"),
        builder=SimpleNamespace(**values),
        env=fake_env(
            labnews_blog_state={"posts": {"p1": "f1", "p2": "f2"}, "order": [], "sidebars": "S"}
        ),
        config=sphinx_config(),
    )


def test_output_record_fingerprint(tmp_path: Path) -> None:
    app = record_app(tmp_path)
    output = tmp_path / "out" / "page.html"
    record = OutputRecord(app, PAGES_STATE)
    assert record.path == tmp_path / "doctrees" / PAGES_STATE
    assert record.base == [__version__, "c1", "t1", 5.0, ""]
    assert record.unchanged("page", ["shown"], output) is False
    assert record.new == {"page": digest([[__version__, "c1", "t1", 5.0, ""], ["shown"]])}
    posts = [SimpleNamespace(docname="p2"), SimpleNamespace(docname="p9")]
    assert record.posts(posts) == [("p2", "f2"), ("p9", None)]
    app.config.html_sidebars = {"**": ["ablog/archives.html"]}
    assert OutputRecord(app, PAGES_STATE).base[-1] == "S"


def test_output_record_without_build_info_or_templates(tmp_path: Path) -> None:
    app = record_app(tmp_path)
    del app.builder.build_info, app.builder.templates
    app.env = fake_env(ablog_posts={"news/a": [info(1)]})
    record = OutputRecord(app, PAGES_STATE)
    assert record.base == [__version__, "", "", 0, ""]
    assert record.state == blog_state(app.env)


@pytest.mark.parametrize(
    "change",
    [
        None,
        {"config_hash": "c2"},
        {"tags_hash": "t2"},
        {"templates": SimpleNamespace(newest_template_mtime=lambda: 6.0)},
        "shown",
        "output",
    ],
)
def test_output_record_unchanged_between_builds(tmp_path: Path, change: Any) -> None:
    app = record_app(tmp_path)
    output = tmp_path / "out" / "page.html"
    output.write_text("page", "utf-8")
    first = OutputRecord(app, PAGES_STATE)
    first.unchanged("page", ["shown"], output)
    first.unchanged("gone", ["shown"], output)
    first.save()
    if isinstance(change, dict):
        if "templates" in change:
            app.builder.templates = change["templates"]
        else:
            app.builder.build_info = SimpleNamespace(**{**vars(app.builder.build_info), **change})
    elif change == "output":
        output.unlink()
    second = OutputRecord(app, PAGES_STATE)
    unchanged = second.unchanged("page", ["other" if change == "shown" else "shown"], output)
    assert unchanged is (change is None)
    assert second.gone() == {"gone"}


# --- skip_unchanged_pages ----------------------------------------------------------


def test_skip_unchanged_pages(tmp_path: Path) -> None:
    app = record_app(tmp_path)
    out = tmp_path / "out"
    tag_x = [SimpleNamespace(docname="p1")]

    class Catalog(list):
        def __str__(self) -> str:
            return "catalog-name"

    class Named(list):
        def __str__(self) -> str:
            return "other-name"

    catalog_entry = Catalog(tag_x)
    pages = {
        "news/tag": ({"title": "Tags", "catalog": [catalog_entry]}, "catalog.html"),
        "news/tag/x": ({"title": "x", "header": "Posts tagged", "collection": tag_x}, "c.html"),
        "news/other": ({"b": 2, "a": 1}, "page.html"),
    }

    def generate(given):
        assert given is app
        for name, (context, template) in pages.items():
            yield name, context, template

    def build() -> list[str]:
        written = [name for name, _context, _template in skip_unchanged_pages(generate)(app)]
        for name in written:
            (out / f"{name}.html").parent.mkdir(parents=True, exist_ok=True)
            (out / f"{name}.html").write_text("html", "utf-8")
        return written

    assert build() == ["news/tag", "news/tag/x", "news/other"]
    assert build() == []
    app.env.labnews_blog_state["posts"]["p1"] = "edited"
    assert build() == ["news/tag", "news/tag/x"]
    pages["news/tag/x"][0]["header"] = "Tagged"
    assert build() == ["news/tag/x"]
    pages["news/tag/x"][0]["title"] = "x renamed"
    assert build() == ["news/tag/x"]
    # what else the page shows (All news: its page links and filter row)
    pages["news/tag/x"][0]["labnews_page_shows"] = [[0, 2, 1], [["Tags", [["x", "news/tag/x"]]]]]
    assert build() == ["news/tag/x"]
    assert build() == []
    pages["news/tag"][0]["catalog"] = [Named(tag_x)]  # a tag renamed, same posts
    assert build() == ["news/tag"]
    pages["news/tag"][0]["title"] = "All tags"
    assert build() == ["news/tag"]
    pages["news/other"] = ({"b": 2, "a": 3}, "page.html")
    assert build() == ["news/other"]
    pages["news/other"] = ({"b": 2, "a": 3}, "other.html")
    assert build() == ["news/other"]
    # a page no longer generated is deleted, with the folder it leaves empty
    del pages["news/tag/x"]
    assert build() == []
    assert not (out / "news/tag/x.html").exists()
    assert (out / "news/tag.html").exists()
    assert read_record(tmp_path / "doctrees" / PAGES_STATE).keys() == {"news/tag", "news/other"}


def test_skip_unchanged_pages_refuses_pages_outside_the_output(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = record_app(tmp_path)

    def generate(_app):
        yield "../../escaped", {}, "page.html"
        yield "fine", {}, "page.html"

    assert [page for page, *_ in skip_unchanged_pages(generate)(app)] == ["fine"]
    assert "archive page '../../escaped' would be written to" in caplog.text
    assert read_record(tmp_path / "doctrees" / PAGES_STATE).keys() == {"fine"}


# --- removed documents and the template cache --------------------------------------


def test_outputs_of_removed_docs_are_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = [
        "news/old/post.html",
        "_sources/news/old/post.md.src",
        "_sources/news/old/post.rst.src",
        "_sources/news/old/post.src",
        "news/kept.html",
        "_sources/news/kept.md.src",
    ]
    for name in files:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("x", "utf-8")
    app = SimpleNamespace(
        builder=SimpleNamespace(
            outdir=str(out), get_outfilename=lambda docname: str(out / f"{docname}.html")
        ),
        config=SimpleNamespace(
            source_suffix={".md": "markdown", ".rst": "restructuredtext", ".src": "text"},
            html_sourcelink_suffix=".src",
        ),
    )
    assert remove_outputs_of_removed_docs(app, None, set(), set(), {"news/old/post"}) == []
    left = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert left == ["_sources/news/kept.md.src", "news/kept.html"]
    assert not (out / "news/old").exists()


def test_outputs_of_removed_docs_without_a_page_builder(tmp_path: Path) -> None:
    page = tmp_path / "out" / "a.html"
    page.parent.mkdir()
    page.write_text("x", "utf-8")
    app = SimpleNamespace(builder=SimpleNamespace(outdir=str(tmp_path / "out")), config=None)
    assert remove_outputs_of_removed_docs(app, None, set(), set(), {"a"}) == []
    assert page.exists()


def test_outputs_of_removed_docs_default_sourcelink_suffix(tmp_path: Path) -> None:
    out = tmp_path / "out"
    copy = out / "_sources" / "a.md.txt"
    copy.parent.mkdir(parents=True)
    copy.write_text("x", "utf-8")
    app = SimpleNamespace(
        builder=SimpleNamespace(outdir=str(out), get_outfilename=lambda d: str(out / f"{d}.html")),
        config=SimpleNamespace(source_suffix={".md": "markdown"}),
    )
    remove_outputs_of_removed_docs(app, None, set(), set(), {"a"})
    assert not copy.exists()


def test_compiled_templates_are_cached_in_the_doctree_dir(tmp_path: Path) -> None:
    environment = SimpleNamespace(bytecode_cache=None)
    app = SimpleNamespace(
        doctreedir=str(tmp_path / "doctrees"),
        builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)),
    )
    cache_compiled_templates(app)
    assert isinstance(environment.bytecode_cache, FileSystemBytecodeCache)
    assert environment.bytecode_cache.directory == str(tmp_path / "doctrees" / "labnews-jinja")
    assert os.path.isdir(tmp_path / "doctrees" / "labnews-jinja")
    kept = environment.bytecode_cache
    cache_compiled_templates(app)
    assert environment.bytecode_cache is kept
    again = SimpleNamespace(bytecode_cache=None)  # the next build: the folder is there
    app.builder.templates.environment = again
    cache_compiled_templates(app)
    assert isinstance(again.bytecode_cache, FileSystemBytecodeCache)
    cache_compiled_templates(SimpleNamespace(builder=SimpleNamespace()))  # no templates
    cache_compiled_templates(SimpleNamespace(builder=SimpleNamespace(templates=object())))
