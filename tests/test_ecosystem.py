"""Adding "sphinx_labnews" to an existing ablog site changes nothing its owner did not ask for.

Each ``test-ablog-*`` root reconstructs a real kind of ablog site (``.rst`` posts found by
``blog_post_pattern`` on alabaster with Font Awesome, MyST ``blogpost: true`` posts,
the owner's feed templates and Disqus, myst-nb). Each is built with its own
``extensions`` and again with "sphinx_labnews" added (first and last), and the builds
must agree on the pages written, every feed's entries, the templates' output (Disqus
threads, Font Awesome, feed links, page titles) and the warnings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import ROOTS, build, copy_root, page, warnings_of
from sphinx.testing.util import SphinxTestApp

ATOM = "{http://www.w3.org/2005/Atom}"


def site_summary(app: SphinxTestApp) -> dict[str, object]:
    """What a reader and a feed reader see of a build, and what it warned."""
    outdir = Path(app.outdir)
    pages = sorted(
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if not path.relative_to(outdir).parts[0].startswith("_")
    )
    feeds = {}
    for path in sorted(outdir.rglob("*.xml")):
        root = ET.parse(path).getroot()
        feeds[path.relative_to(outdir).as_posix()] = [
            (
                entry.findtext(f"{ATOM}title"),
                [link.get("href") for link in entry.findall(f"{ATOM}link")],
                (entry.findtext(f"{ATOM}content") or "").strip()[:200],
            )
            for entry in root.iter(f"{ATOM}entry")
        ]
    templates = {}
    for name in pages:
        text = (outdir / name).read_text("utf-8")
        templates[name] = {
            "disqus": text.count('id="disqus_thread"'),
            "fontawesome_links": len(re.findall(r"<link[^>]*font-?awesome", text)),
            "icons": len(re.findall(r'class="fa[bsr]? ', text)),
            "feed_links": len(re.findall(r"<link[^>]*application/atom\+xml", text)),
            "title": re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip(),
        }
    warnings = warnings_of(app).replace(str(app.srcdir), "<src>")
    return {"pages": pages, "feeds": feeds, "templates": templates, "warnings": warnings}


def fresh_build(srcdir: Path, **overrides: object) -> SphinxTestApp:
    """A fresh build; ``source_suffix`` is given so that no earlier build's leaks in.

    Sphinx's ``merge_source_suffix`` adds the extensions' suffixes to the default
    ``source_suffix`` dict in place, and that dict is shared by every ``Config`` of the
    process: after a MyST build, a myst-nb site finds ``.md`` mapped to ``markdown``.
    """
    overrides.setdefault("source_suffix", {".rst": "restructuredtext"})
    return build(srcdir, freshenv=True, confoverrides=overrides)


def build_with(name: str, tmp_path: Path, extensions: list[str] | None) -> SphinxTestApp:
    """A fresh build of a copy of root ``name``, with its own extensions or ``extensions``."""
    srcdir = copy_root(name, tmp_path / ("with" if extensions else "without"))
    return fresh_build(srcdir, **({"extensions": extensions} if extensions else {}))


def own_extensions(name: str) -> list[str]:
    namespace: dict[str, object] = {}
    exec((ROOTS / f"test-{name}" / "conf.py").read_text("utf-8"), namespace)
    return list(namespace["extensions"])  # type: ignore[call-overload]


SITES = ["ablog-rst", "ablog-myst", "ablog-disqus"]


@pytest.mark.parametrize("position", ["last", "first"])
@pytest.mark.parametrize("name", SITES)
def test_adding_the_extension_changes_nothing(name: str, position: str, tmp_path: Path) -> None:
    plain = own_extensions(name)
    before = site_summary(build_with(name, tmp_path, None))
    added = [*plain, "sphinx_labnews"] if position == "last" else ["sphinx_labnews", *plain]
    after = site_summary(build_with(name, tmp_path, added))
    assert after == before
    # the roots really exercise what they stand for
    assert any(before["feeds"].values())
    assert before["warnings"] == ""


def test_the_roots_have_what_they_reconstruct(tmp_path: Path) -> None:
    rst = site_summary(build_with("ablog-rst", tmp_path / "rst", ["ablog", "sphinx_labnews"]))
    entries = rst["feeds"]["blog/atom.xml"]
    assert [title for title, _links, _content in entries] == ["Second release", "First release"]
    assert rst["templates"]["posts/first.html"]["icons"] > 0
    disqus = site_summary(build_with("ablog-disqus", tmp_path / "dq", None))
    # blog_feed_length = 1, and the owner's atom and social templates
    assert len(disqus["feeds"]["blog/atom.xml"]) == 1
    assert disqus["feeds"]["blog/atom.xml"][0][2].startswith("Post number 3 #tag3 #common")
    assert "blog/social.xml" in disqus["feeds"]
    assert disqus["templates"]["about.html"]["disqus"] == 1
    assert disqus["templates"]["blog/post-1.html"]["disqus"] == 1


MYST_NB_ORDERS = [
    ["myst_nb", "ablog", "sphinx_labnews"],
    ["sphinx_labnews", "myst_nb", "ablog"],
    ["ablog", "sphinx_labnews", "myst_nb"],
]


@pytest.mark.parametrize("order", MYST_NB_ORDERS, ids="-".join)
def test_myst_nb_in_any_order(order: list[str], tmp_path: Path) -> None:
    pytest.importorskip("myst_nb")
    before = site_summary(build_with("ablog-mystnb", tmp_path, None))
    after = site_summary(build_with("ablog-mystnb", tmp_path, order))
    assert after == before
    assert "posts/notebook.html" in before["pages"]


LAB_POST = """\
---
title: 'Lab <b>news</b>'
author: Cheng Jin
group: news
last_updated: 2024/07/01
oneline_description: 'One line.'
---

### What happened

Text.
"""


@pytest.mark.parametrize(
    ("name", "extensions"),
    [
        ("ablog-myst", ["myst_parser", "ablog", "sphinx_labnews"]),
        ("ablog-mystnb", ["myst_nb", "ablog", "sphinx_labnews"]),
        ("ablog-mystnb", ["sphinx_labnews", "myst_nb", "ablog"]),
    ],
)
def test_a_lab_post_on_an_ablog_site_is_a_news_post(
    name: str, extensions: list[str], tmp_path: Path
) -> None:
    """Found by its front matter, titled from it, and listed in ablog's own feed."""
    if "myst_nb" in extensions:
        pytest.importorskip("myst_nb")
    srcdir = copy_root(name, tmp_path)
    folder = "news" if name == "ablog-myst" else "posts"
    (srcdir / folder / "lab.md").write_text(LAB_POST, "utf-8")
    app = fresh_build(srcdir, extensions=extensions)
    assert warnings_of(app) == ""
    heading = page(app, f"{folder}/lab").select_one("section.labnews-post h1")
    assert heading is not None and heading.get_text().startswith("Lab <b>news</b>")
    feed = "news/atom.xml" if name == "ablog-myst" else "blog/atom.xml"
    entries = site_summary(app)["feeds"][feed]
    assert "Lab <b>news</b>" in [title for title, _links, _content in entries]


def test_site_defaults_never_take_over_ablog_posts(tmp_path: Path) -> None:
    """``blogpost: true`` posts in news/ stay ablog's, with their H1, and each warns once."""
    app = fresh_build(
        copy_root("ablog-myst", tmp_path),
        extensions=["myst_parser", "ablog", "sphinx_labnews"],
        labnews_site_defaults=True,
    )
    warnings = warnings_of(app)
    for post in ["launch", "update"]:
        assert warnings.count(f"news/{post}.md:1: WARNING: both ablog") == 1
    assert warnings.count("[labnews.post_claim]") == 2
    assert page(app, "news/launch").select_one("h1").get_text().startswith("We launched")
    feed = ET.parse(Path(app.outdir) / "news" / "atom.xml").getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert sorted(titles) == ["An update", "We launched"]


def test_an_rst_pattern_post_stays_a_post_with_site_defaults(tmp_path: Path) -> None:
    app = fresh_build(
        copy_root("ablog-rst", tmp_path),
        extensions=["ablog", "sphinx_labnews"],
        labnews_site_defaults=True,
        labnews_post_pattern=["posts/*"],
    )
    feed = ET.parse(Path(app.outdir) / "news" / "atom.xml").getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Second release", "First release"]
