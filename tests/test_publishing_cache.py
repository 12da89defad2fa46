"""A build with nothing changed opens no post; a post is left out without changing the config.

Which files are news posts (their front matter decides, on a site without a post
pattern) and whether each is published are kept between builds with each file's
size and mtime (``publishing.VerdictCache``). These tests count, through every
``open`` of the process and through ``publishing.read_source``, the post files a
build opens: none when nothing changed; when one post changed, the decision reads
that one.

Unpublished posts are left out of the documents Sphinx found
(``compat.found_docs.leave_out_found_docs``) instead of through ``exclude_patterns``,
which Sphinx compares between builds.
"""

from __future__ import annotations

import builtins
import io
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from helpers import build, copy_root
from sphinx.errors import ExtensionError

from sphinx_labnews import publishing
from sphinx_labnews.compat.found_docs import leave_out_found_docs

LAB_POST = """---
title: Lab post
last_updated: 2025/03/01
{extra}---

Lab body.
"""


class Opened:
    """Every source file under ``folder`` the process opens, and every ``read_source`` call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder.resolve()
        self.files: list[Path] = []
        self.read_source: list[Path] = []
        real_open, real_read_source = io.open, publishing.read_source

        def spy_open(file, *args, **kwargs):
            self._note(file, self.files)
            return real_open(file, *args, **kwargs)

        def spy_read_source(path: Path) -> bytes:
            self._note(path, self.read_source)
            return real_read_source(path)

        monkeypatch.setattr(io, "open", spy_open)
        monkeypatch.setattr(builtins, "open", spy_open)
        monkeypatch.setattr(publishing, "read_source", spy_read_source)

    def _note(self, file: object, into: list[Path]) -> None:
        if isinstance(file, str | Path):
            path = Path(file).resolve()
            if path.suffix == ".md" and path.is_relative_to(self.folder):
                into.append(path)

    def names(self) -> tuple[list[str], list[str]]:
        return sorted({p.name for p in self.files}), sorted(p.name for p in self.read_source)


def test_a_build_with_nothing_changed_opens_no_post(tmp_path, monkeypatch) -> None:
    srcdir = copy_root("post-order", tmp_path)
    news = srcdir / "news"
    opened = Opened(monkeypatch, news)
    build(srcdir)
    posts = sorted(p.name for p in news.glob("*.md"))
    assert opened.names() == (posts, posts)  # the spies see reads: the first build reads all

    opened.files.clear()
    opened.read_source.clear()
    build(srcdir)
    assert opened.names() == ([], [])

    edited = news / "2025-03-03-echo.md"
    edited.write_text(edited.read_text("utf-8").replace("Omega", "Omega!"), "utf-8")
    opened.files.clear()
    build(srcdir)
    # Sphinx reads the edited post and copies the source of each page it rewrites
    # (the neighbours) into ``_sources/``; the decision reads only the edited post
    assert opened.names()[1] == [edited.name]


def test_without_a_post_pattern_no_file_is_opened_either(tmp_path, monkeypatch) -> None:
    """An ablog site with the extension added: front matter decides, for every Markdown file."""
    srcdir = copy_root("ablog-myst", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + '\nextensions.append("sphinx_labnews")\n', "utf-8")
    (srcdir / "news" / "2025-03-01-lab.md").write_text(LAB_POST.format(extra=""), "utf-8")
    draft = srcdir / "drafts" / "2025-03-02-draft.md"
    draft.parent.mkdir()
    draft.write_text(LAB_POST.format(extra="published: false\n"), "utf-8")
    opened = Opened(monkeypatch, srcdir)
    first = build(srcdir)
    assert "news/2025-03-01-lab" in first.env.ablog_posts
    assert "drafts/2025-03-02-draft" not in first.env.found_docs
    # every Markdown file but an index (never a post) is read once, to decide
    assert opened.names()[1] == sorted(["launch.md", "update.md", "2025-03-01-lab.md", draft.name])

    opened.files.clear()
    opened.read_source.clear()
    again = build(srcdir)
    assert opened.names() == ([], [])
    assert "drafts/2025-03-02-draft" not in again.env.found_docs
    assert not (Path(again.outdir) / "drafts" / "2025-03-02-draft.html").exists()


def test_leave_out_found_docs_purges_what_the_last_build_had() -> None:
    found = {"index", "news/a", "news/b", "news/c"}
    added, changed, removed = {"news/c"}, {"news/b"}, {"gone"}
    env = SimpleNamespace(
        found_docs=found, all_docs={"index": 1, "news/a": 1, "news/b": 1, "gone": 1}
    )
    left = leave_out_found_docs(env, ["news/b", "news/c", "news/x"], added, changed, removed)
    assert left == {"news/b", "news/c"}
    assert found == {"index", "news/a"}
    assert (added, changed) == (set(), set())
    assert removed == {"gone", "news/b"}  # c was never built: nothing to purge


def test_leave_out_found_docs_refuses_a_copy_of_the_documents() -> None:
    class CopyingEnv:
        all_docs: ClassVar[dict[str, int]] = {}

        @property
        def found_docs(self) -> set[str]:
            return {"news/a"}

    with pytest.raises(ExtensionError, match="cannot leave unpublished posts out"):
        leave_out_found_docs(CopyingEnv(), ["news/a"], set(), set(), set())
