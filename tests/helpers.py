"""Small helpers shared by the build tests."""

from __future__ import annotations

import http.server
import importlib.metadata
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import sphinx
from ablog.blog import Blog
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinx_labnews.env_state import DECLARED

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


#: Pages a build that writes any page rewrites, whatever changed: Sphinx's genindex and
#: search, and sphinx-notfound-page's 404.
EVERY_BUILD = ("404", "genindex", "search")

#: Sphinx 8.1 ends a build in which no document is out of date ("no targets are out of
#: date.") before it writes anything, and writes the root document whenever it writes
#: any page. Sphinx 8.2 dropped both (sphinx-doc/sphinx#13236, "Unconditionally copy
#: static assets in Builder"; #1810 in its changelog).
SPHINX_8_1 = sphinx.version_info[:2] < (8, 2)


def rewritten_by_sphinx(*documents: str, root_doc: str = "index") -> list[str]:
    """The HTML pages an incremental build rewrites when ``documents`` (and the generated
    pages among them) are the ones out of date, on the installed Sphinx: ``[]`` when
    there are none on Sphinx 8.1, else those plus :data:`EVERY_BUILD` (and the root
    document on Sphinx 8.1)."""
    if SPHINX_8_1:
        return sorted({*documents, root_doc, *EVERY_BUILD}) if documents else []
    return sorted({*documents, *EVERY_BUILD})


def _version(distribution: str) -> tuple[int, ...]:
    try:
        version = importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ()
    return tuple(int(part) for part in re.findall(r"\d+", version)[:2])


#: For tests that build the lab's own site (``docs/``): it uses pydata-sphinx-theme 0.22
#: (``templates_skip_empty_check``), which needs Sphinx 8.2; the Sphinx 9 cells of
#: ``nox -s matrix`` build it, the Sphinx 8.1 cells (theme 0.16) skip these tests.
needs_docs_site = pytest.mark.skipif(
    _version("pydata-sphinx-theme") < (0, 22),
    reason="docs/ needs pydata-sphinx-theme >= 0.22 (Sphinx >= 8.2)",
)


def fake_env(**attributes: Any) -> SimpleNamespace:
    """A stand-in for ``app.env`` holding every attribute :mod:`sphinx_labnews.env_state`
    declares (as ``env-before-read-docs`` leaves them), then ``attributes``."""
    env = SimpleNamespace(**{name: initial() for name, initial in DECLARED.items()})
    vars(env).update(attributes)
    return env


def run_node_tests(script: str) -> None:
    """Run ``tests/js/<script>`` with ``node --test`` and fail on any failing case;
    skip where Node.js is missing (CI installs it, see ``.ci/run``)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js for `node --test`: apt-get install nodejs")
    path = Path(__file__).parent / "js" / script
    result = subprocess.run(
        [node, "--test", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
