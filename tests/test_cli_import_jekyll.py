"""``labnews import-jekyll`` on small Jekyll sites built in ``tmp_path``."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import SMART_LAB_TEXT, make_docs, write

from sphinx_labnews.cli.import_jekyll import MANIFEST_NAME, import_jekyll
from sphinx_labnews.cli.main import main

REPO = Path(__file__).parent.parent
# the -W report builds in-process: sphinx-notfound-page 1.1 and myst-parser use deprecated
# Sphinx APIs (as in test_cli_check.py). Not ours to fix.
pytestmark = [
    pytest.mark.filterwarnings("ignore:'tags' will become a required keyword argument"),
    pytest.mark.filterwarnings(
        "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
    ),
]
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
    paths = ["--dest", str(docs / "news"), "--conf-dir", str(docs)]
    return main(["import-jekyll", str(root), *paths, *check, *extra])


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


# ---------------------------------------------------------------- issue 13: the site


def post_text(title: str, body: str = "Text.", extra: str = "") -> str:
    return f"---\ntitle: {title}\n{extra}---\n\n{body}\n"


def test_posts_in_every_folder_and_suffix_jekyll_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "jekyll"
    write(root / "_config.yml", "collections:\n  news:\n    output: true\n  projects: {}\n")
    write(root / "_posts/2023/2023-01-01-year-folder.md", post_text("Year"))
    for suffix in (".markdown", ".mkd", ".mkdn", ".mkdown"):
        write(root / f"_posts/2023-02-0{len(suffix)}-s{suffix}", post_text(suffix))
    write(root / "_posts/2023-03-01-page.html", post_text("Html", "<p>Kept as HTML.</p>"))
    write(root / "_posts/2023-03-02-old.textile", post_text("Textile"))
    write(root / "_posts/notes.txt", "not a post")
    write(root / "_posts/undated.md", post_text("Undated"))
    write(root / "_news/inline.md", post_text("Inline", extra="date: 2023-04-01\n"))
    write(root / "_projects/p.md", post_text("Project", extra="date: 2023-04-01\n"))
    write(root / "_news/about-page.md", post_text("Not news"))
    write(root / "_drafts/idea.md", post_text("Idea"))
    write(root / "blog/_posts/2023-05-01-category-folder.md", post_text("Category folder"))
    docs = make_docs(tmp_path)
    assert run(root, docs) == 0
    out = capsys.readouterr().out
    names = sorted(p.name for p in (docs / "news").glob("*.md"))
    assert names == [
        "2023-01-01-year-folder.md",
        "2023-02-04-s.md",
        "2023-02-05-s.md",
        "2023-02-07-s.md",
        "2023-02-09-s.md",
        "2023-03-01-page.md",
        "2023-04-01-inline.md",
        "2023-05-01-category-folder.md",
    ]
    assert "_posts/2023-03-02-old.textile: Textile is not supported" in out
    assert "_posts/notes.txt: not a post" in out
    assert "_posts/undated.md: not named YYYY-MM-DD-title" in out
    assert "_drafts/idea.md: a draft; --drafts imports drafts" in out
    assert "_projects" not in out
    assert "_news/about-page.md: a document of the 'news' collection without a date" in out
    html_post = (docs / "news/2023-03-01-page.md").read_text()
    assert "<p>Kept as HTML.</p>" in html_post


def test_drafts_and_posts_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "jekyll"
    write(root / "_posts/2023-01-01-a.md", post_text("A"))
    write(root / "_drafts/2023-01-02-idea.md", post_text("Idea"))
    write(root / "archive/2020-01-01-old.md", post_text("Old"))
    docs = make_docs(tmp_path)
    assert run(root, docs, "--drafts") == 0
    assert (docs / "news/2023-01-02-idea.md").is_file()
    # a draft is not published: it gets no redirect
    assert "2023/01/02/idea" not in json.loads((docs / "_redirects.json").read_text())
    assert run(root, docs, "--posts-dir", "archive") == 0
    assert (docs / "news/2020-01-01-old.md").is_file()


def test_symlinked_posts_and_folders_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    write(outside / "2023-01-01-secret.md", post_text("Secret", "The secret text."))
    root = tmp_path / "jekyll"
    write(root / "_posts/2023-01-02-real.md", post_text("Real"))
    (root / "_posts/2023-01-01-secret.md").symlink_to(outside / "2023-01-01-secret.md")
    (root / "_posts/more").symlink_to(outside, target_is_directory=True)
    docs = make_docs(tmp_path)
    assert run(root, docs) == 0
    out = capsys.readouterr().out
    assert "_posts/2023-01-01-secret.md: a symbolic link; refused" in out
    assert "_posts/more: a symbolic link; refused" in out
    assert not any("secret" in p.read_text() for p in (docs / "news").glob("*.md"))


@pytest.mark.parametrize(
    ("front", "refused"),
    [
        ("permalink: /../../../../tmp/x\n", "'/../../../../tmp/x' climbs out"),
        ("categories: ..\n", "'/../2023/01/01/climb.html' climbs out"),
        ("permalink: /a/./b\n", "'/a/./b' climbs out"),
    ],
)
def test_climbing_permalinks_are_refused_but_the_post_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], front: str, refused: str
) -> None:
    root = tmp_path / "jekyll"
    write(root / "_posts/2023-01-01-climb.md", post_text("Climb", extra=front))
    docs = make_docs(tmp_path)
    assert run(root, docs) == 0
    out = capsys.readouterr().out
    assert f"redirect refused: old URL {refused}" in out
    assert (docs / "news/2023-01-01-climb.md").is_file()
    assert not (docs / "_redirects.json").exists()


@pytest.mark.parametrize(("permalink", "page"), [("/", "index"), ("/archive.html", "archive")])
def test_an_old_url_never_replaces_a_page_of_the_new_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], permalink: str, page: str
) -> None:
    root = tmp_path / "jekyll"
    write(root / "_posts/2023-01-01-home.md", post_text("Home", extra=f"permalink: {permalink}\n"))
    docs = tmp_path / "site"
    assert main(["init", str(docs)]) == 0
    assert run(root, docs) == 0
    assert f"redirect refused: {permalink!r} is a page of the new site" in capsys.readouterr().out
    assert not (docs / "_redirects.json").exists()


def test_redirects_unpublished_and_redirect_from(tmp_path: Path) -> None:
    root = tmp_path / "jekyll"
    write(root / "_config.yml", "permalink: /:year/:title/\n")
    write(root / "_posts/2023-01-01-hidden.md", post_text("Hidden", extra="published: false\n"))
    extra = "redirect_from:\n  - /old/shown.html\n  - /../../escape\n  - https://x.org/y\n"
    write(root / "_posts/2023-01-02-shown.md", post_text("Shown", extra=extra))
    docs = make_docs(tmp_path)
    assert run(root, docs) == 0
    assert json.loads((docs / "_redirects.json").read_text()) == {
        "2023/shown/index": "news/2023-01-02-shown",
        "old/shown": "news/2023-01-02-shown",
    }


def test_a_post_already_in_the_destination_is_not_imported_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "jekyll"
    write(root / "_posts/2023-01-01-the-talk.md", post_text("'&quot;The talk&quot;'"))
    docs = make_docs(tmp_path)
    write(
        docs / "news/2023-01-01-talk.md",
        post_text("'\"The  talk\"'", extra="last_updated: 2023/01/01\n"),
    )
    assert run(root, docs) == 0
    out = capsys.readouterr().out
    assert (
        "not imported _posts/2023-01-01-the-talk.md: same title and date as 2023-01-01-talk.md"
        in out
    )
    assert out.splitlines()[-1].endswith("duplicates 1")
    assert not (docs / "news/2023-01-01-the-talk.md").exists()
    # the old address of the repeat leads to the post it repeats
    redirects = json.loads((docs / "_redirects.json").read_text())
    assert redirects == {"2023/01/01/the-talk": "news/2023-01-01-talk"}


def test_old_urls_of_collections_and_site_defaults() -> None:
    from sphinx_labnews.cli.jekyll_site import JekyllSite, SourcePost

    root = Path("/nonexistent")
    site = JekyllSite(root=root, permalink="/blog/:title/")
    site.defaults = [{"scope": {"path": "_posts/talks"}, "values": {"permalink": "/talks/:title"}}]
    posts, news = site._read_collections({"collections": {"news": {"output": True}}})
    doc = SourcePost(root / "_news/ann_1.md", news, "_news/ann_1.md")
    assert site.old_url(doc, {"date": "2023-02-03"}) == "/news/ann_1.html"
    post = SourcePost(root / "_posts/2023-01-01-x.md", posts, "_posts/2023-01-01-x.md")
    assert site.old_url(post, {}) == "/blog/x/"
    talk = SourcePost(root / "_posts/talks/2023-01-01-t.md", posts, "_posts/talks/2023-01-01-t.md")
    assert site.old_url(talk, {}) == "/talks/t"


def test_site_files_and_includes_are_confined(tmp_path: Path) -> None:
    from sphinx_labnews.cli.jekyll_site import JekyllSite

    write(tmp_path / "secret.txt", "secret")
    root = tmp_path / "jekyll"
    write(root / "_config.yml", "baseurl: /lab\n")
    write(root / "assets/a.pdf", "pdf")
    write(root / "_includes/note.md", "A note.")
    (root / "assets/link.pdf").symlink_to(tmp_path / "secret.txt")
    (root / "_includes/link.md").symlink_to(tmp_path / "secret.txt")
    (root / "assets/inner.pdf").symlink_to(root / "assets/a.pdf")  # a link, even inside
    site = JekyllSite.load(root)
    assert site.has_file("/assets/a.pdf") and site.has_file("assets/a.pdf")
    assert site.has_file("/lab/assets/a.pdf")
    assert not site.has_file("/../secret.txt")
    assert not site.has_file("assets/../../secret.txt")
    assert not site.has_file("/assets/link.pdf")
    assert not site.has_file("/assets/inner.pdf")
    assert site.read_include("note.md") == "A note."
    assert site.read_include("../../secret.txt") is None
    assert site.read_include("link.md") is None


def test_linked_files_are_copied_like_images(tmp_path: Path) -> None:
    root = tmp_path / "jekyll"
    write(root / "_config.yml", "url: https://lab.example.org\n")
    body = "See [the slides](/assets/talk.pdf) and [the team](/team/)."
    write(root / "_posts/2023-01-01-talk.md", post_text("Talk", body))
    write(root / "assets/talk.pdf", b"%PDF")
    docs = make_docs(tmp_path)
    assert run(root, docs) == 0
    assert (docs / "assets/talk.pdf").read_bytes() == b"%PDF"
    assert "https://lab.example.org/team/" in (docs / "news/2023-01-01-talk.md").read_text()


# ------------------------------------------------------------- boilerplate sections


def test_boilerplate_variants_are_found_and_the_latest_kept() -> None:
    from sphinx_labnews.cli.about_mining import find_boilerplate, replace_copies

    bodies = [
        "News one.\n\n## About the Reef Lab\n\nThe Reef Lab studies corals.\n",
        "News two.\n\n---\n\n### About Reef Lab\n\nThe Reef Lab studies corals.\n\n## Links\n\nx\n",
        "News three.\n\n### About the Coral Lab\n\nThe Coral Lab studies corals and sponges"
        " in the bay.\n",
        "News four.\n\n### Unrelated\n\nSomething else entirely happened.\n",
    ]
    dates = [dt.datetime(2020, 1, 1), dt.datetime(2021, 1, 1), dt.datetime(2022, 1, 1), None]
    [block] = find_boilerplate(bodies, dates)
    assert (block.key, block.heading) == ("coral-lab", "About the Coral Lab")
    assert block.text == "The Coral Lab studies corals and sponges in the bay."
    assert block.posts == 3
    assert replace_copies(bodies[1], 1, [block]) == (
        "News two.\n\n---\n\n```{about} coral-lab\n```\n\n## Links\n\nx\n"
    )


def test_a_section_in_one_post_only_is_not_boilerplate() -> None:
    from sphinx_labnews.cli.about_mining import find_boilerplate

    bodies = ["## About us\n\nWe are a lab.\n", "## About the talk\n\nIt was long and fun.\n"]
    assert find_boilerplate(bodies, [None, None]) == []


def test_about_from_site_into_an_existing_site_prints_the_conf_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "jekyll"
    for day in (1, 2, 3):
        body = f"Post {day}.\n\n### About Reef\n\nReef Lab studies corals{'!' * day}\n"
        write(root / f"_posts/2023-01-0{day}-p.md", post_text(f"P{day}", body))
    docs = make_docs(tmp_path)
    conf_before = (docs / "conf.py").read_text()
    assert run(root, docs, "--about-from-site") == 0
    out = capsys.readouterr().out
    assert (docs / "_about/reef.md").read_text() == "# About Reef\n\nReef Lab studies corals!!!\n"
    assert (docs / "conf.py").read_text() == conf_before  # someone else's conf.py: printed
    assert "    labnews_about_blocks = {" in out
    assert "        'reef': '_about/reef.md'," in out
    assert "    labnews_default_about = ['smart-lab']" in out
    for day in (1, 2, 3):
        assert "```{about} reef\n```" in (docs / f"news/2023-01-0{day}-p.md").read_text()


# ---------------------------------------------------------------- the -W report


def test_the_report_groups_warnings_and_never_says_failed_0_when_w_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "jekyll"
    for day in (1, 2):
        write(
            root / f"_posts/2023-01-0{day}-p.md",
            post_text(f"P{day}", 'Inline <img src="/static/x.png" alt="x"> image.'),
        )
    write(root / "static/x.png", PNG)
    docs = tmp_path / "site"
    assert main(["init", str(docs)]) == 0
    assert run(root, docs, build_check=True) == 0
    out = capsys.readouterr().out
    assert "sphinx-build -W will fail: 2 warnings remain." in out
    assert "  2 warnings labnews.raw_html: rewrite each as ```{centered-image} path```" in out
    assert "or set suppress_warnings = ['labnews.raw_html'] in conf.py" in out
    last = out.splitlines()[-1]
    assert "failed 0" not in last
    assert last.endswith("sphinx-build -W will fail with 2 warnings (listed above)")


def test_the_report_says_when_w_will_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "jekyll"
    write(root / "_posts/2023-01-01-p.md", post_text("P", "Fine."))
    docs = tmp_path / "site"
    assert main(["init", str(docs)]) == 0
    assert run(root, docs, build_check=True) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "imported 1, unchanged 0, skipped 0 (edited), failed 0; sphinx-build -W will pass"
    ), out
