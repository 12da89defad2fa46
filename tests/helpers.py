"""Small helpers shared by the build tests."""

from __future__ import annotations

import http.server
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ablog.blog import Blog
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"
#: Where the browser tests serve a built site, as Read the Docs serves a version.
PREFIX = "/en/latest/"


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text("utf-8"), "lxml")


def warnings_of(app: SphinxTestApp) -> str:
    return strip_escape_sequences(app.warning.getvalue())


def heading_text(tag) -> str:
    """A heading's text without the permalink sign."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return tag.get_text()


def sitemap_urls(outdir: Path) -> list[str]:
    """The URLs ``sitemap.xml`` lists, in its order."""
    tree = ET.parse(Path(outdir) / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text for loc in tree.findall("s:url/s:loc", ns)]


def copy_root(name: str, destination: Path) -> Path:
    """A private copy of a test root, for tests that edit sources or share one build."""
    srcdir = destination / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(srcdir: Path, builder: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` once, with ablog's class-level post registry emptied first.

    The app comes back finished and cleaned up: its output, env and logs stay
    readable, and Sphinx's global docutils registrations are undone, so the next
    build of the session does not warn that they are registered twice.
    """
    Blog._dict.clear()
    app = SphinxTestApp(builder, srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def build_copy(
    name: str, tmp_path_factory: pytest.TempPathFactory, builder: str = "html", **kwargs
) -> SphinxTestApp:
    """One clean build of a private copy of test root ``name``."""
    return build(copy_root(name, tmp_path_factory.mktemp(name)), builder, freshenv=True, **kwargs)


class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder at ``PREFIX`` only, as Read the Docs serves a version."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


#: Debian's Chromium and its driver, as ``.ci/run`` installs them.
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def start_chromium(window_size: str, profile: Path, timeout: int):
    """Headless Chromium for the browser tests: no background network (this machine has
    none), a fresh profile, the console log kept for the no-error checks."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",  # a container's /dev/shm is small
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={window_size}",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(timeout)
    driver.set_script_timeout(timeout)
    return driver
