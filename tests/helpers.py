"""Small helpers shared by the build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from ablog.blog import Blog
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text("utf-8"), "lxml")


def warnings_of(app: SphinxTestApp) -> str:
    return strip_escape_sequences(app.warning.getvalue())


def heading_text(tag) -> str:
    """A heading's text without the permalink sign."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return tag.get_text()


def copy_root(name: str, destination: Path) -> Path:
    """A private copy of a test root, for tests that edit sources or share one build."""
    srcdir = destination / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(srcdir: Path, builder: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` once, with ablog's class-level post registry emptied first."""
    Blog._dict.clear()
    app = SphinxTestApp(builder, srcdir=srcdir, **kwargs)
    app.build()
    return app
