"""What the browser tests share: their marks, the served docs site, and Chromium.

``test_browser.py``, ``test_browser_design.py`` and ``test_cms_e2e.py`` each start from
these; each module still calls ``pytest.importorskip("selenium.webdriver")`` itself, so
a machine without Selenium skips it with the reason.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import (
    CHROMEDRIVER,
    CHROMIUM,
    PREFIX,
    PrefixHandler,
    build,
    start_chromium,
    warnings_of,
)

DOCS = Path(__file__).parent.parent / "docs"

#: ``pytestmark`` of every browser test module (add module-specific skips after these).
BROWSER_MARKS = [
    pytest.mark.browser,
    # myst-parser 5.2 reads a deprecated ``self.app`` when resolving the guide's links
    pytest.mark.filterwarnings(
        "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
    ),
    pytest.mark.skipif(
        not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
        reason=f"needs Chromium ({CHROMIUM}) and chromedriver ({CHROMEDRIVER}): "
        "apt-get install chromium chromium-driver",
    ),
]


@contextmanager
def served_docs_site(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    add_sources: Callable[[Path], None] | None = None,
) -> Iterator[str]:
    """The docs site (plus what ``add_sources`` writes into its copy), built without a
    warning for, and served at, ``http://127.0.0.1:<port>/en/latest/``, as Read the
    Docs serves a version; yields that base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), None)
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    try:
        srcdir = tmp_path_factory.mktemp(name) / "src"
        shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
        if add_sources is not None:
            add_sources(srcdir)
        app = build(srcdir, freshenv=True, confoverrides={"html_baseurl": base})
        assert warnings_of(app) == ""
        server.RequestHandlerClass = functools.partial(PrefixHandler, directory=str(app.outdir))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield base
        finally:
            server.shutdown()
            thread.join(timeout=5)
            app.cleanup()
    finally:
        server.server_close()


@contextmanager
def chromium(tmp_path_factory: pytest.TempPathFactory, window_size: str, timeout: int):
    """:func:`helpers.start_chromium` with a fresh profile in a temporary folder; quit
    and the profile removed afterwards."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    driver = start_chromium(window_size, profile, timeout)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, script: str, timeout: int) -> None:
    """Wait until ``script`` returns something true in the page."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))
