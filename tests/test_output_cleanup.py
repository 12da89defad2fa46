"""What an incremental build leaves of a removed post: nothing (``compat/output_cleanup.py``).

The Sphinx builds in ``test_publication_integrity.py`` show the whole path; these call
the three clean-ups on a stand-in for the application, so each rule is checked without a
build (and ``nox -s mutation`` can run them for every mutant): which files go, which stay,
and that a search index is rewritten only when it holds a word without pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.search import js_index

from sphinx_labnews.compat.output_cleanup import (
    COPIES_RECORD,
    prune_search_index,
    remove_outputs_of_removed_docs,
    remove_unused_copies,
    setup_output_cleanup,
)


def fake_app(tmp_path: Path, **builder: Any) -> SimpleNamespace:
    outdir, doctreedir = tmp_path / "html", tmp_path / "doctrees"
    outdir.mkdir()
    doctreedir.mkdir()
    return SimpleNamespace(
        outdir=str(outdir),
        doctreedir=str(doctreedir),
        builder=SimpleNamespace(
            format="html", outdir=str(outdir), imagedir="_images", indexer=object(), **builder
        ),
        env=SimpleNamespace(images={}, dlfiles={}),
        config=SimpleNamespace(source_suffix={".rst": "restructuredtext", ".md": "markdown"}),
    )


# searchindex.js


def write_index(app: SimpleNamespace, terms: dict, titleterms: dict, spaced: bool = False) -> Path:
    text = js_index.dumps({"docnames": ["a", "b"], "terms": terms, "titleterms": titleterms})
    if spaced:  # Sphinx 8.1 writes ``"word": []``
        text = text.replace(":[]", ": []")
    path = Path(app.outdir) / "searchindex.js"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("spaced", [False, True], ids=["sphinx-9", "sphinx-8.1"])
def test_words_without_pages_leave_the_search_index(tmp_path: Path, spaced: bool) -> None:
    app = fake_app(tmp_path)
    path = write_index(
        app, {"kept": 0, "gone": [], "both": [0, 1]}, {"title": 1, "old": []}, spaced
    )
    prune_search_index(app, None)
    index = js_index.loads(path.read_text("utf-8"))
    assert index["terms"] == {"kept": 0, "both": [0, 1]}
    assert index["titleterms"] == {"title": 1}
    # written with Sphinx's serialiser: what a clean build writes
    assert path.read_text("utf-8") == js_index.dumps(index)


def test_only_terms_or_only_titleterms_emptied(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    path = write_index(app, {"kept": 0}, {"old": [], "title": 1})
    prune_search_index(app, None)
    assert js_index.loads(path.read_text("utf-8"))["titleterms"] == {"title": 1}
    path = write_index(app, {"gone": [], "kept": 0}, {"title": 1})
    prune_search_index(app, None)
    assert js_index.loads(path.read_text("utf-8"))["terms"] == {"kept": 0}


def test_an_index_with_every_word_on_a_page_is_not_rewritten(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    path = write_index(app, {"kept": 0}, {"title": [0, 1]})
    # an empty list elsewhere (not a word's pages) is no reason to rewrite
    path.write_text(path.read_text("utf-8").replace('"docnames"', '"x":[],"docnames"'), "utf-8")
    before = path.read_text("utf-8")
    path.chmod(0o444)  # a rewrite would fail
    try:
        prune_search_index(app, None)
    finally:
        path.chmod(0o644)
    assert path.read_text("utf-8") == before


@pytest.mark.parametrize(
    "change",
    [
        {"exception": RuntimeError("build failed")},
        {"format": "latex"},
        {"indexer": None},
        {"indexer": "delete"},
    ],
    ids=["failed build", "not html", "no search index built", "a builder without one"],
)
def test_the_search_index_is_left_alone(tmp_path: Path, change: dict) -> None:
    app = fake_app(tmp_path)
    path = write_index(app, {"gone": []}, {})
    before = path.read_text("utf-8")
    exception = change.get("exception")
    app.builder.__dict__.update({k: v for k, v in change.items() if k != "exception"})
    if app.builder.indexer == "delete":
        del app.builder.indexer
    prune_search_index(app, exception)
    assert path.read_text("utf-8") == before


def test_a_missing_or_foreign_search_index_is_no_error(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    prune_search_index(app, None)  # no searchindex.js
    path = Path(app.outdir) / "searchindex.js"
    path.write_text('not Sphinx: {"gone":[]}', "utf-8")
    prune_search_index(app, None)
    assert path.read_text("utf-8") == 'not Sphinx: {"gone":[]}'


def test_the_builders_own_search_index_name(tmp_path: Path) -> None:
    app = fake_app(tmp_path, searchindex_filename="search-data.js")
    path = write_index(app, {"gone": [], "kept": 0}, {})
    path = path.rename(path.with_name("search-data.js"))
    prune_search_index(app, None)
    assert js_index.loads(path.read_text("utf-8"))["terms"] == {"kept": 0}


# _images/ and _downloads/


def test_copies_no_document_uses_are_deleted_and_others_stay(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    out = Path(app.outdir)
    for name in ("_images/used.png", "_images/gone.png", "_images/math.svg", "_downloads/h/x.pdf"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(name, "utf-8")
    record = Path(app.doctreedir) / COPIES_RECORD
    record.write_text(
        json.dumps(
            {"_images": ["gone.png", "used.png"], "_downloads": ["h/x.pdf"], "_old": ["y.png"]}
        ),
        "utf-8",
    )
    (out / "_old").mkdir()
    (out / "_old" / "y.png").write_text("y", "utf-8")  # a folder the last record knew of
    app.env.images = {"news/a.png": ({"news/a"}, "used.png")}
    remove_unused_copies(app, None)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "_images/math.svg",  # not recorded as a document's copy: another extension's
        "_images/used.png",
    ]
    assert not (out / "_downloads").exists()  # the folders a deletion leaves empty go too
    assert json.loads(record.read_text("utf-8")) == {"_images": ["used.png"], "_downloads": []}


def test_the_copies_record_is_written_only_when_it_changes(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    app.env.dlfiles = {"paper.pdf": ({"news/a"}, "h1/paper.pdf")}
    remove_unused_copies(app, None)
    record = Path(app.doctreedir) / COPIES_RECORD
    assert json.loads(record.read_text("utf-8")) == {"_images": [], "_downloads": ["h1/paper.pdf"]}
    record.chmod(0o444)  # a rewrite would fail
    try:
        remove_unused_copies(app, None)
    finally:
        record.chmod(0o644)


@pytest.mark.parametrize("failed", [True, False], ids=["failed build", "not html"])
def test_copies_are_left_alone(tmp_path: Path, failed: bool) -> None:
    app = fake_app(tmp_path)
    if not failed:
        app.builder.format = "text"
    image = Path(app.outdir) / "_images" / "gone.png"
    image.parent.mkdir()
    image.write_text("x", "utf-8")
    record = Path(app.doctreedir) / COPIES_RECORD
    record.write_text(json.dumps({"_images": ["gone.png"]}), "utf-8")
    remove_unused_copies(app, RuntimeError() if failed else None)
    assert image.is_file()
    assert json.loads(record.read_text("utf-8")) == {"_images": ["gone.png"]}


# pages and _sources/ copies


def with_outputs(app: SimpleNamespace, *names: str) -> Path:
    out = Path(app.outdir)
    for name in names:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(name, "utf-8")
    return out


def files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_a_removed_posts_page_and_source_copies_are_deleted(tmp_path: Path) -> None:
    app = fake_app(tmp_path, get_outfilename=lambda doc: str(tmp_path / "html" / f"{doc}.html"))
    app.config.html_sourcelink_suffix = ".txt"
    app.config.source_suffix = {".rst": "restructuredtext", ".md": "markdown", ".txt": "text"}
    out = with_outputs(
        app,
        "news/[draft]*.html",
        "_sources/news/[draft]*.md.txt",
        "_sources/news/[draft]*.rst.txt",
        "_sources/news/[draft]*.txt",  # a .txt source: its copy keeps its name
        "news/draft.html",  # what the name would match as a glob
        "_sources/news/draft.md.txt",
        "news/kept.html",
    )
    assert remove_outputs_of_removed_docs(app, app.env, set(), set(), {"news/[draft]*"}) == []
    assert files(out) == ["_sources/news/draft.md.txt", "news/draft.html", "news/kept.html"]


def test_the_source_link_suffix_is_the_sites(tmp_path: Path) -> None:
    app = fake_app(tmp_path, get_outfilename=lambda doc: str(tmp_path / "html" / f"{doc}.html"))
    app.config.html_sourcelink_suffix = ".src"
    out = with_outputs(app, "_sources/news/a.md.src", "_sources/news/a.md.txt", "news/a.html")
    remove_outputs_of_removed_docs(app, app.env, set(), set(), {"news/a"})
    assert files(out) == ["_sources/news/a.md.txt"]


def test_builders_without_pages_are_left_alone(tmp_path: Path) -> None:
    app = fake_app(tmp_path)  # no get_outfilename: not a builder that writes pages
    app.config.html_sourcelink_suffix = ".txt"
    out = with_outputs(app, "news/a.html", "_sources/news/a.md.txt")
    assert remove_outputs_of_removed_docs(app, app.env, set(), set(), {"news/a"}) == []
    assert files(out) == ["_sources/news/a.md.txt", "news/a.html"]


def test_both_clean_ups_run_when_the_build_finishes() -> None:
    """After the builder wrote the index and copied the files; before other extensions'
    ``build-finished`` handlers (priority 500), which may publish the output."""
    connected: list[tuple[str, Any, int]] = []
    app = SimpleNamespace(
        connect=lambda event, handler, priority: connected.append((event, handler, priority))
    )
    setup_output_cleanup(app)
    assert connected == [
        ("build-finished", remove_unused_copies, 400),
        ("build-finished", prune_search_index, 400),
    ]
