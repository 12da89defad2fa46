"""The web editor end to end: Decap CMS in headless Chromium writes a post the site builds.

A temporary git repository holds a copy of ``docs/``; the site is built from it with
``labnews_cms`` on and served on 127.0.0.1 next to the pinned ``decap-cms`` bundle
(from ``tests/e2e/node_modules``, loaded with its SRI hash). ``decap-server`` (Decap's
local backend, as ``npx decap-server`` runs it) writes into the repository. Chromium
logs in, fills the form as a lab member would (a cover upload, a centred image through
the editor component, a ``###`` heading typed in Markdown mode) and publishes; then the
file's bytes are checked, ``labnews check`` passes it and a second build lists it on the
landing page, in the archive and in the feed.

Skipped, with the reason, where Chromium, chromedriver, Node or the npm packages are
missing; ``.ci/run`` installs them (``npm ci`` in ``tests/e2e``). The posts written are
kept in ``tests/artifacts/`` (the fixtures in ``tests/roots/test-cms-posts`` are copies).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import feedparser
import pytest
import yaml
from browser_support import BROWSER_MARKS, chromium
from bs4 import BeautifulSoup
from helpers import build, needs_docs_site, warnings_of

from sphinx_labnews.config import DECAP_CMS_INTEGRITY, DECAP_CMS_VERSION

PROJECT = Path(__file__).parent.parent
DOCS = PROJECT / "docs"
ARTIFACTS = Path(__file__).parent / "artifacts"
NODE_MODULES = Path(__file__).parent / "e2e" / "node_modules"
DECAP_DIST = NODE_MODULES / "decap-cms" / "dist"
DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
NODE = shutil.which("node")
TIMEOUT = 30  # seconds, for every wait on the editor

TITLE = 'The "Smart Lab" wins: Café Ω award'
SLUG = "the-smart-lab-wins-cafe-award"
AUTHOR = "Zoë Chan"
DESCRIPTION = "It's a prize: 'quotes' & #hash"
ALT = 'The gift: a "model" of the centre'

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = [
    *BROWSER_MARKS,
    needs_docs_site,
    pytest.mark.skipif(NODE is None, reason="needs Node.js: apt-get install nodejs npm"),
    pytest.mark.skipif(
        not ((DECAP_DIST / "decap-cms.js").is_file() and DECAP_SERVER.is_file()),
        reason="needs the pinned npm packages decap-cms and decap-server: "
        "run `npm ci` in tests/e2e",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site, with Decap's ``dist`` folder at ``/decap/`` (as a CDN would serve it)."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml",
    }

    def translate_path(self, path: str) -> str:
        if path.startswith("/decap/"):
            name = path.split("?", 1)[0][len("/decap/") :]
            return str(DECAP_DIST / Path(name).name)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"decap-server did not listen on port {port}")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding a copy of ``docs/``, as the lab's repository does."""
    root = tmp_path_factory.mktemp("cms") / "repo"
    shutil.copytree(DOCS, root / "docs", ignore=shutil.ignore_patterns("_build"))
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "docs"]):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)
    return root


@pytest.fixture(scope="module")
def backend(repo: Path) -> Iterator[int]:
    """``decap-server`` on 127.0.0.1, writing into ``repo``; stopped after the module."""
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen([NODE, str(DECAP_SERVER)], env=env, cwd=repo)
    try:
        wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def admin(repo: Path, backend: int) -> Iterator[str]:
    """The site built with the editor on, served; the admin page's URL."""
    integrity = sri(DECAP_DIST / "decap-cms.js")
    app = build(
        repo / "docs",
        freshenv=True,
        confoverrides={
            "labnews_cms": True,
            "labnews_cms_backend": {"name": "github", "repo": "lab/news", "branch": "main"},
            "labnews_cms_local_backend": f"http://127.0.0.1:{backend}/api/v1",
            "labnews_cms_script_url": "/decap/decap-cms.js",
            "labnews_cms_script_integrity": integrity,
        },
    )
    assert warnings_of(app) == ""
    server, base = serve(Path(app.outdir))
    try:
        yield f"{base}/admin/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    with chromium(tmp_path_factory, "1400,1000", TIMEOUT) as driver:
        yield driver


class Editor:
    """Stable handles on Decap's form: field ids (``<name>-field-<n>``), visible text."""

    def __init__(self, driver) -> None:
        self.driver = driver

    def wait(self, condition):
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        try:
            return WebDriverWait(self.driver, TIMEOUT).until(condition)
        except TimeoutException:
            ARTIFACTS.mkdir(exist_ok=True)
            self.driver.save_screenshot(str(ARTIFACTS / "cms-timeout.png"))
            raise

    def visible(self, by: str, query: str):
        """The last visible element matching (the innermost, for nested forms)."""
        return self.wait(
            lambda d: [e for e in d.find_elements(by, query) if e.is_displayed()] or None
        )[-1]

    def button(self, text: str):
        return self.visible("xpath", f"//*[normalize-space()='{text}' and not(*)]")

    def field(self, name: str):
        return self.visible("css selector", f"[id^='{name}-field-']")

    def paste(self, element, text: str) -> None:
        """Set an input's whole value at once, as pasting does (the tags list widget
        re-splits on every key, so keys typed one by one by WebDriver lose the commas)."""
        self.driver.execute_script(
            "const [el, text] = arguments;"
            "const proto = Object.getPrototypeOf(el);"
            "Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, text);"
            "el.dispatchEvent(new Event('input', {bubbles: true}));",
            element,
            text,
        )

    def upload(self, path: Path) -> None:
        """Upload through the media library that "Choose an image" opened, and choose it."""
        self.wait(lambda d: d.find_elements("css selector", "input[type=file]"))[0].send_keys(
            str(path)
        )
        self.visible("xpath", "//button[normalize-space()='Choose selected' and not(@disabled)]")
        self.button("Choose selected").click()
        self.wait(lambda d: not d.find_elements("xpath", "//*[text()='Choose selected']"))

    def markdown_mode(self, on: bool = True) -> None:
        """Switch the body between Markdown and rich text (Decap remembers the last mode;
        in Markdown mode the formatting buttons are disabled)."""
        bold = "button[title='Bold']"

        def is_markdown(driver) -> bool:
            return driver.find_element("css selector", bold).get_attribute("disabled") is not None

        self.visible("css selector", bold)
        if is_markdown(self.driver) != on:
            self.driver.find_element(
                "xpath", "//span[normalize-space()='Markdown']/preceding-sibling::button"
            ).click()
            self.wait(lambda d: is_markdown(d) == on)

    def new_post(self, admin: str) -> None:
        """Open an empty form (after a publish, once Decap has moved to the saved entry)."""
        self.wait(lambda d: "/new" not in d.current_url)
        self.driver.get(admin + "#/collections/posts/new")
        self.wait(
            lambda d: [
                e
                for e in d.find_elements("css selector", "[id^='title-field-']")
                if e.is_displayed() and e.get_attribute("value") == ""
            ]
        )

    def publish(self) -> None:
        self.button("Publish").click()
        self.button("Publish now").click()
        # Decap shows the saved entry at its own URL when the backend has written it
        self.wait(lambda d: "/new" not in d.current_url)


def wait_for_file(path: Path, driver) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text("utf-8").rstrip().endswith(("day.", "```")):
            return path.read_text("utf-8")
        time.sleep(0.2)
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "cms-timeout.png"))
    written = sorted(p.name for p in path.parent.iterdir())
    raise AssertionError(f"the editor did not write {path}; the folder holds {written}")


def labnews_check(post: Path, docs: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "sphinx_labnews", "check", str(post), "--conf-dir", str(docs)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def front_matter(text: str) -> dict:
    assert text.startswith("---\n"), text
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_pinned_bundle_matches_the_default_script() -> None:
    """The npm package is the release the default URL names, with the hash we ship."""
    package = json.loads((NODE_MODULES / "decap-cms" / "package.json").read_text("utf-8"))
    assert package["version"] == DECAP_CMS_VERSION
    assert sri(DECAP_DIST / "decap-cms.js") == DECAP_CMS_INTEGRITY


def test_editor_writes_a_post_the_site_builds(admin: str, repo: Path, browser, tmp_path) -> None:
    from selenium.webdriver.common.keys import Keys

    started = time.monotonic()
    news = repo / "docs" / "news"
    cover, photo = tmp_path / "team-photo.png", tmp_path / "gift.png"
    shutil.copyfile(DOCS / "static/img/news/2025_hkust_union_medeng_center_team.png", cover)
    shutil.copyfile(DOCS / "static/img/news/2025_hkust_union_medeng_center_gift.png", photo)
    editor = Editor(browser)

    browser.get(admin)
    editor.button("Login").click()
    editor.visible("xpath", "//*[contains(text(), 'News/Posts')]")
    today = dt.date.today()

    # a post with every field
    editor.new_post(admin)
    editor.field("title").send_keys(TITLE)
    editor.field("author").send_keys(AUTHOR)
    editor.button("Choose an image").click()
    editor.upload(cover)
    editor.field("oneline_description").send_keys(DESCRIPTION)
    editor.button("Now").click()
    editor.paste(editor.field("tags"), "award, people")
    editor.markdown_mode(False)  # components are inserted in rich text
    editor.visible("css selector", "button[title='Add Component']").click()
    editor.button("Centred image").click()
    editor.field("alt")
    editor.button("Choose an image").click()  # the component's, the last one shown
    editor.upload(photo)
    editor.field("alt").send_keys(ALT)
    editor.field("width").send_keys("80%")
    editor.field("caption").send_keys("Handed over in July")
    editor.markdown_mode(True)
    body = editor.visible("css selector", "[data-slate-editor]")
    body.click()
    body.send_keys(Keys.CONTROL, Keys.END)
    body.send_keys(Keys.ENTER, Keys.ENTER, "### Programme", Keys.ENTER, Keys.ENTER)
    body.send_keys("Talks ran all day.")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "cms-editor.png"))  # the form and the preview
    editor.publish()
    full = news / f"{today:%Y-%m-%d}-{SLUG}.md"
    full_text = wait_for_file(full, browser)

    # a post with no cover, and no About blocks (the opt-out)
    editor.new_post(admin)
    editor.field("title").send_keys("Short note")
    editor.field("author").send_keys("Lab")
    editor.field("oneline_description").send_keys("Just a few words.")
    editor.button("Now").click()
    editor.field("about").click()  # off: none of the default About blocks
    editor.markdown_mode(False)  # components are inserted in rich text
    editor.visible("css selector", "button[title='Add Component']").click()
    editor.button("About block").click()
    choice = editor.visible("css selector", "[id^='key-field-']")
    choice.send_keys("hkust", Keys.ENTER)
    editor.markdown_mode(True)
    body = editor.visible("css selector", "[data-slate-editor]")
    body.click()
    body.send_keys(Keys.CONTROL, Keys.HOME)
    body.send_keys("Just a few words.", Keys.ENTER, Keys.ENTER)
    editor.publish()
    short = news / f"{today:%Y-%m-%d}-short-note.md"
    short_text = wait_for_file(short, browser)
    edited = time.monotonic() - started

    (ARTIFACTS / "cms-post-every-field.md").write_text(full_text, "utf-8")
    (ARTIFACTS / "cms-post-no-cover.md").write_text(short_text, "utf-8")

    data = front_matter(full_text)
    assert data == {
        "title": TITLE,
        "published": True,
        "author": AUTHOR,
        "group": "news",
        "cover": "/static/img/news/team-photo.png",
        "oneline_description": DESCRIPTION,
        "last_updated": f"{today:%Y/%m/%d}",
        "tags": ["award", "people"],
        "about": True,
    }
    assert f"\nlast_updated: {today:%Y/%m/%d}\n" in full_text  # a plain string, as the lab's
    assert (
        "```{centered-image} /static/img/news/gift.png\n"
        f":alt: {ALT}\n:width: 80%\n:caption: Handed over in July\n```\n\n"
        "### Programme\n\nTalks ran all day.\n"
    ) in full_text
    assert (repo / "docs/static/img/news/team-photo.png").read_bytes() == cover.read_bytes()
    assert (repo / "docs/static/img/news/gift.png").read_bytes() == photo.read_bytes()
    short_data = front_matter(short_text)
    assert "cover" not in short_data or not short_data["cover"]
    assert short_data["about"] is False
    assert short_text.endswith("Just a few words.\n\n```{about} hkust\n```\n"), short_text

    for post in (full, short):
        result = labnews_check(post, repo / "docs")
        assert result.returncode == 0, result.stdout + result.stderr

    app = build(repo / "docs", freshenv=True)
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    slug_page = f"{today:%Y-%m-%d}-{SLUG}.html"
    for listing in ("index.html", "archive.html"):  # the landing page, All news
        soup = BeautifulSoup((outdir / listing).read_text("utf-8"), "lxml")
        links = [a for a in soup.select("a[href]") if a["href"].endswith(slug_page)]
        assert links, f"{listing} does not link the new post"
        assert TITLE in soup.get_text(), f"{listing} does not show the title"
    feed = feedparser.parse((outdir / "news" / "atom.xml").read_bytes())
    assert not feed.bozo
    assert TITLE in [entry.title for entry in feed.entries]
    post_html = (outdir / "news" / slug_page).read_text("utf-8")
    assert 'alt="The gift: a &quot;model&quot; of the centre"' in post_html
    assert "Programme" in post_html
    short_html = (outdir / f"news/{today:%Y-%m-%d}-short-note.html").read_text("utf-8")
    assert short_html.count('class="labnews-about ') == 1  # only the block placed
    assert "About The Hong Kong University of Science and Technology" in short_html
    print(f"editor: {edited:.1f} s, whole test: {time.monotonic() - started:.1f} s")


def test_admin_page_loads_only_the_pinned_script(admin: str) -> None:
    with urllib.request.urlopen(admin, timeout=TIMEOUT) as response:
        html = response.read().decode("utf-8")
    assert f'integrity="{sri(DECAP_DIST / "decap-cms.js")}"' in html
