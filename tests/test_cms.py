"""The web editor's ``admin/``: generated from the site's settings, and what it writes builds.

The fixture posts in ``tests/roots/test-cms-posts/news`` are byte-for-byte copies of
what Decap CMS wrote in ``test_cms_e2e.py`` (its YAML quoting, ``last_updated`` as a
``YYYY/MM/DD`` string, booleans, ``public_folder`` image paths): one with every field,
one with no cover that opts out of the default About blocks and places one itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import build, build_copy, copy_root, needs_docs_site, run_node_tests, warnings_of

from sphinx_labnews import cms
from sphinx_labnews.config import DECAP_CMS_INTEGRITY, DECAP_CMS_URL
from sphinx_labnews.frontmatter import KNOWN_KEYS

PROJECT = Path(__file__).parent.parent
DOCS = PROJECT / "docs"
# myst-parser reads a deprecated ``self.app`` when resolving the guide's links (docs build)
pytestmark = pytest.mark.filterwarnings(
    "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
)
POSTS = ("2026-11-23-the-smart-lab-wins-cafe-award", "2026-11-23-short-note")


@pytest.fixture(scope="module")
def cms_site(tmp_path_factory: pytest.TempPathFactory):
    return build_copy("cms-posts", tmp_path_factory)


def admin_config(app) -> dict:
    return yaml.safe_load((Path(app.outdir) / "admin" / "config.yml").read_text("utf-8"))


def posts_collection(config: dict) -> dict:
    [collection] = config["collections"]
    return collection


def test_editor_fields_are_the_front_matter_mapping(cms_site) -> None:
    """One source of truth: a key the mapping knows is an editor field, or is listed in
    ``cms.NOT_EDITOR_FIELDS`` with the reason."""
    fields = {field["name"] for field in posts_collection(admin_config(cms_site))["fields"]}
    assert set(cms.NOT_EDITOR_FIELDS) <= KNOWN_KEYS
    assert fields - {"body"} == KNOWN_KEYS - set(cms.NOT_EDITOR_FIELDS)


def test_config_comes_from_the_site_settings(cms_site) -> None:
    config = admin_config(cms_site)
    assert config["backend"] == {
        "name": "github",
        "repo": "lab/news",
        "branch": "main",
        "base_url": "https://api.netlify.com",
        "auth_endpoint": "auth",
    }
    assert config["local_backend"] is True
    assert config["media_folder"] == "static/img/news"
    assert config["public_folder"] == "/static/img/news"
    collection = posts_collection(config)
    assert collection["folder"] == "news"
    assert collection["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
    assert collection["format"] == "yaml-frontmatter"
    fields = {field["name"]: field for field in collection["fields"]}
    assert fields["last_updated"]["format"] == "YYYY/MM/DD"
    assert fields["cover"]["widget"] == "image"
    assert fields["cover"]["required"] is False
    assert fields["about"] == {**fields["about"], "widget": "boolean", "default": True}


def test_fixture_posts_written_by_the_editor_build_without_warnings(cms_site) -> None:
    assert warnings_of(cms_site) == ""
    outdir = Path(cms_site.outdir)
    full = BeautifulSoup((outdir / f"news/{POSTS[0]}.html").read_text("utf-8"), "lxml")
    assert (
        full.select_one("h1")
        .get_text()
        .startswith(
            "The \u201cSmart Lab\u201d wins: Café Ω award"  # Sphinx's smart quotes
        )
    )
    assert full.select_one("img.labnews-cover")["src"].endswith("team-photo.png")
    image = full.select_one("div.labnews-centered img")
    assert image["alt"] == 'The gift: a "model" of the centre'
    assert full.select_one("div.labnews-centered figcaption").get_text().strip("\n¶") == (
        "Handed over in July"
    )
    # ``###`` under the title: the post's first section, as for the seed posts
    assert full.select_one("section.labnews-post > section > h2").get_text() == "Programme¶"
    assert "SMARTLABTEXT" in full.get_text() and "HKUSTTEXT" in full.get_text()
    short = BeautifulSoup((outdir / f"news/{POSTS[1]}.html").read_text("utf-8"), "lxml")
    assert short.select_one("img.labnews-cover") is None
    assert "HKUSTTEXT" in short.get_text()
    assert "SMARTLABTEXT" not in short.get_text()  # ``about: false``
    archive = (outdir / "news.html").read_text("utf-8")
    assert all(f"{name}.html" in archive for name in POSTS)


@pytest.mark.parametrize("name", POSTS)
def test_labnews_check_accepts_the_fixture_posts(name: str) -> None:
    root = PROJECT / "tests/roots/test-cms-posts"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), *sys.path])}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_labnews",
            "check",
            str(root / f"news/{name}.md"),
            "--conf-dir",
            str(root),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_admin_page_loads_the_pinned_script_with_integrity(cms_site) -> None:
    html = (Path(cms_site.outdir) / "admin" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "lxml")
    scripts = soup.select("script[src]")
    assert scripts[0]["src"] == DECAP_CMS_URL
    assert scripts[0]["integrity"] == DECAP_CMS_INTEGRITY
    assert scripts[0]["crossorigin"] == "anonymous"
    assert [s["src"] for s in scripts[1:]] == ["labnews-cms-myst.js", "labnews-cms.js"]
    for name in cms.ASSETS:
        assert (Path(cms_site.outdir) / "admin" / name).is_file()
    settings = json.loads(soup.select_one("#labnews-cms-settings").string)
    assert settings["aboutBlocks"] == ["smart-lab", "hkust"]
    assert settings["collection"] == posts_collection(admin_config(cms_site))["name"]


def test_settings_and_values_are_escaped(tmp_path) -> None:
    """A value with YAML or HTML syntax stays a value: safe_dump quotes it, tojson escapes it."""
    srcdir = copy_root("cms-posts", tmp_path)
    app = build(
        srcdir,
        freshenv=True,
        confoverrides={
            "labnews_cms_backend": {"name": "github", "repo": "lab/news: {x}", "branch": "#main"},
            "labnews_about_blocks": {"</script><script>alert(1)</script>": "_about/hkust.md"},
            "labnews_default_about": [],
        },
    )
    config = admin_config(app)
    assert config["backend"]["repo"] == "lab/news: {x}"
    assert config["backend"]["branch"] == "#main"
    html = (Path(app.outdir) / "admin" / "index.html").read_text("utf-8")
    assert "</script><script>alert(1)" not in html
    settings = json.loads(BeautifulSoup(html, "lxml").select_one("#labnews-cms-settings").string)
    assert settings["aboutBlocks"] == ["</script><script>alert(1)</script>"]


def test_off_by_default(tmp_path) -> None:
    app = build(copy_root("minimal", tmp_path), freshenv=True)
    assert "labnews_cms" not in warnings_of(app)
    assert not (Path(app.outdir) / "admin").exists()


def test_repo_root_is_found_from_git(tmp_path) -> None:
    """Without ``labnews_cms_repo_root`` the editor names files from the ``.git`` folder up."""
    srcdir = copy_root("cms-posts", tmp_path)
    (tmp_path / ".git").mkdir()
    app = build(srcdir, freshenv=True, confoverrides={"labnews_cms_repo_root": ""})
    assert warnings_of(app) == ""
    config = admin_config(app)
    assert posts_collection(config)["folder"] == "src/news"
    assert config["media_folder"] == "src/static/img/news"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"labnews_post_pattern": ["news/**/*"]},
            "the first labnews_post_pattern must be '<folder>/*' or '<folder>/**', got 'news/**/*'",
        ),
        (
            {"labnews_cms_media_url": "/media/"},
            "labnews_cms_media_url '/media/' does not start with a prefix of labnews_static_map",
        ),
        (
            {"labnews_cms_backend": {"name": "github"}},
            "labnews_cms_backend 'github' needs 'repo'",
        ),
        ({"labnews_cms_backend": {"repo": "a/b"}}, "labnews_cms_backend has no 'name'"),
        ({"labnews_cms_repo_root": "elsewhere"}, "is not above the source directory"),
    ],
)
def test_settings_the_editor_cannot_use_warn(tmp_path, overrides: dict, message: str) -> None:
    app = build(copy_root("cms-posts", tmp_path), freshenv=True, confoverrides=overrides)
    warnings = warnings_of(app)
    assert message in warnings
    assert "the web editor is not written [labnews.config]" in warnings
    assert not (Path(app.outdir) / "admin" / "config.yml").exists()


def test_external_script_without_integrity_warns(tmp_path) -> None:
    url = "https://cdn.example.org/decap-cms.js"
    app = build(
        copy_root("cms-posts", tmp_path),
        freshenv=True,
        confoverrides={"labnews_cms_script_url": url},
    )
    assert f"labnews_cms_script_url {url!r} is loaded from another site" in warnings_of(app)
    html = (Path(app.outdir) / "admin" / "index.html").read_text("utf-8")
    assert "integrity=" not in html


def test_media_folders_follow_the_static_map() -> None:
    static_map = {"/static/": "static/", "/static/img/": "images/"}
    assert cms.media_folders("/static/img/news/", static_map) == ("images/news", "/static/img/news")
    assert cms.media_folders("/static/files", static_map) == ("static/files", "/static/files")
    with pytest.raises(cms.CmsConfigError):
        cms.media_folders("/static/../../etc/", {"/static/": "static/"})


@needs_docs_site
def test_docs_site_loads_no_other_third_party_script(tmp_path) -> None:
    """The lab's site turns the editor on; only ``admin/`` loads a script from elsewhere."""
    srcdir = tmp_path / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir, freshenv=True)
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    external = {}
    for html in outdir.rglob("*.html"):
        sources = re.findall(r"<script[^>]*\ssrc=[\"']?((?:https?:)?//[^\"' >]+)", html.read_text())
        if sources:
            external[html.relative_to(outdir).as_posix()] = sources
    assert external == {"admin/index.html": [DECAP_CMS_URL]}
    config = admin_config(app)
    assert posts_collection(config)["folder"] == "docs/news"
    assert config["media_folder"] == "docs/static/img/news"


def test_node_unit_tests_of_the_myst_functions() -> None:
    run_node_tests("cms-myst.test.js")


def test_no_editor_in_builders_for_offline_reading(tmp_path) -> None:
    app = build(copy_root("cms-posts", tmp_path), "epub", freshenv=True)
    assert not (Path(app.outdir) / "admin").exists()


def test_no_change_build_leaves_admin_alone(tmp_path) -> None:
    srcdir = copy_root("cms-posts", tmp_path)
    app = build(srcdir, freshenv=True)
    files = sorted((Path(app.outdir) / "admin").iterdir())
    before = {path.name: path.stat().st_mtime_ns for path in files}
    build(srcdir)
    assert {path.name: path.stat().st_mtime_ns for path in files} == before
