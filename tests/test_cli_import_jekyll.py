"""``labnews import-jekyll`` on small Jekyll sites built in ``tmp_path``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import SMART_LAB_TEXT, make_docs, write

from sphinx_labnews.cli.import_jekyll import MANIFEST_NAME, import_jekyll
from sphinx_labnews.cli.main import main

REPO = Path(__file__).parent.parent
#: The lab's three real press releases, as on its Jekyll site (copied from shared/seeds).
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_NAMES = {
    "000": "2025-07-27-hkust-union-hospital-innovation-center.md",
    "001": "2025-07-14-lai4bm-2025-workshop.md",
    "002": "2025-05-06-urop-awards-2025.md",
}
PNG = b"\x89PNG\r\n\x1a\nfake"

GOOD = f"""---
title: 'Workshop'
author: Cheng Jin
group: news
cover: /static/img/news/cover.png
---

<div align="center">
<img src="{{{{ site.baseurl }}}}/static/img/news/cover.png" alt="Banner" style="width: 100%;"/>
</div>

See [the award]({{% post_url 2025-05-06-award %}}).

### About Smart Lab

{SMART_LAB_TEXT}
"""


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "jekyll"
    write(root / "_config.yml", "permalink: pretty\n")
    write(root / "_posts/2025-07-14-workshop.md", GOOD)
    write(
        root / "_posts/2025-05-06-award.markdown",
        "---\ntitle: Award\nlast_updated: 2025/05/06\ncategories: press\n---\n\n"
        '<img src="/static/img/news/missing.png" alt="Gone"/>\n',
    )
    write(root / "static/img/news/cover.png", PNG)
    docs = make_docs(tmp_path)
    return root, docs


def run(root: Path, docs: Path, *extra: str, build_check: bool = False) -> int:
    check = [] if build_check else ["--no-build-check"]
    return main(
        ["import-jekyll", str(root), "--dest", str(docs / "news"), "--conf-dir", str(docs)]
        + check
        + list(extra)
    )


def test_imports_posts_images_redirects(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, docs = site
    assert run(root, docs) == 0
    out = capsys.readouterr().out
    post = (docs / "news/2025-07-14-workshop.md").read_text()
    assert post == (
        "---\ntitle: 'Workshop'\nauthor: Cheng Jin\ngroup: news\n"
        "cover: /static/img/news/cover.png\nlast_updated: 2025/07/14\n---\n\n"
        "```{centered-image} /static/img/news/cover.png\n:alt: Banner\n:width: 100%\n```\n\n"
        "See [the award](2025-05-06-award.md).\n"
    )
    assert (docs / "news/2025-05-06-award.md").is_file()  # .markdown becomes .md
    assert (docs / "static/img/news/cover.png").read_bytes() == PNG
    assert "missing image: /static/img/news/missing.png" in out
    assert "[1/2] imported _posts/2025-05-06-award.markdown" in out
    assert out.splitlines()[-1] == "imported 2, unchanged 0, skipped 0 (edited), failed 0"
    redirects = json.loads((docs / "_redirects.json").read_text())
    assert redirects == {
        "2025/07/14/workshop/index": "news/2025-07-14-workshop",
        "press/2025/05/06/award/index": "news/2025-05-06-award",
    }


def test_second_run_changes_nothing(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, docs = site
    assert run(root, docs) == 0
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    capsys.readouterr()
    assert run(root, docs) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("imported 0, unchanged 2,")
    after = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert after == before
    assert {p: p.stat().st_mtime_ns for p in after} == mtimes


def test_edited_post_is_protected_unless_force(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, docs = site
    run(root, docs)
    post = docs / "news/2025-07-14-workshop.md"
    post.write_text(post.read_text() + "\nEdited by hand.\n")
    write(root / "_posts/2025-07-14-workshop.md", GOOD.replace("Workshop", "Workshop 2"))
    capsys.readouterr()
    assert run(root, docs) == 0
    out = capsys.readouterr().out
    assert "skipped (edited since the last import; --force overwrites)" in out
    assert "Edited by hand." in post.read_text()
    assert run(root, docs, "--force") == 0
    assert "Edited by hand." not in post.read_text()
    assert "Workshop 2" in post.read_text()
    manifest = json.loads((docs / "news" / MANIFEST_NAME).read_text())
    assert set(manifest) == {"2025-07-14-workshop.md", "2025-05-06-award.md"}


def test_malformed_post_fails_but_others_are_converted(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, docs = site
    write(root / "_posts/2025-01-01-broken.md", "---\ntitle: [unclosed\n---\nbody\n")
    assert run(root, docs) == 1
    out = capsys.readouterr().out
    assert "[1/3] failed _posts/2025-01-01-broken.md" in out
    assert "_posts/2025-01-01-broken.md:2: error: front matter is not valid YAML" in out
    assert out.splitlines()[-1] == "imported 2, unchanged 0, skipped 0 (edited), failed 1"
    assert not (docs / "news/2025-01-01-broken.md").exists()
    assert (docs / "news/2025-07-14-workshop.md").exists()


def test_dry_run_writes_nothing(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, docs = site
    before = sorted(docs.rglob("*"))
    assert run(root, docs, "--dry-run") == 0
    assert sorted(docs.rglob("*")) == before
    out = capsys.readouterr().out
    assert "would be imported" in out
    assert out.rstrip().endswith("(dry run: nothing written)")


def test_about_sections(tmp_path: Path) -> None:
    root = tmp_path / "jekyll"
    body = (
        f"Text.\n\n### About Smart Lab\n\n{SMART_LAB_TEXT}\n\n"
        "### About HKUST\n\nHKUST is a\nuniversity.\n"
    )
    write(root / "_posts/2025-01-01-a.md", "---\ntitle: A\n---\n" + body)
    docs = make_docs(tmp_path)
    assert import_jekyll(root, dest=docs / "news", conf_dir=docs) == 0
    text = (docs / "news/2025-01-01-a.md").read_text()
    assert text.endswith("Text.\n\n```{about} hkust\n```\n")


def test_not_a_jekyll_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-jekyll", str(tmp_path), "--dest", str(tmp_path / "out")]) == 1
    assert "is not a folder; is" in capsys.readouterr().err


def _import_seeds(tmp_path: Path) -> Path:
    root = tmp_path / "jekyll"
    for seed in sorted(SEEDS.glob("*.txt")):
        write(root / "_posts" / SEED_NAMES[seed.name[:3]], seed.read_text(encoding="utf-8"))
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("news", "_build"))
    assert import_jekyll(root, dest=docs / "news", conf_dir=docs) == 0
    return docs


def test_seed_redirects_match_docs(tmp_path: Path) -> None:
    docs = _import_seeds(tmp_path)
    assert json.loads((docs / "_redirects.json").read_text()) == json.loads(
        (REPO / "docs/_redirects.json").read_text()
    )


def test_seeds_reproduce_docs_news(tmp_path: Path) -> None:
    docs = _import_seeds(tmp_path)
    for name in SEED_NAMES.values():
        expected = (REPO / "docs/news" / name).read_text(encoding="utf-8")
        assert (docs / "news" / name).read_text(encoding="utf-8") == expected, name


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("/static/../../etc/passwd", "'/static/../../etc/passwd' points outside the documentation"),
        # percent-encoded climbing is decoded before it is judged
        ("/static/..%2f..%2fetc/passwd", "points outside the documentation source"),
        # a site-absolute path outside the static map that climbs out
        ("/../etc/passwd", "points outside the documentation source"),
    ],
)
def test_traversal_is_refused_and_nothing_written_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], image: str, message: str
) -> None:
    root = tmp_path / "jekyll"
    write(
        root / "_posts/2025-01-01-evil.md",
        f'---\ntitle: Evil\n---\n\n<img src="{image}" alt="x"/>\n',
    )
    write(root / "etc/passwd", "secret")
    write(tmp_path / "etc/passwd", "secret")
    docs = make_docs(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    assert run(root, docs) == 1
    out = capsys.readouterr().out
    assert "image refused" in out and message in out
    assert sorted(tmp_path.rglob("*")) == before  # nothing written anywhere


def test_symlinked_image_folder_pointing_outside_the_site_is_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An image reached through a link out of the Jekyll site is reported, never copied."""
    outside = tmp_path / "outside"
    write(outside / "secret.png", "secret")
    root = tmp_path / "jekyll"
    write(
        root / "_posts/2025-01-01-link.md",
        '---\ntitle: Link\n---\n\n<img src="/static/img/secret.png" alt="x"/>\n',
    )
    (root / "static").mkdir(parents=True)
    (root / "static" / "img").symlink_to(outside, target_is_directory=True)
    docs = make_docs(tmp_path)
    run(root, docs)
    out = capsys.readouterr().out
    assert "image /static/img/secret.png is a symbolic link in the Jekyll site; refused" in out
    assert not any(p.name == "secret.png" for p in docs.rglob("*"))


def test_symlinked_docs_image_folder_pointing_outside_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A destination folder that links out of the docs tree is never written through."""
    root = tmp_path / "jekyll"
    write(
        root / "_posts/2025-01-01-img.md",
        '---\ntitle: Img\n---\n\n<img src="/static/img/a.png" alt="x"/>\n',
    )
    write(root / "static/img/a.png", PNG)
    docs = make_docs(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(docs / "static", ignore_errors=True)
    (docs / "static").mkdir()
    (docs / "static" / "img").symlink_to(elsewhere, target_is_directory=True)
    assert run(root, docs) == 1
    assert "leaves the site" in capsys.readouterr().out
    assert list(elsewhere.iterdir()) == []
