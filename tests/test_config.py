"""Configuration: typed options, news-site defaults, the canonical URL."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from sphinx.testing.util import SphinxTestApp

import sphinx_labnews
from sphinx_labnews.config import FIELDS, instance_of


def test_setup_declares_its_parallel_safety(make_app, rootdir: Path, tmp_path: Path) -> None:
    app = make_app("html", srcdir=_copy(rootdir, tmp_path))
    metadata = app.extensions["sphinx_labnews"]
    assert metadata.version == sphinx_labnews.__version__
    assert metadata.parallel_read_safe is True
    assert app.extensions["ablog"].parallel_read_safe is True
    assert metadata.parallel_write_safe is True
    for extension in ["myst_parser", "ablog", "sphinx_design"]:
        assert extension in app.extensions


@pytest.mark.sphinx(
    "html", testroot="minimal", confoverrides={"labnews_feed_formats": ["atom", "json"]}
)
def test_invalid_option_warns_by_name_and_falls_back(app: SphinxTestApp) -> None:
    assert (
        "labnews_feed_formats items must be among ['atom', 'rss'], got 'json'; "
        "using the default [labnews.config]"
    ) in app.warning.getvalue()
    assert app.config.labnews_feed_formats == ["atom", "rss"]


@pytest.mark.sphinx("html", testroot="minimal", confoverrides={"blog_path": "press"})
def test_user_settings_win_over_news_defaults(app: SphinxTestApp) -> None:
    app.build()
    assert (Path(app.outdir) / "press" / "atom.xml").is_file()
    assert (Path(app.outdir) / "press" / "category" / "news.html").is_file()


@pytest.mark.sphinx("html", testroot="minimal")
def test_news_defaults(app: SphinxTestApp) -> None:
    assert app.config.blog_path == "news"
    assert app.config.blog_title == "Minimal Lab"
    assert app.config.blog_baseurl == "https://conf.example.org/"
    assert app.config.fontawesome_included is True


def test_read_the_docs_canonical_url_wins(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://lab.readthedocs.io/en/stable/")
    app = make_app("html", srcdir=_copy(rootdir, tmp_path))
    app.build()
    feed = feedparser.parse((Path(app.outdir) / "news" / "atom.xml").read_bytes())
    assert feed.entries[0].link == "https://lab.readthedocs.io/en/stable/news/2025-01-01-only.html"
    assert app.config.html_baseurl == "https://lab.readthedocs.io/en/stable/"


def _copy(rootdir: Path, tmp_path: Path) -> Path:
    import shutil

    srcdir = tmp_path / "minimal"
    shutil.copytree(rootdir / "test-minimal", srcdir)
    return srcdir


@pytest.mark.parametrize(
    ("types", "value", "valid"),
    [
        ((int,), 3, True),
        ((int,), 0, True),
        # bool is a subclass of int, but labnews_feed_length = True is a mistake
        ((int,), True, False),
        ((int,), False, False),
        ((int,), "3", False),
        ((bool,), True, True),
        ((bool, str), False, True),
        ((bool, str), "http://127.0.0.1:8081/api/v1", True),
        ((bool, str), 1, False),
    ],
)
def test_instance_of_rejects_bool_for_int(
    types: tuple[type, ...], value: object, valid: bool
) -> None:
    error = instance_of(*types)(value)
    assert (error is None) is valid
    if not valid:
        assert error.endswith(f"not {type(value).__name__}")


def test_every_int_option_rejects_a_bool() -> None:
    for config_field in FIELDS:
        if config_field.metadata["types"] == (int,):
            assert config_field.metadata["validator"](True) is not None, config_field.name
