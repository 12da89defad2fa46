"""The built site in a real browser (headless Chromium), served under ``/en/latest/``.

Serving under a prefix is what Read the Docs does, and what breaks sites that
write site-absolute URLs. Loads the landing page, a post and an archive page and
checks what a reader would notice: images that do not load, centred images that
are not centred, script errors, a feed link that leads nowhere. Screenshots of
each page are kept in ``tests/artifacts/``.

Skipped, with the reason, where Chromium, chromedriver or Selenium is missing;
``.ci/run`` installs Debian's ``chromium`` and ``chromium-driver``.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from browser_support import BROWSER_MARKS, chromium, served_docs_site
from browser_support import wait_for as shared_wait_for
from helpers import (
    PREFIX,
)

ARTIFACTS = Path(__file__).parent / "artifacts"
TIMEOUT = 20  # seconds, for every page load and wait

PAGES = {
    "landing": "index.html",
    "post": "news/2025-07-14-lai4bm-2025-workshop.html",
    "archive": "news/category/news.html",
}

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The docs site built for, and served at, ``http://127.0.0.1:<port>/en/latest/``."""
    with served_docs_site(tmp_path_factory, "browser") as base:
        yield base


@pytest.fixture(scope="module")
def browser(site: str, tmp_path_factory: pytest.TempPathFactory):
    with chromium(tmp_path_factory, "1280,1000", TIMEOUT) as driver:
        yield driver


def wait_for(driver, script: str) -> None:
    shared_wait_for(driver, script, TIMEOUT)


def load(driver, url: str) -> None:
    """Open ``url`` and bring every image into view, as a reader scrolling would."""
    driver.get_log("browser")  # drop messages from the previous page
    driver.get(url)
    wait_for(driver, "return document.readyState === 'complete'")
    count = driver.execute_script("return document.images.length")
    for index in range(count):
        driver.execute_script("document.images[arguments[0]].scrollIntoView()", index)
        wait_for(driver, f"return document.images[{index}].complete")
    driver.execute_script("window.scrollTo(0, 0)")


CENTRING = """
return Array.from(document.querySelectorAll(
  'img.labnews-cover, div.labnews-centered img'
)).map(img => {
  const box = img.closest('div.labnews-centered') || img.parentElement;
  const a = img.getBoundingClientRect(), b = box.getBoundingClientRect();
  return [img.getAttribute('src'), (a.left + a.right) / 2 - (b.left + b.right) / 2];
});
"""


@pytest.mark.parametrize("name", list(PAGES))
def test_page_in_chromium(site: str, browser, name: str) -> None:
    started = time.monotonic()
    load(browser, site + PAGES[name])
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))

    broken = browser.execute_script(
        "return Array.from(document.images)"
        ".filter(i => !(i.naturalWidth > 0)).map(i => i.currentSrc || i.src)"
    )
    assert browser.execute_script("return document.images.length") > 0
    assert broken == [], f"images that did not load on {name}: {broken}"

    offsets = browser.execute_script(CENTRING)
    if name == "post":
        assert offsets, "the post shows its cover and centred images"
    off_centre = [(src, offset) for src, offset in offsets if abs(offset) > 2]
    assert off_centre == [], f"images off centre (px) on {name}: {off_centre}"

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], f"console errors on {name}: {errors}"

    feed = browser.execute_script(
        "const l = document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]');"
        "return l && l.href"
    )
    assert feed and feed.startswith(site), feed
    with urllib.request.urlopen(feed, timeout=TIMEOUT) as response:
        assert response.status == 200
        parsed = feedparser.parse(response.read())
    assert not parsed.bozo and parsed.entries
    print(f"{name}: {time.monotonic() - started:.2f} s")


def test_outside_the_prefix_is_not_served(site: str) -> None:
    root = site[: -len(PREFIX)] + "/index.html"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(root, timeout=TIMEOUT)
    error.value.close()
    assert error.value.code == 404


def test_post_sidebar_loads_recent_news_from_the_fragment(site: str, browser) -> None:
    """The sidebar is a link to all news until its script replaces it with the fragment's
    recent news and counts, links resolved against the fragment, this post marked."""
    load(browser, site + PAGES["post"])
    wait_for(browser, "return !document.querySelector('[data-labnews-recent]')")
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.ablog__recentposts li a'))"
        ".map(a => [a.href, a.getAttribute('aria-current')])"
    )
    assert len(links) == 3  # the site has three posts
    assert all(href.startswith(site + "news/") for href, _ in links), links
    assert [href for href, current in links if current == "page"] == [site + PAGES["post"]]
    with urllib.request.urlopen(links[0][0], timeout=TIMEOUT) as response:
        assert response.status == 200
