"""End to end: each small Jekyll site in ``tests/jekyll_sites/`` becomes a site that builds.

For every folder there (one Jekyll pattern each, written for these tests), the
test runs what a newcomer runs: ``labnews init DIR``, ``labnews import-jekyll
SITE --dest DIR/news --conf-dir DIR``, then ``sphinx-build -W``. It asserts:

* the import report and the build agree: the report says ``-W`` will pass
  exactly when the build passes, and lists the warnings the build gives;
* on the HTML: every sentence of every imported source post is on its page;
  every image of the post is shown and its file exists; no internal link is
  dead (every page of the output is crawled); no raw Liquid (``{{``, ``{%``),
  kramdown attribute list (``{:``) or HTML tag is shown as text; math is
  MathJax-ready math.

A site may add ``expect.yml`` for what is particular to it (all keys optional):

``args``             extra ``import-jekyll`` arguments (``[--about-from-site]``)
``warnings``         ``{name: count}`` the report must list (default: none, -W passes)
``report``           strings the report must contain
``not_report``       strings it must not contain
``redirects``        old docname → new docname, each must be in ``_redirects.json``
``no_redirects``     old docnames that must *not* be redirected
``not_imported``     source files (site-relative) that must not become posts
``skip_sentences``   regexes: source sentences that may be missing (replaced boilerplate)
``page_text``        new docname → strings its page must contain
``files``            paths that must exist in the built output
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from sphinx_labnews.cli.check import CACHE_DIR
from sphinx_labnews.cli.main import main
from sphinx_labnews.frontmatter import split_front_matter

# sphinx-notfound-page 1.1 and myst-parser use deprecated Sphinx APIs in the report's
# in-process build (as in test_cli_check.py). Not ours to fix.
pytestmark = [
    pytest.mark.filterwarnings("ignore:'tags' will become a required keyword argument"),
    pytest.mark.filterwarnings(
        "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
    ),
]

SITES = Path(__file__).parent / "jekyll_sites"
REPO = Path(__file__).parent.parent
SITE_NAMES = sorted(path.name for path in SITES.iterdir() if path.is_dir())
_IMPORTED = re.compile(r"^\[\d+/\d+\] (?:imported|updated|unchanged) (?P<src>\S+) -> (?P<dst>\S+)$")


# ------------------------------------------------------------------ the source side


def source_body(text: str) -> str:
    _block, end_line = split_front_matter(text)
    return "\n".join(text.split("\n")[end_line:])


def plain_text(markup: str) -> str:
    """What a reader of the old site saw of a Markdown/HTML body, roughly: its words."""
    text = re.sub(r"\{%-?\s*raw\s*-?%\}|\{%-?\s*endraw\s*-?%\}", "", markup)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.DOTALL)
    text = re.sub(r"\{:[^}]*\}", "", text)  # kramdown attribute lists
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`]+", "", text)
    return html.unescape(text)


def sentences(markup: str) -> list[str]:
    """The body's sentences of three words or more, without math."""
    found = []
    for paragraph in re.split(r"\n\s*\n", plain_text(markup)):
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
            if len(sentence.split()) >= 3 and not re.search(r"\$|\\[(\[]", sentence):
                found.append(sentence)
    return found


def source_images(markup: str) -> list[str]:
    """The file names of the images a body shows (Markdown and ``<img>``)."""
    paths = re.findall(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)", markup)
    for double, single in re.findall(
        r"<img\b[^>]*\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", markup, re.IGNORECASE
    ):
        paths.append(double or single)
    # {{ 'x.png' | relative_url }} is x.png; {{ site.baseurl }} is nothing
    paths = [re.sub(r"\{\{-?\s*['\"]([^'\"]*)['\"][^}]*\}\}", r"\1", p) for p in paths]
    return [posixname(re.sub(r"\{\{.*?\}\}", "", path)) for path in paths]


def posixname(path: str) -> str:
    return unquote(urlsplit(path).path).rsplit("/", 1)[-1]


# ------------------------------------------------------------------- the HTML side


def normalise(text: str) -> str:
    """Typography Sphinx adds (smart quotes, dashes) undone; whitespace collapsed."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
    text = text.translate(table).replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\u2026", "...").replace("\xa0", " ")
    # get_text(" ") puts a space between a link and the full stop after it
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))


def article(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return soup.find("article") or soup


def visible_text(node: Any) -> str:
    node = BeautifulSoup(str(node), "html.parser")
    for hidden in node(["script", "style", "pre", "code"]):
        hidden.decompose()
    for math in node.select(".math"):
        math.decompose()
    return normalise(node.get_text(" "))


def dead_links(build: Path) -> list[str]:
    """``page: href`` for every internal link whose file is not in the output."""
    dead = []
    for page in sorted(build.rglob("*.html")):
        if page.relative_to(build).parts[0] in ("_static", "_sources"):
            continue  # theme templates shipped as static files, not pages
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href")):
            for element in soup.find_all(tag):
                target = element.get(attribute)
                if not target or target.startswith("#"):
                    continue
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or target.startswith("/"):
                    continue  # absolute: the old site or the deployed one, not this folder
                resolved = (page.parent / unquote(parts.path)).resolve()
                if parts.path.endswith("/") or resolved.is_dir():
                    resolved = resolved / "index.html"
                if not resolved.is_file():
                    dead.append(f"{page.relative_to(build)}: {target}")
    return dead


# ------------------------------------------------------------------------ the runs


def run_site(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *, sphinx_build: bool
) -> dict[str, Any]:
    """init + import-jekyll (+ sphinx-build -W) of one corpus site, and what the checks need.

    The import report builds the site (``labnews check``'s private build) to say
    what ``-W`` will do; its HTML is what the checks read, unless ``sphinx_build``
    runs the real command too (done for a few sites, to prove the two agree).
    """
    jekyll = tmp_path / "jekyll"
    ignore = shutil.ignore_patterns("expect.yml")
    shutil.copytree(SITES / name, jekyll, symlinks=True, ignore=ignore)
    expect_file = SITES / name / "expect.yml"
    expect = (
        yaml.safe_load(expect_file.read_text(encoding="utf-8")) if expect_file.is_file() else {}
    )
    expect = expect or {}
    docs = tmp_path / "site"
    assert main(["init", str(docs)]) == 0
    capsys.readouterr()
    args = ["import-jekyll", str(jekyll), "--dest", str(docs / "news"), "--conf-dir", str(docs)]
    code = main([*args, *expect.get("args", [])])
    report = capsys.readouterr().out
    build = docs / CACHE_DIR / "html"
    result = None
    if sphinx_build:
        build = tmp_path / "build"
        command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
        result = subprocess.run(
            [*command, str(docs), str(build)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            check=False,
        )
    imported = {}
    for line in report.splitlines():
        match = _IMPORTED.match(line)
        if match:
            imported[match.group("src")] = Path(match.group("dst"))
    return {
        "jekyll": jekyll,
        "docs": docs,
        "build": build,
        "code": code,
        "report": report,
        "build_result": result,
        "expect": expect,
        "imported": imported,
    }


def check_report(run: dict[str, Any]) -> None:
    """The report ends with what -W will do, and lists the warnings the site expects."""
    report, expect = run["report"], run["expect"]
    wanted: dict[str, int] = expect.get("warnings") or {}
    last = report.splitlines()[-1]
    if wanted:
        assert "sphinx-build -W will fail" in report, report
        assert "failed 0" not in last, report
        for warning_name, count in wanted.items():
            noun = "warning" if count == 1 else "warnings"
            assert f"  {count} {noun} {warning_name}:" in report, report
        total = sum(wanted.values())
        assert f"will fail with {total} warning" in last, report
    else:
        assert last.endswith("sphinx-build -W will pass"), report
    for text in expect.get("report", []):
        assert text in report, report
    for text in expect.get("not_report", []):
        assert text not in report, report


#: Sites also built with the real ``sphinx-build -W``: passing, warning, About blocks, math.
REAL_BUILDS = [
    name
    for name in ("year-folders", "climbing-permalink", "about-boilerplate", "kramdown-math")
    if name in SITE_NAMES
]


@pytest.mark.parametrize("name", REAL_BUILDS)
def test_report_agrees_with_sphinx_build(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_site(name, tmp_path, capsys, sphinx_build=True)
    check_report(run)
    result = run["build_result"]
    if run["expect"].get("warnings"):
        assert result.returncode != 0
        names = re.findall(r"\[([\w.-]+)\]$", result.stderr, re.MULTILINE)
        counts = {name: names.count(name) for name in set(names)}
        assert counts == run["expect"]["warnings"], result.stderr
    else:
        assert result.returncode == 0, result.stderr
    check_html(run)


@pytest.mark.parametrize("name", SITE_NAMES)
def test_site_imports_and_builds(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_site(name, tmp_path, capsys, sphinx_build=False)
    assert run["code"] == 0, run["report"]
    check_report(run)
    check_html(run)


def check_html(run: dict[str, Any]) -> None:
    """Redirects, every sentence, image and link, nothing raw shown, math as math."""
    report, expect, build = run["report"], run["expect"], run["build"]

    redirects_file = run["docs"] / "_redirects.json"
    redirects = yaml.safe_load(redirects_file.read_text()) if redirects_file.is_file() else {}
    for old, new in (expect.get("redirects") or {}).items():
        assert redirects.get(old) == new, redirects
        assert (build / f"{old}.html").is_file(), old
    for old in expect.get("no_redirects", []):
        assert old not in redirects, redirects
    for path in expect.get("not_imported", []):
        assert path not in run["imported"], report
    assert not list(run["docs"].parent.rglob("labnews-climb*"))

    skip = [re.compile(pattern) for pattern in expect.get("skip_sentences", [])]
    for source_name, target in run["imported"].items():
        source_text = (run["jekyll"] / source_name).read_text(encoding="utf-8")
        docname = target.relative_to(run["docs"]).with_suffix("").as_posix()
        page = build / f"{docname}.html"
        if "published: false" in source_text:
            assert not page.exists(), page
            continue
        assert page.is_file(), (source_name, page)
        body = article(page)
        text = visible_text(body)
        for sentence in sentences(source_body(source_text)):
            if any(pattern.search(sentence) for pattern in skip):
                continue
            assert normalise(sentence) in text, (source_name, sentence, text)
        shown = [posixname(img.get("src", "")) for img in body.find_all("img")]
        for image in source_images(source_body(source_text)):
            assert any(src.startswith(image.rsplit(".", 1)[0]) for src in shown), (image, shown)
        for img in body.find_all("img"):
            src = img.get("src", "")
            if not urlsplit(src).scheme:
                assert (page.parent / unquote(src)).resolve().is_file(), src
        for raw in ("{{", "{%", "{:"):
            assert raw not in text, (source_name, raw, text)
        assert not re.search(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>", text), (source_name, text)
        if re.search(r"\$\$|\\\(|\\\[", source_body(source_text)):
            assert body.select(".math"), source_name
            assert "mathjax" in page.read_text(encoding="utf-8").lower(), source_name
    for docname, strings in (expect.get("page_text") or {}).items():
        text = visible_text(article(build / f"{docname}.html"))
        for string in strings:
            assert normalise(string) in text, (docname, string)
    for path in expect.get("files", []):
        assert (build / path).is_file(), path
    assert dead_links(build) == []
