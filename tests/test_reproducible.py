"""Same input, same output: clean builds are byte-identical, and ``-j 2`` equals serial."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import needs_docs_site

REPO = Path(__file__).resolve().parent.parent


def build(src: Path, out: Path, *options: str, keep: bool = False) -> str:
    """A clean ``sphinx-build`` in its own process, as users and Read the Docs run it;
    ``keep`` builds incrementally on the last build's output instead."""
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("READTHEDOCS_CANONICAL_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", *options, str(src), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def snapshot(out: Path) -> dict[str, str]:
    """Every output file's hash; the doctree cache is not output."""
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    return sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("reproducible") / "docs"
    shutil.copytree(REPO / "docs", src, ignore=shutil.ignore_patterns("_build"))
    return src


@needs_docs_site
def test_two_clean_builds_are_byte_identical(site: Path) -> None:
    out = site.parent / "out"
    build(site, out)
    first = snapshot(out)
    build(site, out)
    assert len(first) > 50
    assert differences(first, snapshot(out)) == []


@needs_docs_site
def test_parallel_build_equals_serial(site: Path) -> None:
    out = site.parent / "out"
    build(site, out)
    serial = snapshot(out)
    log = build(site, out, "-j", "2")
    # ablog's posts are merged after a parallel read: no fallback to a serial read
    assert "doing serial read" not in log
    assert differences(serial, snapshot(out)) == []


def search_index_as_sphinx_keeps_it(out: Path) -> dict:
    """``searchindex.js`` less what Sphinx 9 itself does not keep across incremental
    builds, in any project: ``indexentries`` of the pages it does not rewrite (its env
    is pickled before the write phase feeds them), and words no page has any more
    (kept, with no pages)."""
    text = (out / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    index.pop("indexentries")
    index["terms"] = {word: pages for word, pages in index["terms"].items() if pages != []}
    return index


@needs_docs_site
def test_an_incremental_build_equals_a_clean_one(site: Path, tmp_path: Path) -> None:
    src = tmp_path / "docs"
    shutil.copytree(site, src)
    out = tmp_path / "out"
    build(src, out)
    post = next(iter(sorted((src / "news").glob("*.md"))))
    post.write_text(post.read_text("utf-8").replace("title: ", "title: Edited ", 1), "utf-8")
    build(src, out, keep=True)
    incremental, incremental_index = snapshot(out), search_index_as_sphinx_keeps_it(out)
    assert any("Edited " in p.read_text("utf-8") for p in out.glob("news/*.html"))
    build(src, out)
    assert differences(incremental, snapshot(out)) == ["searchindex.js"]
    assert incremental_index == search_index_as_sphinx_keeps_it(out)
