"""Unpublished means unpublished, posts never replace generated pages, output stays in outdir.

Each test builds a private copy of ``tests/roots/test-hostile-publish`` with the
hostile files added at test time (names with glob characters cannot be committed
portably) and reads the real output: every file under the output folder, the
warnings by type, and the folders around the output folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from helpers import build, copy_root, warnings_of
from hypothesis import given
from hypothesis import strategies as st
from sphinx.util.matching import _translate_pattern

from sphinx_labnews.build_marker import MARKER
from sphinx_labnews.output_paths import is_inside, remove_output
from sphinx_labnews.publishing import exact_pattern, reserved_name

REPO = Path(__file__).resolve().parent.parent

POST = """---
title: {title}
last_updated: 2025/01/15
{extra}---

Body with {word} in it.
"""


def write_post(srcdir: Path, name: str, word: str, extra: str = "") -> Path:
    path = srcdir / "news" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(POST.format(title=f"Title {word}", word=word, extra=extra), "utf-8")
    return path


def files_mentioning(outdir: Path, *words: str) -> list[str]:
    """Every output file whose name or content holds one of ``words``."""
    found = []
    for path in sorted(Path(outdir).rglob("*")):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        relative = path.relative_to(outdir).as_posix()
        data = path.read_bytes()
        for word in words:
            if word in relative or word.encode() in data:
                found.append(f"{relative}: {word}")
    return found


def listed_posts(outdir: Path) -> list[str]:
    """The posts ablog's all-posts page lists, by page."""
    text = (Path(outdir) / "news.html").read_text("utf-8")
    return sorted({unquote(link) for link in re.findall(r'href="(news/[^"#]+)\.html"', text)})


def typed(warnings: str, subtype: str) -> list[str]:
    return [line for line in warnings.splitlines() if line.endswith(f"[labnews.{subtype}]")]


# --- 1. exclusion is exact ------------------------------------------------------------


@given(st.text(alphabet="ab[]!^*?-/' \"\\é\u0301", min_size=1, max_size=12))
def test_exact_pattern_matches_only_its_file(name: str) -> None:
    relative = f"news/{name}.md"
    matcher = re.compile(_translate_pattern(exact_pattern(relative))).match
    normal = unicodedata.normalize("NFC", relative)
    assert matcher(normal)
    for other in {f"news/{name}x.md", f"news/a{name}.md", "news/a.md", "news/[.md", "news/*.md"}:
        if unicodedata.normalize("NFC", other) != normal:
            assert not matcher(unicodedata.normalize("NFC", other)), other


def test_glob_characters_in_file_names_exclude_exactly(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    unpublished = "published: false\n"
    write_post(srcdir, "2025-01-02-[draft].md", "bracketsecret", unpublished)
    write_post(srcdir, "2025-01-03-*.md", "starsecret", unpublished)
    write_post(srcdir, "2025-01-03-visible.md", "starvisible")
    write_post(srcdir, "2025-01-04-?.md", "questionsecret", unpublished)
    write_post(srcdir, "2025-01-04-a.md", "questionvisible")
    write_post(srcdir, "2025-01-05-[a].md", "classvisible")
    write_post(srcdir, "2025-01-05-a.md", "classsecret", unpublished)
    # the same name decomposed (NFD): Sphinx matches exclusions on the NFC name
    write_post(srcdir, unicodedata.normalize("NFD", "2025-01-06-café.md"), "nfdsecret", unpublished)
    app = build(srcdir, freshenv=True)
    outdir = Path(app.outdir)
    secrets = ["bracketsecret", "starsecret", "questionsecret", "classsecret", "nfdsecret"]
    assert files_mentioning(outdir, *secrets) == []
    for word, page in [
        ("starvisible", "news/2025-01-03-visible"),
        ("questionvisible", "news/2025-01-04-a"),
        ("classvisible", "news/2025-01-05-[a]"),
    ]:
        assert word in (outdir / f"{page}.html").read_text("utf-8"), page
        assert page in listed_posts(outdir)


# --- 2. posts in subfolders -----------------------------------------------------------


def test_posts_in_subfolders_are_posts_and_unpublished_ones_are_left_out(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    write_post(srcdir, "drafts/x.md", "draftsecret", "published: false\n")
    write_post(srcdir, "2025/2025-03-01-deep-[x].md", "deepsecret", "published: false\n")
    write_post(srcdir, "2025/2025-03-02-deep.md", "deepvisible")
    app = build(srcdir, freshenv=True)
    outdir = Path(app.outdir)
    assert files_mentioning(outdir, "draftsecret", "deepsecret") == []
    assert "deepvisible" in (outdir / "news/2025/2025-03-02-deep.html").read_text("utf-8")
    # a post like any other: listed, in the feed, under its date
    assert "news/2025/2025-03-02-deep" in listed_posts(outdir)
    assert "2025-03-02-deep" in (outdir / "news/atom.xml").read_text("utf-8")


# --- 3. unclear published values warn in the build -------------------------------------


def test_unclear_published_warns_in_every_build_and_stays_unpublished(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    maybe = write_post(srcdir, "2025-01-07-maybe.md", "maybesecret", "published: maybe\n")
    two = write_post(srcdir, "2025-01-08-two.md", "twosecret", "published: 2\n")
    for fresh in (True, False):  # the second build reads the verdicts from the cache
        app = build(srcdir, freshenv=fresh)
        warnings = typed(warnings_of(app), "published")
        assert len(warnings) == 2, warnings_of(app)
        assert any(w.startswith(f"{maybe}:4: WARNING:") and "'maybe'" in w for w in warnings)
        assert any(w.startswith(f"{two}:4: WARNING:") and "2" in w for w in warnings)
        assert files_mentioning(Path(app.outdir), "maybesecret", "twosecret") == []


# --- 4. reserved names -----------------------------------------------------------------

RESERVED = {
    "2025.md": "news/2025",
    "tag.md": "news/tag",
    "archive.md": "news/archive",
    "drafts.md": "news/drafts",
    "category.md": "news/category",
    "author.md": "news/author",
    "Tag/alpha.md": "news/Tag",
    "rss.xml.md": "news/rss.xml",
}


def test_reserved_name_rule() -> None:
    for name, generated in RESERVED.items():
        assert reserved_name(f"news/{name[:-3]}", "news") == generated, name
    for name in ["2025-01-01-x", "2025/2025-01-01-x", "drafts/x", "tags", "2025x", "archive/x"]:
        assert reserved_name(f"news/{name}", "news") is None, name
    assert reserved_name("other/tag", "news") is None


def test_posts_never_replace_generated_pages(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    paths = {
        name: write_post(srcdir, name, f"reserved{number}secret")
        for number, name in enumerate(RESERVED)
    }
    app = build(srcdir, freshenv=True)
    outdir = Path(app.outdir)
    warnings = typed(warnings_of(app), "reserved_name")
    assert len(warnings) == len(RESERVED), warnings_of(app)
    for name, path in paths.items():
        (line,) = [w for w in warnings if w.startswith(f"{path}:1: WARNING:")]
        assert repr(RESERVED[name]) in line and "left out" in line
    secrets = [f"reserved{number}secret" for number in range(len(RESERVED))]
    assert files_mentioning(outdir, *secrets) == []
    # ablog's pages are there, as ablog generates them
    assert "Kept post" in (outdir / "news/2025.html").read_text("utf-8")
    assert "Kept post" in (outdir / "news/tag/alpha.html").read_text("utf-8")


# --- 5. redirects stay in the output folder --------------------------------------------


def test_redirects_are_confined_and_never_fail_the_build(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    escape = "../../../../escaped-by-redirect"
    redirects = {
        escape: "news/2025-01-01-kept",
        "/tmp/absolute-by-redirect": "news/2025-01-01-kept",
        "news/../../escaped-normalised": "news/2025-01-01-kept",
        "back\\slash": "news/2025-01-01-kept",
        "nul\u0000byte": "news/2025-01-01-kept",
        "old/to-outside": "../../outside",
        "loop/a": "loop/b",
        "loop/b": "loop/a",
        "old/unpublished": "news/2025-02-01-gone",
        "news/2025-01-01-kept": "news/2025-03-01-third",
        "old/kept": "news/2025-01-01-kept",
    }
    (srcdir / "_redirects.json").write_text(json.dumps(redirects, indent=1), "utf-8")
    post = srcdir / "news/2025-02-01-gone.md"
    post.write_text(post.read_text("utf-8").replace("---\n\n", "published: false\n---\n\n"))
    app = build(srcdir, freshenv=True)
    outdir = Path(app.outdir)
    assert app.statuscode == 0
    warnings = typed(warnings_of(app), "redirect")
    for key in redirects:
        if key == "old/kept":
            continue
        assert any(repr(key) in w for w in warnings), (key, warnings_of(app))
    assert len(warnings) == len(redirects) - 1
    assert "rediraffe" not in warnings_of(app)
    # nothing written outside: the escaping key would have landed here
    assert not (outdir / f"{escape}.html").resolve().exists()
    assert not list(tmp_path.parent.glob("escaped*"))
    assert not Path("/tmp/absolute-by-redirect.html").exists()
    assert (outdir / "old/kept.html").is_file()


# --- 5b. generated files are only written and deleted under outdir ---------------------


def test_output_paths_refuse_links_out_of_the_output_folder(tmp_path: Path) -> None:
    outdir, outside = tmp_path / "out", tmp_path / "outside"
    (outdir / "news").mkdir(parents=True)
    outside.mkdir()
    (outside / "precious.html").write_text("keep me")
    (outdir / "news" / "link").symlink_to(outside)
    assert is_inside(outdir, outdir / "news" / "x.html")
    assert not is_inside(outdir, outdir / "news" / "link" / "precious.html")
    assert not is_inside(outdir, outdir / ".." / "outside" / "precious.html")
    remove_output(outdir, outdir / "news" / "link" / "precious.html")
    remove_output(outdir, outdir / ".." / "outside" / "precious.html")
    assert (outside / "precious.html").read_text() == "keep me"


# --- 6. unpublishing is complete after an incremental build -----------------------------

GONE_WORDS = ("goneaardvark", "goneokapi", "gone-cover", "gone-body", "goneonlytag")


def unpublish(srcdir: Path) -> None:
    post = srcdir / "news/2025-02-01-gone.md"
    text = post.read_text("utf-8").replace("---\n\n", "published: false\n---\n\n")
    post.write_text(text, "utf-8")


def test_unpublishing_removes_every_trace_in_an_incremental_build(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    app = build(srcdir, freshenv=True)
    outdir = Path(app.outdir)
    assert set(files_mentioning(outdir, *GONE_WORDS)) >= {
        "_images/gone-cover.png: gone-cover",
        "_images/gone-body.png: gone-body",
        "searchindex.js: goneokapi",
    }
    assert (outdir / "news/tag/goneonlytag/atom.xml").is_file()
    unpublish(srcdir)
    app = build(srcdir)
    assert warnings_of(app) == ""
    assert files_mentioning(outdir, *GONE_WORDS) == []
    assert not (outdir / "news/tag/goneonlytag").exists()
    assert not (outdir / "news/category/goneonlygroup").exists()
    # what the other posts use stays
    assert (outdir / "_images/kept-cover.png").is_file()
    assert "keptzebra" in (outdir / "searchindex.js").read_text("utf-8")


# --- 7. a killed build leaves no trusted output ----------------------------------------


def sphinx_build(srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("READTHEDOCS_CANONICAL_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", str(srcdir), str(outdir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_build_killed_after_pickling_is_not_trusted(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    outdir = tmp_path / "out"
    assert sphinx_build(srcdir, outdir).returncode == 0
    assert not (outdir / MARKER).exists()
    unpublish(srcdir)
    kill = srcdir / "KILL-WHILE-WRITING"
    kill.touch()
    killed = sphinx_build(srcdir, outdir)
    assert killed.returncode == 3, killed.stderr  # died at the first page written
    assert (outdir / ".doctrees" / "environment.pickle").is_file()
    assert (outdir / MARKER).exists()
    kill.unlink()
    result = sphinx_build(srcdir, outdir)
    assert result.returncode == 0, result.stderr
    assert not (outdir / MARKER).exists()
    assert files_mentioning(outdir, *GONE_WORDS, "2025-02-01-gone") == []
    assert "news/2025-02-01-gone" not in listed_posts(outdir)


def test_unpublishing_a_post_with_glob_characters_removes_its_source_copy(tmp_path: Path) -> None:
    srcdir = copy_root("hostile-publish", tmp_path)
    post = write_post(srcdir, "2025-01-09-[x]*.md", "globunpublished")
    app = build(srcdir, freshenv=True)
    outdir = Path(app.outdir)
    assert "_sources/news/2025-01-09-[x]*.md.txt: globunpublished" in files_mentioning(
        outdir, "globunpublished"
    )
    post.write_text(post.read_text("utf-8").replace("---\n\n", "published: false\n---\n\n"))
    build(srcdir)
    assert files_mentioning(outdir, "globunpublished") == []
